/**
 * `audit report` as a user meets it: the built CLI on real files, the PDF read back with a PDF
 * library (text, document information and the tagging a screen reader uses).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatDate } from '../../src/core/report-document.js';
import { ROOT, fixture, isCleanError, listFiles, runAudit, workspace } from '../helpers/cli.js';
import { flat, readPdf, type PdfReading, type StructNode } from '../helpers/pdf.js';

const AS_OF = ['--as-of', '2026-11-30'];

/** A report details file with every fact a committee report carries. */
const DETAILS = {
  author: { name: 'Siân Ellis', role: 'Head of Safeguarding', telephone: '01248 752000', email: 'sian.ellis@example.gov.uk' },
  portfolioHolder: 'Councillor Ann Hartley, Cabinet Member for Children',
  backgroundPapers: ['Self-audit working papers, March 2026'],
  consultation: 'The draft was shared with the safeguarding partnership’s panel.',
  childrensVoice: 'Children in care told us they want to keep the same social worker.',
};

function miniWorkspace(audit = fixture('mini-audit.yaml')): string {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit });
}

/** A framework and audit with every feature the report shows: moderation, sign-off, Welsh, long evidence. */
function richWorkspace(options: { longEvidence?: string; manyGaps?: number } = {}): string {
  const gaps = options.manyGaps ?? 0;
  const framework = {
    id: 'rich',
    title: 'Climbié audit (test edition)',
    version: '2003',
    source: { title: 'Test' },
    legalBasis: { england: 'Children Act 1989, sections 17 and 47.', wales: 'Social Services and Well-being (Wales) Act 2014, Part 7.' },
    scale: [1, 2, 3, 4].map((value) => ({ value, label: `Level ${value}`, description: `Description of level ${value}.` })),
    target: 3,
    standards: [
      {
        id: 'REF',
        title: 'Referral',
        criteria: [
          { id: 'REF-1', text: 'Referrals are recorded and acknowledged in writing within 48 hours.' },
          { id: 'REF-2', text: 'Telephone referrals from professionals are confirmed in writing.' },
          ...Array.from({ length: gaps }, (_, i) => ({ id: `REF-G${i + 1}`, text: `Generated statement ${i + 1}: the manager records the decision and the reasons for it, and the child's views.` })),
        ],
      },
      {
        id: 'ASS',
        title: 'Assessment',
        criteria: [
          { id: 'ASS-1', text: 'The child is seen and spoken to alone where appropriate.' },
          { id: 'ASS-2', text: 'Interpreters are used where the family’s first language is not English.' },
        ],
      },
      { id: 'WEL', title: 'Gwasanaethau Cymraeg: ŵ and ŷ', criteria: [{ id: 'WEL-1', text: 'Welsh-language services are offered: “Cynnig Rhagweithiol”.' }] },
    ],
  };
  const responses: Record<string, unknown> = {
    'REF-1': {
      rating: 3,
      evidence: options.longEvidence ?? 'Audit of 20 referrals: 18 acknowledged within 48 hours. Budget £143,000 agreed after the Climbié review.',
    },
    'REF-2': {
      rating: 2,
      evidence: 'Case note: Jane Doe (date of birth 01/02/2015) referred by her GP; confirmed late.',
      action: { text: 'Confirm every telephone referral in writing the same day', owner: 'Head of Front Door', due: '2026-06-30', status: 'in-progress' },
    },
    'ASS-1': {
      rating: 3,
      // "Renée" written with a combining accent (NFD), as some systems export it.
      evidence: 'Sample of 12 case files; 11 record the child seen alone. Reviewed by Rene\u0301e.',
      moderated: { rating: 2, by: 'Section 11 panel', note: 'Panel note: two files named a child without consent.' },
    },
    'ASS-2': { rating: 1 },
    'WEL-1': { rating: 4, evidence: 'Gwasanaeth ar gael yn Gymraeg; adolygwyd gan Bwyllgor Ŵyr.' },
  };
  for (let i = 0; i < gaps; i++) {
    responses[`REF-G${i + 1}`] = {
      rating: 1 + (i % 2),
      evidence: `Evidence note ${i + 1}.`,
      action: { text: `Generated action ${i + 1}: re-audit and report`, owner: 'Service Manager', due: '2026-12-31' },
    };
  }
  const audit = {
    framework: './framework.yaml',
    organisation: 'Cyngor Sir Ynys Môn — Isle of Anglesey',
    period: '2025-26',
    assessor: 'Siân Ellis',
    responses,
  };
  return workspace({ 'framework.yaml': stringify(framework), 'audit.yaml': stringify(audit), 'details.yaml': stringify(DETAILS) });
}

function rolesUnder(nodes: StructNode[], role: string): StructNode[] {
  const found: StructNode[] = [];
  const visit = (node: StructNode) => {
    if (node.role === role) found.push(node);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return found;
}

describe('audit report', () => {
  let dir: string;
  let pdf: PdfReading;
  let signedOn: string;

  beforeAll(async () => {
    dir = richWorkspace();
    const signed = await runAudit(['sign', 'audit.yaml', '--by', 'Dr Rhian Ŵyn', '--role', 'Director of Social Services'], { cwd: dir });
    expect(signed.code).toBe(0);
    signedOn = formatDate(new Date().toISOString().slice(0, 10), 'en-GB');
    const result = await runAudit(['report', 'audit.yaml', '--details', 'details.yaml', ...AS_OF, '--meeting-date', '2026-07-21'], { cwd: dir });
    // --as-of after the meeting is used as asked, and said.
    expect(result.stderr).toBe("warning: the plan's progress is reported as at 2026-11-30, after the meeting on 2026-07-21\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote audit\.pdf: /);
    pdf = await readPdf(join(dir, 'audit.pdf'));
  });

  it('writes the PDF beside the audit, and nothing else', () => {
    expect(listFiles(dir)).toEqual(['audit.pdf', 'audit.yaml', 'details.yaml', 'framework.yaml']);
    expect(readFileSync(join(dir, 'audit.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('holds every standard, every gap and every action', () => {
    const text = flat(pdf.text);
    for (const standard of ['Referral', 'Assessment', 'Gwasanaethau Cymraeg: ŵ and ŷ']) expect(text).toContain(standard);
    for (const gap of ['REF-2', 'ASS-1', 'ASS-2']) expect(text).toContain(gap);
    expect(text).toContain('Confirm every telephone referral in writing the same day');
    expect(text).toContain('Head of Front Door');
    expect(text).toContain('Needs an action'); // ASS-2 has no action
  });

  it('is laid out as a committee report: cover, contents, numbered sections, appendices', () => {
    const cover = flat(pdf.pages[0]!);
    expect(cover).toContain('Cyngor Sir Ynys Môn — Isle of Anglesey');
    expect(cover).toContain('Part 2: not for publication');
    expect(cover).toContain('Cabinet');
    expect(cover).toContain('21 July 2026');
    // Generated wording is set with typographic apostrophes: never "Children's" beside "Children’s".
    expect(cover).toContain('Report of Director of Children’s Services');
    expect(cover).toContain('Cabinet member (portfolio holder) Councillor Ann Hartley, Cabinet Member for Children');
    expect(cover).toContain('Contact officer Siân Ellis, Head of Safeguarding Telephone: 01248 752000 Email: sian.ellis@example.gov.uk');
    expect(cover).toContain(`Signed off by Dr Rhian Ŵyn (Director of Social Services) on ${signedOn}.`);
    expect(flat(pdf.pages[1]!)).toContain('Contents');
    const text = flat(pdf.text);
    const order = [
      '1. Purpose of the report',
      '2. Recommendations',
      '3. Summary of findings',
      '4. Gap analysis',
      '5. Improvement plan',
      '6. What children, young people and families told us',
      'Children in care told us they want to keep the same social worker.',
      '7. Consultation',
      '8. Other options considered',
      '9. Reasons for the recommendations',
      '10. Implications',
      '10.1 Financial implications',
      '10.2 Legal implications',
      'Children Act 1989, sections 17 and 47.',
      '10.3 Risk management',
      '10.4 Equalities implications',
      'Public Sector Equality Duty',
      '11. Background papers',
      'Self-audit working papers, March 2026',
      'Appendix A: Ratings and evidence',
      'A.1 Standard 1: Referral',
      'Appendix B: Rating scale and method',
    ];
    // Each heading appears in the contents first, then as a heading, in this order.
    let at = text.indexOf('Appendix B: Rating scale and method') + 1;
    for (const heading of order) {
      const next = text.indexOf(heading, at);
      expect(next, heading).toBeGreaterThan(0);
      at = next;
    }
  });

  it('numbers every page "Page X of Y" and repeats the running header', () => {
    const total = pdf.pages.length;
    pdf.pages.forEach((page, i) => {
      expect(flat(page)).toContain(`Page ${i + 1} of ${total}`);
      if (i > 0) expect(flat(page)).toContain('Cyngor Sir Ynys Môn — Isle of Anglesey · Cabinet · 21 July 2026');
    });
  });

  it('renders non-ASCII text: £, é, Welsh ŵ and ŷ, curly quotes, dashes', () => {
    const text = flat(pdf.text);
    expect(text).toContain('£143,000 agreed after the Climbié review');
    expect(text).toContain('adolygwyd gan Bwyllgor Ŵyr');
    expect(text).toContain('“Cynnig Rhagweithiol”');
    expect(text).toContain('family’s first language');
    expect(text).toContain('Reviewed by Ren\u00e9e.');
  });

  it('includes evidence and moderation notes in the Part 2 version, with both ratings', () => {
    const text = flat(pdf.text);
    expect(text).toContain('Jane Doe (date of birth 01/02/2015)');
    expect(text).toContain('Panel note: two files named a child without consent.');
    expect(text).toMatch(/ASS-1 .*Self-rating: 3/);
    expect(text).toContain('moderated by Section 11 panel');
  });

  it('is a tagged PDF with title, language, headings, tables with header cells and a described chart', () => {
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(pdf.raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(pdf.info.Language).toBe('en-GB');
    expect(pdf.info.Title).toBe('Children’s safeguarding self-audit 2025-26: findings and improvement plan');
    expect(pdf.viewerPreferences?.DisplayDocTitle).toBe(true);
    for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'TOC', 'TOCI', 'Link']) {
      expect(pdf.roles, role).toContain(role);
    }
    expect(rolesUnder(pdf.structure, 'H1')).toHaveLength(1);
    expect(pdf.figureAlts).toHaveLength(1);
    expect(pdf.figureAlts[0]).toContain('Referral: mean 2.50 against a target of 3, Amber.');
    expect(pdf.figureAlts[0]).toContain('Assessment: mean 1.50 against a target of 3, Red.');
    // Every table starts with a row of header cells.
    for (const table of rolesUnder(pdf.structure, 'Table')) {
      const firstRow = table.children.find((c) => c.role === 'TR');
      if (firstRow) expect(firstRow.children.some((c) => c.role === 'TH')).toBe(true);
    }
  });

  it('puts page furniture outside the structure, so a screen reader reads only the content', () => {
    const texts = JSON.stringify(pdf.structure);
    expect(texts).not.toContain('Page 1 of');
    expect(pdf.raw).not.toBe('');
  });
});

describe('audit report --public', () => {
  it('leaves out every evidence and moderation note, keeping ratings, gaps and plan', async () => {
    const dir = richWorkspace();
    const refused = await runAudit(['report', 'audit.yaml', '--public', ...AS_OF], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^audit: a public report must list its background papers/);
    const result = await runAudit(['report', 'audit.yaml', '--public', '--details', 'details.yaml', ...AS_OF], { cwd: dir });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'audit-public.pdf'))).toBe(true);
    const pdf = await readPdf(join(dir, 'audit-public.pdf'));
    const text = flat(pdf.text);
    for (const evidence of ['Jane Doe', '01/02/2015', '£143,000', 'Sample of 12 case files', 'Panel note', 'Gwasanaeth ar gael', 'Evidence:']) {
      expect(text).not.toContain(evidence);
    }
    expect(text).toContain('Part 1: public item');
    expect(text).not.toContain('not for publication');
    expect(text).toContain('evidence notes are left out');
    for (const kept of ['REF-2', 'ASS-1', 'ASS-2', 'Confirm every telephone referral in writing the same day', 'Needs an action', 'moderated by Section 11 panel']) {
      expect(text).toContain(kept);
    }
  });
});

describe('long tables and long evidence', () => {
  it('repeats the header row on every page a table continues on, and never splits a row that fits a page', async () => {
    const dir = richWorkspace({ manyGaps: 70 });
    const result = await runAudit(['report', 'audit.yaml', ...AS_OF], { cwd: dir });
    expect(result.code).toBe(0);
    const pdf = await readPdf(join(dir, 'audit.pdf'));
    // The Referral gap table runs over several pages; each continuation starts with its header.
    const pagesWithGaps = pdf.pages.map((page, i) => ({ page: flat(page), i })).filter(({ page }) => /REF-G\d+ Generated statement/.test(page));
    expect(pagesWithGaps.length).toBeGreaterThan(2);
    for (const { page } of pagesWithGaps) expect(page).toMatch(/Criterion Statement( Rating|; Evidence)/);
    // Each row is whole on one page: its id, its statement and its action text together.
    for (let i = 1; i <= 70; i++) {
      const rowText = `REF-G${i} Generated statement ${i}: the manager records the decision and the reasons for it, and the child's views.`;
      expect(pdf.pages.filter((page) => flat(page).includes(rowText)).length, `row ${i}`).toBeGreaterThanOrEqual(2);
      const actionPages = pdf.pages.filter((page) => flat(page).includes(`Generated action ${i}: re-audit and report`));
      expect(actionPages.length, `action ${i}`).toBe(1);
    }
  });

  it('wraps evidence longer than a page across pages without losing a word', async () => {
    const words = Array.from({ length: 1400 }, (_, i) => `word${i}`);
    const longWord = 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch'.repeat(3);
    const evidence = `${words.slice(0, 700).join(' ')} ${longWord}\n\n${words.slice(700).join(' ')}`;
    const dir = richWorkspace({ longEvidence: evidence });
    const result = await runAudit(['report', 'audit.yaml', ...AS_OF], { cwd: dir });
    expect(result.code).toBe(0);
    const pdf = await readPdf(join(dir, 'audit.pdf'));
    const text = flat(pdf.text);
    let at = 0;
    for (const word of words) {
      const next = text.indexOf(`${word} `, at);
      expect(next, word).toBeGreaterThanOrEqual(0);
      at = next;
    }
    // Read across pages, past the running header and footer and the repeated header row.
    const furniture = /Cyngor Sir Ynys Môn — Isle of Anglesey · Cabinet · To be confirmed|Page \d+ of \d+|Part 2: not for publication|Criterion Statement; Evidence Rating Target/g;
    expect(text.replace(furniture, '').replace(/\s/g, '')).toContain(longWord);
    // Several pages of it, every one with the appendix header row repeated at the top.
    const evidencePages = pdf.pages.filter((page) => /word\d+ word\d+/.test(page));
    expect(evidencePages.length).toBeGreaterThan(2);
    for (const page of evidencePages.slice(1)) expect(flat(page)).toContain('Criterion Statement; Evidence Rating Target');
  });
});

describe('report templates', () => {
  it('uses a council’s own wording, language and labels, laid over the bundled template', async () => {
    const dir = richWorkspace();
    writeFileSync(
      join(dir, 'cymraeg.yaml'),
      [
        'language: cy',
        'committee: Y Cabinet',
        'reportTitle: "Hunanarchwiliad diogelu plant {period}"',
        'sections:',
        '  purpose:',
        '    heading: Diben yr adroddiad',
        '    text: |',
        '      Adrodd i {committee} ganfyddiadau {organisation}.',
        'labels:',
        '  contents: Cynnwys',
        '  pageOf: "Tudalen {page} o {pages}"',
        '  rag:',
        '    red: Coch',
        '    amber: Ambr',
        '    green: Gwyrdd',
      ].join('\n'),
    );
    const result = await runAudit(['report', 'audit.yaml', '--template', 'cymraeg.yaml', '-o', 'adroddiad.pdf', '--details', 'details.yaml', ...AS_OF], { cwd: dir });
    // A Welsh template that leaves most wording in English is made, and warned of.
    expect(result.stderr).toMatch(/^warning: cymraeg\.yaml is in language "cy" but leaves \d+ of its wordings in the bundled template's /);
    expect(result.code).toBe(0);
    const pdf = await readPdf(join(dir, 'adroddiad.pdf'));
    const text = flat(pdf.text);
    expect(pdf.info.Language).toBe('cy');
    expect(pdf.info.Title).toBe('Hunanarchwiliad diogelu plant 2025-26');
    expect(text).toContain('1. Diben yr adroddiad');
    expect(text).toContain('Adrodd i Y Cabinet ganfyddiadau Cyngor Sir Ynys Môn — Isle of Anglesey.');
    expect(text).toContain('Cynnwys');
    expect(text).toContain(`Tudalen 1 o ${pdf.pages.length}`);
    expect(text).toContain('Ambr');
    // What the council's file leaves out keeps the bundled wording.
    expect(text).toContain('2. Recommendations');
  });

  it('lets the command line set the title, committee, officer and meeting date', async () => {
    const dir = miniWorkspace();
    const result = await runAudit(
      ['report', 'audit.yaml', '--title', 'Annual safeguarding report', '--committee', 'Scrutiny Committee', '--officer', 'Jane Smith, DCS', '--meeting-date', '2026-09-03', ...AS_OF],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const pdf = await readPdf(join(dir, 'audit.pdf'));
    const cover = flat(pdf.pages[0]!);
    expect(pdf.info.Title).toBe('Annual safeguarding report');
    expect(cover).toContain('Scrutiny Committee');
    expect(cover).toContain('Jane Smith, DCS');
    expect(cover).toContain('3 September 2026');
    expect(flat(pdf.text)).toContain('To report to the Scrutiny Committee the findings');
  });

  it('refuses an unknown placeholder, naming its line and column, and writes nothing', async () => {
    const dir = miniWorkspace();
    writeFileSync(join(dir, 'ours.yaml'), 'sections:\n  purpose:\n    text: |\n      To report on {organisation} and {orgnisation}.\n');
    const result = await runAudit(['report', 'audit.yaml', '--template', 'ours.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^audit: ours\.yaml:4:39: unknown placeholder \{orgnisation\} \(did you mean \{organisation\}\?\)\n$/);
    expect(isCleanError(result.stderr)).toBe(true);
    expect(listFiles(dir)).toEqual(['audit.yaml', 'mini-framework.yaml', 'ours.yaml']);
  });

  it('refuses YAML tags in a template: a template is text, never code', async () => {
    const dir = miniWorkspace();
    writeFileSync(join(dir, 'ours.yaml'), 'reportTitle: !!js/function "function () { return 1 }"\n');
    const result = await runAudit(['report', 'audit.yaml', '--template', 'ours.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ours\.yaml:1:\d+: .*tag/);
  });

  it('refuses an unknown key with the keys allowed, and an unknown bundled template by name', async () => {
    const dir = miniWorkspace();
    writeFileSync(join(dir, 'ours.yaml'), 'sections:\n  purpse:\n    heading: Purpose\n');
    const bad = await runAudit(['report', 'audit.yaml', '--template', 'ours.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ours\.yaml:2:3: unknown section "purpse" \(did you mean purpose\?\)/);
    const unknown = await runAudit(['report', 'audit.yaml', '--template', 'scrutiny'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no bundled report template "scrutiny" (bundled: cabinet-report, cabinet-report-welsh)');
  });
});

describe('audit report: bad input and safe writing', () => {
  it('refuses a meeting date or --as-of that is not a real date, with exit 2', async () => {
    const dir = miniWorkspace();
    for (const args of [['--meeting-date', '2026-02-30'], ['--as-of', 'today']]) {
      const result = await runAudit(['report', 'audit.yaml', ...args], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is not (a real date \(day, month, year\)|a date): write it as 31\/03\/2027 or 2027-03-31/);
      expect(listFiles(dir)).toEqual(['audit.yaml', 'mini-framework.yaml']);
    }
  });

  it('will not write the report over the audit file', async () => {
    const dir = miniWorkspace();
    const before = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    const result = await runAudit(['report', 'audit.yaml', '-o', 'audit.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('audit: -o audit.yaml is the audit file, which the command reads; it would be overwritten: choose another path with -o\n');
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(before);
  });

  it('leaves an earlier report untouched when the new one fails, and says why (exit 2, 3)', async () => {
    const dir = miniWorkspace();
    expect((await runAudit(['report', 'audit.yaml', ...AS_OF], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, 'audit.pdf'));
    writeFileSync(join(dir, 'audit.yaml'), `${fixture('mini-audit.yaml')}  W-3:\n    rating: 7\n`);
    const bad = await runAudit(['report', 'audit.yaml', ...AS_OF], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^audit: audit\.yaml:\d+:\d+: rating 7 for W-3 is not on the scale/);
    expect(readFileSync(join(dir, 'audit.pdf')).equals(before)).toBe(true);

    const missingFolder = await runAudit(['report', 'audit.yaml', '-o', 'no/such/folder/report.pdf'], { cwd: miniWorkspace() });
    expect(missingFolder.code).toBe(3);
    expect(missingFolder.stderr).toContain('could not be written (its folder does not exist)');
  });

  it('leaves no temporary file behind', async () => {
    const dir = miniWorkspace();
    expect((await runAudit(['report', 'audit.yaml', ...AS_OF], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'audit.yaml', ...AS_OF], { cwd: dir })).code).toBe(0);
    expect(listFiles(dir)).toEqual(['audit.pdf', 'audit.yaml', 'mini-framework.yaml']);
    expect(statSync(join(dir, 'audit.pdf')).size).toBeGreaterThan(10_000);
  });
});

describe('the date the plan is reported at', () => {
  it('is never after the meeting unless asked for, and the command says which date it used', async () => {
    const dir = workspace();
    const climbie = join(ROOT, 'examples/borsetshire-climbie-2003-04.yaml');
    // A report for a meeting long past judges actions as they stood at the meeting.
    const past = await runAudit(['report', climbie, '-o', 'past.pdf', '--meeting-date', '2003-07-21'], { cwd: dir });
    expect(past.code).toBe(0);
    expect(past.stdout).toMatch(/overdue as at 21 July 2003 \(the date of the meeting\)/);
    const atMeeting = await runAudit(['plan', climbie, '--as-of', '2003-07-21', '--format', 'json'], { cwd: dir });
    const overdue = JSON.parse(atMeeting.stdout).summary.overdue as number;
    expect(past.stdout).toContain(`, ${overdue} overdue as at`);
    expect(flat((await readPdf(join(dir, 'past.pdf'))).text)).toContain('It shows progress as at 21 July 2003.');
    // A meeting still to come: today.
    const future = await runAudit(['report', climbie, '-o', 'future.pdf', '--meeting-date', '2999-01-01'], { cwd: dir });
    expect(future.stdout).toMatch(/overdue as at .* \(today\)/);
    expect(future.stderr).not.toContain('after the meeting');
  });
});
