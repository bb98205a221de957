/**
 * Reading framework files: parsed, schema-checked and rule-checked, one file at a time. Which
 * file holds which framework and edition is src/io/framework-library.ts.
 */
import { delimiter, resolve } from 'node:path';
import { checkFrameworkRules, type Framework } from '../core/framework.js';
import { InputError } from '../errors.js';
import { readUserFile } from './read-user-file.js';
import { packageFolder } from './package-info.js';
import { validateWithSchema } from './schema-validation.js';
import { loadYamlFast } from './yaml-fast.js';
// The strict parser is loaded only when the fast reader declines (ARCHITECTURE.md, start-up).
import type { YamlSource } from './yaml-source.js';

export interface LoadedFramework {
  framework: Framework;
  /** Absolute path of the file it was read from. */
  file: string;
  bundled: boolean;
}

export const BUNDLED_STANDARDS_DIR = packageFolder('standards');

export const FRAMEWORK_EXTENSIONS = ['.yaml', '.yml'];

/** Directories searched for framework ids: the bundled library first, then AUDIT_STANDARDS_PATH. */
export function standardsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  // A directory named twice (or the bundled one named again) is searched once: its editions are not twins.
  const extra = (env.AUDIT_STANDARDS_PATH ?? '').split(delimiter).filter(Boolean).map((d) => resolve(d));
  return [BUNDLED_STANDARDS_DIR, ...new Set(extra.filter((d) => d !== resolve(BUNDLED_STANDARDS_DIR)))];
}

/** A framework reference is a path when it looks like one; otherwise it is an id. */
export function isFrameworkPath(ref: string): boolean {
  return /[\\/]/.test(ref) || FRAMEWORK_EXTENSIONS.some((ext) => ref.endsWith(ext));
}

/** Parses, schema-checks and rule-checks a framework file; throws at the first fault. */
export async function loadFrameworkFile(file: string): Promise<LoadedFramework> {
  const { framework, faults } = await readFramework(file);
  if (faults) throw faults;
  return { framework: framework!, file: resolve(file), bundled: resolve(file).startsWith(BUNDLED_STANDARDS_DIR) };
}

/**
 * Every fault in a framework file, for `audit standards validate`; empty when valid. `strict`
 * adds what a careful editor checks (src/core/framework-strict.ts), once the file is valid; the
 * framework is returned whenever it is valid, strict faults or not.
 */
export async function findFrameworkFaults(
  file: string,
  options: { strict?: boolean } = {},
): Promise<{ framework?: Framework; faults: InputError[]; source?: YamlSource }> {
  try {
    const { framework, faults, source } = await readFramework(file, true);
    if (faults) return { faults: [faults, ...faults.more] };
    // Loaded only when asked for: reading an audit's framework never needs it.
    const strictFaults = options.strict ? (await import('../core/framework-strict.js')).checkFrameworkStrict(framework!) : [];
    const located = strictFaults.length ? source!.errorForAll(strictFaults) : undefined;
    return { framework: framework!, faults: located ? [located, ...located.more] : [], source: source! };
  } catch (err) {
    if (err instanceof InputError) return { faults: [err] };
    throw err;
  }
}

async function readFramework(file: string, strict = false): Promise<{ framework?: Framework; faults?: InputError; source?: YamlSource }> {
  const text = await readUserFile(file, 'framework file');
  if (!strict) {
    // Fast path for the usual case of a sound file; any fault is reported by the strict path.
    const data = loadYamlFast(text);
    if (data !== undefined && validateWithSchema('framework', data).length === 0) {
      const framework = data as Framework;
      if (checkFrameworkRules(framework).length === 0) return { framework };
    }
  }
  // Loaded only here, off the fast path (ARCHITECTURE.md, start-up).
  const { YamlSource } = await import('./yaml-source.js');
  const source = YamlSource.parse(file, text);
  const data = source.toData();
  const schemaFaults = validateWithSchema('framework', data);
  if (schemaFaults.length) return { faults: source.errorForAll(schemaFaults) };
  const framework = data as Framework;
  const ruleFaults = checkFrameworkRules(framework);
  if (ruleFaults.length) return { faults: source.errorForAll(ruleFaults) };
  return { framework, source };
}
