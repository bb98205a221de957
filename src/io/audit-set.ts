/**
 * Reading many audits of one framework for a partnership view: the files named and those in
 * folders named (YAML audits and return workbooks alike; see audit-paths.ts for what a folder
 * yields), each read through the fast reader with the framework loaded once. Every file is
 * read, and every fault of every file kept, so that the partnership can chase each agency
 * whose return cannot be read in one round (the caller decides whether they stop the run);
 * framework files kept beside the returns are skipped with a note rather than refused. Returns
 * made against different editions of the framework are read onto the newest of them, through
 * the crosswalk joining the two (or by criterion id where none does).
 */
import { relative } from 'node:path';
import { listFiles, mixedFrameworks, mixedTexts } from '../core/aggregate.js';
import { textDifferences } from '../core/editions.js';
import type { Audit } from '../core/audit.js';
import { editionOf, projectAudit, sameEdition, type Bridge } from '../core/crosswalk.js';
import type { Framework } from '../core/framework.js';
import { InputError, InputErrors } from '../errors.js';
import type { FrameworkCache, ReadAudit } from './audit-file.js';
import { readAuditOrReturn } from './audit-or-return.js';
import { expandAuditPaths, type AuditPath, type NotRead } from './audit-paths.js';
import { bridgeBetween, noCrosswalkMessage } from './crosswalk-files.js';
import type { LoadedFramework } from './framework-files.js';
import { readLibrary } from './framework-library.js';
import { readUserFile } from './read-user-file.js';

export interface SetAudit {
  path: AuditPath;
  read: ReadAudit;
  /** The audit read onto the set's framework, when it was made against another edition or framework. */
  onto?: { audit: Audit; bridge: Bridge };
}

/** A file that was to be read as an audit or return and could not be, with all its faults. */
export interface Unreadable {
  path: AuditPath;
  /** Each located (file as the user knows it, line and column or sheet and cell). */
  faults: [InputError, ...InputError[]];
}

export interface AuditSet {
  /** The newest edition among the audits'. */
  framework: Framework;
  audits: SetAudit[];
  /** Files that could not be read, in the order listed; the caller refuses or leaves them out. */
  unreadable: Unreadable[];
  /** What the folders held that was not read (already noted). */
  notRead: NotRead[];
}

export async function readAuditSet(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  note: (text: string) => void,
): Promise<AuditSet> {
  const { paths, notRead } = await expandAuditPaths(args, cwd);
  noteNotRead(notRead, note);
  const frameworks: FrameworkCache = new Map();
  const audits: SetAudit[] = [];
  const unreadable: Unreadable[] = [];
  // One at a time, only the data kept: a thousand parsed YAML documents held at once would cost more than reading them.
  for (const path of paths) {
    try {
      audits.push({ path, read: await readAuditOrReturn(path.absolute, env, { frameworks, note, shown: path.shown }) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      if (path.listed && (await isFrameworkFile(path.absolute))) {
        note(`note: skipped ${path.shown}: it is a framework file, not an audit\n`);
        continue;
      }
      unreadable.push({ path, faults: faultsOf(err, path) });
    }
  }
  if (!audits.length) {
    if (unreadable.length) throw new InputErrors(unreadableFaults(unreadable) as [InputError, ...InputError[]]);
    throw new InputError('no audit files to aggregate', { file: args[0] ?? cwd });
  }

  const described = audits.map(({ path, read }) => ({ file: path.shown, id: read.framework.framework.id, version: read.framework.framework.version }));
  if (new Set(described.map((a) => a.id)).size > 1) {
    const faults: InputError[] = [...unreadableFaults(unreadable), new InputError(mixedFrameworks(described)!)];
    throw new InputErrors(faults as [InputError, ...InputError[]]);
  }
  const texts = mixedTexts(audits.map(({ path, read }) => ({ file: path.shown, framework: read.framework.framework, frameworkShown: frameworkShown(read.framework, cwd) })));
  if (texts) {
    const faults: InputError[] = [...unreadableFaults(unreadable), new InputError(texts)];
    throw new InputErrors(faults as [InputError, ...InputError[]]);
  }
  const framework = await newestEdition(audits.map((a) => a.read.framework.framework), env);
  return { framework, audits: await readOnto(framework, audits, env), unreadable, notRead };
}

/** A framework file as a message names it: the bundled one by its id, any other by its path. */
function frameworkShown(loaded: LoadedFramework, cwd: string): string {
  return loaded.bundled ? `the bundled ${loaded.framework.id}` : relative(cwd, loaded.file) || loaded.file;
}

/** Every fault of every unreadable file, file by file. */
export function unreadableFaults(unreadable: readonly Unreadable[]): InputError[] {
  return unreadable.flatMap((u) => u.faults);
}

/** What a folder held that was not read, said once for each kind, so that no returned file goes unmentioned. */
function noteNotRead(notRead: readonly NotRead[], note: (text: string) => void): void {
  for (const lock of notRead.filter((n) => n.kind === 'lock')) {
    note(`note: ${lock.detail} is open in Excel or LibreOffice (${lock.shown} says so), or was when it closed unexpectedly: it is read as last saved\n`);
  }
  const folders = notRead.filter((n) => n.kind === 'folder');
  if (folders.length) {
    const each = folders.map((f) => `${f.shown} (${f.detail} ${f.detail === '1' ? 'file' : 'files'})`);
    note(`note: not read, as sub-folders are not: ${listFiles(each, 8)}; name a sub-folder as well to include its returns\n`);
  }
  const others = notRead.filter((n) => n.kind === 'other').map((n) => n.shown);
  if (others.length) note(`note: not read, as neither audits (.yaml) nor spreadsheets: ${listFiles(others, 8)}\n`);
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
      // Last period's returns (--previous) on another text of the same edition: not like for like.
      const differ = own === framework ? [] : textDifferences(framework, own);
      if (differ.length) {
        throw new InputError(
          `${entry.path.shown} is an audit of a text of ${own.id} edition ${own.version} that words ${listFiles(differ, 8)} differently from the one the other audits use, ` +
            'so its ratings cannot be set beside theirs: give every audit the same framework file, or give the edited copy a version of its own',
        );
      }
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

/**
 * The faults of one file, each named as the user knows the file (folder/name for one found in
 * a folder); a fault placed nowhere is placed in the file, so that every line of a list of many
 * files' faults names its file.
 */
function faultsOf(err: InputError, path: AuditPath): [InputError, ...InputError[]] {
  const all = err instanceof InputErrors ? err.all : [err, ...err.more];
  return all.map((e) => {
    if (!e.position) return new InputError(e.message, { file: path.shown });
    if (e.position.file !== path.absolute) return e;
    return new InputError(e.message, { ...e.position, file: path.shown });
  }) as [InputError, ...InputError[]];
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
