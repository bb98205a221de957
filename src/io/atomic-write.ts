/**
 * Every write of a user's file goes through here. A regular file is written whole or not at
 * all: the bytes go to a temporary file beside the target, every byte checked as written, the
 * file flushed to disk, then renamed over the target and the folder flushed, so a crash or a
 * full disk leaves either the old file or the new one, never part of one.
 *
 * What is at the path decides what is done:
 * - nothing, or a regular file: replaced as above (its permissions and, for root, its owner kept);
 * - a character device (/dev/null, /dev/full, a terminal): written straight into, never
 *   replaced; /dev/full reports a full disk like any other;
 * - a symbolic link: refused, so that a link planted where a report goes can never make us
 *   replace what it points to (an audit, a framework, a system file);
 * - anything else (a folder, a FIFO, a socket, a block device): refused.
 * Refusals and failures are exit 3 and name the file; nothing at the path is changed.
 *
 * Why not write-file-atomic: 7.0.1 writes the temporary file with one fs.write call and never
 * looks at how many bytes went out, so on a nearly full disk it renames a truncated file over
 * the target and reports success. It also follows symbolic links to their target.
 *
 * Temporary files are hidden and end in `.partial` (`.report.pdf.1a2b3c-4242-9f8e.partial`), so
 * nobody takes one for a report and no folder listing of audits picks one up; they are made
 * readable by their owner only, since they may hold Part 2 evidence. Ones left by a run that
 * was killed are removed by the next write into the same folder.
 */
import { randomBytes, createHash } from 'node:crypto';
import { constants, unlinkSync, type Stats } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { AuditError, UsageError } from '../errors.js';
import { isProcessRunning } from './lock.js';
import { describeKind } from './read-user-file.js';
import { WRITE_FAILURE_REASONS } from './write-failures.js';

/** Our code for a file Windows would not let us replace (renameOver). */
const IN_USE = 'EINUSE';

const REASONS: Record<string, string> = {
  ...WRITE_FAILURE_REASONS,
  [IN_USE]: 'it is open in another program, or read-only: close it (Excel, Word, a PDF viewer) and try again',
};

/** A write that wrote nothing (and gave no error) is treated as a full disk, never looped on. */
class ShortWriteError extends Error {
  readonly code = 'ENOSPC';
}

export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const existing = await lstat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (existing?.isCharacterDevice()) return await writeIntoDevice(file, bytes);
    // /dev/stdout and /dev/fd/N are links to a terminal or device: written into like one.
    if (existing?.isSymbolicLink() && (await stat(file).catch(() => undefined))?.isCharacterDevice()) return await writeIntoDevice(file, bytes);
    if (existing?.isSymbolicLink()) {
      throw new AuditError(`${file}: not written: it is a symbolic link, and audit never writes through a link (give the path of the file itself); nothing was changed`, 3);
    }
    if (existing && !existing.isFile()) {
      throw new AuditError(`${file}: not written: it is ${describeKind(existing)}, and audit writes only regular files; nothing was changed`, 3);
    }
    await replaceFile(file, bytes, existing);
  } catch (err) {
    if (err instanceof AuditError) throw err;
    // Exit 3: the input was fine, the machine refused the write.
    throw new AuditError(`${file}: could not be written (${await writeFailureReason(err, file)}); any previous file there is unchanged`, 3);
  }
}

/**
 * Why a file (or folder) could not be made at `path`, in words that are true of it: a folder
 * such as /proc or /sys is there but takes no new file, and says ENOENT all the same.
 */
async function writeFailureReason(err: unknown, path: string): Promise<string> {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'error';
  if (code === 'ENOENT' && (await stat(dirname(path)).catch(() => undefined))?.isDirectory()) return 'its folder does not accept new files';
  return REASONS[code] ?? code;
}

/**
 * `mkdir -p folder`, one folder at a time from the nearest that exists: Node's recursive mkdir
 * never returns where a folder refuses new ones with ENOENT (/proc/x/y spins for ever on Node 20).
 * A folder that cannot be made is exit 3, saying why in words true of it.
 */
export async function makeFolder(folder: string, shown = folder): Promise<void> {
  const missing: string[] = [];
  let at = folder;
  while (!(await stat(at).catch(() => undefined))) {
    missing.unshift(at);
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      const reason = code === 'ENOENT' ? `${dirname(path)} does not accept new folders` : (REASONS[code] ?? code);
      throw new AuditError(`${shown}: could not be created (${reason})`, 3);
    }
  }
}

async function replaceFile(file: string, bytes: Uint8Array, existing: Stats | undefined): Promise<void> {
  const folder = dirname(file);
  await removeLeftovers(folder);
  const temp = join(folder, temporaryName(basename(file)));
  let handle: FileHandle | undefined;
  pending.add(temp);
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    await writeAll(handle, bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await chmod(temp, existing ? existing.mode & 0o7777 : 0o666 & ~process.umask());
    if (existing && process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
      await chown(temp, existing.uid, existing.gid).catch(() => undefined);
    }
    await renameOver(temp, file);
    pending.delete(temp);
    await syncFolder(folder);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    pending.delete(temp);
    throw err;
  }
}

/** How long a replacement waits, on Windows, for another program to let go of the file. */
const IN_USE_WAIT_MS = 3000;

/**
 * Renames `from` over `to`. Windows refuses to replace a file another program holds open (Excel
 * or Word showing the last report; a virus scanner or search indexer reading a file just
 * written) with EPERM, EACCES or EBUSY until it is closed. A scanner lets go within moments, so
 * there the rename is tried again for a while (as npm's graceful-fs does); a file still held
 * then is reported as open in another program. Elsewhere a rename is never refused so.
 */
export async function renameOver(
  from: string,
  to: string,
  options: { platform?: NodeJS.Platform; rename?: (from: string, to: string) => Promise<void>; waitMs?: number } = {},
): Promise<void> {
  const { platform = process.platform, rename: renameFile = rename, waitMs = IN_USE_WAIT_MS } = options;
  const started = Date.now();
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await renameFile(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (platform !== 'win32' || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw err;
      if (Date.now() - started >= waitMs) throw Object.assign(new Error(`${to} is held open by another program`), { code: IN_USE });
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * Writes every byte, however many calls it takes: a write may take fewer bytes than offered
 * (a nearly full disk, a signal), and that is not an error to ignore.
 */
export async function writeAll(handle: Pick<FileHandle, 'write'>, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    if (bytesWritten <= 0) throw new ShortWriteError('no bytes were written');
    offset += bytesWritten;
  }
}

/** A device is written into, never replaced: /dev/null takes it all, /dev/full says the disk is full. */
async function writeIntoDevice(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isCharacterDevice()) throw Object.assign(new Error('changed'), { code: 'EBUSY' });
    await writeAll(handle, bytes);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Flushes the folder's entry for the renamed file; some file systems cannot, which is no fault. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // EINVAL/EISDIR/EPERM on file systems without directory fsync: the rename stands.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

const PARTIAL_SUFFIX = '.partial';
/** Room left in a 255-byte file name for the rest of the temporary name. */
const MAX_BASE_IN_TEMP_NAME = 120;

/** This computer, as six hex digits, so a leftover is only judged by a process table that can see its writer. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

/** The temporary name a write of `base` by process `pid` uses (exported for the tests of leftovers). */
export function temporaryName(base: string, pid = process.pid): string {
  return `.${truncateName(base)}.${HOST_TAG}-${pid}-${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`;
}

function truncateName(base: string): string {
  const bytes = Buffer.from(base);
  if (bytes.length <= MAX_BASE_IN_TEMP_NAME) return base;
  // Cut on a character boundary: a broken UTF-8 sequence is not a valid name everywhere.
  return new TextDecoder().decode(bytes.subarray(0, MAX_BASE_IN_TEMP_NAME)).replace(/\uFFFD+$/, '');
}

const LEFTOVER = /^\..+\.([0-9a-f]{6})-(\d+)-[0-9a-f]+\.partial$/;
/** A leftover from another computer is removed only when no write could still be under way. */
const FOREIGN_LEFTOVER_AGE_MS = 24 * 60 * 60 * 1000;

/** Removes the temporary files of writes in `folder` whose process has ended. Never throws. */
export async function removeLeftovers(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = LEFTOVER.exec(name);
    if (!match) continue;
    const path = join(folder, name);
    const pid = Number(match[2]);
    let stale: boolean;
    if (match[1] === HOST_TAG) {
      stale = pid !== process.pid && !isProcessRunning(pid);
    } else {
      const info = await lstat(path).catch(() => undefined);
      stale = info !== undefined && Date.now() - info.mtimeMs > FOREIGN_LEFTOVER_AGE_MS;
    }
    if (stale) await unlink(path).catch(() => undefined);
  }
}

/** Temporary files of writes under way, removed if the process ends in the middle of one. */
const pending = new Set<string>();
process.on('exit', () => {
  for (const temp of pending) {
    try {
      unlinkSync(temp); // synchronous: an exit handler cannot wait
    } catch {
      // already gone
    }
  }
});

/** An input of the command, which an output must never replace. */
export interface CommandInput {
  file: string;
  /** What it is, for the message: "the audit file", "its framework". */
  what: string;
}

/**
 * Refuses an output path that is, or leads to, one of the command's inputs: the same path, a
 * symbolic link to it, or a hard link (same device and inode). Exit 2: a wrong choice of path.
 * Every command that writes a file named on its command line calls this, with every file it
 * reads (the audit, its framework, a template, a details file, returns …), before it writes.
 */
export async function refuseInputAsOutput(output: string, inputs: readonly CommandInput[], flag = '-o'): Promise<void> {
  const target = await stat(output).catch(() => undefined);
  if (!target) return;
  for (const input of inputs) {
    const info = await stat(input.file).catch(() => undefined);
    if (info && info.dev === target.dev && info.ino === target.ino) {
      const shownOutput = shownPath(output);
      const shownInput = shownPath(input.file);
      throw new UsageError(
        `${flag} ${shownOutput} is ${input.what}${shownInput === shownOutput ? '' : ` (${shownInput})`}, which the command reads; ` +
          `it would be overwritten: choose another path with ${flag}`,
      );
    }
  }
}

/** A path as the user would write it: relative to the working folder when inside it. */
function shownPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}
