/**
 * Editions of a framework between two periods: which criteria the later edition added and
 * which it removed, for `audit compare` and `audit new --from`.
 *
 * When both editions' files are at hand the answer comes from their criterion ids. When last
 * period's audit names an edition no longer available (a bundled framework updated since), it
 * is inferred from the audit itself: `audit new` lists every criterion of its edition, so
 * answers to criteria the current edition lacks were removed, and criteria of the current
 * edition the audit never mentions were added.
 */
import type { Audit } from './audit.js';
import { indexCriteria, type Framework } from './framework.js';

export interface EditionChange {
  id: string;
  /** The edition last period's audit was made against. */
  before: string;
  after: string;
  /** Criterion ids in the later edition only, in its order. */
  added: string[];
  /** Criterion ids in the earlier edition only. */
  removed: string[];
  /** True when the earlier edition was not available and the lists come from the audit's own entries. */
  inferred: boolean;
}

export interface EarlierAudit {
  framework: Framework;
  audit: Audit;
  /** Answers set aside because the framework read no longer has their criteria. */
  retired?: readonly string[];
}

/** Undefined when both periods use the same edition. */
export function compareEditions(earlier: EarlierAudit, later: Framework): EditionChange | undefined {
  const laterIds = [...indexCriteria(later).keys()];
  const recorded = earlier.audit.frameworkVersion ?? earlier.framework.version;

  if (earlier.framework.version !== later.version) {
    const earlierIds = new Set(indexCriteria(earlier.framework).keys());
    for (const id of earlier.retired ?? []) earlierIds.add(id);
    const laterSet = new Set(laterIds);
    return {
      id: later.id,
      before: earlier.framework.version,
      after: later.version,
      added: laterIds.filter((id) => !earlierIds.has(id)),
      removed: [...earlierIds].filter((id) => !laterSet.has(id)),
      inferred: false,
    };
  }

  if (recorded !== later.version) {
    const mentioned = new Set([...Object.keys(earlier.audit.responses), ...(earlier.retired ?? [])]);
    return {
      id: later.id,
      before: recorded,
      after: later.version,
      added: laterIds.filter((id) => !mentioned.has(id)),
      removed: [...(earlier.retired ?? [])],
      inferred: true,
    };
  }
  return undefined;
}

/** "edition 2013 → 2023: 2 criteria added (A-1, A-2), 1 removed (B-3)", for messages. */
export function describeEditionChange(change: EditionChange): string {
  const parts: string[] = [];
  if (change.added.length) parts.push(`${change.added.length} ${change.added.length === 1 ? 'criterion' : 'criteria'} added (${change.added.join(', ')})`);
  if (change.removed.length) parts.push(`${change.removed.length} removed (${change.removed.join(', ')})`);
  const what = parts.length ? parts.join(', ') : 'the same criteria';
  return `${change.id} edition ${change.before} → ${change.after}: ${what}${change.inferred ? ` (edition ${change.before} is not available; inferred from the earlier audit's entries)` : ''}`;
}

/** A framework reference split into its id and, after "@", the edition asked for. */
export interface EditionRef {
  id: string;
  version?: string;
}

/** "section-11@2007-2018" → section-11, edition 2007-2018; "section-11" → its current edition. */
export function parseEditionRef(ref: string): EditionRef {
  const at = ref.indexOf('@');
  if (at < 0) return { id: ref };
  return { id: ref.slice(0, at), version: ref.slice(at + 1) };
}

/** "section-11@2007-2018", or the id alone for the current edition. */
export function formatEditionRef(id: string, version?: string): string {
  return version === undefined ? id : `${id}@${version}`;
}

/**
 * Whether a version can stand in a conventional file name (`<id>@<version>.yaml`): letters,
 * digits, dots, hyphens and underscores. Other versions are found by reading the files.
 */
export function isFileNameVersion(version: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(version) && !version.includes('..');
}

/** One edition of a framework as found in a directory of framework files. */
export interface EditionFile {
  id: string;
  version: string;
  supersedes?: string;
  /** The file's directory and its name without the extension: the name may claim a place. */
  dir: string;
  stem: string;
  file: string;
}

/**
 * What a file's name says of the edition in it: `<id>` is the current edition, `<id>@<version>`
 * an earlier one; any other name without "@" says nothing. A name with "@" that disagrees
 * with the content is a fault (a reader trusts names to find editions quickly).
 */
export function nameClaim(edition: Pick<EditionFile, 'id' | 'version' | 'stem'>): 'current' | 'earlier' | 'none' | 'mismatch' {
  if (edition.stem === edition.id) return 'current';
  if (!edition.stem.includes('@')) return 'none';
  return edition.stem === formatEditionRef(edition.id, edition.version) ? 'earlier' : 'mismatch';
}

/** The editions of one framework: the current one, then the earlier ones, newest first where known. */
export interface EditionSet {
  id: string;
  current: EditionFile;
  earlier: EditionFile[];
}

export interface LibraryFault {
  file: string;
  message: string;
}

/**
 * Groups the framework files of a search path into the editions of each framework, and
 * decides which edition is current.
 *
 * An edition is earlier when its file is named `<id>@<version>.yaml`, or when another edition
 * names its version in `supersedes`. The current edition is the one edition left. Faults: one
 * id and version in two files; a framework's editions in two directories; a name with "@"
 * that disagrees with its content; a file named `<id>.yaml` that another edition supersedes;
 * no edition left, or more than one.
 */
export function arrangeEditions(files: readonly EditionFile[]): { sets: EditionSet[]; faults: LibraryFault[] } {
  const faults: LibraryFault[] = [];
  const byId = new Map<string, EditionFile[]>();
  for (const edition of files) {
    if (nameClaim(edition) === 'mismatch') {
      faults.push({
        file: edition.file,
        message: `its name says ${edition.stem}, but it holds edition ${edition.version} of ${edition.id}; name it ${formatEditionRef(edition.id, edition.version)}.yaml, or without "@"`,
      });
      continue;
    }
    const editions = byId.get(edition.id) ?? [];
    const twin = editions.find((other) => other.version === edition.version);
    if (twin) {
      faults.push({ file: edition.file, message: `edition ${edition.version} of ${edition.id} is also in ${twin.file}; keep one` });
      continue;
    }
    const elsewhere = editions.find((other) => other.dir !== edition.dir);
    if (elsewhere) {
      faults.push({
        file: edition.file,
        message: `${edition.id} also has an edition in another directory (${elsewhere.file}); keep every edition of a framework in one directory`,
      });
      continue;
    }
    byId.set(edition.id, [...editions, edition]);
  }

  const sets: EditionSet[] = [];
  for (const [id, editions] of byId) {
    const superseded = new Map<string, EditionFile>();
    for (const edition of editions) {
      if (edition.supersedes === undefined) continue;
      const replaced = editions.find((other) => other.version === edition.supersedes);
      if (replaced) superseded.set(replaced.version, edition);
      if (replaced && nameClaim(replaced) === 'current') {
        faults.push({
          file: edition.file,
          message: `it supersedes edition ${replaced.version} of ${id}, but ${replaced.file} is named as the current edition; name that file ${formatEditionRef(id, replaced.version)}.yaml`,
        });
      }
    }
    const candidates = editions.filter((edition) => nameClaim(edition) !== 'earlier' && !superseded.has(edition.version));
    if (candidates.length !== 1) {
      const listed = (candidates.length ? candidates : editions).map((e) => `${e.version} (${e.file})`).join(', ');
      faults.push({
        file: (candidates[1] ?? editions[0]!).file,
        message: candidates.length
          ? `${candidates.length} editions of ${id} claim to be current: ${listed}. Name the earlier ones ${id}@<version>.yaml, or give the current one "supersedes: <version>" of the edition it replaces`
          : `no edition of ${id} is current: ${listed} are all named or marked as earlier editions`,
      });
      continue;
    }
    const current = candidates[0]!;
    sets.push({ id, current, earlier: newestFirst(current, editions) });
  }
  return { sets, faults };
}

/** Earlier editions along the `supersedes` chain from the current one, then the rest by version. */
function newestFirst(current: EditionFile, editions: readonly EditionFile[]): EditionFile[] {
  const ordered: EditionFile[] = [];
  const seen = new Set([current.version]);
  for (let at = current.supersedes; at !== undefined && !seen.has(at); ) {
    const next = editions.find((e) => e.version === at);
    if (!next) break;
    ordered.push(next);
    seen.add(at);
    at = next.supersedes;
  }
  const rest = editions.filter((e) => !seen.has(e.version)).sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }));
  return [...ordered, ...rest];
}

/**
 * Criteria both frameworks hold under one id whose statements differ (beyond spacing): a
 * council's own copy of a framework, edited but keeping its id and edition, or an edition that
 * reworded a criterion. Their ratings answer different requirements, so they are not compared
 * as like for like, and evidence carried between them is to be checked.
 */
export function rewordedCriteria(earlier: Framework, later: Framework): string[] {
  const before = indexCriteria(earlier);
  const reworded: string[] = [];
  for (const [id, place] of indexCriteria(later)) {
    const was = before.get(id);
    if (was && statement(was.criterion.text) !== statement(place.criterion.text)) reworded.push(id);
  }
  return reworded;
}

/**
 * Where two framework texts that share an id and edition part: criteria worded differently, and
 * criteria only one of them holds, in the second's order then the first's. Empty when the texts
 * agree criterion for criterion (however their guidance or references differ).
 */
export function textDifferences(one: Framework, other: Framework): string[] {
  const first = indexCriteria(one);
  const second = indexCriteria(other);
  const onlyInOne = [...first.keys()].filter((id) => !second.has(id));
  const onlyInOther = [...second.keys()].filter((id) => !first.has(id));
  return [...rewordedCriteria(one, other), ...onlyInOther, ...onlyInOne];
}

function statement(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
