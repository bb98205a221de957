/**
 * Reports in Welsh: the bundled Welsh templates (`--template welsh`) for the Cabinet and the
 * partnership reports, read back with pdf.js and mammoth. Every word of the report must be
 * Welsh but for the audits' and framework's own words; a template in another language that
 * leaves wording in English is warned of.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const EXAMPLES = join(ROOT, 'examples');
const WELSH_MONTHS = ['ionawr', 'chwefror', 'mawrth', 'ebrill', 'mai', 'mehefin', 'gorffennaf', 'awst', 'medi', 'hydref', 'tachwedd', 'rhagfyr'];

function words(text: string): Set<string> {
  return new Set((text.match(/[A-Za-zÀ-ÿŵŷŴŶ’']+/g) ?? []).map((w) => w.toLowerCase().replace(/^[’']+|[’']+$/g, '')).filter((w) => w.length > 2));
}

/** Words of the report that are neither the Welsh template's, nor in the files the user gave (audits, framework), nor Welsh months. */
function foreignWords(report: string, template: string, sources: string[]): string[] {
  const known = new Set([...words(template), ...sources.flatMap((s) => [...words(s)]), ...WELSH_MONTHS]);
  return [...words(report)].filter((w) => !known.has(w)).sort();
}

describe('--template welsh', () => {
  it('makes the Cabinet report in Welsh, in PDF and Word, with Welsh dates and no untranslated wording', async () => {
    const audit = readFileSync(join(EXAMPLES, 'borsetshire-climbie-2003-04.yaml'), 'utf8');
    const dir = workspace({ 'audit.yaml': audit });
    const template = readFileSync(join(ROOT, 'templates/cabinet-report-welsh.yaml'), 'utf8');
    const framework = readFileSync(join(ROOT, 'standards/climbie-2003.yaml'), 'utf8');
    for (const out of ['adroddiad.pdf', 'adroddiad.docx']) {
      const result = await runAudit(['report', 'audit.yaml', '--template', 'welsh', '--meeting-date', '2027-07-20', '--as-of', '2027-07-01', '-o', out], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('leaves');
      expect(result.stdout).toContain('Rhan 2: nid i’w gyhoeddi');
      const text = out.endsWith('.pdf') ? (await readPdf(join(dir, out))).text : (await mammoth.extractRawText({ path: join(dir, out) })).value;
      expect(text).toContain('20 Gorffennaf 2027');
      expect(text).toContain('Argymhellion');
      expect(text).toContain('Bod y Cabinet:');
      expect(foreignWords(text, template, [audit, framework]), out).toEqual([]);
    }
  }, 60_000);

  it('makes the partnership report in Welsh', async () => {
    const dir = workspace();
    cpSync(join(EXAMPLES, 'section-11-2026-27'), dir, { recursive: true });
    const sources = [
      ...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')),
      readFileSync(join(ROOT, 'standards/section-11.yaml'), 'utf8'),
      readFileSync(join(ROOT, 'standards/section-11@2007-2018.yaml'), 'utf8'),
    ];
    const result = await runAudit(['aggregate', '.', '--template', 'welsh', '--meeting-date', '2027-07-20', '-o', 'partneriaeth.pdf'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('leaves');
    const text = (await readPdf(join(dir, 'partneriaeth.pdf'))).text;
    expect(text).toContain('20 Gorffennaf 2027');
    expect(text).toContain('Bod y Bwrdd Diogelu Plant Rhanbarthol:');
    expect(foreignWords(text, readFileSync(join(ROOT, 'templates/partnership-report-welsh.yaml'), 'utf8'), sources)).toEqual([]);
  }, 60_000);

  it('says in each Welsh template that no Welsh speaker has checked it', () => {
    for (const file of ['cabinet-report-welsh.yaml', 'partnership-report-welsh.yaml']) {
      expect(readFileSync(join(ROOT, 'templates', file), 'utf8')).toContain('NOT CHECKED BY A WELSH SPEAKER');
    }
  });
});

describe('a template in another language that leaves wording in English', () => {
  it('is warned of, naming how much and where, and the report is still made', async () => {
    const dir = workspace({ 'audit.yaml': readFileSync(join(EXAMPLES, 'borsetshire-climbie-2003-04.yaml'), 'utf8') });
    writeFileSync(join(dir, 'ours.yaml'), 'language: cy\nlabels:\n  contents: Cynnwys\n  pageOf: "Tudalen {page} o {pages}"\n');
    const result = await runAudit(['report', 'audit.yaml', '--template', 'ours.yaml', '-o', 'r.pdf'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: ours\.yaml is in language "cy" but leaves \d+ of its wordings in the bundled template's \(reportTitle, runningHeader, [^)]*\): give them in the template, or start from a bundled translation such as --template welsh/);
  }, 60_000);
});
