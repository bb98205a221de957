/**
 * A reader that goes away (`audit … | head -1`, `2>&1 | true`) cuts the output short; it must
 * never change what the command's status says: 2 for a bad option, 1 for a failed check, 0 for a
 * report written. Both ends of the pipe are closed before the command writes a byte.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, workspace } from '../helpers/cli.js';

/** Runs audit with standard output and standard error both pipes whose reader has gone. */
function runIntoClosedPipes(args: string[], cwd = ROOT): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', AUDIT_DEBUG: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    child.stderr.destroy();
    child.on('error', fail);
    child.on('close', (code) => done(code));
  });
}

const COMMANDS = [
  ['standards', 'list'],
  ['standards', 'show', 'section-11'],
  ['standards', 'validate'],
  ['standards', 'map', 'a', 'b'],
  ['new'],
  ['start'],
  ['resume', 'x.yaml'],
  ['rate', 'x.yaml', 'A-1'],
  ['export'],
  ['import', 'x.xlsx'],
  ['gap', 'x.yaml'],
  ['plan', 'x.yaml'],
  ['report', 'x.yaml'],
  ['check', 'x.yaml'],
  ['compare', 'a.yaml', 'b.yaml'],
  ['trend', 'a.yaml'],
  ['aggregate', 'examples/section-11/'],
  ['moderate', 'x.yaml', 'A-1'],
  ['sign', 'x.yaml'],
  ['verify', 'x.yaml'],
  ['examples'],
  ['init'],
];

const AUDIT = 'examples/section-11/borsetshire-police.yaml';

describe('output cut short by the reader', () => {
  it('an unknown option is usage (exit 2) for every command and at the top level, whoever reads', async () => {
    const codes = await Promise.all([...COMMANDS.map((c) => [...c, '--frobnicate']), ['--frobnicate'], ['frobnicate']].map((args) => runIntoClosedPipes(args)));
    expect(codes).toEqual(codes.map(() => 2));
  });

  it('help and a passing command are 0, a failing check 1, bad input 2', async () => {
    const [help, gap, failed, missing] = await Promise.all([
      runIntoClosedPipes(['aggregate', '--help']),
      runIntoClosedPipes(['gap', AUDIT]),
      runIntoClosedPipes(['check', AUDIT, '--fail-on', 'gap']),
      runIntoClosedPipes(['gap', 'no-such-audit.yaml']),
    ]);
    expect([help, gap, failed, missing]).toEqual([0, 0, 1, 2]);
  });

  it('a report whose warnings nobody reads is still written, exit 0', async () => {
    const dir = workspace();
    const pdf = join(dir, 'police.pdf');
    expect(await runIntoClosedPipes(['report', AUDIT, '-o', pdf])).toBe(0);
    expect(existsSync(pdf)).toBe(true);
  });
});
