/**
 * One writer per audit file at a time: `FILE.lock` beside the audit, created exclusively
 * (O_EXCL), holding who took it and why. An interactive session (`audit start`, `audit
 * resume`) holds it for as long as it runs; every other edit (`rate`, `moderate`, `sign`,
 * `new --force`, any save) holds it for its read–check–write only, waiting a little for
 * another command's edit to finish, never for a session. A lock whose process no longer runs
 * on this computer (a killed command, a closed laptop) is taken over.
 *
 * Why not proper-lockfile: it judges staleness by the lock's age, refreshed on a timer, so it
 * cannot say who holds a file, and a long pause at a prompt with a sleeping laptop would make
 * a live session's lock look stale. Asking whether the holder's process still runs is exact
 * on one computer; for a holder on another computer (an audit on a shared drive) the message
 * names it and says how to remove the lock by hand.
 */
import { closeSync, constants, fstatSync, fsyncSync, linkSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHash, randomBytes } from 'node:crypto';
import { AuditError } from '../errors.js';
import { WRITE_FAILURE_REASONS } from './write-failures.js';

export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  /** ISO 8601 date-time the session began. */
  since: string;
  /** Unique to one taking of the lock, so a session only ever removes its own. */
  token: string;
  /** A session holds the lock while a person answers; an edit, for a moment. Absent in old locks: a session. */
  purpose?: LockPurpose;
}

export type LockPurpose = 'session' | 'edit';

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

/**
 * The lock of an audit is beside its real file, so that two names for one audit (a symbolic
 * link, a relative and an absolute path) share one lock.
 */
export function lockFileFor(auditFile: string): string {
  const real = realPathOf(auditFile);
  const name = basename(real);
  if (Buffer.byteLength(`${name}.lock`) <= MAX_NAME_BYTES) return `${real}.lock`;
  // A name too long for `.lock` to be added (file systems allow 255 bytes): cut, and told apart
  // from other long names by a digest of the whole, the same for every process.
  const cut = [...name];
  while (Buffer.byteLength(cut.join('')) > MAX_NAME_BYTES - 32) cut.pop();
  return join(dirname(real), `${cut.join('')}.${createHash('sha256').update(name).digest('hex').slice(0, 16)}.lock`);
}

/** The longest file name, in bytes, that the common file systems allow. */
const MAX_NAME_BYTES = 255;

/** The real path of a file, or of the folder it would be created in. */
export function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(file))), basename(file));
    } catch {
      return resolve(file);
    }
  }
}

/** Locks this process holds, by lock file: an edit inside a session's own lock goes ahead. */
const held = new Map<string, HeldLock>();

/**
 * Takes the lock on `auditFile` for this process, or throws AuditLockedError naming the
 * holder. The lock is also released when the process exits (a crash, Ctrl-C); only
 * SIGKILL leaves it behind, and the next session takes it over.
 */
export function acquireAuditLock(auditFile: string, now: Date, purpose: LockPurpose = 'session'): HeldLock {
  const file = lockFileFor(auditFile);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    user: currentUser(),
    since: now.toISOString(),
    token: randomBytes(8).toString('hex'),
    purpose,
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
    held.delete(file);
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
  const lock = { file, holder, tookOverFrom, release };
  held.set(file, lock);
  return lock;
}

/** How long an edit waits for another command's edit of the same audit, unless AUDIT_LOCK_TIMEOUT (seconds) says otherwise. */
const DEFAULT_EDIT_WAIT_MS = 10_000;

export function editWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.AUDIT_LOCK_TIMEOUT);
  return env.AUDIT_LOCK_TIMEOUT !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_EDIT_WAIT_MS;
}

/**
 * Runs `edit` holding the audit's lock: taken for the edit and released after, or, when this
 * process already holds it (a session saving an answer), simply run. Another command's edit is
 * waited for, up to `waitMs`; a session is not (it may last an hour): refused at once, exit 3,
 * naming who holds it.
 */
export async function withAuditLock<T>(auditFile: string, edit: () => Promise<T>, options: { waitMs?: number; now?: Date } = {}): Promise<T> {
  if (held.has(lockFileFor(auditFile))) return edit();
  const waitMs = options.waitMs ?? editWaitMs();
  const started = Date.now();
  let lock: HeldLock;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    try {
      lock = acquireAuditLock(auditFile, options.now ?? new Date(), 'edit');
      break;
    } catch (err) {
      const waiting = err instanceof AuditLockedError && (err.holder === undefined || err.holder.purpose === 'edit');
      if (!waiting || Date.now() - started >= waitMs) throw err;
      // Jittered, so that many writers started together do not retry in step.
      await sleep(pause / 2 + Math.random() * pause);
    }
  }
  try {
    return await edit();
  } finally {
    lock.release();
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw lockNotMade(file, err);
  }
  try {
    const bytes = Buffer.from(`${JSON.stringify(holder, null, 2)}\n`, 'utf8');
    // Every byte, or the lock is not taken: a lock cut short by a full disk reads as nobody's.
    for (let offset = 0; offset < bytes.length; ) {
      const written = writeSync(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw Object.assign(new Error('no bytes were written'), { code: 'ENOSPC' });
      offset += written;
    }
    fsyncSync(fd);
  } catch (err) {
    // An empty or partial lock left behind would refuse every later edit until removed by hand.
    closeQuietly(fd);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
    throw lockNotMade(file, err);
  }
  closeSync(fd);
  return true;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closing is all that was left to do
  }
}

/** Exit 3: the audit is fine, the machine refused the lock beside it; a full disk is named as such. */
function lockNotMade(file: string, err: unknown): AuditError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const full = code === 'ENOSPC' ? 'is full' : 'has no room left in your quota';
    return new AuditError(`the disk holding ${dirname(file)} ${full}: the audit's lock ${basename(file)} could not be written, so nothing was changed; free some space and try again`, 3);
  }
  const reason = code === 'ENOENT' ? 'its folder does not exist, or takes no new files' : (WRITE_FAILURE_REASONS[code ?? ''] ?? code ?? 'error');
  return new AuditError(`${file}: the lock for this audit could not be created (${reason}), so nothing was changed`, 3);
}

/** A holder is a few hundred bytes; a lock file larger than this is not one of ours. */
const MAX_LOCK_BYTES = 64 * 1024;

function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  let fd: number | undefined;
  try {
    // Without blocking, and only a regular file: a FIFO planted as a lock must not hang the command.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return 'unreadable';
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    text = buffer.subarray(0, readSync(fd, buffer, 0, MAX_LOCK_BYTES, 0)).toString('utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.since === 'string') {
      return {
        pid: data.pid,
        host: data.host,
        user: String(data.user ?? 'someone'),
        since: data.since,
        token: String(data.token ?? ''),
        purpose: data.purpose === 'edit' ? 'edit' : 'session',
      };
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

/** Whether process `pid` runs on this computer (as any user). */
export function isProcessRunning(pid: number): boolean {
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
  const edit = holder.purpose === 'edit';
  const by = edit ? 'being changed by another audit command' : 'in use by another audit session';
  return (
    `${name} is ${by}: held by ${holder.user} (pid ${holder.pid} on ${holder.host}) since ${formatSince(holder.since)}. ` +
    (local
      ? edit
        ? 'Nothing was written; try again in a moment.'
        : 'Finish or stop that session first.'
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
