/**
 * Reading a file a user handed us, refusing what cannot be a text file of ours before
 * any parser sees it: missing, a directory, too large, empty, binary or not UTF-8.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** Larger than any real audit or framework (a 1,000-criterion audit with evidence is ~1 MB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export async function readUserFile(file: string, what = 'file'): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError(`${what} is a directory, not a file`, { file });
    size = info.size;
  } catch (err) {
    throw asInputError(err, file, what);
  }
  if (size > MAX_FILE_BYTES) {
    throw new InputError(
      `${what} is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB an audit file may be`,
      { file },
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw asInputError(err, file, what);
  }
  return decodeText(bytes, file, what);
}

export function decodeText(bytes: Uint8Array, file: string, what = 'file'): string {
  if (bytes.includes(0)) throw new InputError(`${what} is binary, not a YAML text file`, { file });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(`${what} is not UTF-8 text (save it as UTF-8)`, { file });
  }
  if (text.trim() === '') throw new InputError(`${what} is empty`, { file });
  return text;
}

function asInputError(err: unknown, file: string, what: string): unknown {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${what} not found`, { file });
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`${what} cannot be read (permission denied)`, { file });
  if (code === 'EISDIR') return new InputError(`${what} is a directory, not a file`, { file });
  return err;
}
