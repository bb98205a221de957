import { describe, expect, it } from 'vitest';
import { countCriteria } from '../../src/core/framework.js';
import { readLibrary } from '../../src/io/framework-library.js';

const library = await readLibrary({});
const frameworks = library.map((entry) => entry.current);
const everyEdition = library.flatMap((entry) => [entry.current, ...entry.earlier]);

describe('the bundled standards library', () => {
  it('holds the five frameworks', () => {
    expect(frameworks.map((f) => f.framework.id)).toEqual(['ceo-briefing-2009', 'climbie-2003', 'section-11', 'working-together-2013', 'working-together-2023']);
    expect(frameworks.every((f) => f.bundled)).toBe(true);
  });

  it.each(everyEdition.map((f) => [`${f.framework.id}@${f.framework.version}`, f.framework] as const))('%s cites its source and gives guidance a practitioner can act on', (_id, framework) => {
    expect(framework.source.title.length).toBeGreaterThan(10);
    expect(framework.source.citation?.length ?? 0).toBeGreaterThan(40);
    expect(framework.scale.map((l) => l.value)).toEqual([1, 2, 3, 4]);
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
