/**
 * Loading an audit file with its framework, and saving it back: atomically, keeping the
 * comments, key order and untouched text of the file as the user left it.
 */
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkAuditRules, type Audit, type Response } from '../core/audit.js';
import { indexCriteria } from '../core/framework.js';
import { InputError } from '../errors.js';
import { writeFileAtomically } from './atomic-write.js';
import { isFrameworkPath, resolveFramework, UnknownFrameworkError, type LoadedFramework } from './framework-files.js';
import { parseYamlQuickly } from './quick-yaml.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { YamlSource } from './yaml-source.js';

export interface LoadedAudit {
  audit: Audit;
  framework: LoadedFramework;
  /** The parsed document, for edits that keep the file's layout. */
  source: YamlSource;
  file: string;
  /**
   * Answers to criteria the framework no longer has, set aside when the audit was made
   * against an older edition and loaded with `allowRetiredCriteria`.
   */
  retired?: Record<string, Response | null>;
}

/** Frameworks already loaded, by reference: many audits of one framework read it once. */
export type FrameworkCache = Map<string, Promise<LoadedFramework>>;

export interface LoadAuditOptions {
  frameworks?: FrameworkCache;
  /**
   * For last period's audit: when it was made against another edition of its framework,
   * answers to criteria this edition no longer has go to `retired` instead of being refused.
   */
  allowRetiredCriteria?: boolean;
}

export async function loadAudit(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadAuditOptions = {}): Promise<LoadedAudit> {
  const source = YamlSource.parse(file, await readUserFile(file, 'audit file'));
  return interpretAudit(source, env, options);
}

/** Validates parsed audit YAML against the schema, its framework and the rules. */
export async function interpretAudit(
  source: YamlSource,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadAuditOptions = {},
): Promise<LoadedAudit> {
  const data = source.toData();
  const schemaFaults = validateWithSchema('audit', data);
  if (schemaFaults.length) throw source.errorFor(schemaFaults[0]!);

  let audit = asAudit(data);

  const framework = await frameworkOf(source, audit.framework, env, options.frameworks);
  let retired: Record<string, Response | null> | undefined;
  if (options.allowRetiredCriteria && audit.frameworkVersion !== undefined && audit.frameworkVersion !== framework.framework.version) {
    const known = indexCriteria(framework.framework);
    const kept: Audit['responses'] = {};
    retired = {};
    for (const [id, response] of Object.entries(audit.responses)) (known.has(id) ? kept : retired)[id] = response;
    audit = { ...audit, responses: kept };
  }
  const ruleFaults = checkAuditRules(audit, framework.framework);
  if (ruleFaults.length) throw source.errorFor(ruleFaults[0]!);
  return { audit, framework, source, file: source.file, ...(retired ? { retired } : {}) };
}

/** Schema-valid audit data as the model holds it: period as text, no responses as none. */
function asAudit(data: unknown): Audit {
  const raw = data as Audit & { period: string | number; responses: Audit['responses'] | null };
  return { ...raw, period: String(raw.period), responses: raw.responses ?? {} };
}

/** An audit with its framework but without the editable document: for commands that read many and edit none. */
export type AuditData = Omit<LoadedAudit, 'source'>;

/**
 * Loads an audit for reading only, by the quick reader where it can vouch for the file
 * (src/io/quick-yaml.ts) and the strict one otherwise; the same checks either way, and any
 * fault is reported by the strict reader with its line and column. Used by `audit aggregate`,
 * which reads a thousand files at a time.
 */
export async function loadAuditData(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadAuditOptions = {}): Promise<AuditData> {
  return interpretAuditData(file, await readUserFile(file, 'audit file'), env, options);
}

/** loadAuditData on text already read. */
export async function interpretAuditData(file: string, text: string, env: NodeJS.ProcessEnv = process.env, options: LoadAuditOptions = {}): Promise<AuditData> {
  const data = options.allowRetiredCriteria ? undefined : parseYamlQuickly(text);
  if (data !== undefined && validateWithSchema('audit', data).length === 0) {
    const audit = asAudit(data);
    const baseDir = dirname(resolve(file));
    const framework = await cachedFramework(audit.framework, baseDir, options.frameworks, () => resolveFramework(audit.framework, baseDir, env)).catch(
      () => undefined,
    );
    if (framework && checkAuditRules(audit, framework.framework).length === 0) return { audit, framework, file };
  }
  const { source: _source, ...loaded } = await interpretAudit(YamlSource.parse(file, text), env, options);
  return loaded;
}

function cachedFramework(
  ref: string,
  baseDir: string,
  cache: FrameworkCache | undefined,
  load: () => Promise<LoadedFramework>,
): Promise<LoadedFramework> {
  if (!cache) return load();
  const key = isFrameworkPath(ref) ? `path:${resolve(baseDir, ref)}` : `id:${ref}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = load();
    cache.set(key, loading);
    // A failed load is not remembered: the next audit reports its own fault at its own line.
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

async function frameworkOf(source: YamlSource, ref: string, env: NodeJS.ProcessEnv, cache?: FrameworkCache): Promise<LoadedFramework> {
  const baseDir = dirname(resolve(source.file));
  return cachedFramework(ref, baseDir, cache, () => resolveFrameworkOf(source, ref, baseDir, env));
}

async function resolveFrameworkOf(source: YamlSource, ref: string, baseDir: string, env: NodeJS.ProcessEnv): Promise<LoadedFramework> {
  if (isFrameworkPath(ref)) {
    const path = resolve(baseDir, ref);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (!exists) throw source.errorAt(['framework'], `framework file ${ref} not found (looked for ${path})`);
  }
  try {
    return await resolveFramework(ref, baseDir, env);
  } catch (err) {
    if (err instanceof UnknownFrameworkError) throw source.errorAt(['framework'], err.message);
    throw err;
  }
}

/** Text of the document as it will be written: layout of the original kept. */
export function serialiseAudit(source: YamlSource): string {
  return source.doc.toString({ ...detectLayout(source.text), lineWidth: 0, nullStr: '' });
}

/**
 * Writes the edited document back atomically. Refuses if the file changed on disk since it
 * was read, so that an edit made meanwhile (an editor, another command) is never overwritten.
 */
export async function saveAudit(loaded: LoadedAudit): Promise<void> {
  const text = serialiseAudit(loaded.source);
  const onDisk = await readUserFile(loaded.file, 'audit file').catch(() => undefined);
  if (onDisk !== undefined && onDisk !== loaded.source.text) {
    throw new InputError('the file changed on disk while it was being updated; nothing was written, run the command again', {
      file: loaded.file,
    });
  }
  await writeFileAtomically(loaded.file, text);
}

/** Indentation of the original file, so a rewrite does not reindent what it did not touch. */
export function detectLayout(text: string): { indent: number; indentSeq: boolean } {
  const lines = text.split(/\r?\n/);
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 1; i < lines.length && (indent === undefined || indentSeq === undefined); i++) {
    const line = lines[i]!;
    const previous = lines[i - 1]!;
    if (!/:\s*(#.*)?$/.test(previous) || /^\s*#/.test(previous)) continue;
    const parentIndent = previous.search(/\S/);
    const own = line.search(/\S/);
    if (own < 0 || line.trimStart().startsWith('#')) continue;
    if (line.trimStart().startsWith('- ')) {
      indentSeq ??= own > parentIndent;
    } else if (own > parentIndent) {
      indent ??= own - parentIndent;
    }
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true };
}
