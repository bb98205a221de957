/**
 * Loading an audit file with its framework, and saving it back: atomically, keeping the
 * comments, key order and untouched text of the file as the user left it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { checkAuditRules, type Audit, type Response } from '../core/audit.js';
import { formatEditionRef } from '../core/editions.js';
import { indexCriteria } from '../core/framework.js';
import { AuditError, InputError } from '../errors.js';
import { loadYamlFast } from './yaml-fast.js';
import { frameworkLocationFault, isFrameworkPath, type LoadedFramework } from './framework-files.js';
import { resolveFramework, UnknownEditionError, UnknownFrameworkError } from './framework-library.js';
import { readUserFile, refuseUnreadableSize } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
// The strict parser, the writer and the lock are loaded only by the paths that need them: a
// command that only reports on a sound audit never pays for them (ARCHITECTURE.md, start-up).
import type { YamlSource } from './yaml-source.js';

/** An audit read for reporting: its data and its framework, in the edition the audit records. */
export interface ReadAudit {
  audit: Audit;
  framework: LoadedFramework;
  file: string;
  /**
   * Answers to criteria the framework no longer has, set aside when the audit was made
   * against an older edition and read with `allowRetiredCriteria`.
   */
  retired?: Record<string, Response | null>;
}

/** Frameworks already loaded, by reference: many audits of one framework read it once. */
export type FrameworkCache = Map<string, Promise<LoadedFramework>>;

export interface LoadAuditOptions {
  frameworks?: FrameworkCache;
  /**
   * For last period's audit: when the edition it records is no longer available, it is read
   * against the current edition, and answers to criteria that edition lacks go to `retired`
   * instead of being refused (see src/core/editions.ts). Otherwise such an audit is refused.
   */
  allowRetiredCriteria?: boolean;
}

/** An audit read for editing: also the parsed document, for edits that keep the file's layout. */
export interface LoadedAudit extends ReadAudit {
  source: YamlSource;
}

/**
 * Reads an audit for commands that only report on it. Takes the fast parser when it can;
 * any fault sends it through the strict parser, which reports it at its line and column.
 */
export async function readAudit(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadAuditOptions = {}): Promise<ReadAudit> {
  const text = await readUserFile(file, 'audit file');
  const data = loadYamlFast(text);
  if (data !== undefined) {
    const checked = await checkAudit(data, file, env, options).catch(() => undefined);
    if (checked) return { ...checked, file };
  }
  // The parsed document is not kept: a command reading a thousand audits would hold them all.
  const { YamlSource } = await import('./yaml-source.js');
  const { source: _source, ...read } = await interpretAudit(YamlSource.parse(file, text), env, options);
  return read;
}

/** Reads an audit to edit it. */
export async function loadAudit(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadAuditOptions = {}): Promise<LoadedAudit> {
  const { YamlSource } = await import('./yaml-source.js');
  const source = YamlSource.parse(file, await readUserFile(file, 'audit file'));
  return interpretAudit(source, env, options);
}

/** Validates parsed audit YAML against the schema, its framework and the rules. */
export async function interpretAudit(
  source: YamlSource,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadAuditOptions = {},
): Promise<LoadedAudit> {
  const checked = await checkAudit(source.toData(), source.file, env, options, source);
  return { ...checked, source, file: source.file };
}

/**
 * Schema, framework and rules. Faults are located through `source` when there is one; without
 * it (the fast path) any fault just rejects, and the caller re-reads strictly.
 */
async function checkAudit(
  data: unknown,
  file: string,
  env: NodeJS.ProcessEnv,
  options: LoadAuditOptions,
  source?: YamlSource,
): Promise<Omit<ReadAudit, 'file'>> {
  const fault = (path: ReadonlyArray<string | number>, message: string, atKey?: boolean) =>
    source ? source.errorAt(path, message, atKey) : new InputError(message, { file });

  const schemaFaults = validateWithSchema('audit', data);
  if (schemaFaults.length) throw fault(schemaFaults[0]!.path, schemaFaults[0]!.message, schemaFaults[0]!.atKey);

  const raw = data as Audit & { period: string | number; responses: Audit['responses'] | null };
  let audit: Audit = { ...raw, period: String(raw.period), responses: raw.responses ?? {} };

  const baseDir = dirname(resolve(file));
  const edition = { ref: audit.framework, version: audit.frameworkVersion };
  const framework = await cachedFramework(edition, baseDir, options.frameworks, () =>
    frameworkOf(edition, baseDir, env, fault, options.allowRetiredCriteria === true),
  );

  let retired: Record<string, Response | null> | undefined;
  if (options.allowRetiredCriteria && audit.frameworkVersion !== undefined && audit.frameworkVersion !== framework.framework.version) {
    const known = indexCriteria(framework.framework);
    const kept: Audit['responses'] = {};
    retired = {};
    for (const [id, response] of Object.entries(audit.responses)) (known.has(id) ? kept : retired)[id] = response;
    audit = { ...audit, responses: kept };
  }

  const ruleFaults = checkAuditRules(audit, framework.framework);
  if (ruleFaults.length) throw fault(ruleFaults[0]!.path, ruleFaults[0]!.message, ruleFaults[0]!.atKey);
  return { audit, framework, ...(retired ? { retired } : {}) };
}

/** How many names a regular file has; 1 for anything else, or when it cannot be looked at. */
/**
 * An audit whose file nobody may write (chmod a-w, or Windows' read-only attribute) has been
 * frozen on purpose, often once signed off: an edit, which replaces the file, would get past
 * that (and does, as root). Exit 3, as for any file that cannot be written.
 */
function refuseReadOnly(real: string, shown: string): void {
  const mode = statSync(real, { throwIfNoEntry: false })?.mode;
  if (mode === undefined || (mode & 0o222) !== 0) return;
  throw new AuditError(`${shown}: not changed: the audit file is read-only; make it writable (chmod u+w ${shown}) to change it`, 3);
}

function linkCount(path: string): number {
  try {
    const info = statSync(path);
    return info.isFile() ? info.nlink : 1;
  } catch {
    return 1;
  }
}

type Fault = (path: ReadonlyArray<string | number>, message: string, atKey?: boolean) => InputError;

interface EditionAsked {
  ref: string;
  version: string | undefined;
}

async function frameworkOf(
  { ref, version }: EditionAsked,
  baseDir: string,
  env: NodeJS.ProcessEnv,
  fault: Fault,
  orCurrent: boolean,
): Promise<LoadedFramework> {
  if (!isFrameworkPath(ref) && ref.includes('@')) {
    throw fault(['framework'], `"${ref}": name the framework by its id here, and its edition in frameworkVersion`);
  }
  if (isFrameworkPath(ref)) {
    const path = resolve(baseDir, ref);
    // Synchronous, as src/io/read-user-file.ts reads: no thread-pool trip.
    if (!existsSync(path)) throw fault(['framework'], `framework file ${ref} not found (looked for ${path})`);
    const misplaced = await frameworkLocationFault(path, baseDir, env);
    if (misplaced) throw fault(['framework'], `framework file ${ref} is not read: ${misplaced}`);
  }
  try {
    return await resolveFramework(ref, baseDir, env, version);
  } catch (err) {
    if (err instanceof UnknownFrameworkError) throw fault(['framework'], err.message);
    if (err instanceof UnknownEditionError) {
      if (orCurrent) return frameworkOf({ ref, version: undefined }, baseDir, env, fault, false);
      throw fault(['frameworkVersion'], unavailableEdition(err));
    }
    if (err instanceof InputError && isFrameworkPath(ref)) throw withoutContent(err, ref, baseDir, fault);
    throw err;
  }
}

/**
 * A fault in a framework file the audit names, told without quoting the file: the user named
 * the audit, not this file, and a message must never carry a line of a file that is not theirs
 * (a key, a password) into a public CI log. Where the fault is, and how to see it, is enough.
 */
function withoutContent(err: InputError, ref: string, baseDir: string, fault: Fault): InputError {
  const path = resolve(baseDir, ref);
  if (err.position?.file !== path) return fault(['framework'], `framework file ${ref}: ${err.message}`);
  if (/^framework file (?:not found|is |cannot be read)/.test(err.message)) return fault(['framework'], `framework file ${ref} ${err.message.replace(/^framework file /, '')}`);
  const shown = relative(process.cwd(), path) || path;
  return new InputError(`not a valid framework (named by the audit); see what is wrong with: audit standards validate ${shown}`, err.position);
}

/** Why an audit's edition cannot be read, and the two ways on. */
function unavailableEdition(err: UnknownEditionError): string {
  const keep = err.home
    ? `keep that edition's file in ${err.home} as ${formatEditionRef(err.id, err.version)}.yaml`
    : 'correct frameworkVersion if it is mistyped, or use the newer version of audit it was made with';
  return (
    `this audit was made against edition ${err.version} of ${err.id}, which is not available (available: ${err.available}). ` +
    `To read it, ${keep}; to carry it forward to the current edition, use audit new --from, which names the criteria added and removed`
  );
}

function cachedFramework(
  { ref, version }: EditionAsked,
  baseDir: string,
  cache: FrameworkCache | undefined,
  load: () => Promise<LoadedFramework>,
): Promise<LoadedFramework> {
  if (!cache) return load();
  const key = `${isFrameworkPath(ref) ? `path:${resolve(baseDir, ref)}` : `id:${ref}`}\0${version ?? ''}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = load();
    cache.set(key, loading);
    // A failed load is not remembered: the next audit reports its own fault at its own line.
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

/** Text of the document as it will be written: untouched text kept byte for byte. */
export function serialiseAudit(source: YamlSource): string {
  return source.serialise();
}

/**
 * Writes the edited document back atomically, holding the audit's lock (src/io/lock.ts) for the
 * check and the write. Refuses if the file changed on disk since it was read, so that an edit
 * made meanwhile (an editor, another command) is never overwritten. The file written is the
 * audit's real file: an audit reached through a symbolic link is updated where it lives.
 */
export async function saveAudit(loaded: LoadedAudit): Promise<void> {
  const text = serialiseAudit(loaded.source);
  refuseUnreadableSize(text, loaded.file);
  const { realPathOf, withAuditLock } = await import('./lock.js');
  const real = realPathOf(loaded.file);
  await refuseHardLinked(real, loaded.file);
  refuseReadOnly(real, loaded.file);
  await withAuditLock(real, async () => {
    const onDisk = await readUserFile(real, 'audit file').catch(() => undefined);
    if (onDisk !== undefined && onDisk !== loaded.source.original) {
      throw new InputError('the file changed on disk while it was being updated; nothing was written, run the command again', {
        file: loaded.file,
      });
    }
    const { writeFileAtomically } = await import('./atomic-write.js');
    await writeFileAtomically(real, text);
  });
}

/**
 * The one way to change an audit: takes its lock (waiting briefly for another command's edit,
 * refusing at once while a session holds it), reads it afresh, lets `edit` change the parsed
 * document, and saves it, all before the lock is let go. So parallel edits of one audit each
 * land, or are refused with exit 3; none is lost while reported as saved. `edit` returns its
 * result; the audit is saved only if `edit` marked a change.
 *
 * The audit is read once before the lock is taken: a path that is no audit (a name too long, a
 * folder that is a file, /proc/…) is refused as bad input, exit 2, rather than as a lock that
 * cannot be made beside it. Under the lock that reading is used again unless the file changed.
 */
export async function editAudit<T>(
  file: string,
  env: NodeJS.ProcessEnv,
  edit: (loaded: LoadedAudit) => Promise<T> | T,
  options: LoadAuditOptions = {},
): Promise<T> {
  const { realPathOf, withAuditLock } = await import('./lock.js');
  const first = await loadAudit(file, env, options);
  await refuseHardLinked(realPathOf(file), file);
  return withAuditLock(realPathOf(file), async () => {
    const unchanged = (await readUserFile(file, 'audit file')) === first.source.original;
    const loaded = unchanged ? first : await loadAudit(file, env, options);
    const result = await edit(loaded);
    if (loaded.source.isEdited) await saveAudit(loaded);
    return result;
  });
}

/**
 * An audit with more than one name (hard links) is not edited: the edit replaces the file (src/io/atomic-write.ts),
 * so the other names would keep the old text, and each name has its own lock, so two writers could
 * edit it at once. Refused, exit 2, before anything is written.
 */
async function refuseHardLinked(real: string, shown: string): Promise<void> {
  const links = linkCount(real);
  if (links > 1) {
    throw new InputError(
      `this audit has ${links} names (hard links to one file); an edit writes a new file under this name, so the others would keep the old answers: ` +
        'keep one name (delete the other links, or make them symbolic links: ln -sf), then edit again; nothing was changed',
      { file: shown },
    );
  }
}
