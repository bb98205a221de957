/**
 * The editable Word version of both reports, as a democratic services officer meets it: the
 * built CLI writes a .docx, and the file is read back by an independent reader (mammoth, which
 * converts Word documents) and by unzipping it and reading its XML parts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT, fixture, listFiles, runAudit, workspace } from '../helpers/cli.js';
import { dictionaryStrings } from '../helpers/pdf.js';

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

/**
 * Each table's alternative text (Table Properties, Alt Text), in the order of the document:
 * read with fast-xml-parser, a reader independent of the one that wrote them.
 */
function tableAltTexts(file: string): { title?: string; description?: string }[] {
  const xml = parts(file)['word/document.xml']!;
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (name) => name === 'w:tbl' }).parse(xml) as {
    'w:document': { 'w:body': { 'w:tbl'?: { 'w:tblPr': Record<string, { 'w:val': string } | undefined> }[] } };
  };
  return (parsed['w:document']['w:body']['w:tbl'] ?? []).map((table) => {
    const properties = table['w:tblPr'];
    return {
      ...(properties['w:tblCaption'] ? { title: properties['w:tblCaption']['w:val'] } : {}),
      ...(properties['w:tblDescription'] ? { description: properties['w:tblDescription']['w:val'] } : {}),
    };
  });
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

  it('gives every table its summary as Word alternative text, as the PDF’s table summaries say, whatever the words hold', async () => {
    const dir = climbieWorkspace();
    // Markup characters and quotes in the words that become alternative text.
    const audit = readFileSync(join(dir, 'audit.yaml'), 'utf8').replace(/^organisation: .*$/m, 'organisation: "Borsetshire & \\"Wessex\\" <Joint> Council"');
    writeFileSync(join(dir, 'audit.yaml'), audit);
    writeFileSync(join(dir, 'own.yaml'), ['labels:', '  planTableSummary: "The plan & its \\"actions\\" <all of them>, as at {asOf}."', '  periodLabel: "Period <audited> & \\"checked\\""'].join('\n'));
    const common = ['--details', 'details.yaml', '--meeting-date', '2004-07-21', '--template', 'own.yaml'];
    expect((await runAudit(['report', 'audit.yaml', '-o', 'report.docx', ...common], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'audit.yaml', '-o', 'report.pdf', ...common], { cwd: dir })).code).toBe(0);

    const tables = tableAltTexts(join(dir, 'report.docx'));
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect(table.description, JSON.stringify(table)).toBeTruthy();
    const descriptions = tables.map((t) => t.description!);
    // (The template's straight quotes are made typographic as it is read.)
    expect(descriptions).toContain('The plan & its “actions” <all of them>, as at 21 July 2004.');
    // The cover's table: the report's title, and what its rows hold.
    expect(tables[0]!.title).toMatch(/^Children’s safeguarding self-audit 2003-04/);
    expect(tables[0]!.description).toContain('Period <audited> & “checked”, Assessed by');
    // The same summaries as the PDF's tables, one for one.
    const pdfSummaries = dictionaryStrings(readFileSync(join(dir, 'report.pdf'), 'latin1'), 'Summary');
    expect([...descriptions].sort()).toEqual([...pdfSummaries].sort());
  });

  it('sets out as it reads: proportional line spacing, a cover without a header row or running header, a chart of markers and numbered bars', async () => {
    const dir = climbieWorkspace();
    expect((await runAudit(['report', 'audit.yaml', '-o', 'report.docx', '--details', 'details.yaml', '--large-print'], { cwd: dir })).code).toBe(0);
    const docx = parts(join(dir, 'report.docx'));
    // Line spacing as a proportion in so many words (LibreOffice reads a spacing without its rule as exact).
    expect(docx['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:spacing [^>]*w:line="276" w:lineRule="auto"/);
    const document = docx['word/document.xml']!;
    // The cover's table of labels and values has no (empty) header row; its first page no running header.
    const cover = document.slice(document.indexOf('<w:tbl>'), document.indexOf('</w:tbl>'));
    expect(cover).toContain('Date of meeting');
    expect(cover).not.toContain('<w:tblHeader');
    expect(document).toMatch(/<w:headerReference w:type="first" [^>]*\/>[\s\S]*<w:titlePg\/>/);
    // The targets are markers with no line; the bars are named by number under an axis title; large-print type.
    const chart = Object.entries(docx).find(([name]) => /^word\/charts\/chart\d+\.xml$/.test(name))![1];
    const targets = chart.slice(chart.indexOf('<c:lineChart>'), chart.indexOf('</c:lineChart>'));
    expect(targets).toMatch(/<c:ser>(?:(?!<c:marker>).)*<c:spPr><a:ln><a:noFill\/><\/a:ln>/);
    expect(targets).toContain('<c:symbol val="dash"/>');
    expect(chart).toContain('<c:pt idx="0"><c:v>1</c:v></c:pt>');
    expect(chart).toMatch(/<c:catAx>[\s\S]*<c:title>[\s\S]*<a:t>Standard<\/a:t>/);
    expect(chart).toMatch(/<c:catAx>[\s\S]*sz="1200"/);
    expect(chart).not.toMatch(/sz="900"/);
  });

  it('lets a row taller than a page break across pages, and keeps the others whole', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    expect((await runAudit(['rate', 'audit.yaml', 'L-1', '--evidence', long], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'audit.yaml', '-o', 'report.docx', '--as-of', '2026-03-01'], { cwd: dir })).code).toBe(0);
    const rows = [...parts(join(dir, 'report.docx'))['word/document.xml']!.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/g)].map((m) => m[0]);
    const longRows = rows.filter((row) => row.includes('word399'));
    expect(longRows).toHaveLength(1);
    expect(longRows[0]).toContain('<w:cantSplit w:val="off"/>');
    expect(rows.filter((row) => !row.includes('word399')).every((row) => row.includes('<w:cantSplit/>'))).toBe(true);
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
    // Every table says what it is; the heat map's caption is its title.
    const tables = tableAltTexts(join(dir, 'partnership.docx'));
    expect(tables.length).toBeGreaterThan(3);
    for (const table of tables) expect(table.description, JSON.stringify(table)).toBeTruthy();
    expect(tables.some((t) => t.title?.startsWith('Table 1: Mean rating and RAG rating of each agency') && t.description!.startsWith('Heat map of 4 agencies'))).toBe(true);
    // The heat map of 13 standards is too wide for a portrait page: its section is set landscape,
    // the pages before and after it portrait, and the agencies' names get room.
    const orientations = [...document.matchAll(/<w:pgSz [^>]*w:orient="(\w+)"/g)].map((m) => m[1]);
    expect(orientations).toEqual(['portrait', 'landscape', 'portrait']);
    const heatMap = document.slice(document.lastIndexOf('<w:tbl>', document.indexOf('Heat map of 4 agencies')));
    const grid = [...heatMap.slice(0, heatMap.indexOf('</w:tblGrid>')).matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(15);
    expect(grid[0]).toBeGreaterThanOrEqual(130 * 20);
    expect(Math.min(...grid.slice(1))).toBeGreaterThanOrEqual(40 * 20);
  });
});

// LibreOffice is not in CI: where it is installed, it opens both Word reports as a reader's
// office suite would, and every word of them is laid out.
const libreOffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).stdout.trim();
describe.skipIf(!libreOffice || spawnSync('pdftotext', ['-v']).error !== undefined)('the Word reports in LibreOffice', () => {
  it('lays out the chart by its numbers and every word of a long evidence note', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml'), 'details.yaml': DETAILS });
    const long = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    expect((await runAudit(['rate', 'audit.yaml', 'L-1', '--evidence', long], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['report', 'audit.yaml', '-o', 'report.docx', '--details', 'details.yaml', '--as-of', '2026-03-01'], { cwd: dir })).code).toBe(0);
    const profile = join(dir, 'lo-profile');
    const convert = spawnSync(libreOffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { encoding: 'utf8', timeout: 120_000 });
    expect(convert.status, convert.stderr).toBe(0);
    const text = spawnSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).stdout;
    const words = new Set(text.match(/word\d+/g));
    expect(words.size).toBe(1500);
    expect(text).toContain('Figure 1: Mean rating by standard against target');
    expect(text).toMatch(/Standard\s/);
  }, 180_000);
});

