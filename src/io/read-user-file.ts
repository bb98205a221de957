/**
 * Reading a file a user handed us, refusing what cannot be a text file of ours before any
 * parser sees it: missing, a directory, a device or FIFO, too large, empty, binary or not UTF-8.
 *
 * Only regular files are read. The file is opened without blocking (a FIFO with no writer
 * would otherwise hang the command) and its kind is judged on the open descriptor, so a file
 * swapped for a device between a look and the read is still refused. The size limit holds on
 * the bytes actually read, never on what stat claims (/proc files say 0, and a file may grow).
 *
 * The system calls are synchronous: a command reads its files one after another, and each
 * asynchronous call is a trip through libuv's thread pool and a promise, five for a file, which
 * cost about a millisecond of start-up for every file read (and node:fs/promises another to load).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Larger than any real audit or framework (a 1,000-criterion audit with evidence is ~1 MB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface ReadLimits {
  /** Refuse a file larger than this many bytes (default MAX_FILE_BYTES). */
  maxBytes?: number;
}

/** A user's text file, decoded as UTF-8 (a byte-order mark kept, as it was in the file). */
export async function readUserFile(file: string, what = 'file', limits: ReadLimits = {}): Promise<string> {
  return decodeText(await readUserBytes(file, what, limits), file, what);
}

/**
 * A user's file as bytes (for formats that are not text, such as a workbook), with every
 * refusal of readUserFile but the text checks.
 */
export async function readUserBytes(file: string, what = 'file', limits: ReadLimits = {}): Promise<Buffer> {
  const maxBytes = limits.maxBytes ?? MAX_FILE_BYTES;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer. It changes nothing for a regular file.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    throw fileError(err, file, what);
  }
  try {
    let info;
    try {
      info = fstatSync(fd);
    } catch (err) {
      throw fileError(err, file, what);
    }
    if (!info.isFile()) throw new InputError(`${what} is ${describeKind(info)}, not a file`, { file });
    // Refused unread when it says it is too large; held to the limit as read when it does not.
    if (info.size > maxBytes) throw tooLarge(file, what, maxBytes, info.size);
    try {
      return readAtMost(fd, maxBytes, () => tooLarge(file, what, maxBytes));
    } catch (err) {
      throw fileError(err, file, what);
    }
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing was written: a failed close loses nothing.
    }
  }
}

/**
 * Reads a stream (standard input) to its end, refusing more than `maxBytes`; the excess is
 * never held in memory.
 */
export async function readStreamBytes(stream: AsyncIterable<Buffer | string>, what: string, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) throw new InputError(`${what} is more than the ${megabytes(maxBytes)} MB allowed`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Refuses to write text that would make a file larger than any command reads (MAX_FILE_BYTES):
 * an edit past the limit would leave an audit that no command, not even the next edit, opens.
 * Exit 2, before anything is written.
 */
export function refuseUnreadableSize(text: string, file: string, what = 'the audit'): void {
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= MAX_FILE_BYTES) return;
  throw new InputError(
    `${what} would be ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${megabytes(MAX_FILE_BYTES)} MB an audit file may be, so no command could read it again; ` +
      'nothing was written (keep long documents apart and name them in the evidence)',
    { file },
  );
}

function readAtMost(fd: number, maxBytes: number, onTooLarge: () => Error): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // One byte more than allowed is enough to know the file is too large.
    const room = maxBytes + 1 - total;
    const chunk = Buffer.allocUnsafe(Math.min(room, 1024 * 1024));
    const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) throw onTooLarge();
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks, total);
}

export function decodeText(bytes: Uint8Array, file: string, what = 'file'): string {
  if (looksLikeUtf16(bytes)) throw new InputError(`${what} is UTF-16 text (as Notepad's "Unicode" saves it): save it as UTF-8`, { file });
  if (bytes.includes(0)) throw new InputError(`${what} is binary, not a YAML text file`, { file });
  let text: string;
  try {
    // ignoreBOM: true keeps a byte-order mark in the text, so that a rewrite keeps it too.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${what} is not UTF-8 text (save it as UTF-8)`, { file });
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(`${what} is empty`, { file });
  return text;
}

/** A UTF-16 byte-order mark, or text whose every other byte is zero (UTF-16 without one). */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = bytes.subarray(0, 64);
  if (sample.length < 4) return false;
  const zerosAt = (parity: number) => sample.every((byte, i) => (i % 2 === parity) === (byte === 0));
  return zerosAt(0) || zerosAt(1);
}

/** Text without its byte-order mark, for parsers; the mark is kept for writing back. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLarge(file: string, what: string, maxBytes: number, size?: number): InputError {
  const is = size === undefined ? 'is more than' : `is ${(size / 1024 / 1024).toFixed(1)} MB, more than`;
  return new InputError(`${what} ${is} the ${megabytes(maxBytes)} MB an audit file may be`, { file });
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/** What a path is when it is not a regular file, in words. */
export function describeKind(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Why a path could not be opened or read, in the user's terms; exit 2, the file named. */
const READ_FAULTS: Record<string, string> = {
  ENOENT: 'not found',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
  EISDIR: 'is a directory, not a file',
  ELOOP: 'cannot be read: a loop of symbolic links',
  ENAMETOOLONG: 'cannot be read: the name is too long',
  ENOTDIR: 'not found: a part of its path is a file, not a folder',
  ENXIO: 'cannot be read: it is a device or socket, not a file',
  ENODEV: 'cannot be read: it is a device, not a file',
  EIO: 'cannot be read (an input/output error)',
  EMFILE: 'cannot be read now (too many open files)',
  ENFILE: 'cannot be read now (too many open files)',
  EAGAIN: 'cannot be read: it is not a regular file',
  EINVAL: 'cannot be read: it is not a regular file',
  EOVERFLOW: 'is too large',
  EFBIG: 'is too large',
};

export function fileError(err: unknown, file: string, what: string): unknown {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const fault = code ? READ_FAULTS[code] : undefined;
  if (fault === undefined) return err;
  return new InputError(what ? `${what} ${fault}` : fault, { file });
}
