import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquireAuditLock, AuditLockedError, lockFileFor } from '../../src/io/lock.js';
import { workspace } from '../helpers/cli.js';
import { bundledModule } from '../helpers/source-module.js';

const NOW = new Date('2025-06-02T10:00:00Z');

function auditIn(dir: string): string {
  const file = join(dir, 'audit.yaml');
  writeFileSync(file, 'framework: mini\n');
  return file;
}

/** The pid of a process that has run and ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeHolder(file: string, holder: Record<string, unknown>): void {
  writeFileSync(lockFileFor(file), JSON.stringify({ user: 'sam', since: '2025-06-01T09:30:00Z', token: 'abc', ...holder }));
}

describe('audit locks', () => {
  it('records who holds the audit, and releases it', () => {
    const file = auditIn(workspace());
    const lock = acquireAuditLock(file, NOW);
    const held = JSON.parse(readFileSync(`${file}.lock`, 'utf8'));
    expect(held).toMatchObject({ pid: process.pid, host: hostname(), since: '2025-06-02T10:00:00.000Z' });
    expect(typeof held.user).toBe('string');
    expect(lock.tookOverFrom).toBeUndefined();
    lock.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
    lock.release(); // twice is harmless
  });

  it('refuses a second session, saying who holds it and since when', () => {
    const file = auditIn(workspace());
    const first = acquireAuditLock(file, NOW);
    try {
      let err: unknown;
      try {
        acquireAuditLock(file, NOW);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AuditLockedError);
      expect((err as AuditLockedError).exitCode).toBe(3);
      expect((err as AuditLockedError).message).toMatch(
        new RegExp(`^audit\\.yaml is in use by another audit session: held by .+ \\(pid ${process.pid} on ${hostname()}\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\. Finish or stop that session first\\.$`),
      );
    } finally {
      first.release();
    }
  });

  it('takes over a lock whose process no longer runs on this computer', () => {
    const file = auditIn(workspace());
    const pid = deadPid();
    writeHolder(file, { pid, host: hostname() });
    const lock = acquireAuditLock(file, NOW);
    expect(lock.tookOverFrom).toMatchObject({ pid, user: 'sam' });
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('does not take over a lock held on another computer, and says how to clear it', () => {
    const file = auditIn(workspace());
    writeHolder(file, { pid: deadPid(), host: 'laptop-7' });
    expect(() => acquireAuditLock(file, NOW)).toThrow(/held by sam \(pid \d+ on laptop-7\) since .*If that session has ended on laptop-7, delete .*audit\.yaml\.lock and try again\./);
  });

  it('treats an unreadable lock as held while it is fresh, and as stale once old', () => {
    const file = auditIn(workspace());
    writeFileSync(lockFileFor(file), '');
    expect(() => acquireAuditLock(file, NOW)).toThrow(/in use by another audit session \(its lock .* cannot be read\)/);
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(lockFileFor(file), old, old);
    acquireAuditLock(file, NOW).release();
  });

  it('never removes a lock that is not its own', () => {
    const file = auditIn(workspace());
    const lock = acquireAuditLock(file, NOW);
    writeHolder(file, { pid: process.pid, host: hostname(), token: 'someone-else' });
    lock.release();
    expect(existsSync(lockFileFor(file))).toBe(true);
  });

  it('is released when the process ends on an error', async () => {
    const file = auditIn(workspace());
    const script = `import { acquireAuditLock } from ${JSON.stringify(pathToFileURL(await bundledModule('src/io/lock.ts')).href)};
      acquireAuditLock(${JSON.stringify(file)}, new Date());
      throw new Error('crash');`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('crash');
    expect(existsSync(lockFileFor(file))).toBe(false);
  });
});
