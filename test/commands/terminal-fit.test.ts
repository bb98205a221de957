/**
 * Every line of every command's text output fits the terminal: what it prints on standard
 * output (tables, messages) and on standard error (notes, warnings, faults), and its --help,
 * at COLUMNS=80 and 60, run over the examples as a new user meets them. No line may be wider:
 * a word wider than the line (a long path) is broken between its characters, so there is no
 * exception to allow. The help of every command is found from `audit --help` itself, so a new
 * command is swept without a change here.
 */
import stringWidth from 'fast-string-width';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook } from '../helpers/xlsx.js';

/** The lines of `text` wider than `columns`, with their widths. */
function overWide(text: string, columns: number): string[] {
  return stripVTControlCharacters(text)
    .split('\n')
    .filter((line) => stringWidth(line) > columns)
    .map((line) => `${stringWidth(line)}: ${line}`);
}

const POLICE = 'examples/section-11/borsetshire-police.yaml';
const CLIMBIE = 'examples/borsetshire-climbie-2002-03.yaml';
const TREND = ['examples/section-11-2024-25/borsetshire-police.yaml', POLICE, 'examples/section-11-2026-27/borsetshire-police.yaml'];

/**
 * What a new user runs, in order, in a folder holding a copy of the examples: the commands that
 * print most prose (titles, lists, messages, notes, warnings and faults), not every table.
 */
const SESSION: string[][] = [
  ['examples', 'more-examples'],
  ['standards', 'validate', '--library', '--strict'],
  ['standards', 'map', 'section-11@2007-2018', 'section-11'],
  ['compare', POLICE, 'examples/section-11/borsetshire-health-nhs-trust.yaml'],
  ['trend', ...TREND],
  ['aggregate', 'examples/section-11-2026-27/', '--previous', 'examples/section-11/'],
  ['aggregate', 'examples/section-11-2026-27/', 'examples/section-11/'],
  ['verify', POLICE],
  ['new', '--from', POLICE, '--period', '2026-27', '-o', 'police-2026-27.yaml'],
  ['rate', POLICE, 'COM-1', '--rating', '3', '--evidence', 'Board minutes, May 2025'],
  ['sign', POLICE, '--by', 'A. Chief', '--role', 'Chief Constable of the Borsetshire Constabulary'],
  ['rate', POLICE, 'COM-2', '--rating', '2'],
  ['verify', POLICE],
  ['export', POLICE, '--return-to', 'Partnership Business Unit, s11@borsetshire.gov.uk', '-o', 'police.xlsx'],
  ['import', 'faulty.xlsx'],
  ['report', CLIMBIE, '-o', 'cabinet.pdf'],
  ['init', 'repo'],
  ['gap', 'no-such-audit-in-this-folder-or-any-other-for-that-matter-2025-26.yaml'],
];

/** The outputs the independent trials found too wide at 80 columns, run at 80 too. */
const FOUND_AT_80: string[][] = [
  ['standards', 'map', 'section-11@2007-2018', 'section-11'],
  ['trend', ...TREND],
  ['aggregate', 'examples/section-11-2026-27/', '--previous', 'examples/section-11/'],
  ['verify', POLICE],
  ['import', 'faulty.xlsx'],
];

/** A return with a fault of each kind in it, so that import lists them. */
async function faultyReturn(dir: string): Promise<void> {
  const made = await runAudit(['export', '--framework', 'section-11@2007-2018', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'blank.xlsx'], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  copyFileSync(join(dir, 'blank.xlsx'), join(dir, 'faulty.xlsx'));
  await fillWorkbook(join(dir, 'faulty.xlsx'), {
    cells: { 'Return!E14': 5, 'Return!E15': 'Good', 'Return!F10': { formula: 'A1&B1', result: 'x' }, 'Return!I12': 'next year' },
  });
}

/** A folder with a copy of the examples (as `audit examples` makes) and a faulty return. */
async function examplesFolder(): Promise<string> {
  const dir = workspace();
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  await faultyReturn(dir);
  return dir;
}

/** Runs `runs` in order in `dir` at `columns`; the lines wider than that, each under its command. */
async function sweep(runs: string[][], dir: string, columns: number): Promise<{ wide: string[]; stderr: string }> {
  const wide: string[] = [];
  let stderr = '';
  for (const args of runs) {
    const run = await runAudit(args, { cwd: dir, env: { COLUMNS: String(columns) } });
    stderr += run.stderr;
    for (const line of [...overWide(run.stdout, columns), ...overWide(run.stderr, columns)]) wide.push(`audit ${args.join(' ')}\n  ${line}`);
  }
  return { wide, stderr };
}

describe('every line fits the terminal', () => {
  it('the commands run over the examples, at 60 columns: standard output and standard error', async () => {
    const { wide, stderr } = await sweep(SESSION, await examplesFolder(), 60);
    expect(wide).toEqual([]);
    // The sweep saw what it was meant to: notes, warnings and every fault of the return.
    const unwrapped = stderr.replace(/\n +/g, ' ');
    expect(unwrapped).toContain('note: 1 return of earlier or other editions read onto');
    expect(unwrapped).toContain('warning: comparing different organisations');
    expect(unwrapped).toMatch(/^audit: faulty\.xlsx: Return!E15: rating "Good" is not on the scale 1–4: choose from/m);
    // One fault to a line, its place whole at the line's start.
    expect(stderr.match(/^audit: faulty\.xlsx: Return!(E14|E15|F10|I12): /gm)).toHaveLength(4);
  }, 120_000);

  it('the outputs found too wide at 80 columns, at 80', async () => {
    expect((await sweep(FOUND_AT_80, await examplesFolder(), 80)).wide).toEqual([]);
  }, 60_000);

  it('the help of every command at 60 columns; the main help at 80, and at 80 when COLUMNS is not set and output is not a terminal', async () => {
    const env = { COLUMNS: '60' };
    const top = await runAudit(['--help'], { env });
    const commands = (help: string) =>
      [...help.slice(help.indexOf('\nCommands:')).matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
    const names = commands(top.stdout);
    expect(names).toEqual(expect.arrayContaining(['standards', 'new', 'report', 'aggregate', 'init']));
    const standards = commands((await runAudit(['standards', '--help'], { env })).stdout).map((name) => `standards ${name}`);
    expect(standards).toEqual(['standards list', 'standards show', 'standards validate', 'standards map']);
    const helps = await Promise.all([...names, ...standards].map(async (name) => ({ name, columns: 60, run: await runAudit([...name.split(' '), '--help'], { env }) })));
    for (const { run } of helps) expect(run.code).toBe(0);
    const at80 = await Promise.all(
      [{ COLUMNS: '80' }, { COLUMNS: undefined }].map(async (env) => ({ name: `(COLUMNS=${env.COLUMNS ?? 'unset'})`, columns: 80, run: await runAudit(['--help'], { env }) })),
    );
    // And as commander shows it after a mistake, on standard error.
    const mistake = { name: 'report (after a mistake)', columns: 60, run: await runAudit(['report', '--no-such-option'], { env }) };
    expect(mistake.run.code).toBe(2);
    const wide = [{ name: '', columns: 60, run: top }, ...helps, ...at80, mistake].flatMap(({ name, columns, run }) =>
      [...overWide(run.stdout, columns), ...overWide(run.stderr, columns)].map((line) => `audit ${name} --help\n  ${line}`),
    );
    expect(wide).toEqual([]);
  });

  it('the help of every command at 40 columns, its usage line too; only an example word that cannot be broken (a path) is wider', async () => {
    const env = { COLUMNS: '40' };
    const names = [...(await runAudit(['--help'], { env: { COLUMNS: '200' } })).stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)]
      .map((m) => m[1]!)
      .filter((name) => name !== 'help');
    const all = [...names, 'standards list', 'standards show', 'standards validate', 'standards map'];
    const helps = await Promise.all(all.map(async (name) => ({ name, run: await runAudit([...name.split(' '), '--help'], { env }) })));
    // A line of an example continued under it: one word (a path, a "quoted argument") and its " \\".
    const oneWord = /^ {6}(?:"[^"]*"|\S+)(?: \\)?$/;
    const wide = helps.flatMap(({ name, run }) => overWide(run.stdout, 40).filter((line) => !oneWord.test(line.replace(/^\d+: /, ''))).map((line) => `audit ${name} --help\n  ${line}`));
    expect(wide).toEqual([]);
    expect((await runAudit(['standards', 'validate', '--help'], { env })).stdout).toMatch(/^Usage: audit standards validate\n {7}\[options\] \[file\.\.\.\]\n/);
  });
});
