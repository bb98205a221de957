/**
 * "Where most agencies fall short" means one thing in every view of `audit aggregate`: the
 * criteria below target in more than half of the agencies that rated them. An independent trial
 * found the terminal listing the top 10 of every shortfall (63), Markdown listing criteria below
 * target in 1 agency of 3 under that heading, and the PDF counting 53.
 */
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { readWithSheetJS } from '../helpers/xlsx.js';

const RETURNS = join(ROOT, 'examples/section-11-2026-27');

/** "3 of 4" → below target in more than half of the agencies that rated it. */
const inMost = (below: number, rated: number) => below * 2 > rated;

describe('where most agencies fall short', () => {
  it('has one rule and one count in the terminal, Markdown, JSON, the workbook, the PDF and Word', async () => {
    const dir = workspace();
    const run = (...args: string[]) => runAudit(['aggregate', RETURNS, ...args]);
    const [json, table, markdown, xlsx, pdf, docx] = await Promise.all([
      run('--format', 'json'),
      run(),
      run('--format', 'markdown'),
      run('-o', join(dir, 'p.xlsx')),
      run('-o', join(dir, 'p.pdf')),
      run('-o', join(dir, 'p.docx')),
    ]);
    for (const r of [json, table, markdown, xlsx, pdf, docx]) expect(r.code, r.stderr).toBe(0);

    const view = JSON.parse(json.stdout);
    const most = view.shortfalls.filter((f: { agenciesBelowTarget: number; agenciesRated: number }) => inMost(f.agenciesBelowTarget, f.agenciesRated));
    // The examples have shortfalls on both sides of the rule, or the test could not tell them apart.
    expect(most.length).toBeGreaterThan(10);
    expect(most.length).toBeLessThan(view.shortfalls.length);
    expect(view.summary.widespreadShortfalls).toBe(most.length);
    for (const f of view.shortfalls) expect(f.widespread, f.criterion).toBe(inMost(f.agenciesBelowTarget, f.agenciesRated));

    // The terminal: the top 10 of those, and the full count named for what it is.
    expect(table.stdout).toContain(`Where most agencies fall short (top 10 of ${most.length})`);
    expect(table.stdout).toContain(`Below target in more than half of the agencies that rated them: ${most.length} criteria`);
    expect(table.stdout).toContain(`Below target in at least one agency: ${view.shortfalls.length} criteria in all`);
    const section = table.stdout.slice(table.stdout.indexOf('Where most agencies fall short'), table.stdout.indexOf('Below target in at least one agency'));
    const rows = [...section.matchAll(/^\s+(\d+) of (\d+)\s/gm)];
    expect(rows).toHaveLength(10);
    for (const [, below, rated] of rows) expect(inMost(Number(below), Number(rated))).toBe(true);

    // Markdown: every such criterion under the heading, the rest under a heading of their own.
    const md = markdown.stdout;
    const mostPart = md.slice(md.indexOf('## Where most agencies fall short'), md.indexOf('## Other criteria below target in at least one agency'));
    const mdRows = [...mostPart.matchAll(/^\| `[^`]+` \|.*\| (\d+) of (\d+) \|/gm)];
    expect(mdRows).toHaveLength(most.length);
    for (const [, below, rated] of mdRows) expect(inMost(Number(below), Number(rated))).toBe(true);
    expect(md).toContain(`## Other criteria below target in at least one agency (${view.shortfalls.length - most.length})`);

    // The workbook lists every shortfall and marks the same ones.
    const sheet = readWithSheetJS(join(dir, 'p.xlsx')).rows('Shortfalls');
    expect(sheet[0]!.at(-1)).toBe('Below target in more than half');
    expect(sheet.slice(1).filter((r) => r.at(-1) === 'Yes')).toHaveLength(most.length);

    // The PDF and Word say the same count in the same words, and the command line agrees.
    const label = `Criteria below target in more than half of the agencies that rated them: ${most.length}`;
    expect((await readPdf(join(dir, 'p.pdf'))).text.replace(/\s+/g, ' ')).toContain(label);
    expect((await mammoth.extractRawText({ path: join(dir, 'p.docx') })).value.replace(/\s+/g, ' ')).toContain(label);
    expect(pdf.stdout).toContain(`${most.length} criteria where most agencies fall short`);
  });
});
