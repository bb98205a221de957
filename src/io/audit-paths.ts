/**
 * The audit files a command over many audits reads: files named on the command line, and
 * every *.yaml / *.yml file and *.xlsx / *.xlsm return workbook directly inside a folder named
 * there (not its sub-folders, so a folder of last year's returns inside this year's is not
 * swept in). Excel's lock files (~$name.xlsx, left while a workbook is open) are not returns.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { describeKind, fileError } from './read-user-file.js';

const AUDIT_EXTENSIONS = ['.yaml', '.yml', '.xlsx', '.xlsm'];

export interface AuditPath {
  /** As the user will recognise it: the argument, or folder/name for a file found in a folder. */
  shown: string;
  absolute: string;
  /** Found by listing a folder rather than named by the user. */
  listed: boolean;
}

export async function expandAuditPaths(args: readonly string[], cwd: string): Promise<AuditPath[]> {
  const found: AuditPath[] = [];
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
    let names: string[];
    try {
      names = await readdir(absolute);
    } catch (err) {
      throw new InputError(`folder cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: arg });
    }
    const audits = names
      .filter((name) => !name.startsWith('.') && !name.startsWith('~$') && AUDIT_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
      .sort();
    if (!audits.length) throw new InputError('folder holds no audit files (*.yaml or *.yml) or returns (*.xlsx)', { file: arg });
    for (const name of audits) {
      const path = join(absolute, name);
      const shown = join(arg, name);
      const info = await stat(path).catch(async (err: unknown) => {
        // A link to nothing is named as one, not reported as a file that vanished.
        const link = await lstat(path).catch(() => undefined);
        if (link?.isSymbolicLink() && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new InputError('is a symbolic link to a file that does not exist', { file: shown });
        }
        throw fileError(err, shown, 'audit file');
      });
      if (info.isDirectory()) continue;
      if (!info.isFile()) throw new InputError(`is ${describeKind(info)}, not an audit file`, { file: shown });
      add({ shown, absolute: path, listed: true });
    }
  }
  return found;
}
