/**
 * The path given to an editing command is checked as a user's file before its lock is taken
 * beside it: a name too long, a folder that is a file, a file of /proc are bad input (exit 2,
 * as every reading command says), never a lock that cannot be made (exit 3) naming a lock file
 * the user never named. An audit with a second name (a hard link) is refused: an edit would
 * split the names apart, and each name would have its own lock.
 */
import { existsSync, linkSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, listFiles, runAudit, workspace } from '../helpers/cli.js';

function miniAudit(): string {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
}

describe('an editing command given a path that is no audit', () => {
  it('exits 2 naming the path, for rate, sign and moderate alike, and makes no lock', async () => {
    const dir = miniAudit();
    const files = listFiles(dir);
    const cases: [string, RegExp][] = [
      [`${'a'.repeat(300)}.yaml`, /the name is too long/],
      ['mini-framework.yaml/x.yaml', /a part of its path is a file, not a folder/],
      ['/proc/self/status', /^audit: \/proc\/self\/status:/],
    ];
    for (const [path, says] of cases) {
      for (const args of [
        ['rate', path, 'L-1', '--rating', '2'],
        ['sign', path, '--by', 'Jane Smith', '--role', 'DCS'],
        ['moderate', path, 'L-1', '--rating', '2', '--note', 'Seen', '--by', 'Panel'],
      ]) {
        const run = await runAudit(args, { cwd: dir });
        expect(run.code, `${args.join(' ').slice(0, 60)}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toMatch(says);
        expect(run.stderr).not.toContain('.lock');
        expect(isCleanError(run.stderr)).toBe(true);
      }
    }
    expect(listFiles(dir)).toEqual(files);
  });
});

describe('an audit with two names (a hard link)', () => {
  it('is refused by every edit, naming why, and both names keep the same text', async () => {
    const dir = miniAudit();
    linkSync(join(dir, 'audit.yaml'), join(dir, 'copy.yaml'));
    for (const args of [
      ['rate', 'copy.yaml', 'L-1', '--rating', '2'],
      ['moderate', 'audit.yaml', 'L-1', '--rating', '2', '--note', 'Seen', '--by', 'Panel'],
      ['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'],
    ]) {
      const run = await runAudit(args, { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('this audit has 2 names (hard links to one file)');
      expect(isCleanError(run.stderr)).toBe(true);
    }
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(fixture('mini-audit.yaml'));
    expect(readFileSync(join(dir, 'copy.yaml'), 'utf8')).toBe(fixture('mini-audit.yaml'));
    expect(existsSync(join(dir, 'audit.yaml.lock'))).toBe(false);
  });
});
