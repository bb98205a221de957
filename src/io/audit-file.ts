/**
 * Loading an audit file with its framework, and saving it back: atomically, keeping the
 * comments, key order and untouched text of the file as the user left it.
 */
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkAuditRules, type Audit } from '../core/audit.js';
import { InputError } from '../errors.js';
import { writeFileAtomically } from './atomic-write.js';
import { isFrameworkPath, resolveFramework, UnknownFrameworkError, type LoadedFramework } from './framework-files.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { YamlSource } from './yaml-source.js';

export interface LoadedAudit {
  audit: Audit;
  framework: LoadedFramework;
  /** The parsed document, for edits that keep the file's layout. */
  source: YamlSource;
  file: string;
}

export async function loadAudit(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedAudit> {
  const source = YamlSource.parse(file, await readUserFile(file, 'audit file'));
  return interpretAudit(source, env);
}

/** Validates parsed audit YAML against the schema, its framework and the rules. */
export async function interpretAudit(source: YamlSource, env: NodeJS.ProcessEnv = process.env): Promise<LoadedAudit> {
  const data = source.toData();
  const schemaFaults = validateWithSchema('audit', data);
  if (schemaFaults.length) throw source.errorFor(schemaFaults[0]!);

  const raw = data as Audit & { period: string | number; responses: Audit['responses'] | null };
  const audit: Audit = { ...raw, period: String(raw.period), responses: raw.responses ?? {} };

  const framework = await frameworkOf(source, audit.framework, env);
  const ruleFaults = checkAuditRules(audit, framework.framework);
  if (ruleFaults.length) throw source.errorFor(ruleFaults[0]!);
  return { audit, framework, source, file: source.file };
}

async function frameworkOf(source: YamlSource, ref: string, env: NodeJS.ProcessEnv): Promise<LoadedFramework> {
  const baseDir = dirname(resolve(source.file));
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

/** Text of the document as it will be written: untouched text kept byte for byte. */
export function serialiseAudit(source: YamlSource): string {
  return source.serialise();
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
