/**
 * Crosswalk files: read, schema-checked and checked against the two editions they join, and
 * found where the frameworks are kept. The bundled ones are in standards/crosswalks/; a
 * council's own go in a `crosswalks` folder inside a directory of AUDIT_STANDARDS_PATH, and
 * one of them joining the same two editions as a bundled one is used instead of it.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import {
  bridgeByCriterionIds,
  bridgeFromCrosswalk,
  checkCrosswalkRules,
  checkCrosswalkStrict,
  editionLabel,
  editionOf,
  reviewedCriteria,
  sameEdition,
  unreviewedMessage,
  type Bridge,
  type Crosswalk,
  type EditionKey,
} from '../core/crosswalk.js';
import { formatEditionRef } from '../core/editions.js';
import type { Framework } from '../core/framework.js';
import { InputError } from '../errors.js';
import { BUNDLED_STANDARDS_DIR, FRAMEWORK_EXTENSIONS, standardsDirs } from './framework-files.js';
import { resolveFramework, UnknownEditionError, UnknownFrameworkError } from './framework-library.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { loadYamlFast } from './yaml-fast.js';
import { YamlSource } from './yaml-source.js';

/** The folder, inside each directory of frameworks, that holds its crosswalks. */
export const CROSSWALKS_DIR = 'crosswalks';

export const BUNDLED_CROSSWALKS_DIR = join(BUNDLED_STANDARDS_DIR, CROSSWALKS_DIR);

export interface LoadedCrosswalk {
  crosswalk: Crosswalk;
  /** Absolute path. */
  file: string;
  bundled: boolean;
}

/** Whether parsed YAML is a crosswalk rather than a framework or an audit: it has mappings and no standards. */
export function isCrosswalkData(data: unknown): boolean {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && 'mappings' in data && !('standards' in data) && !('responses' in data);
}

/** Crosswalk files on the search path: the bundled folder first, then each AUDIT_STANDARDS_PATH directory's. */
export async function listCrosswalkFiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const files: string[] = [];
  for (const dir of standardsDirs(env).map((d) => join(d, CROSSWALKS_DIR))) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw new InputError('cannot read this folder of crosswalks', { file: dir });
    }
    for (const name of names.sort()) if (FRAMEWORK_EXTENSIONS.some((ext) => name.endsWith(ext))) files.push(join(dir, name));
  }
  return files;
}

/** Parses and schema-checks a crosswalk file; throws at the first fault, at its line and column. */
export async function loadCrosswalkFile(file: string): Promise<LoadedCrosswalk> {
  const text = await readUserFile(file, 'crosswalk file');
  const data = loadYamlFast(text);
  if (data !== undefined && validateWithSchema('crosswalk', data).length === 0) return loaded(file, data as Crosswalk);
  const source = YamlSource.parse(file, text);
  const parsed = source.toData();
  const faults = validateWithSchema('crosswalk', parsed);
  if (faults.length) throw source.errorForAll(faults);
  return loaded(file, parsed as Crosswalk);
}

function loaded(file: string, crosswalk: Crosswalk): LoadedCrosswalk {
  const absolute = resolve(file);
  return { crosswalk, file: absolute, bundled: absolute.startsWith(BUNDLED_STANDARDS_DIR) };
}

/** Whether a crosswalk joins the two editions, in either direction. */
function joins(crosswalk: Crosswalk, a: EditionKey, b: EditionKey): boolean {
  return (sameEdition(crosswalk.from, a) && sameEdition(crosswalk.to, b)) || (sameEdition(crosswalk.from, b) && sameEdition(crosswalk.to, a));
}

/**
 * The crosswalk joining two editions, in either direction: a council's own before a bundled
 * one. Two of the same standing joining the same editions is a fault: which to use would be a
 * guess.
 */
export async function findCrosswalk(a: EditionKey, b: EditionKey, env: NodeJS.ProcessEnv = process.env): Promise<LoadedCrosswalk | undefined> {
  const found: LoadedCrosswalk[] = [];
  for (const file of await listCrosswalkFiles(env)) {
    const entry = await loadCrosswalkFile(file);
    if (joins(entry.crosswalk, a, b)) found.push(entry);
  }
  const own = found.filter((entry) => !entry.bundled);
  const candidates = own.length ? own : found;
  if (candidates.length > 1) {
    throw new InputError(
      `${candidates.length} crosswalks join ${editionLabel(a)} and ${editionLabel(b)}: ${candidates.map((c) => c.file).join(', ')}; keep one`,
      { file: candidates[1]!.file },
    );
  }
  return candidates[0];
}

/**
 * How to read an audit of one edition onto another: through the crosswalk that joins them,
 * checked against both (a faulty one is refused at its line); else, between editions of one
 * framework, by criterion id; else undefined (two frameworks no crosswalk joins).
 */
export async function bridgeBetween(from: Framework, to: Framework, env: NodeJS.ProcessEnv = process.env): Promise<Bridge | undefined> {
  const entry = await findCrosswalk(editionOf(from), editionOf(to), env);
  if (entry) {
    const forward = sameEdition(entry.crosswalk.from, editionOf(from));
    const [a, b] = forward ? [from, to] : [to, from];
    const faults = checkCrosswalkRules(entry.crosswalk, a, b);
    if (faults.length) throw await locate(entry.file, faults);
    return bridgeFromCrosswalk(entry.crosswalk, entry.file, from, to);
  }
  return from.id === to.id ? bridgeByCriterionIds(from, to) : undefined;
}

/** Faults found in the data, placed at their lines by parsing the file again with positions. */
async function locate(file: string, faults: Parameters<YamlSource['errorForAll']>[0]): Promise<InputError> {
  const source = YamlSource.parse(file, await readUserFile(file, 'crosswalk file'));
  return source.errorForAll(faults);
}

/** "no crosswalk joins A and B" with where one would be looked for. */
export function noCrosswalkMessage(a: EditionKey, b: EditionKey, env: NodeJS.ProcessEnv = process.env): string {
  const own = standardsDirs(env).slice(1);
  const where = own.length ? `${own.map((d) => join(d, CROSSWALKS_DIR)).join(', ')} or the bundled library` : `the bundled library; keep your own in a ${CROSSWALKS_DIR} folder inside a directory of AUDIT_STANDARDS_PATH`;
  return `no crosswalk joins ${editionLabel(a)} and ${editionLabel(b)} (looked in ${where})`;
}

/** What `audit standards validate` finds in a crosswalk file. */
export interface CrosswalkCheck {
  crosswalk?: Crosswalk;
  from?: Framework;
  to?: Framework;
  faults: InputError[];
  /** Said but not faults: criteria of the from edition no row names (a fault with --strict). */
  notes: string[];
}

/**
 * Every fault of a crosswalk file: parse and schema; the two editions available; the rules
 * against them; with `strict`, what a careful editor checks. Criteria of the from edition no
 * row names are notes without `strict`, so that they are said, not passed over.
 */
export async function findCrosswalkFaults(file: string, env: NodeJS.ProcessEnv, options: { strict?: boolean } = {}): Promise<CrosswalkCheck> {
  let source: YamlSource;
  try {
    source = YamlSource.parse(file, await readUserFile(file, 'crosswalk file'));
  } catch (err) {
    if (err instanceof InputError) return { faults: [err], notes: [] };
    throw err;
  }
  const data = source.toData();
  const schemaFaults = validateWithSchema('crosswalk', data);
  if (schemaFaults.length) return { faults: all(source.errorForAll(schemaFaults)), notes: [] };
  const crosswalk = data as Crosswalk;

  const faults: InputError[] = [];
  const editions: Partial<Record<'from' | 'to', Framework>> = {};
  for (const end of ['from', 'to'] as const) {
    const { framework, version } = crosswalk[end];
    try {
      editions[end] = (await resolveFramework(formatEditionRef(framework, version), BUNDLED_STANDARDS_DIR, env)).framework;
    } catch (err) {
      if (err instanceof UnknownFrameworkError) {
        const available = err.message.replace(/^.*?; available: /, '').replace(/ \(or give the path.*\)$/, '');
        faults.push(source.errorAt([end, 'framework'], `unknown framework "${framework}": the crosswalk's ${end} edition is not available (frameworks: ${available})`));
      }
      else if (err instanceof UnknownEditionError) faults.push(source.errorAt([end, 'version'], `${err.message}: the crosswalk's ${end} edition must be one of them`));
      else throw err;
    }
  }
  if (!editions.from || !editions.to) return { crosswalk, faults, notes: [] };
  const { from, to } = editions as Record<'from' | 'to', Framework>;

  const ruleFaults = checkCrosswalkRules(crosswalk, from, to);
  if (ruleFaults.length) return { crosswalk, from, to, faults: all(source.errorForAll(ruleFaults)), notes: [] };
  if (options.strict) {
    const strictFaults = checkCrosswalkStrict(crosswalk, from, to);
    return { crosswalk, from, to, faults: strictFaults.length ? all(source.errorForAll(strictFaults)) : [], notes: [] };
  }
  const unreviewed = reviewedCriteria(crosswalk, from, to).from.unreviewed;
  return { crosswalk, from, to, faults, notes: unreviewed.length ? [unreviewedMessage(crosswalk, unreviewed)] : [] };
}

function all(error: InputError): InputError[] {
  return [error, ...error.more];
}

/**
 * Every crosswalk on the search path checked, and no two of the same standing (bundled, or
 * a council's own) joining the same two editions.
 */
export async function findCrosswalkLibraryFaults(
  env: NodeJS.ProcessEnv,
  options: { strict?: boolean } = {},
): Promise<{ checked: { file: string; check: CrosswalkCheck }[]; faults: InputError[] }> {
  const checked: { file: string; check: CrosswalkCheck }[] = [];
  const faults: InputError[] = [];
  const seen = new Map<string, string>();
  for (const file of await listCrosswalkFiles(env)) {
    const check = await findCrosswalkFaults(file, env, options);
    checked.push({ file, check });
    faults.push(...check.faults);
    const crosswalk = check.crosswalk;
    if (!crosswalk) continue;
    const standing = resolve(file).startsWith(BUNDLED_STANDARDS_DIR) ? 'bundled' : 'own';
    const key = [editionLabel(crosswalk.from), editionLabel(crosswalk.to)].sort().join('\0') + `\0${standing}`;
    const twin = seen.get(key);
    if (twin) faults.push(new InputError(`it joins ${editionLabel(crosswalk.from)} and ${editionLabel(crosswalk.to)}, as ${twin} does; keep one`, { file }));
    else seen.set(key, file);
  }
  return { checked, faults };
}

/** A crosswalk file as the user should see it: a bundled one by its place in the library, one of theirs relative to where they are. */
export function shownCrosswalkFile(file: string, cwd: string): string {
  const absolute = resolve(file);
  if (absolute.startsWith(BUNDLED_STANDARDS_DIR)) return `bundled ${relative(BUNDLED_STANDARDS_DIR, absolute).split(sep).join('/')}`;
  return relative(cwd, absolute) || absolute;
}
