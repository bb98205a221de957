/**
 * What the committee reports say, as a committee member reads them: the built CLI on the
 * bundled examples, the PDF read back with pdf.js and the Word file with mammoth. Every
 * sentence must be true of the data, fit the kind of organisation and the law at the meeting,
 * and read as English for none, one and many.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { flat, readPdf } from '../helpers/pdf.js';

const EXAMPLES = join(ROOT, 'examples');

/** The four 2026-27 section 11 returns: a council, an NHS trust, the police and a voluntary football league. */
function section11Returns(): string {
  const dir = workspace();
  cpSync(join(EXAMPLES, 'section-11-2026-27'), dir, { recursive: true });
  return dir;
}

async function pdfText(file: string): Promise<string> {
  return flat((await readPdf(file)).text);
}

async function docxText(file: string): Promise<string> {
  return flat((await mammoth.extractRawText({ path: file })).value);
}

/** Numbers left bare before a plural noun where the count is one or nought: "the 1 actions", "The 0 high-priority gaps". */
const BAD_COUNT = /\b(?:[Tt]he )?(?:0|1) (?:[a-z-]+ )?(?:actions|gaps|criteria|agencies|returns|standards)\b/;

describe('a report on a period before the Equality Act 2010 (Climbié 2003-04, meeting 20 July 2004)', () => {
  it('cites the equality duty of the time, and its counts read as English, in PDF and Word', async () => {
    const dir = workspace({ 'audit.yaml': readFileSync(join(EXAMPLES, 'borsetshire-climbie-2003-04.yaml'), 'utf8') });
    for (const out of ['report.pdf', 'report.docx']) {
      const result = await runAudit(['report', 'audit.yaml', '--meeting-date', '2004-07-20', '-o', out], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      // The stdout names the item as the cover does: a council's Part 2.
      expect(result.stdout).toContain('Part 2: not for publication, with evidence.');
      const text = out.endsWith('.pdf') ? await pdfText(join(dir, out)) : await docxText(join(dir, out));
      expect(text).not.toContain('Equality Act 2010');
      expect(text).not.toContain('Public Sector Equality Duty');
      expect(text).toContain('Race Relations (Amendment) Act 2000');
      expect(text).not.toContain('Disability Discrimination Act 2005'); // the disability duty began in December 2006
      expect(text).toContain('agree a new date for the action that is past its due date, and to report why it slipped');
      expect(text).toContain('This report finds no high-priority gap');
      expect(BAD_COUNT.exec(text)?.[0]).toBeUndefined();
      expect(text).toContain('That Cabinet:');
      expect(text).not.toMatch(/rated each criterion|Each criterion was rated/);
      expect(text).toContain('Wards affected');
    }
  }, 60_000);
});

describe('reports of organisations that are not councils', () => {
  it('leave out council-only wording, name the committee with its article, and state the law that applies to a voluntary body', async () => {
    const dir = section11Returns();
    cpSync(join(EXAMPLES, 'nhs-saaf/borsetshire-health-nhs-trust-2025-26.yaml'), join(dir, 'nhs-trust.yaml'));
    cpSync(join(EXAMPLES, 'kcsie/borsetshire-felpersham-park-academy-2025-26.yaml'), join(dir, 'academy.yaml'));
    const cases = [
      { file: 'borsetshire-youth-football-league.yaml', that: 'That the Board of trustees:' },
      { file: 'borsetshire-police.yaml', that: 'That the Chief Officer Group:' },
      { file: 'nhs-trust.yaml', that: 'That the Board:' },
      { file: 'academy.yaml', that: 'That the Governing board:' },
    ];
    for (const { file, that } of cases) {
      const result = await runAudit(['report', file, '--meeting-date', '2027-04-20', '-o', 'r.pdf'], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Not for publication, with evidence.');
      const text = await pdfText(join(dir, 'r.pdf'));
      expect(text).toContain(that);
      expect(text).not.toContain('Wards affected');
      expect(text).not.toContain('Key decision');
      expect(BAD_COUNT.exec(text)?.[0]).toBeUndefined();
      if (file.includes('football')) {
        expect(text).toContain('It is not one of the bodies on which the law above places these duties by name');
        expect(text).toContain('Working Together to Safeguard Children 2023');
        expect(text).toContain('not one of the public authorities listed in Schedule 19');
        expect(text).not.toMatch(/Borsetshire Youth Football League must have due regard/);
        expect(text).not.toContain('shows it meets these duties');
        // The kind's reason names the kind in the plural.
        expect(text).not.toMatch(/does not apply to voluntary, community and faith organisation(?!s)/);
      }
      // No report leaves the committee to confirm which law binds it: the kind settles it (an academy's proprietor is in Schedule 19).
      expect(text).not.toMatch(/should confirm which|on one of these grounds or the other/);
      if (file === 'academy.yaml') {
        expect(text).toContain('The proprietor of an academy or free school (its academy trust) is one of the public authorities listed in Schedule 19');
        expect((await runAudit(['report', file, '--meeting-date', '2027-04-20', '-o', 'r.docx'], { cwd: dir })).code).toBe(0);
        const word = await docxText(join(dir, 'r.docx'));
        expect(word).toContain('The proprietor of an academy or free school (its academy trust) is one of the public authorities listed in Schedule 19');
        expect(word).not.toMatch(/should confirm which/);
      }
    }
  }, 60_000);
});

describe('the partnership report', () => {
  it('says how complete the returns are, from the data, and ends its recommendations with a full stop', async () => {
    const dir = section11Returns();
    // The police leave a criterion unrated. The health trust returned on the 2007-2018 edition:
    // the criteria not in it were not left unrated by it, and are counted apart.
    const police = join(dir, 'borsetshire-police.yaml');
    writeFileSync(police, readFileSync(police, 'utf8').replace(/^(  COM-1:\n)    rating: 4\n/m, '$1'));
    const json = await runAudit(['aggregate', '.', '--format', 'json'], { cwd: dir });
    const agencies = (JSON.parse(json.stdout) as { agencies: { summary: { notAssessed: number }; notInEdition: number }[] }).agencies;
    const incomplete = agencies.filter((a) => a.summary.notAssessed > a.notInEdition);
    const unrated = incomplete.reduce((n, a) => n + a.summary.notAssessed - a.notInEdition, 0);
    expect(incomplete.length).toBeGreaterThan(0);
    expect(agencies.some((a) => a.notInEdition > 0)).toBe(true);

    const result = await runAudit(['aggregate', '.', '-o', 'partnership.pdf', '--meeting-date', '2027-04-20'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/; Not for publication\.\n$/);
    const text = await pdfText(join(dir, 'partnership.pdf'));
    // No sentence claims that every criterion was rated when some were not.
    expect(text).not.toMatch(/Each agency rated (?:every|each) criterion/);
    expect(text).toContain(incomplete.length === 1 ? `One agency left ${unrated === 1 ? 'a criterion' : `${unrated} criteria`} unrated` : `${incomplete.length} of ${agencies.length} agencies left criteria unrated, ${unrated} in all`);
    expect(text).toContain('That the Safeguarding Partnership Board:');
    // The last recommendation made ends the list.
    const recommendations = /That the Safeguarding Partnership Board:(.*?)\d+\.\d+ /.exec(text)?.[1] ?? text.slice(text.indexOf('That the Safeguarding'));
    const items = recommendations.split(/\([a-h]\) /).slice(1).map((item) => item.trim());
    expect(items.length).toBeGreaterThan(1);
    expect(items.at(-1)).toMatch(/\.(?: [A-Z0-9].*)?$/);
    expect(items.slice(0, -1).every((item) => item.endsWith(';'))).toBe(true);
    expect(BAD_COUNT.exec(text)?.[0]).toBeUndefined();
  }, 60_000);
});
