/**
 * The audit files a command over many audits reads: files named on the command line, and the
 * files directly inside a folder named there, sorted by name into three:
 * - read: YAML audits (*.yaml, *.yml) and every spreadsheet (`isSpreadsheetPath`), each
 *   presumed an agency's return and read as `audit import` reads one, so that a return saved as
 *   .xls, .ods or .csv is refused with import's own message rather than passed over unseen;
 * - not read, and said so: any other file (a covering letter, a policy as PDF, an e-mail saved
 *   with the return attached), sub-folders holding files that would be read (not swept in, so
 *   that last year's returns kept inside this year's folder are not counted twice), and the lock
 *   file of a workbook open in Excel or LibreOffice (its return is read as last saved);
 * - passed over in silence: what the operating system leaves (dot files, Thumbs.db, desktop.ini).
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { isSpreadsheetPath } from './audit-or-return.js';
import { describeKind, fileError } from './read-user-file.js';

/** Left by Windows and macOS, never by a person. */
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', 'ehthumbs.db', 'icon\r']);

export interface AuditPath {
  /** As the user will recognise it: the argument, or folder/name for a file found in a folder. */
  shown: string;
  absolute: string;
  /** Found by listing a folder rather than named by the user. */
  listed: boolean;
}

/** Something in a folder named that is not read, and why, for a note. */
export interface NotRead {
  /** folder/name, as the user knows it. */
  shown: string;
  kind: 'other' | 'folder' | 'lock';
  /** For a sub-folder: how many files in it would be read were it named. For a lock file: the workbook it locks. */
  detail?: string;
}

export interface AuditListing {
  paths: AuditPath[];
  notRead: NotRead[];
}

function isReadAsAudit(name: string): boolean {
  return /\.ya?ml$/i.test(name) || isSpreadsheetPath(name);
}

/** The workbook an Excel (`~$name.xlsx`) or LibreOffice (`.~lock.name.xlsx#`) lock file stands for, if it is one. */
function lockedWorkbook(name: string): string | undefined {
  if (name.startsWith('~$')) return name.slice(2);
  const libre = /^\.~lock\.(.+)#$/.exec(name);
  return libre?.[1];
}

export async function expandAuditPaths(args: readonly string[], cwd: string): Promise<AuditListing> {
  const found: AuditPath[] = [];
  const notRead: NotRead[] = [];
  const seen = new Set<string>();
  const add = (path: AuditPath) => {
    if (seen.has(path.absolute)) return;
    seen.add(path.absolute);
    found.push(path);
  };
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch (err) {
      throw fileError(err, arg, '');
    }
    if (!isDirectory) {
      add({ shown: arg, absolute, listed: false });
      continue;
    }
    const names = await listFolder(absolute, arg);
    let read = 0;
    for (const name of names) {
      const path = join(absolute, name);
      const shown = join(arg, name);
      const locked = lockedWorkbook(name);
      if (locked !== undefined) {
        // Excel hides its lock file, but it is seen on a shared drive; Excel leaves one behind when it crashes.
        if (names.includes(locked)) notRead.push({ shown, kind: 'lock', detail: join(arg, locked) });
        continue;
      }
      if (name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase())) continue;
      const info = await stat(path).catch(async (err: unknown) => {
        // A link to nothing is named as one, not reported as a file that vanished.
        const link = await lstat(path).catch(() => undefined);
        if (link?.isSymbolicLink() && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new InputError('is a symbolic link to a file that does not exist', { file: shown });
        }
        throw fileError(err, shown, 'audit file');
      });
      if (info.isDirectory() && isReadAsAudit(name)) {
        // A macOS package (a .numbers document kept as a folder) is a file to the person who saved it.
        notRead.push({ shown, kind: 'other' });
        continue;
      }
      if (info.isDirectory()) {
        const inside = (await readdir(path).catch(() => [] as string[])).filter((n) => !n.startsWith('.') && !n.startsWith('~$') && isReadAsAudit(n));
        if (inside.length) notRead.push({ shown, kind: 'folder', detail: String(inside.length) });
        continue;
      }
      if (!isReadAsAudit(name)) {
        notRead.push({ shown, kind: 'other' });
        continue;
      }
      if (!info.isFile()) throw new InputError(`is ${describeKind(info)}, not an audit file`, { file: shown });
      add({ shown, absolute: path, listed: true });
      read++;
    }
    if (!read) {
      const folders = notRead.filter((n) => n.kind === 'folder' && n.shown.startsWith(join(arg, '/')));
      const hint = folders.length ? `; its sub-folders ${folders.map((f) => f.shown).join(', ')} hold some: name them` : '';
      throw new InputError(`folder holds no audit files (*.yaml or *.yml) or returns (*.xlsx)${hint}`, { file: arg });
    }
  }
  return { paths: found, notRead };
}

async function listFolder(absolute: string, arg: string): Promise<string[]> {
  try {
    return (await readdir(absolute)).sort();
  } catch (err) {
    throw new InputError(`folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: arg });
  }
}
