/**
 * `audit aggregate … -o report.pdf` as a partnership business manager meets it: the built CLI
 * on a folder of agencies' returns, the PDF read back with a PDF library (text, document
 * information, page sizes and the tagging a screen reader uses).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixture, isCleanError, listFiles, read, ROOT, runAudit, workspace } from '../helpers/cli.js';
import { dictionaryStrings, flat, readPdf, type PdfReading, type StructNode } from '../helpers/pdf.js';

const AGENCIES = ['Borsetshire County Council', 'Borsetshire Police', 'NHS Borsetshire'];

/** Three agencies' returns of the mini framework, with evidence that must never reach the PDF. */
function returns(extra: Record<string, string> = {}): string {
  const base = fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml');
  const agency = (name: string, edit: (text: string) => string = (t) => t) => edit(base.replace('Borsetshire County Council', name));
  const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml') });
  mkdirSync(join(dir, 'returns'));
  const files: Record<string, string> = {
    'council.yaml': agency('Borsetshire County Council'),
    'police.yaml': agency('Borsetshire Police', (t) => t.replace('rating: 2   # report late this year', 'rating: 4').replace('rating: 1\n', 'rating: 3\n')),
    'health.yaml': agency('NHS Borsetshire', (t) => t.replace('rating: 1\n', 'rating: 2\n')),
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'returns', name), text);
  writeFileSync(join(dir, 'details.yaml'), DETAILS);
  return dir;
}

/** The board report's facts: its author, chair, background papers and what children said. */
const DETAILS = [
  'author: { name: Sam Patel, role: Partnership Business Manager, email: sam.patel@example.org.uk }',
  'portfolioHolder: Dr Ruth Evans, Independent Chair',
  'backgroundPapers: [Section 11 returns 2025-26, held by the partnership business unit]',
  'childrensVoice: Young people on the partnership’s panel asked for one named contact in each agency.',
  'consultation: Each agency saw its own profile before this report was written.',
].join('\n');

/** The one warning the mini framework earns: it states no legal basis. */
const NO_LEGAL_BASIS = 'warning: mini states no legal basis for England: the legal section says so; add legalBasis.england to the framework, or choose another nation with --nation\n';

function rolesUnder(nodes: StructNode[], role: string): StructNode[] {
  const found: StructNode[] = [];
  const visit = (node: StructNode) => {
    if (node.role === role) found.push(node);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return found;
}

describe('audit aggregate -o: the partnership report', () => {
  let dir: string;
  let pdf: PdfReading;
  let view: {
    standards: { id: string; title: string }[];
    shortfalls: { criterion: string; agenciesBelowTarget: number; agenciesRated: number }[];
    redAgencies: { organisation: string }[];
  };

  beforeAll(async () => {
    dir = returns();
    // The police return is signed off; the council's signed off and then changed; the NHS
    // return moderated by the panel, with a note that must stay out of the report.
    const steps = [
      ['sign', 'returns/police.yaml', '--by', 'Chief Constable Ann Smith', '--role', 'Chief Constable'],
      ['sign', 'returns/council.yaml', '--by', 'Jo Bloggs', '--role', "Director of Children's Services"],
      ['rate', 'returns/council.yaml', 'W-2', '--rating', '3', '--evidence', 'Private note about a named member of staff'],
      ['moderate', 'returns/health.yaml', 'L-1', '--rating', '2', '--note', 'Panel note: the named lead left in May', '--by', 'Section 11 panel'],
    ];
    for (const args of steps) expect((await runAudit(args, { cwd: dir })).code, args.join(' ')).toBe(0);
    const json = await runAudit(['aggregate', 'returns', '--format', 'json'], { cwd: dir });
    view = JSON.parse(json.stdout);
    const result = await runAudit(
      [
        'aggregate', 'returns', '-o', 'partnership.pdf',
        '--partnership', 'Borsetshire Safeguarding Children Partnership',
        '--meeting-date', '2026-07-14',
        '--committee', 'Partnership Executive',
        '--details', 'details.yaml',
      ],
      { cwd: dir },
    );
    expect(result.stderr).toBe(NO_LEGAL_BASIS);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Wrote partnership.pdf: 3 agencies, 2 with red standards, 2 criteria where most agencies fall short; Not for publication.\n');
    pdf = await readPdf(join(dir, 'partnership.pdf'));
  });

  it('writes the PDF where -o says, and nothing else', () => {
    expect(listFiles(dir)).toEqual(['details.yaml', 'mini-framework.yaml', 'partnership.pdf', 'returns']);
    expect(readFileSync(join(dir, 'partnership.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names every agency, every standard, the criteria most agencies fall short of and the red agencies', () => {
    const text = flat(pdf.text);
    for (const agency of AGENCIES) expect(text).toContain(agency);
    for (const [i, standard] of view.standards.entries()) expect(text).toContain(`${i + 1}. ${standard.title}`);
    const widespread = view.shortfalls.filter((f) => f.agenciesBelowTarget * 2 > f.agenciesRated).map((f) => f.criterion);
    expect(widespread).toEqual(['L-2', 'W-1']);
    const section6 = text.slice(text.lastIndexOf('6. Where most agencies fall short'), text.lastIndexOf('7. Agencies with red standards'));
    for (const criterion of widespread) expect(section6).toContain(criterion);
    expect(section6).toContain('The board receives a yearly safeguarding report.');
    const section7 = text.slice(text.lastIndexOf('7. Agencies with red standards'), text.lastIndexOf('Appendix A: Agency profiles'));
    expect(view.redAgencies.map((a) => a.organisation)).toEqual(['Borsetshire County Council', 'NHS Borsetshire']);
    for (const { organisation } of view.redAgencies) expect(section7).toContain(organisation);
    expect(section7).not.toContain('Borsetshire Police');
    // Why each is red: the criterion with a high-priority gap.
    expect(section7).toContain('W-1 rated 1 against a target of 3');
  });

  it('is laid out as a board report: cover, contents, seven numbered sections, two appendices', () => {
    // A line may break after a hyphen ("self-" / "audits"): join those back up.
    const cover = flat(pdf.pages[0]!).replace(/- /g, '-');
    for (const expected of [
      'Borsetshire Safeguarding Children Partnership',
      'Not for publication',
      'Partnership Executive',
      'Chair of the board Dr Ruth Evans, Independent Chair',
      'Contact officer Sam Patel, Partnership Business Manager Email: sam.patel@example.org.uk',
      '14 July 2026',
      'Partnership Business Manager',
      'Mini framework for tests, edition 1',
      '2025-26',
      'Agencies 3',
      'Returns signed off 1 of 3',
      'Partner agencies’ safeguarding self-audits 2025-26: partnership overview',
    ]) {
      expect(cover, expected).toContain(expected);
    }
    expect(flat(pdf.pages[1]!)).toContain('Contents');
    const text = flat(pdf.text);
    const order = [
      '1. Purpose of the report',
      '2. Recommendations',
      '3. Summary of findings',
      '4. Heat map of agencies by standard',
      '5. Partnership mean by standard',
      '6. Where most agencies fall short',
      '7. Agencies with red standards',
      'Appendix A: Agency profiles',
      'Appendix B: Rating scale and method',
    ];
    let at = text.indexOf('Appendix B: Rating scale and method') + 1;
    for (const heading of order) {
      const next = text.indexOf(heading, at);
      expect(next, heading).toBeGreaterThan(0);
      at = next;
    }
    pdf.pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
      if (i > 0) expect(flat(page)).toContain('Borsetshire Safeguarding Children Partnership · Partnership Executive · 14 July 2026');
    });
  });

  it('gives the heat map in words as well as colour, with the partnership and below-target rows', () => {
    const text = flat(pdf.text);
    const heatMap = text.slice(text.lastIndexOf('Table 1: Mean rating and RAG rating'), text.lastIndexOf('5. Partnership mean by standard'));
    // The council's W-2 rated after sign-off; the panel's moderated 2 counts for the NHS's L-1.
    expect(heatMap).toMatch(/Borsetshire County Council 2\.50 Red 2\.00 Red 2\.25 Red/);
    expect(heatMap).toMatch(/Borsetshire Police 3\.50 Green 3\.00 Green 3\.33 Green/);
    expect(heatMap).toMatch(/NHS Borsetshire 2\.00 Red 2\.00 Amber 2\.00 Red/);
    expect(heatMap).toMatch(/Partnership 2\.67 Red 2\.33 Red 2\.53 Red/);
    expect(heatMap).toMatch(/Agencies below target 2 of 3 2 of 3 2 of 3/);
    expect(heatMap).toContain('Red: a criterion in the standard has a high-priority gap');
    expect(heatMap).toMatch(/Key to the standards 1 Leadership 2 Workforce/);
  });

  it('says who signed each return off, which changed since, and how many ratings a panel moderated', () => {
    const profiles = flat(pdf.text.slice(pdf.text.lastIndexOf('Appendix A: Agency profiles')));
    expect(profiles).toMatch(/Borsetshire Police: Green .*Sign-off: Signed off by Chief Constable Ann Smith \(Chief Constable\) on /);
    expect(profiles).toMatch(/Borsetshire County Council: Red .*Sign-off: Signed off by Jo Bloggs .* but the return has changed since then/);
    expect(profiles).toMatch(/NHS Borsetshire: Red .*Sign-off: Not signed off\. .*Moderation: Ratings moderated by a partnership panel: 1, of which 1 differ/);
  });

  it('holds no evidence and no moderation note at all', () => {
    const text = flat(pdf.text);
    for (const secret of ['Named in the constitution', 'Confirmed at Cabinet', 'Report went to Cabinet in March', 'Private note about a named member', 'Panel note', 'named lead left in May', 'Evidence:']) {
      expect(text).not.toContain(secret);
      expect(pdf.raw).not.toContain(secret);
    }
  });

  it('is a tagged PDF as the Cabinet report is: title, language, headings, table headers, described figures', () => {
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(pdf.info.Language).toBe('en-GB');
    expect(pdf.info.Title).toBe("Partner agencies’ safeguarding self-audits 2025-26: partnership overview");
    expect(pdf.info.Author).toBe('Partnership Business Manager, Borsetshire Safeguarding Children Partnership');
    expect(pdf.viewerPreferences?.DisplayDocTitle).toBe(true);
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'Caption', 'TR', 'TH', 'TD', 'Figure', 'TOC', 'TOCI', 'Link']) {
      expect(pdf.roles, role).toContain(role);
    }
    expect(rolesUnder(pdf.structure, 'H1')).toHaveLength(1);
    // The chart's alternative text gives every figure it shows.
    expect(pdf.figureAlts).toHaveLength(1);
    expect(pdf.figureAlts[0]).toContain('1. Leadership: mean 2.67 against a target of 3.50, Red.');
    expect(pdf.figureAlts[0]).toContain('2. Workforce: mean 2.33 against a target of 3, Red.');
    for (const table of rolesUnder(pdf.structure, 'Table')) {
      const firstRow = table.children.find((c) => c.role === 'TR');
      if (firstRow) expect(firstRow.children.some((c) => c.role === 'TH')).toBe(true);
    }
    // The heat map's summary gives its figures in words; its numbered headers say which standard.
    const summaries = dictionaryStrings(pdf.raw, 'Summary');
    const heatMap = summaries.find((s) => s.startsWith('Heat map of 3 agencies by 2 standards'));
    expect(heatMap).toContain('Borsetshire County Council: overall 2.25, Red; by standard: 1 2.50 Red, 2 2.00 Red.');
    expect(heatMap).toContain('Partnership: overall 2.53, Red; by standard: 1 2.67 Red, 2 2.33 Red.');
    expect(dictionaryStrings(pdf.raw, 'E')).toEqual(expect.arrayContaining(['Standard 1. Leadership', 'Standard 2. Workforce']));
    // Page furniture is not content.
    expect(JSON.stringify(pdf.structure)).not.toContain('Page 1 of');
  });
});

describe('audit aggregate -o on the Section 11 example returns', () => {
  it('fits thirteen standards on landscape pages, and keeps every other page portrait', async () => {
    const dir = workspace();
    const result = await runAudit(['aggregate', join(ROOT, 'examples/section-11'), '-o', 'section-11.pdf', '--public', '--background-paper', 'none'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote section-11\.pdf: 4 agencies, 3 with red standards, \d+ criteria where most agencies fall short; For publication\.\n$/);
    const pdf = await readPdf(join(dir, 'section-11.pdf'));
    const heatMapPage = pdf.pages.findIndex((page) => page.includes('Table 1: Mean rating and RAG rating'));
    expect(pdf.sizes[heatMapPage]).toEqual({ width: 842, height: 595 });
    // The heat map's section is landscape (it may run to a second page); every other page portrait.
    const nextSection = pdf.pages.findIndex((page, i) => i > heatMapPage && page.includes('5. Partnership mean by standard'));
    pdf.sizes.forEach((size, i) => {
      const landscape = i >= heatMapPage && i < nextSection;
      expect(size, `page ${i + 1}`).toEqual(landscape ? { width: 842, height: 595 } : { width: 595, height: 842 });
    });
    const heatMap = flat(pdf.pages.slice(heatMapPage, nextSection).join(' '));
    expect(heatMap).toContain('Agency 1 2 3 4 5 6 7 8 9 10 11 12 13 Overall');
    expect(heatMap).toContain('13 Escalation and resolving professional disagreement');
    expect(heatMap).toMatch(/Borsetshire Police 4\.00 Green 3\.50 Amber/);
    const text = flat(pdf.text);
    expect(text).toContain('For publication');
    expect(text).not.toContain('ot for publication');
    expect(text).toContain('9. Background papers 9.1 None.');
    expect(text).toContain('Safeguarding children partnership'); // the template's default name
    for (const agency of ['Borsetshire County Council (Children\'s Services)', 'Borsetshire Health NHS Trust', 'Borsetshire Police', 'Borsetshire Youth Football League']) {
      expect(text).toContain(agency);
    }
    // Evidence of the returns stays out of the report, and in a public one so do the reasons for not applicable.
    expect(text).not.toContain('portfolio list and job profile');
    expect(text).toContain('Judged not applicable by the agency (4): ACC-3; IAW-3; INF-4; SUP-2.');
    expect(text).not.toContain('commissions no services');
  });
});

describe('a heat map too wide for a landscape page', () => {
  it('is drawn as tables of consecutive standards, each with every agency', async () => {
    const framework = {
      id: 'wide',
      title: 'Wide framework',
      version: '1',
      source: { title: 'Test' },
      scale: [1, 2, 3, 4].map((value) => ({ value, label: `Level ${value}`, description: `Level ${value}.` })),
      target: 3,
      standards: Array.from({ length: 20 }, (_, s) => ({
        id: `S${s + 1}`,
        title: `Standard number ${s + 1}`,
        criteria: [{ id: `S${s + 1}-1`, text: `Criterion of standard ${s + 1}.` }],
      })),
    };
    const audit = (organisation: string, rating: number) =>
      stringify({
        framework: './framework.yaml',
        organisation,
        period: '2025-26',
        responses: Object.fromEntries(framework.standards.map((s, i) => [`${s.id}-1`, { rating: ((rating + i) % 4) + 1 }])),
      });
    const dir = workspace({ 'framework.yaml': stringify(framework), 'a.yaml': audit('Agency Alpha', 0), 'b.yaml': audit('Agency Beta', 1) });
    const result = await runAudit(['aggregate', 'a.yaml', 'b.yaml', '-o', 'wide.pdf'], { cwd: dir });
    expect(result.code).toBe(0);
    const pdf = await readPdf(join(dir, 'wide.pdf'));
    const text = flat(pdf.text);
    expect(text).toContain('Table 1: Mean rating and RAG rating of each agency in each standard (standards 1 to 10)');
    expect(text).toContain('Table 1: Mean rating and RAG rating of each agency in each standard (standards 11 to 20)');
    expect(text).toContain('Agency 1 2 3 4 5 6 7 8 9 10 Overall');
    expect(text).toContain('Agency 11 12 13 14 15 16 17 18 19 20 Overall');
    const heatMap = text.slice(text.indexOf('(standards 1 to 10)'), text.indexOf('RAG ratings in the heat map'));
    expect(heatMap.split('Agency Alpha').length - 1).toBe(2);
    expect(heatMap.split('Agency Beta').length - 1).toBe(2);
  });
});

describe('audit aggregate -o: bad targets and options', () => {
  it('writes -o in the format its name ends in, and refuses a name of a format it does not write (exit 2)', async () => {
    const dir = returns();
    const result = await runAudit(['aggregate', 'returns', '-o', 'partnership.xml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'audit: -o partnership.xml names a JUnit XML file, which this command does not write (it writes table, json, markdown, csv or xlsx): end the name in .json, .md, .csv or .xlsx\n',
    );
    expect(listFiles(dir)).toEqual(['details.yaml', 'mini-framework.yaml', 'returns']);
    const csv = await runAudit(['aggregate', 'returns', '-o', 'partnership.csv'], { cwd: dir });
    expect(csv.code, csv.stderr).toBe(0);
    expect(read(dir, 'partnership.csv')).toMatch(/^\ufefforganisation,file,period,/);
  });

  it('refuses --format with -o, and the PDF options without -o (exit 2)', async () => {
    const dir = returns();
    const both = await runAudit(['aggregate', 'returns', '--format', 'json', '-o', 'p.pdf'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--format chooses what is printed; -o writes the partnership report instead');
    for (const option of [['--partnership', 'X'], ['--public'], ['--meeting-date', '2026-07-14'], ['--template', 'partnership-report'], ['--details', 'details.yaml'], ['--nation', 'wales'], ['--large-print']]) {
      const alone = await runAudit(['aggregate', 'returns', ...option], { cwd: dir });
      expect(alone.code, option[0]).toBe(2);
      expect(alone.stderr).toBe(`audit: ${option[0]} is an option of the partnership report: add -o FILE.pdf (or FILE.docx)\n`);
    }
    const badDate = await runAudit(['aggregate', 'returns', '-o', 'p.pdf', '--meeting-date', '2026-02-30'], { cwd: dir });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--meeting-date "2026-02-30" is not a real date');
    expect(listFiles(dir)).toEqual(['details.yaml', 'mini-framework.yaml', 'returns']);
  });

  it('exits 3 when the PDF cannot be written, and leaves no file behind', async () => {
    const dir = returns();
    const missing = await runAudit(['aggregate', 'returns', '-o', 'no/such/folder/p.pdf'], { cwd: dir });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('could not be written (its folder does not exist)');
    mkdirSync(join(dir, 'folder.pdf'));
    const folder = await runAudit(['aggregate', 'returns', '-o', 'folder.pdf'], { cwd: dir });
    expect(folder.code).toBe(3);
    expect(isCleanError(folder.stderr)).toBe(true);
    expect(listFiles(dir)).toEqual(['details.yaml', 'folder.pdf', 'mini-framework.yaml', 'returns']);
    expect(listFiles(join(dir, 'folder.pdf'))).toEqual([]);
  });

  it('leaves an earlier report untouched when a return is bad (exit 2)', async () => {
    const dir = returns();
    expect((await runAudit(['aggregate', 'returns', '-o', 'p.pdf'], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, 'p.pdf'));
    writeFileSync(join(dir, 'returns', 'schools.yaml'), fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml').replace('rating: 1', 'rating: 8'));
    const bad = await runAudit(['aggregate', 'returns', '-o', 'p.pdf'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^audit: returns\/schools\.yaml:\d+:\d+: rating 8 for W-1 is not on the scale/);
    expect(readFileSync(join(dir, 'p.pdf')).equals(before)).toBe(true);
    expect(listFiles(dir)).toEqual(['details.yaml', 'mini-framework.yaml', 'p.pdf', 'returns']);
  });
});

describe('partnership report templates', () => {
  it('uses a partnership’s own wording, laid over the bundled template', async () => {
    const dir = returns();
    writeFileSync(
      join(dir, 'ours.yaml'),
      [
        'partnership: "{framework} partnership"',
        'committee: Executive Group',
        'sections:',
        '  purpose:',
        '    heading: Why this report',
        '    text: |',
        '      For {committee}: {agencies} returns, {redAgencies} with red standards.',
        'labels:',
        '  partnershipRow: All agencies',
      ].join('\n'),
    );
    const result = await runAudit(['aggregate', 'returns', '-o', 'p.pdf', '--template', 'ours.yaml', '--details', 'details.yaml'], { cwd: dir });
    expect(result.stderr).toBe(NO_LEGAL_BASIS);
    expect(result.code).toBe(0);
    const text = flat((await readPdf(join(dir, 'p.pdf'))).text);
    expect(text).toContain('Mini framework for tests partnership');
    expect(text).toContain('1. Why this report');
    expect(text).toContain('For Executive Group: 3 returns, 2 with red standards.');
    expect(text).toMatch(/All agencies 2\.83 Red/);
    expect(text).toContain('2. Recommendations');
  });

  it('refuses an unknown placeholder with its line and column, and a Cabinet report template by name', async () => {
    const dir = returns();
    writeFileSync(join(dir, 'ours.yaml'), 'sections:\n  summary:\n    text: |\n      {agencies} agencies; {organisation}.\n');
    const bad = await runAudit(['aggregate', 'returns', '-o', 'p.pdf', '--template', 'ours.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^audit: ours\.yaml:4:28: unknown placeholder \{organisation\}; placeholders here are: \{partnership\} /);
    const cabinet = await runAudit(['aggregate', 'returns', '-o', 'p.pdf', '--template', join(ROOT, 'templates/cabinet-report.yaml')], { cwd: dir });
    expect(cabinet.code).toBe(2);
    expect(cabinet.stderr).toContain('this is a report template, for audit report; audit aggregate needs a partnership report template');
    const byName = await runAudit(['aggregate', 'returns', '-o', 'p.pdf', '--template', 'cabinet-report'], { cwd: dir });
    expect(byName.code).toBe(2);
    expect(byName.stderr).toContain('no bundled partnership report template "cabinet-report": "cabinet-report" is the report template, for audit report');
    expect(listFiles(dir)).toEqual(['details.yaml', 'mini-framework.yaml', 'ours.yaml', 'returns']);
  });
});
