/**
 * One interactive session per audit file: `FILE.lock` beside the audit, created exclusively
 * (O_EXCL), holding who took it. A second session is refused with the holder's name; a lock
 * whose process no longer runs on this computer (a killed session, a closed laptop) is taken
 * over.
 *
 * Why not proper-lockfile: it judges staleness by the lock's age, refreshed on a timer, so it
 * cannot say who holds a file, and a long pause at a prompt with a sleeping laptop would make
 * a live session's lock look stale. Asking whether the holder's process still runs is exact
 * on one computer; for a holder on another computer (an audit on a shared drive) the message
 * names it and says how to remove the lock by hand.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AuditError } from '../errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  /** ISO 8601 date-time the session began. */
  since: string;
  /** Unique to one taking of the lock, so a session only ever removes its own. */
  token: string;
}

export interface HeldLock {
  file: string;
  holder: LockHolder;
  /** The stale lock that was taken over, if any, to tell the user. */
  tookOverFrom: LockHolder | undefined;
  /** Removes the lock if it is still ours. Synchronous, so it can run in an exit handler. */
  release(): void;
}

/** A lock file that cannot be read as a holder is stale once it is this old (a crash mid-write). */
const UNREADABLE_GRACE_MS = 60_000;

/** Refused: another session holds the audit. Exit 3: the file cannot be written now. */
export class AuditLockedError extends AuditError {
  readonly holder: LockHolder | undefined;
  constructor(message: string, holder: LockHolder | undefined) {
    super(message, 3);
    this.holder = holder;
  }
}

export function lockFileFor(auditFile: string): string {
  return `${auditFile}.lock`;
}

/**
 * Takes the lock on `auditFile` for this process, or throws AuditLockedError naming the
 * holder. The lock is also released when the process exits (a crash, Ctrl-C); only
 * SIGKILL leaves it behind, and the next session takes it over.
 */
export function acquireAuditLock(auditFile: string, now: Date): HeldLock {
  const file = lockFileFor(auditFile);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    user: currentUser(),
    since: now.toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  let tookOverFrom: LockHolder | undefined;

  // A few attempts: a lock released or taken over between our looks is simply looked at again.
  for (let attempt = 0; !tryCreate(file, holder); attempt++) {
    const existing = readHolder(file);
    if (existing === 'missing' && attempt < 5) continue;
    if (existing === 'missing' || attempt >= 5 || !isStale(existing, file)) {
      const known = typeof existing === 'object' ? existing : undefined;
      throw new AuditLockedError(describeRefusal(auditFile, file, known ?? 'unreadable'), known);
    }
    if (takeOver(file, existing)) tookOverFrom = existing === 'unreadable' ? undefined : existing;
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const current = readHolder(file);
    if (typeof current === 'object' && current.token === holder.token) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone, or the folder went away: nothing left to release.
      }
    }
  };
  process.on('exit', release);
  return { file, holder, tookOverFrom, release };
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new AuditError(`${file}: the lock for this audit could not be created (${code ?? 'error'})`, 3);
  }
  try {
    writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.since === 'string') {
      return { pid: data.pid, host: data.host, user: String(data.user ?? 'someone'), since: data.since, token: String(data.token ?? '') };
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

function isStale(existing: LockHolder | 'unreadable', file: string): boolean {
  if (existing === 'unreadable') {
    try {
      return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
    } catch {
      return true;
    }
  }
  if (existing.host !== hostname()) return false; // cannot look at another computer's processes
  return !isProcessRunning(existing.pid);
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside and checks that what moved is the lock judged stale: if another
 * session took it over first, its fresh lock is put back. True when the stale one was removed.
 */
function takeOver(file: string, stale: LockHolder | 'unreadable'): boolean {
  const aside = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return false; // someone else moved it first
  }
  const moved = readHolder(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.token === stale.token && moved.pid === stale.pid;
  if (!same) {
    try {
      linkSync(aside, file); // put the other session's lock back, unless a third took the place
    } catch {
      // leave it: the next attempt reads whatever lock is there now
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // nothing to tidy
  }
  return same;
}

function describeRefusal(auditFile: string, lockFile: string, holder: LockHolder | 'unreadable'): string {
  const name = basename(auditFile);
  if (holder === 'unreadable') {
    return `${name} is in use by another audit session (its lock ${lockFile} cannot be read); if no session is running, delete that file`;
  }
  const local = holder.host === hostname();
  return (
    `${name} is in use by another audit session: held by ${holder.user} (pid ${holder.pid} on ${holder.host}) since ${formatSince(holder.since)}. ` +
    (local
      ? 'Finish or stop that session first.'
      : `If that session has ended on ${holder.host}, delete ${lockFile} and try again.`)
  );
}

/** `2026-01-05 14:03` in local time: how people read a clock. */
function formatSince(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the next best witness.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown user';
  }
}
