/**
 * Finding and loading framework files: the bundled library in standards/, any directories
 * a council adds with AUDIT_STANDARDS_PATH, or a file given by path.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, extname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFrameworkRules, type Framework } from '../core/framework.js';
import { InputError } from '../errors.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { loadYamlFast } from './yaml-fast.js';
import { YamlSource } from './yaml-source.js';

export interface LoadedFramework {
  framework: Framework;
  /** Absolute path of the file it was read from. */
  file: string;
  bundled: boolean;
}

export const BUNDLED_STANDARDS_DIR = fileURLToPath(new URL('../../standards/', import.meta.url));

const FRAMEWORK_EXTENSIONS = ['.yaml', '.yml'];

/** Directories searched for framework ids: the bundled library first, then AUDIT_STANDARDS_PATH. */
export function standardsDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.AUDIT_STANDARDS_PATH ?? '').split(delimiter).filter(Boolean).map((d) => resolve(d));
  return [BUNDLED_STANDARDS_DIR, ...extra];
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

/** Every fault in a framework file, for `audit standards validate`; empty when valid. */
export async function findFrameworkFaults(file: string): Promise<{ framework?: Framework; faults: InputError[] }> {
  try {
    const { framework, faults } = await readFramework(file, true);
    return faults ? { faults: [faults, ...faults.more] } : { framework: framework!, faults: [] };
  } catch (err) {
    if (err instanceof InputError) return { faults: [err] };
    throw err;
  }
}

async function readFramework(file: string, strict = false): Promise<{ framework?: Framework; faults?: InputError }> {
  const text = await readUserFile(file, 'framework file');
  if (!strict) {
    // Fast path for the usual case of a sound file; any fault is reported by the strict path.
    const data = loadYamlFast(text);
    if (data !== undefined && validateWithSchema('framework', data).length === 0) {
      const framework = data as Framework;
      if (checkFrameworkRules(framework).length === 0) return { framework };
    }
  }
  const source = YamlSource.parse(file, text);
  const data = source.toData();
  const schemaFaults = validateWithSchema('framework', data);
  if (schemaFaults.length) return { faults: source.errorForAll(schemaFaults) };
  const framework = data as Framework;
  const ruleFaults = checkFrameworkRules(framework);
  if (ruleFaults.length) return { faults: source.errorForAll(ruleFaults) };
  return { framework };
}

/**
 * Framework files in the searched directories, in directory then name order. A folder (or a
 * link to one) with a framework's name is passed over; anything else that is not a regular
 * file (a FIFO, a device, a broken link) is refused by the reader, named.
 */
export async function listFrameworkFiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const files: string[] = [];
  for (const dir of standardsDirs(env)) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (dir === BUNDLED_STANDARDS_DIR) throw err;
      throw new InputError(`AUDIT_STANDARDS_PATH names a directory that cannot be read`, { file: dir });
    }
    for (const name of names.sort()) {
      if (name.startsWith('.') || !FRAMEWORK_EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
      const path = join(dir, name);
      if (await stat(path).then((info) => info.isDirectory(), () => false)) continue;
      files.push(path);
    }
  }
  return files;
}

/**
 * Where a framework named by path in an audit may be. Reading is refused, before the file is
 * opened, unless its real path (links followed) is a .yaml or .yml file inside
 * - the audit's project: its git repository (the nearest folder above the audit holding .git),
 *   or, outside a repository, the top folder holding the audit within the home folder (within
 *   the root, for an audit outside the home folder); or
 * - the bundled library or a folder of AUDIT_STANDARDS_PATH.
 * So `../framework.yaml` beside a folder of returns is read, while an audit someone sends
 * cannot make the tool read, or report on, a file elsewhere on the computer (a key, a
 * configuration file, `../../.git-credentials`). Returns why not, or undefined when allowed.
 */
export async function frameworkLocationFault(path: string, auditDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined; // missing, a loop: the reader says so, naming it
  if (!FRAMEWORK_EXTENSIONS.includes(extname(real).toLowerCase())) {
    return 'a framework named by path must be a .yaml or .yml file';
  }
  const allowed = [await projectRoot(auditDir, env), ...standardsDirs(env)];
  for (const root of allowed) {
    const realRoot = await realpath(root).catch(() => undefined);
    if (realRoot !== undefined && isWithin(real, realRoot)) return undefined;
  }
  return (
    "a framework named by path must be within the audit's project (its git repository, or the top folder holding it in your home folder) " +
    'or in a folder of AUDIT_STANDARDS_PATH; move it there, or add its folder to AUDIT_STANDARDS_PATH and name it by its id'
  );
}

/** The audit's project: the top of its git repository, else the top folder holding it below the home folder (or the root). */
async function projectRoot(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const start = await realpath(dir).catch(() => resolve(dir));
  for (let at = start; ; at = dirname(at)) {
    if (await lstat(join(at, '.git')).then(() => true, () => false)) return at;
    if (dirname(at) === at) break;
  }
  const home = await realpath(env.HOME || homedir()).catch(() => undefined);
  if (start === home) return start;
  const top = home !== undefined && isWithin(start, home) ? home : parse(start).root;
  let at = start;
  while (dirname(at) !== top && dirname(at) !== at) at = dirname(at);
  return at;
}

function isWithin(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Every framework on the search path. Ids must be unique across directories. */
export async function listFrameworks(env: NodeJS.ProcessEnv = process.env): Promise<LoadedFramework[]> {
  const loaded: LoadedFramework[] = [];
  const byId = new Map<string, string>();
  for (const file of await listFrameworkFiles(env)) {
    const entry = await loadFrameworkFile(file);
    const other = byId.get(entry.framework.id);
    if (other) {
      throw new InputError(`framework id "${entry.framework.id}" is also used by ${other}`, { file });
    }
    byId.set(entry.framework.id, file);
    loaded.push(entry);
  }
  return loaded;
}

/**
 * Loads the framework an audit or a command names: by path (relative to `baseDir`), or by id
 * from the search path. An unknown id lists the ones available.
 */
export async function resolveFramework(
  ref: string,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedFramework> {
  if (isFrameworkPath(ref)) {
    return loadFrameworkFile(isAbsolute(ref) ? ref : resolve(baseDir, ref));
  }
  // Fast path: a file named after its id, as in the bundled library.
  for (const dir of standardsDirs(env)) {
    for (const ext of FRAMEWORK_EXTENSIONS) {
      const candidate = join(dir, `${ref}${ext}`);
      const entry = await loadFrameworkFile(candidate).catch((err: unknown) => {
        if (err instanceof InputError && /not found$/.test(err.message)) return undefined;
        throw err;
      });
      if (entry && entry.framework.id === ref) return entry;
    }
  }
  const all = await listFrameworks(env);
  const match = all.find((entry) => entry.framework.id === ref);
  if (match) return match;
  throw new UnknownFrameworkError(ref, all.map((entry) => entry.framework.id));
}

export class UnknownFrameworkError extends InputError {
  constructor(ref: string, available: string[]) {
    super(
      `unknown framework "${ref}"; available: ${available.join(', ')} (or give the path to a framework file)`,
    );
  }
}
