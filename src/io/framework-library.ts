/**
 * The library of frameworks: the bundled standards/ directory and any directories a council
 * adds with AUDIT_STANDARDS_PATH, each holding one or more editions of each framework.
 *
 * Finding one edition is fast, because start-up matters: by id (and version), the
 * conventional file names are tried first (`<id>@<version>.yaml` for an earlier edition,
 * `<id>.yaml` for the current one) and only when they do not answer are the directories read
 * in full. The rules for which edition is current are in src/core/editions.ts.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import {
  arrangeEditions,
  formatEditionRef,
  isFileNameVersion,
  parseEditionRef,
  type EditionFile,
  type LibraryFault,
} from '../core/editions.js';
import type { Framework } from '../core/framework.js';
import { InputError } from '../errors.js';
import {
  BUNDLED_STANDARDS_DIR,
  FRAMEWORK_EXTENSIONS,
  findFrameworkFaults,
  isFrameworkPath,
  loadFrameworkFile,
  standardsDirs,
  type LoadedFramework,
} from './framework-files.js';
import { readUserFile } from './read-user-file.js';
import type { YamlSource } from './yaml-source.js';

/** Every edition of one framework on the search path. */
export interface LibraryEntry {
  id: string;
  current: LoadedFramework;
  /** Newest first, where the editions say which they supersede. */
  earlier: LoadedFramework[];
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
      names = readdirSync(dir);
    } catch (err) {
      if (dir === BUNDLED_STANDARDS_DIR) throw err;
      throw new InputError(`AUDIT_STANDARDS_PATH names a directory that cannot be read`, { file: dir });
    }
    for (const name of names.sort()) {
      if (name.startsWith('.') || !FRAMEWORK_EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
      const path = join(dir, name);
      if (isDirectory(path)) continue;
      files.push(path);
    }
  }
  return files;
}

/** Whether `path` is a folder (or a link to one); false when it cannot be looked at. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every framework on the search path with its editions. The first fault (a file that is not a
 * sound framework, or editions that do not fit together) is thrown, naming its file.
 */
export async function readLibrary(env: NodeJS.ProcessEnv = process.env): Promise<LibraryEntry[]> {
  const settled = await Promise.allSettled((await listFrameworkFiles(env)).map((file) => loadFrameworkFile(file)));
  const loaded: LoadedFramework[] = [];
  for (const result of settled) {
    if (result.status === 'rejected') throw result.reason;
    loaded.push(result.value);
  }
  const { entries, faults } = arrange(loaded);
  if (faults.length) throw libraryError(faults);
  return entries;
}

/**
 * Every fault of the library, for `audit standards validate --library`: each file's (with the
 * editorial checks when `strict`), then how the editions fit together, then each directory's
 * criterion register, where it keeps one.
 */
export async function findLibraryFaults(
  env: NodeJS.ProcessEnv = process.env,
  options: { strict?: boolean } = {},
): Promise<{ files: string[]; entries: LibraryEntry[]; faults: InputError[] }> {
  const files = await listFrameworkFiles(env);
  const faults: InputError[] = [];
  const loaded: LoadedFramework[] = [];
  const sources = new Map<string, YamlSource>();
  for (const file of files) {
    const found = await findFrameworkFaults(file, options);
    if (found.framework) loaded.push({ framework: found.framework, file, bundled: file.startsWith(BUNDLED_STANDARDS_DIR) });
    if (found.source) sources.set(file, found.source);
    faults.push(...found.faults);
  }
  const arranged = arrange(loaded);
  faults.push(...arranged.faults.map((fault) => new InputError(fault.message, { file: fault.file })));
  for (const dir of standardsDirs(env)) {
    faults.push(...(await findRegisterFaults(dir, loaded.filter((entry) => dirname(entry.file) === resolve(dir)), sources)));
  }
  return { files, entries: arranged.entries, faults };
}

/** The faults `criterion-register.txt` finds in the editions of its directory; none when there is no register. */
async function findRegisterFaults(dir: string, editions: readonly LoadedFramework[], sources: ReadonlyMap<string, YamlSource>): Promise<InputError[]> {
  // Loaded here, not at the top: only validation needs it, and audits are read without it.
  const { checkRegister, parseRegister, REGISTER_FILE } = await import('../core/criterion-register.js');
  const file = join(dir, REGISTER_FILE);
  let text: string;
  try {
    text = await readUserFile(file, 'criterion register');
  } catch (err) {
    if (isNotFound(err, file)) return [];
    throw err;
  }
  const parsed = parseRegister(text);
  const faults = parsed.faults.length ? parsed.faults : checkRegister(parsed.lines, editions);
  return faults.map((fault) => {
    if (!fault.edition) return new InputError(fault.message, { file, ...(fault.line !== undefined ? { line: fault.line } : {}) });
    const { framework, file: where, criterion } = fault.edition;
    const source = sources.get(where);
    const path = criterionPath(framework, criterion);
    return source && path ? source.errorAt(path, fault.message) : new InputError(fault.message, { file: where });
  });
}

function criterionPath(framework: Framework, id: string): (string | number)[] | undefined {
  for (const [s, standard] of framework.standards.entries()) {
    const c = standard.criteria.findIndex((criterion) => criterion.id === id);
    if (c >= 0) return ['standards', s, 'criteria', c, 'id'];
  }
  return undefined;
}

/** The current edition of every framework on the search path. */
export async function listFrameworks(env: NodeJS.ProcessEnv = process.env): Promise<LoadedFramework[]> {
  return (await readLibrary(env)).map((entry) => entry.current);
}

/**
 * Loads the framework an audit or a command names: by path (relative to `baseDir`), or by id
 * from the search path, optionally `id@version`. `version` asks for an edition (an audit's
 * `frameworkVersion`); without one the current edition is taken. An unknown id lists the ids
 * available; an unknown edition lists the editions available.
 */
export async function resolveFramework(
  ref: string,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
  version?: string,
): Promise<LoadedFramework> {
  if (isFrameworkPath(ref)) return resolveFrameworkPath(isAbsolute(ref) ? ref : resolve(baseDir, ref), version);
  const asked = parseEditionRef(ref);
  if (asked.version === '') throw new InputError(`"${ref}" names no edition after "@"; give one, e.g. ${asked.id}@<version> as audit standards list shows it`);
  const wanted = asked.version ?? version;
  const id = asked.id;

  for (const dir of standardsDirs(env)) {
    if (wanted !== undefined && isFileNameVersion(wanted)) {
      const earlier = await loadIfPresent(dir, formatEditionRef(id, wanted));
      if (earlier) return earlier;
    }
    const current = await loadIfPresent(dir, id);
    if (current && current.framework.id === id && (wanted === undefined || current.framework.version === wanted)) return current;
  }

  // The conventional names did not answer: read the whole library.
  const library = await readLibrary(env);
  const entry = library.find((e) => e.id === id);
  if (!entry) throw new UnknownFrameworkError(ref, library.map((e) => e.id));
  if (wanted === undefined) return entry.current;
  const match = [entry.current, ...entry.earlier].find((e) => e.framework.version === wanted);
  if (match) return match;
  throw new UnknownEditionError(id, wanted, editionsOf(entry), entry.current.bundled ? undefined : dirname(entry.current.file));
}

/** The versions of an entry's editions, current first, for messages. */
function editionsOf(entry: LibraryEntry): { version: string; current: boolean }[] {
  return [
    { version: entry.current.framework.version, current: true },
    ...entry.earlier.map((e) => ({ version: e.framework.version, current: false })),
  ];
}

/**
 * A framework file named by path holds one edition. An audit made against another edition of
 * it is read against `<id>@<version>.yaml` beside it, when that file is there.
 */
async function resolveFrameworkPath(file: string, version: string | undefined): Promise<LoadedFramework> {
  const loaded = await loadFrameworkFile(file);
  const { id, version: held } = loaded.framework;
  if (version === undefined || held === version) return loaded;
  const beside = isFileNameVersion(version) ? await loadIfPresent(dirname(file), formatEditionRef(id, version)) : undefined;
  if (beside) return beside;
  throw new UnknownEditionError(id, version, [{ version: held, current: true }], dirname(file));
}

/**
 * `<dir>/<stem>.yaml` (or `.yml`) when it exists. A file named `<id>@<version>` must hold that
 * edition: the name is how it is found.
 */
async function loadIfPresent(dir: string, stem: string): Promise<LoadedFramework | undefined> {
  for (const ext of FRAMEWORK_EXTENSIONS) {
    const file = join(dir, `${stem}${ext}`);
    const loaded = await loadFrameworkFile(file).catch((err: unknown) => {
      if (isNotFound(err, file)) return undefined;
      throw err;
    });
    if (!loaded) continue;
    const { id, version } = loaded.framework;
    if (stem.includes('@') && stem !== formatEditionRef(id, version)) {
      throw new InputError(`its name says ${stem}, but it holds edition ${version} of ${id}; name it ${formatEditionRef(id, version)}${ext}`, { file });
    }
    return loaded;
  }
  return undefined;
}

/** readUserFile's answer for a file that is not there: an expected absence, not a fault. */
function isNotFound(err: unknown, file: string): boolean {
  return err instanceof InputError && err.position?.file === file && /not found$/.test(err.message);
}

function arrange(loaded: readonly LoadedFramework[]): { entries: LibraryEntry[]; faults: LibraryFault[] } {
  const byFile = new Map(loaded.map((entry) => [entry.file, entry]));
  const { sets, faults } = arrangeEditions(loaded.map(editionFile));
  const entries = sets.map((set) => ({
    id: set.id,
    current: byFile.get(set.current.file)!,
    earlier: set.earlier.map((e) => byFile.get(e.file)!),
  }));
  return { entries, faults };
}

function editionFile({ framework, file }: LoadedFramework): EditionFile {
  return {
    id: framework.id,
    version: framework.version,
    ...(framework.supersedes !== undefined ? { supersedes: framework.supersedes } : {}),
    dir: dirname(file),
    stem: basename(file, extname(file)),
    file,
  };
}

function libraryError(faults: readonly LibraryFault[]): InputError {
  const [first, ...rest] = faults.map((fault) => new InputError(fault.message, { file: fault.file }));
  return new InputError(first!.message, first!.position, rest);
}

export class UnknownFrameworkError extends InputError {
  constructor(ref: string, available: string[]) {
    super(
      `unknown framework "${ref}"; available: ${available.join(', ')} (or give the path to a framework file)`,
    );
  }
}

/** An edition asked for (or recorded by an audit) that the library does not hold. */
export class UnknownEditionError extends InputError {
  readonly id: string;
  readonly version: string;
  /** "1 (current), 0.9": the editions there are. */
  readonly available: string;
  /** Where the edition's file would be found, named `<id>@<version>.yaml`; undefined for a bundled framework. */
  readonly home: string | undefined;
  constructor(id: string, version: string, available: { version: string; current: boolean }[], home?: string) {
    const listed = available.map((e) => (e.current ? `${e.version} (current)` : e.version)).join(', ');
    super(`edition ${version} of ${id} is not available; available: ${listed}`);
    this.id = id;
    this.version = version;
    this.available = listed;
    this.home = home;
  }
}
