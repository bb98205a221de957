/**
 * What the editing commands tell the user beside the change, and what they leave in the file:
 * a change to a signed-off audit is said to undo the sign-off (rate, import --into, as moderate
 * does); a response emptied by `rate --applicable` is an empty key again, not `{}`; evidence
 * piped with a byte-order mark is stored without it; marking a criterion with an open action not
 * applicable says what is in the way; `import --into` records who completed the return.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook } from '../helpers/xlsx.js';

function miniAudit(): string {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
}

const SIGNED_NOTE = /^note: audit\.yaml was signed off by Jane Smith on \S+; after this change `audit verify` will report it changed until it is signed off again$/m;

describe('a change to a signed-off audit', () => {
  it('rate and import --into say the sign-off no longer holds; a change that failed says nothing', async () => {
    const dir = miniAudit();
    expect((await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir })).code).toBe(0);
    expect((await runAudit(['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir })).code).toBe(0);

    const refused = await runAudit(['rate', 'audit.yaml', 'L-1', '--rating', '9'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toMatch(SIGNED_NOTE);

    const rated = await runAudit(['rate', 'audit.yaml', 'W-1', '--rating', '2'], { cwd: dir });
    expect(rated.code, rated.stderr).toBe(0);
    expect(rated.stderr).toMatch(SIGNED_NOTE);

    // W-2, not W-1: W-1 was rated since the return went out, so the return's rating of it would be kept out, and named.
    await fillWorkbook(join(dir, 'sent.xlsx'), { cells: { 'Return!E5': 3 } });
    const imported = await runAudit(['import', 'sent.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(SIGNED_NOTE);
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(1);
  });
});

describe('rate', () => {
  it('--applicable on a response holding only its reason leaves an empty key, as audit new writes one', async () => {
    const dir = miniAudit();
    expect((await runAudit(['rate', 'audit.yaml', 'W-3', '--not-applicable', 'No staff'], { cwd: dir })).code).toBe(0);
    const run = await runAudit(['rate', 'audit.yaml', 'W-3', '--applicable'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const text = read(dir, 'audit.yaml');
    expect(text).not.toContain('{}');
    expect(text).toMatch(/^ {2}W-3:\n?$/m);
    expect(parse(text).responses['W-3']).toBeNull();
    expect((await runAudit(['gap', 'audit.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('--evidence - stores piped text without its byte-order mark', async () => {
    const dir = miniAudit();
    const run = await runAudit(['rate', 'audit.yaml', 'W-1', '--evidence', '-'], { cwd: dir, input: Buffer.from('\uFEFFTraining log, 2025.\r\n', 'utf8') });
    expect(run.code, run.stderr).toBe(0);
    expect(parse(read(dir, 'audit.yaml')).responses['W-1'].evidence).toBe('Training log, 2025.');
  });

  it('--not-applicable on a criterion with an open action names the action and how to close it', async () => {
    const dir = miniAudit();
    const before = read(dir, 'audit.yaml');
    const run = await runAudit(['rate', 'audit.yaml', 'L-2', '--not-applicable', 'No board'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(isCleanError(run.stderr)).toBe(true);
    expect(run.stderr).not.toContain('is marked not applicable');
    expect(run.stderr).toContain('L-2 has an open improvement action');
    expect(run.stderr).toContain('--status done');
    expect(read(dir, 'audit.yaml')).toBe(before);
    // The way out it names works.
    const done = await runAudit(['rate', 'audit.yaml', 'L-2', '--not-applicable', 'No board', '--status', 'done'], { cwd: dir });
    expect(done.code, done.stderr).toBe(0);
  });
});

describe('import --into', () => {
  it('records who completed the return as the assessor, and counts not-applicable answers as such', async () => {
    const dir = miniAudit();
    expect((await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir })).code).toBe(0);
    await fillWorkbook(join(dir, 'sent.xlsx'), { cells: { 'Instructions!B8': 'Sam Patel, Head of Safeguarding', 'Return!E6': 'Not applicable', 'Return!K6': 'We have no staff' } });
    const run = await runAudit(['import', 'sent.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Completed by Sam Patel, Head of Safeguarding: recorded as the assessor (was Jo Bloggs)');
    expect(run.stdout).toMatch(/, 1 not applicable, 1 not assessed,/);
    const audit = parse(read(dir, 'audit.yaml'));
    expect(audit.assessor).toBe('Sam Patel, Head of Safeguarding');
    expect(audit.responses['W-3']).toMatchObject({ notApplicable: 'We have no staff' });
  });

  it('counts no change where an action differs only in a block scalar\'s final line break', async () => {
    const text = fixture('mini-audit.yaml').replace('      text: Bring the yearly report forward to October\n', '      text: |\n        Bring the yearly report forward to October\n');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': text });
    expect((await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir })).code).toBe(0);
    await fillWorkbook(join(dir, 'sent.xlsx'), { cells: { 'Return!E4': 3 } });
    const run = await runAudit(['import', 'sent.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 criterion changed');
    expect(read(dir, 'audit.yaml')).toContain('      text: |\n        Bring the yearly report forward to October\n');
  });

  it('refuses a due date before 1900 or centuries ahead, naming the sheet and cell', async () => {
    const dir = miniAudit();
    expect((await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir })).code).toBe(0);
    const before = read(dir, 'audit.yaml');
    // Serial -5, as Excel holds a date typed as -5 in a date cell.
    await fillWorkbook(join(dir, 'sent.xlsx'), { cells: { 'Return!G4': 'Train staff', 'Return!I4': new Date(Date.UTC(1899, 11, 25)), 'Return!G5': 'Supervise', 'Return!I5': '01/01/2999' } });
    const run = await runAudit(['import', 'sent.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(isCleanError(run.stderr)).toBe(true);
    // Quoted as the cell holds it, never as a date nobody typed.
    expect(run.stderr).toMatch(/Return!I4: the due date cell holds the number -5, which is no date/);
    expect(run.stderr).toMatch(/Return!I5: due date "01\/01\/2999" is not a plausible date/);
    expect(read(dir, 'audit.yaml')).toBe(before);
  });
});
