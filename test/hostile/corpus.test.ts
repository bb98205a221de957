/**
 * The hostile corpus (test/hostile/corpus/, listed with what each holds in corpus.json): audit
 * files an attacker, a careless tool or an old editor might produce. Each is read by the fast
 * reader (`audit gap`) and by the strict one (`audit rate`), which must agree: both refuse it,
 * naming the file, or both accept it. An accepted one is also signed and verified (the reading
 * that signs must be the reading that verifies), and nothing from it may reach the terminal as
 * a control character. Add a file here for every new class of hostile input.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCleanError, ROOT, runAudit, workspace, type RunResult } from '../helpers/cli.js';
import { actsOnTerminal } from './acts-on-terminal.js';

interface Case {
  file: string;
  why: string;
  expect: 'refused' | 'accepted';
  message?: string;
}

const CORPUS = join(ROOT, 'test/hostile/corpus');
const cases = JSON.parse(readFileSync(join(CORPUS, 'corpus.json'), 'utf8')) as Case[];

const quiet = (r: RunResult) => !actsOnTerminal(r.stdout) && !actsOnTerminal(r.stderr);

describe('the hostile corpus', () => {
  it('lists every file it holds', () => {
    expect(cases.length).toBeGreaterThan(30);
    for (const c of cases) expect(readFileSync(join(CORPUS, c.file)).length, c.file).toBeGreaterThan(0);
  });

  it.each(cases.filter((c) => c.expect === 'refused'))('refuses $file ($why) in both readers, naming it, changing nothing', async (c) => {
    const dir = workspace();
    cpSync(CORPUS, dir, { recursive: true });
    const before = readFileSync(join(dir, c.file));
    const [fast, strict] = await Promise.all([
      runAudit(['gap', c.file, '--format', 'json'], { cwd: dir }),
      runAudit(['rate', c.file, 'W-3', '--rating', '2'], { cwd: dir }),
    ]);
    for (const [reader, result] of [['gap', fast], ['rate', strict]] as const) {
      expect(result.code, `${reader}: ${result.stderr}`).toBe(2);
      expect(result.stderr, reader).toMatch(new RegExp(`^audit: ${c.file.replace(/\./g, '\\.')}(:\\d+:\\d+)?: .*(${c.message})`));
      expect(isCleanError(result.stderr)).toBe(true);
      expect(quiet(result), `${reader} wrote a control character`).toBe(true);
    }
    expect(readFileSync(join(dir, c.file)).equals(before)).toBe(true);
  });

  it.each(cases.filter((c) => c.expect === 'accepted'))('reads $file ($why) one way: rated, signed and verified, shown and not obeyed', async (c) => {
    const dir = workspace();
    cpSync(CORPUS, dir, { recursive: true });
    const original = readFileSync(join(dir, c.file), 'utf8');
    const gap = await runAudit(['gap', c.file], { cwd: dir });
    expect(gap.code, gap.stderr).toBe(0);
    expect(quiet(gap), 'gap wrote a control character').toBe(true);

    const rate = await runAudit(['rate', c.file, 'W-3', '--rating', '2'], { cwd: dir });
    expect(rate.code, rate.stderr).toBe(0);
    const rated = readFileSync(join(dir, c.file), 'utf8');
    // Only the answer changed: the byte-order mark and the line endings are the file's own.
    expect(rated.startsWith('\ufeff')).toBe(original.startsWith('\ufeff'));
    expect(rated.includes('\r\n')).toBe(original.includes('\r\n'));

    const sign = await runAudit(['sign', c.file, '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir });
    expect(sign.code, sign.stderr).toBe(0);
    const verify = await runAudit(['verify', c.file], { cwd: dir });
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/^UNCHANGED {2}/);
    for (const [what, result] of [['rate', rate], ['sign', sign], ['verify', verify]] as const) expect(quiet(result), `${what} wrote a control character`).toBe(true);
  });
});
