/**
 * Text in every workbook audit writes, as in a PDF (src/render/safe-text.ts, documentText): no
 * bidirectional override, C1 control or stray carriage return reaches a cell, a sheet's header
 * or the document's title; and no cell is longer than Excel holds: gap and plan cut such text
 * with a note of how much more the audit file has (a return refuses it, as it must read back).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixture, runAudit, workspace } from '../helpers/cli.js';
import { readWithSheetJS } from '../helpers/xlsx.js';
import { workbookParts } from '../helpers/zip.js';

/** What must never reach a part of a workbook: bidi and isolate controls, C1, and any C0 but tab and line feed. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const HOSTILE = fixture('mini-audit.yaml')
  .replace('organisation: Borsetshire County Council', 'organisation: "Borsetshire \\u202Elicnuoc\\u202C County Council"')
  .replace(
    '  W-1:\n    rating: 1\n',
    '  W-1:\n    rating: 1\n    evidence: "Seen\\u009B2J by the \\u202Eboard\\u202C;\\rsecond line\\u0085third \\u2066isolated\\u2069 \\u001b[31m"\n' +
      '    action:\n      text: "Train \\u202Eall\\u202C staff\\u009B"\n      owner: "Head\\rof HR"\n',
  );

function partsText(file: string): string {
  return workbookParts(file)
    .filter((part) => /\.xml$|\.rels$/.test(part.name))
    .map((part) => `${part.name}\n${part.data.toString('utf8')}`)
    .join('\n');
}

describe('workbooks hold no control characters', () => {
  it('export, gap, plan and aggregate leave bidi overrides, C1 controls and stray CRs out of every part', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': HOSTILE });
    for (const args of [
      ['export', 'audit.yaml', '-o', 'return.xlsx'],
      ['gap', 'audit.yaml', '-o', 'gap.xlsx'],
      ['plan', 'audit.yaml', '-o', 'plan.xlsx'],
      ['aggregate', 'audit.yaml', '-o', 'heat.xlsx'],
    ]) {
      const run = await runAudit(args, { cwd: dir });
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(0);
      const text = partsText(join(dir, args[3]!));
      expect(UNSAFE.exec(text)?.[0], `${args[0]} wrote a control character`).toBeUndefined();
    }
    // The words are all there, the line breaks as line feeds.
    const gap = readWithSheetJS(join(dir, 'gap.xlsx'));
    const evidence = gap.rows('Criteria').flat().find((v) => typeof v === 'string' && v.startsWith('Seen'));
    expect(evidence).toBe('Seen2J by the board;\nsecond line\nthird isolated [31m');
  });
});

describe('text longer than an Excel cell holds', () => {
  it('gap and plan cut it with a visible note; every cell within 32,767 characters', async () => {
    const long = 'Evidence of a long note. '.repeat(1_700); // 42,500 characters
    const audit = fixture('mini-audit.yaml').replace('  W-1:\n    rating: 1\n', `  W-1:\n    rating: 1\n    evidence: ${long}\n    action:\n      text: ${long}\n`);
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit });
    for (const [args, sheet] of [
      [['gap', 'audit.yaml', '-o', 'gap.xlsx'], 'Criteria'],
      [['plan', 'audit.yaml', '-o', 'plan.xlsx'], 'Plan'],
    ] as const) {
      const run = await runAudit([...args], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const cells = readWithSheetJS(join(dir, args[3])).rows(sheet).flat().filter((v): v is string => typeof v === 'string');
      expect(Math.max(...cells.map((c) => c.length))).toBeLessThanOrEqual(32_767);
      const cut = cells.filter((c) => c.startsWith('Evidence of a long note.'));
      expect(cut.length, args[0]).toBeGreaterThan(0);
      for (const c of cut) expect(c).toMatch(/… \[\d{1,3}(,\d{3})* more characters in the audit file\]$/);
    }
    // A return must read back whole: refused, as before.
    const exported = await runAudit(['export', 'audit.yaml', '-o', 'return.xlsx'], { cwd: dir });
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('more than an Excel cell holds (32,767)');
  });
});
