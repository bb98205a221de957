/**
 * Reading many audits of one framework for a partnership view: the files named and those in
 * folders named (YAML audits and filled return workbooks alike), each read through the fast reader with the framework loaded once, the first bad
 * file stopping the run (named as the user knows it), and framework files kept beside the
 * returns skipped with a note rather than refused. Returns made against different editions of
 * the framework are read onto the newest of them, through the crosswalk joining the two (or by
 * criterion id where none does).
 */
import { mixedFrameworks } from '../core/aggregate.js';
import type { Audit } from '../core/audit.js';
import { editionOf, projectAudit, sameEdition, type Bridge } from '../core/crosswalk.js';
import type { Framework } from '../core/framework.js';
import { InputError, InputErrors } from '../errors.js';
import type { FrameworkCache, ReadAudit } from './audit-file.js';
import { readAuditOrReturn } from './audit-or-return.js';
import { expandAuditPaths, type AuditPath } from './audit-paths.js';
import { bridgeBetween, noCrosswalkMessage } from './crosswalk-files.js';
import { readLibrary } from './framework-library.js';
import { readUserFile } from './read-user-file.js';

export interface SetAudit {
  path: AuditPath;
  read: ReadAudit;
  /** The audit read onto the set's framework, when it was made against another edition or framework. */
  onto?: { audit: Audit; bridge: Bridge };
}

export interface AuditSet {
  /** The newest edition among the audits'. */
  framework: Framework;
  audits: SetAudit[];
}

export async function readAuditSet(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  note: (text: string) => void,
): Promise<AuditSet> {
  const paths = await expandAuditPaths(args, cwd);
  const frameworks: FrameworkCache = new Map();
  const audits: SetAudit[] = [];
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

  const described = audits.map(({ path, read }) => ({ file: path.shown, id: read.framework.framework.id, version: read.framework.framework.version }));
  if (new Set(described.map((a) => a.id)).size > 1) throw new InputError(mixedFrameworks(described)!);
  const framework = await newestEdition(audits.map((a) => a.read.framework.framework), env);
  return { framework, audits: await readOnto(framework, audits, env) };
}

/**
 * Each audit read onto `framework` where it was made against another edition (or, across a
 * crosswalk, another framework). Audits of `framework` itself are left as they are.
 */
export async function readOnto(framework: Framework, audits: readonly SetAudit[], env: NodeJS.ProcessEnv): Promise<SetAudit[]> {
  const bridges = new Map<string, Bridge>();
  const out: SetAudit[] = [];
  for (const entry of audits) {
    const own = entry.read.framework.framework;
    if (sameEdition(editionOf(own), editionOf(framework))) {
      out.push(entry);
      continue;
    }
    const key = `${own.id}@${own.version}`;
    let bridge = bridges.get(key);
    if (!bridge) {
      bridge = await bridgeBetween(own, framework, env);
      if (!bridge) throw new InputError(`${noCrosswalkMessage(editionOf(own), editionOf(framework), env)}, so ${entry.path.shown} cannot be read beside the others`);
      bridges.set(key, bridge);
    }
    out.push({ ...entry, onto: { audit: projectAudit(entry.read.audit, bridge, framework), bridge } });
  }
  return out;
}

/**
 * The newest of several editions of one framework: by the library's order of editions
 * (current, then earlier, newest first), else by which edition supersedes which.
 */
async function newestEdition(editions: readonly Framework[], env: NodeJS.ProcessEnv): Promise<Framework> {
  const distinct = [...new Map(editions.map((f) => [f.version, f])).values()];
  if (distinct.length === 1) return distinct[0]!;
  const entry = (await readLibrary(env)).find((e) => e.id === distinct[0]!.id);
  const order = entry ? [entry.current, ...entry.earlier].map((e) => e.framework.version) : [];
  if (distinct.every((f) => order.includes(f.version))) {
    return [...distinct].sort((a, b) => order.indexOf(a.version) - order.indexOf(b.version))[0]!;
  }
  const superseded = new Set(distinct.flatMap((f) => (f.supersedes ? [f.supersedes] : [])));
  const newest = distinct.filter((f) => !superseded.has(f.version));
  if (newest.length === 1) return newest[0]!;
  throw new InputError(
    `the audits use editions ${distinct.map((f) => f.version).join(', ')} of ${distinct[0]!.id}, and which is newest cannot be told: ` +
      'keep the frameworks on AUDIT_STANDARDS_PATH, or mark each edition with the one it supersedes',
  );
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
