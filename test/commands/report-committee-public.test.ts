/**
 * The committee as running text names it, and what the public version's wording promises.
 * An independent trial found "To report to Chief Officer Group the findings" in every report
 * not for a council, and a public Appendix A that promised the evidence and reasons it leaves out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const flat = (text: string) => text.replace(/\s+/g, ' ');
const police = readFileSync(join(ROOT, 'examples/section-11/borsetshire-police.yaml'), 'utf8');
const AS_OF = ['--as-of', '2026-11-30', '--background-paper', 'none', '--organisation-kind', 'police'];

/** Every string in a template outside the places that name the committee bare: the running header and the article label. */
function runningText(value: unknown, path: string[] = []): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path: path.join('.'), text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => runningText(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => runningText(v, [...path, k]));
  return [];
}

describe('the committee in running text', () => {
  it('no bundled template names {committee} bare in running text: it is {theCommittee}', () => {
    for (const name of ['cabinet-report.yaml', 'cabinet-report-welsh.yaml', 'partnership-report.yaml', 'partnership-report-welsh.yaml']) {
      const template = parse(readFileSync(join(ROOT, 'templates', name), 'utf8'));
      const bare = runningText(template).filter(({ path, text }) => text.includes('{committee}') && !/^(runningHeader|labels\.committeeWithArticle|cover\.committeeWithArticle)$/.test(path));
      expect(bare, name).toEqual([]);
    }
  });

  it('a police force’s report opens "To report to the Chief Officer Group", in PDF and Word; in Welsh without a second article', async () => {
    const dir = workspace({ 'police.yaml': police });
    expect((await runAudit(['report', 'police.yaml', '--public', ...AS_OF, '-o', 'p.pdf'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'police.yaml', '--public', ...AS_OF, '-o', 'p.docx'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'police.yaml', '--public', ...AS_OF, '--template', 'welsh', '-o', 'cy.pdf'], { cwd: dir })).code).toBe(0);
    const pdf = flat((await readPdf(join(dir, 'p.pdf'))).text);
    const docx = flat((await mammoth.extractRawText({ path: join(dir, 'p.docx') })).value);
    for (const text of [pdf, docx]) {
      expect(text).toContain('To report to the Chief Officer Group the findings');
      expect(text).toContain('not to bring its findings to the Chief Officer Group.');
      expect(text).not.toMatch(/to Chief Officer Group|, and Chief Officer Group needs/);
    }
    const welsh = flat((await readPdf(join(dir, 'cy.pdf'))).text);
    expect(welsh).toContain('Cyflwyno gerbron Grŵp y Prif Swyddogion ganfyddiadau');
    expect(welsh).toContain('Bod Grŵp y Prif Swyddogion:');
    expect(welsh).not.toContain('y Grŵp y Prif');
  });

  it('the partnership report gives its view to the board once named with its article', async () => {
    const dir = workspace();
    const result = await runAudit(['aggregate', join(ROOT, 'examples/section-11'), '--committee', 'The Safeguarding Children Board', '-o', join(dir, 'p.pdf')]);
    expect(result.code).toBe(0);
    const text = flat((await readPdf(join(dir, 'p.pdf'))).text);
    expect(text).toContain('To give the Safeguarding Children Board the partnership');
    expect(text).not.toContain('the The');
  });
});

describe('the public version promises only what it gives', () => {
  it('Appendix A of a public report does not promise evidence or reasons; the private one does, in PDF, Word and Welsh', async () => {
    const dir = workspace({ 'police.yaml': police });
    const runs = [
      ['--public', '-o', 'pub.pdf'],
      ['--public', '-o', 'pub.docx'],
      ['--public', '--template', 'welsh', '-o', 'pub-cy.pdf'],
      ['-o', 'priv.pdf'],
    ];
    for (const args of runs) expect((await runAudit(['report', 'police.yaml', ...AS_OF, ...args], { cwd: dir })).code).toBe(0);
    const pub = flat((await readPdf(join(dir, 'pub.pdf'))).text);
    const pubDocx = flat((await mammoth.extractRawText({ path: join(dir, 'pub.docx') })).value);
    for (const text of [pub, pubDocx]) {
      expect(text).toContain('with its rating and its target.');
      expect(text).not.toContain('the evidence recorded for it');
      expect(text).not.toContain('with the reason given');
      expect(text).toContain('evidence notes are left out');
    }
    const pubWelsh = flat((await readPdf(join(dir, 'pub-cy.pdf'))).text);
    expect(pubWelsh).not.toContain('a’r dystiolaeth a gofnodwyd ar ei gyfer');
    expect(pubWelsh).not.toContain('gyda’r rheswm a roddwyd');
    const priv = flat((await readPdf(join(dir, 'priv.pdf'))).text);
    expect(priv).toContain('the evidence recorded for it');
    expect(priv).toContain('with the reason given');
  });
});
