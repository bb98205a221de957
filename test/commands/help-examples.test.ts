/**
 * The examples at the end of every command's --help, run as a new user pastes them: in a folder
 * where `audit examples` copied the examples, in the order `audit --help` lists the commands,
 * through an `audit` on PATH; those of start and resume in a terminal, stopped at their first
 * question. Every command has some, and none names a file that is not there.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runAudit, workspace } from '../helpers/cli.js';
import { KEY, PtyAudit } from '../helpers/pty.js';

const COMMANDS = [
  'examples',
  'standards list',
  'standards show',
  'standards validate',
  'standards map',
  'new',
  'start',
  'resume',
  'rate',
  'export',
  'import',
  'gap',
  'plan',
  'report',
  'check',
  'compare',
  'trend',
  'aggregate',
  'moderate',
  'sign',
  'verify',
  'init',
];

/** The command lines under "Examples:" in a help, each put back on one line. */
function examplesOf(help: string): string[] {
  const block = help.slice(help.indexOf('\nExamples:\n') + '\nExamples:\n'.length).split('\n\n')[0]!;
  return block
    .replace(/ \\\n\s+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Arguments as a shell would split them: words, and "quoted text" as one. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('the examples in --help', () => {
  it('every command shows some, and each works when pasted after audit examples', { timeout: 240_000 }, async () => {
    const dir = workspace();
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'audit'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: [bin, process.env.PATH].join(delimiter), HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), NO_COLOR: '1', COLUMNS: '80' };

    for (const command of COMMANDS) {
      const help = await runAudit([...command.split(' '), '--help'], { env: { COLUMNS: '80' } });
      const examples = examplesOf(help.stdout);
      expect(examples.length, `${command}: examples in its help`).toBeGreaterThan(0);
      for (const example of examples) {
        expect(example.startsWith(`audit ${command}`), example).toBe(true);
        if (command === 'start' || command === 'resume') {
          // Asked at a terminal: the arguments are good when the first question comes.
          const session = new PtyAudit(words(example).slice(1), { cwd: dir, env: { XDG_CONFIG_HOME: join(dir, '.config') } });
          await session.waitFor(/Framework to audit against|Assessor|Rating for /);
          session.type(KEY.ctrlC);
          expect((await session.exited).code, example).toBe(130);
          continue;
        }
        const result = spawnSync('bash', ['--noprofile', '--norc', '-o', 'pipefail', '-c', example], { cwd: dir, env, encoding: 'utf8' });
        // A check that fails, or an audit not signed off, is the command working.
        const allowed = command === 'check' || command === 'verify' ? [0, 1] : [0];
        expect(allowed, `${example}\n${result.stderr}`).toContain(result.status);
      }
    }
  });
});
