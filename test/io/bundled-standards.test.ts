import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { countCriteria, type Framework } from '../../src/core/framework.js';
import { readLibrary } from '../../src/io/framework-library.js';

const library = await readLibrary({});
const frameworks = library.map((entry) => entry.current);
const everyEdition = library.flatMap((entry) => [entry.current, ...entry.earlier]);

describe('the bundled standards library', () => {
  it('holds the seven frameworks', () => {
    expect(frameworks.map((f) => f.framework.id)).toEqual(['ceo-briefing-2009', 'climbie-2003', 'kcsie-2025', 'nhs-saaf-2024', 'section-11', 'working-together-2013', 'working-together-2023']);
    expect(frameworks.every((f) => f.bundled)).toBe(true);
  });

  it.each(everyEdition.map((f) => [`${f.framework.id}@${f.framework.version}`, f.framework] as const))('%s cites its source and gives guidance a practitioner can act on', (_id, framework) => {
    expect(framework.source.title.length).toBeGreaterThan(10);
    expect(framework.source.citation?.length ?? 0).toBeGreaterThan(40);
    // Consecutive from 1: four levels, or three for the schools' RAG return.
    const values = framework.scale.map((l) => l.value);
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
    expect(values.length).toBe(framework.id === 'kcsie-2025' ? 3 : 4);
    for (const level of framework.scale) expect(level.description.length).toBeGreaterThan(40);
    expect(framework.roles?.length ?? 0).toBeGreaterThan(3);
    for (const criterion of framework.standards.flatMap((s) => s.criteria)) {
      expect(criterion.guidance?.length ?? 0, criterion.id).toBeGreaterThan(100);
      expect(criterion.evidenceExamples?.length ?? 0, criterion.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('renders the Climbié audit as seven standards of about sixty statements, saying what is reconstructed', () => {
    const climbie = frameworks.find((f) => f.framework.id === 'climbie-2003')!.framework;
    expect(climbie.standards.map((s) => s.title)).toEqual([
      'Referral',
      'Assessment',
      'Allocation, service provision and closure',
      'Guidance',
      'Training and development',
      'Organisation and management',
      'Inter-agency working',
    ]);
    expect(countCriteria(climbie)).toBeGreaterThanOrEqual(55);
    expect(countCriteria(climbie)).toBeLessThanOrEqual(65);
    expect(climbie.standards[5]!.note).toMatch(/reconstructed/i);
    expect(climbie.standards[6]!.note).toMatch(/reconstructed/i);
    expect(climbie.scale[3]!.description).toMatch(/systematic monitoring/i);
  });

  it('keeps, in the earlier Section 11 edition, the 2007 key features and the arrangements added later', () => {
    const s11 = library.find((e) => e.id === 'section-11')!.earlier.find((e) => e.framework.version === '2007-2018')!.framework;
    const titles = s11.standards.map((s) => s.title.toLowerCase()).join(' | ');
    for (const word of ['senior management', 'statement', 'accountability', 'training', 'recruitment', 'inter-agency', 'information sharing', 'supervision', 'allegations', 'whistleblowing', 'escalation']) {
      expect(titles).toContain(word);
    }
  });

  it('follows, in the current Section 11 edition, the Working Together 2023 chapter 4 list, with kinds, legal basis and audiences', () => {
    const s11 = frameworks.find((f) => f.framework.id === 'section-11')!.framework;
    expect(s11.supersedes).toBe('2007-2018');
    const titles = s11.standards.map((s) => s.title.toLowerCase()).join(' | ');
    for (const arrangement of [
      'accountability',
      'listening to children',
      'whistleblowing',
      'escalation',
      'information sharing',
      'designated practitioners',
      'safe recruitment and ongoing safe working',
      'supervision',
      'training',
      'a culture of safety, equality and protection',
      'allegations',
    ]) {
      expect(titles).toContain(arrangement);
    }
    const kinds = new Set((s11.kinds ?? []).map((k) => k.id));
    expect([...kinds]).toEqual(['local-authority', 'district-council', 'police', 'health', 'education', 'probation-youth-justice', 'voluntary-community', 'other']);
    expect(Object.keys(s11.legalBasis ?? {})).toEqual(['england', 'wales']);
    const criteria = s11.standards.flatMap((s) => s.criteria);
    for (const criterion of criteria) {
      expect(criterion.audience?.length, criterion.id).toBeGreaterThan(0);
      for (const kind of criterion.appliesTo ?? []) expect(kinds.has(kind), `${criterion.id} appliesTo ${kind}`).toBe(true);
      expect(criterion.text, criterion.id).not.toMatch(/\bLSCB\b/);
    }
    expect(s11.roles).not.toContain('Partnership (LSCB) Representative');
    expect(criteria.find((c) => c.id === 'DES-2')!.appliesTo).toEqual(['health']);
  });
});

/** The fields the na, reports and editions branches add to the Framework type; read here as data. */
interface Kind {
  id: string;
  label: string;
  sector?: string;
}
interface WithKinds {
  kinds?: Kind[];
  legalBasis?: Record<string, string>;
  standards: { id: string; criteria: { id: string; reference?: string; appliesTo?: string[] }[] }[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const bundled = (id: string) => frameworks.find((f) => f.framework.id === id)!.framework as unknown as Framework & WithKinds;
const criteriaOf = (framework: WithKinds) => framework.standards.flatMap((s) => s.criteria);

describe('frameworks that declare kinds of organisation', () => {
  const withKinds = frameworks.filter((f) => (f.framework as unknown as WithKinds).kinds);

  it.each(withKinds.map((f) => [f.framework.id, f.framework as unknown as WithKinds] as const))('%s: every appliesTo names declared kinds, each kind once', (_id, framework) => {
    const ids = framework.kinds!.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const criterion of criteriaOf(framework)) {
      for (const kind of criterion.appliesTo ?? []) expect(ids, `${criterion.id} names ${kind}`).toContain(kind);
      // A criterion limited to every kind is not limited: leave appliesTo out instead.
      if (criterion.appliesTo) expect(criterion.appliesTo.length, criterion.id).toBeLessThan(ids.length);
    }
  });

  it.each(withKinds.map((f) => [f.framework.id, f.framework as unknown as WithKinds] as const))('%s: cites a paragraph or section for every criterion, and gives its legal basis', (_id, framework) => {
    for (const criterion of criteriaOf(framework)) expect(criterion.reference?.length ?? 0, criterion.id).toBeGreaterThan(15);
    expect(framework.legalBasis?.england?.length ?? 0).toBeGreaterThan(200);
  });
});

describe('kcsie-2025', () => {
  const kcsie = bundled('kcsie-2025');
  const text = readFileSync(join(ROOT, 'standards/kcsie-2025.yaml'), 'utf8');

  it('is a yearly schools audit of 50 to 90 statements on a red/amber/green scale with green as the target', () => {
    expect(countCriteria(kcsie)).toBeGreaterThanOrEqual(50);
    expect(countCriteria(kcsie)).toBeLessThanOrEqual(90);
    expect(kcsie.scale.map((l) => l.label)).toEqual(['Red (not in place)', 'Amber (partly in place)', 'Green (fully in place)']);
    expect(kcsie.target).toBe(3);
  });

  it('declares the settings whose duties differ, all in the education sector', () => {
    expect(kcsie.kinds!.map((k) => k.id)).toEqual(['maintained-school', 'academy', 'independent-school', 'non-maintained-special-school', 'fe-college', 'pupil-referral-unit']);
    expect(kcsie.kinds!.every((k) => k.sector === 'education')).toBe(true);
  });

  it('limits section 128 checks to independent schools and academies, and the register duties to schools', () => {
    const byId = new Map(criteriaOf(kcsie).map((c) => [c.id, c]));
    expect(byId.get('REC-6')!.appliesTo).toEqual(['academy', 'independent-school']);
    for (const id of ['ABS-6', 'ABS-7']) expect(byId.get(id)!.appliesTo).not.toContain('fe-college');
    expect(byId.get('LAC-1')!.appliesTo).toEqual(['maintained-school', 'academy']);
  });

  it('covers the areas a section 175/157 return covers, citing KCSIE 2025 throughout', () => {
    const titles = kcsie.standards.map((s) => s.title.toLowerCase()).join(' | ');
    for (const words of ['governing body', 'designated safeguarding lead', 'policies', 'safer recruitment', 'single central record', 'training', 'filtering and monitoring', 'allegations', 'low-level concerns', 'absent from education', 'missing education', 'special educational needs', 'alternative provision', 'social worker', 'looked-after', 'premises', 'changed in 2025']) {
      expect(titles).toContain(words);
    }
    for (const criterion of criteriaOf(kcsie)) expect(criterion.reference, criterion.id).toMatch(/KCSIE 2025 (Part [1-5]|Annex [A-F])/);
  });

  it('says it is England only, names the Welsh counterpart, and says what could not be checked', () => {
    expect(Object.keys(kcsie.legalBasis!)).toEqual(['england']);
    expect(kcsie.legalBasis!.england).toMatch(/Section 175/);
    expect(kcsie.legalBasis!.england).toMatch(/[Ss]ection 157/);
    expect(kcsie.description).toMatch(/Keeping\s+learners safe/);
    expect(text).toMatch(/Not checked against the 2025 PDF/);
    expect(text).toMatch(/KCSIE 2026/);
  });
});

describe('nhs-saaf-2024', () => {
  const saaf = bundled('nhs-saaf-2024');
  const text = readFileSync(join(ROOT, 'standards/nhs-saaf-2024.yaml'), 'utf8');

  it('is somewhat shorter than the schools audit, with health kinds and an ICB standard only ICBs answer', () => {
    expect(countCriteria(saaf)).toBeGreaterThanOrEqual(35);
    expect(countCriteria(saaf)).toBeLessThan(countCriteria(bundled('kcsie-2025')));
    expect(saaf.kinds!.map((k) => k.id)).toEqual(['icb', 'nhs-trust', 'primary-care', 'independent-provider']);
    expect(saaf.kinds!.every((k) => k.sector === 'health')).toBe(true);
    const icb = saaf.standards.find((s) => s.id === 'ICB')!;
    for (const criterion of icb.criteria) expect(criterion.appliesTo, criterion.id).toEqual(['icb']);
  });

  it('takes training levels and named and designated roles from the 2025 Intercollegiate Document', () => {
    const references = criteriaOf(saaf).map((c) => c.reference!).join('\n');
    expect(references).toMatch(/ICD 2025, level 5/);
    expect(references).toMatch(/ICD 2025, level 4/);
    expect(saaf.source.citation).toMatch(/5th\s+edition, 2025/);
    expect(text).toMatch(/Not checked: the section numbers and headings of the 2024 SAAF/);
  });

  it('names the 2024 SAAF without a place rather than with a topic that passes for a heading, its sections being unchecked', () => {
    const references = criteriaOf(saaf).map((c) => `${c.id}: ${c.reference}`);
    expect(references.filter((r) => /SAAF 2024 \(/.test(r))).toEqual([]);
    // Earlier editions are cited as such, by the places that were seen.
    expect(references).toContain('PRAC-1: SAAF 2019 edition, section 3.5.3 "Child protection - information sharing (CP-IS)"');
  });

  it('gives its legal basis in section 11 and the safeguarding partner duties', () => {
    expect(saaf.legalBasis!.england).toMatch(/Section 11 of the Children Act 2004/);
    expect(saaf.legalBasis!.england).toMatch(/16E/);
  });
});

describe('the example returns of frameworks with kinds', () => {
  const examples = ['examples/kcsie/borsetshire-felpersham-park-academy-2025-26.yaml', 'examples/nhs-saaf/borsetshire-health-nhs-trust-2025-26.yaml'];

  it.each(examples)('%s rates exactly the criteria that apply to its kind', (file) => {
    const audit = parseYaml(readFileSync(join(ROOT, file), 'utf8')) as { framework: string; kind: string; responses: Record<string, { rating?: number } | null> };
    const framework = bundled(audit.framework);
    expect(framework.kinds!.map((k) => k.id)).toContain(audit.kind);
    for (const criterion of criteriaOf(framework)) {
      const applies = !criterion.appliesTo || criterion.appliesTo.includes(audit.kind);
      expect(typeof audit.responses[criterion.id]?.rating === 'number', criterion.id).toBe(applies);
    }
  });
});
