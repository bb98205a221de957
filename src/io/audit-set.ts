/**
 * Reading many audits of one framework for a partnership view: the files named and those in
 * folders named (YAML audits and filled return workbooks alike), each read through the fast reader with the framework loaded once, the first bad
 * file stopping the run (named as the user knows it), and framework files kept beside the
 * returns skipped with a note rather than refused.
 */
import { mixedFrameworks } from '../core/aggregate.js';
import type { Framework } from '../core/framework.js';
import { InputError, InputErrors } from '../errors.js';
import type { FrameworkCache, ReadAudit } from './audit-file.js';
import { readAuditOrReturn } from './audit-or-return.js';
import { expandAuditPaths, type AuditPath } from './audit-paths.js';
import { readUserFile } from './read-user-file.js';

export interface AuditSet {
  framework: Framework;
  audits: { path: AuditPath; read: ReadAudit }[];
}

export async function readAuditSet(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  note: (text: string) => void,
): Promise<AuditSet> {
  const paths = await expandAuditPaths(args, cwd);
  const frameworks: FrameworkCache = new Map();
  const audits: AuditSet['audits'] = [];
  // One at a time: the first bad file stops the run, named, before any output. Only the data is
  // kept: a thousand parsed YAML documents held at once would cost more than reading them.
  for (const path of paths) {
    try {
      audits.push({ path, read: await readAuditOrReturn(path.absolute, env, { frameworks, note, shown: path.shown }) });
    } catch (err) {
      if (path.listed && err instanceof InputError && (await isFrameworkFile(path.absolute))) {
        note(`note: skipped ${path.shown}: it is a framework file, not an audit\n`);
        continue;
      }
      throw renamed(err, path);
    }
  }
  if (!audits.length) throw new InputError('no audit files to aggregate', { file: args[0] ?? cwd });

  const mixed = mixedFrameworks(
    audits.map(({ path, read }) => ({ file: path.shown, id: read.framework.framework.id, version: read.framework.framework.version })),
  );
  if (mixed) throw new InputError(mixed);
  return { framework: audits[0]!.read.framework.framework, audits };
}

/** An error about a file found in a folder names it as folder/name, as the user knows it. */
function renamed(err: unknown, path: AuditPath): unknown {
  if (!(err instanceof InputError) || err.position?.file !== path.absolute) return err;
  const rename = (e: InputError) => new InputError(e.message, e.position && { ...e.position, file: path.shown }, e.more);
  if (err instanceof InputErrors) return new InputErrors(err.all.map(rename) as [InputError, ...InputError[]]);
  return rename(err);
}

/** A framework file kept beside the audits is not an audit; skipping it is what the user meant. */
async function isFrameworkFile(file: string): Promise<boolean> {
  try {
    const { YamlSource } = await import('./yaml-source.js');
    const data = YamlSource.parse(file, await readUserFile(file)).toData() as Record<string, unknown> | null;
    return data !== null && typeof data === 'object' && 'standards' in data && 'scale' in data && !('responses' in data);
  } catch {
    return false;
  }
}
