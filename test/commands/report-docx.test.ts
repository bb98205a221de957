/**
 * The editable Word version of both reports, as a democratic services officer meets it: the
 * built CLI writes a .docx, and the file is read back by an independent reader (mammoth, which
 * converts Word documents) and by unzipping it and reading its XML parts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT, fixture, listFiles, runAudit, workspace } from '../helpers/cli.js';

const DETAILS = stringify({
  author: { name: 'Jo Bloggs', role: 'Head of Safeguarding', telephone: '01632 960000', email: 'jo.bloggs@example.gov.uk' },
  backgroundPapers: ['Self-audit working papers'],
  consultation: 'Shared with the partnership’s panel.',
  childrensVoice: 'Children said they want the same worker.',
});

/** Every part of a .docx by name, as text. */
function parts(file: string): Record<string, string> {
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

async function docxText(file: string): Promise<string> {
  return (await mammoth.extractRawText({ path: file })).value.replace(/\s+/g, ' ');
}

function climbieWorkspace(): string {
  return workspace({ 'details.yaml': DETAILS, 'audit.yaml': readFileSync(join(ROOT, 'examples/borsetshire-climbie-2003-04.yaml'), 'utf8') });
}

describe('audit report -o FILE.docx', () => {
  it('writes a Word document with heading styles, Word numbering, repeating header rows, a described chart and its language', async () => {
    const dir = climbieWorkspace();
    const result = await runAudit(['report', 'audit.yaml', '-o', 'report.docx', '--details', 'details.yaml', '--meeting-date', '2003-07-21'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote report\.docx: /);
    expect(listFiles(dir)).toEqual(['audit.yaml', 'details.yaml', 'report.docx']);

    const text = await docxText(join(dir, 'report.docx'));
    for (const expected of ['Borsetshire County Council', 'Purpose of the report', 'Improvement plan', 'Children said they want the same worker.', 'Self-audit working papers', 'Jo Bloggs, Head of Safeguarding']) {
      expect(text).toContain(expected);
    }
    // The Part 2 version holds the evidence.
    expect(text).toContain('Evidence:');

    const docx = parts(join(dir, 'report.docx'));
    const document = docx['word/document.xml']!;
    // Heading styles: the title, each section as Heading 1, each sub-section as Heading 2.
    expect(document).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect((document.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(document).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    // Word's own numbering: sections 1., paragraphs and sub-sections 1.1, appendices lettered.
    expect(document).toMatch(/<w:numPr>/);
    const numbering = docx['word/numbering.xml']!;
    expect(numbering).toContain('w:val="%1.%2"');
    expect(numbering).toContain('w:val="upperLetter"');
    expect(numbering).toContain('w:val="Appendix %1:"');
    // Header rows repeat on every page; rows are not split.
    expect(document).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/);
    expect(document).toMatch(/<w:cantSplit\/>|<w:cantSplit w:val="(true|1|on)"\/>/);
    // The chart: a Word chart part, with the figure's alternative text.
    expect(Object.keys(docx).some((name) => /^word\/charts\/chart\d+\.xml$/.test(name))).toBe(true);
    expect(document).toMatch(/<wp:docPr [^>]*descr="Bar chart of each standard’s mean rating against its target[^"]*Referral: mean 3\.33/);
    // The document's language.
    expect(docx['word/styles.xml']).toMatch(/<w:lang w:val="en-GB"\/>/);
  });

  it('leaves every evidence and moderation note out of the public version, in every part of the file', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'details.yaml': DETAILS, 'audit.yaml': fixture('mini-audit.yaml') });
    const secret = 'Private note naming a child';
    expect((await runAudit(['rate', 'audit.yaml', 'L-1', '--evidence', secret], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '1', '--note', 'Panel secret note', '--by', 'Panel'], { cwd: dir })).code).toBe(0);
    const result = await runAudit(['report', 'audit.yaml', '--format', 'docx', '--public', '--details', 'details.yaml', '--as-of', '2026-03-01'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(listFiles(dir)).toContain('audit-public.docx');
    const text = await docxText(join(dir, 'audit-public.docx'));
    expect(text).toContain('Ratings (evidence left out of this public version)');
    expect(text).toContain('moderated by Panel');
    for (const [name, part] of Object.entries(parts(join(dir, 'audit-public.docx')))) {
      expect(part, name).not.toContain(secret);
      expect(part, name).not.toContain('Panel secret note');
      expect(part, name).not.toContain('Evidence:');
    }
    // The same audit's Part 2 version does hold them: the test would see a leak.
    await runAudit(['report', 'audit.yaml', '-o', 'private.docx', '--details', 'details.yaml', '--as-of', '2026-03-01'], { cwd: dir });
    expect(await docxText(join(dir, 'private.docx'))).toContain(secret);
  });

  it('marks English framework text in a Welsh document as English', async () => {
    const dir = climbieWorkspace();
    const template = join(dir, 'cy.yaml');
    writeFileSync(template, 'language: cy\nnation: wales\nlabels:\n  contents: Cynnwys\n');
    const result = await runAudit(['report', 'audit.yaml', '-o', 'cy.docx', '--template', 'cy.yaml', '--details', 'details.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    const docx = parts(join(dir, 'cy.docx'));
    expect(docx['word/styles.xml']).toMatch(/<w:lang w:val="cy"\/>/);
    expect((docx['word/document.xml']!.match(/<w:lang w:val="en"\/>/g) ?? []).length).toBeGreaterThan(20);
  });

  it('refuses a name and a --format that disagree, and -o with another extension (exit 2)', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const mismatch = await runAudit(['report', 'audit.yaml', '-o', 'r.pdf', '--format', 'docx'], { cwd: dir });
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('-o r.pdf does not end in .docx');
    const other = await runAudit(['report', 'audit.yaml', '-o', 'r.odt'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('the report is written as .pdf or .docx');
    expect(listFiles(dir)).toEqual(['audit.yaml', 'mini-framework.yaml']);
  });
});

describe('audit aggregate -o FILE.docx', () => {
  it('writes the partnership report as Word, with the heat map as a table and no evidence', async () => {
    const dir = workspace({ 'details.yaml': DETAILS });
    const result = await runAudit(['aggregate', join(ROOT, 'examples/section-11'), '-o', 'partnership.docx', '--details', 'details.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    const text = await docxText(join(dir, 'partnership.docx'));
    expect(text).toContain('Heat map of agencies by standard');
    expect(text).toContain('Borsetshire Police');
    expect(text).toContain('sections 16E to 16K');
    expect(text).not.toContain('Evidence:');
    const document = parts(join(dir, 'partnership.docx'))['word/document.xml']!;
    // Heat-map cells are shaded by RAG rating, with the rating in words.
    expect(document).toMatch(/<w:shd [^>]*w:fill="F4C7C3"/);
  });
});
