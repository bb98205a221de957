/**
 * What every command that writes a new audit file shares (new, new --from, start, import,
 * export): its options, its default name, how it names its framework, and the locked write.
 * Apart from new.ts, so that new.ts and new-from.ts do not import each other.
 */
import nodePath, { dirname, resolve, type PlatformPath } from 'node:path';
import { parseEditionRef } from '../core/editions.js';
import type { Framework, OrganisationKind } from '../core/framework.js';
import { notApplicableByKind } from '../core/kinds.js';
import { AuditError, InputError, UsageError } from '../errors.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import type { StartingAnswer } from '../io/audit-document.js';
import { frameworkLocationFault, isFrameworkPath, type LoadedFramework } from '../io/framework-files.js';
import { exists } from '../io/exists.js';
import { withAuditLock } from '../io/lock.js';
import { describeKind, refuseUnreadableSize } from '../io/read-user-file.js';
import { stat } from 'node:fs/promises';
import { requireText } from './options.js';

export interface NewOptions {
  /**
   * Required unless starting from last period's audit (`from`), whose framework it must share.
   * An id takes the current edition, `id@version` an earlier one.
   */
  framework?: string;
  /** The edition to use instead of the current one (its `version`). */
  edition?: string;
  /** Required unless starting from last period's audit, whose organisation is the default. */
  org?: string;
  /** The organisation's kind, an id of the framework's kinds. */
  kind?: string;
  period: string;
  /** Last period's audit, to carry forward (see new-from.ts). */
  from?: string;
  assessor?: string;
  target?: string;
  output?: string;
  force?: boolean;
}

/** The criteria a kind of organisation does not answer, as starting answers with the reason. */
export function answersForKind(framework: Framework, kind: OrganisationKind): Map<string, StartingAnswer> {
  return new Map([...notApplicableByKind(framework, kind)].map(([id, reason]) => [id, { notApplicable: reason }]));
}

/**
 * The edition `--edition` asks for, checked against one given as `--framework ID@VERSION`;
 * undefined for the current edition.
 */
export function editionAsked(options: Pick<NewOptions, 'framework' | 'edition'>): string | undefined {
  const inRef = options.framework !== undefined && !isFrameworkPath(options.framework) ? parseEditionRef(options.framework).version : undefined;
  if (options.edition !== undefined) {
    const edition = requireText(options.edition, '--edition');
    if (inRef !== undefined && inRef !== edition) {
      throw new UsageError(`--framework ${options.framework} and --edition ${edition} ask for different editions; give one`);
    }
    return edition;
  }
  return inRef;
}

/**
 * Writes a new audit holding its lock, so that it never replaces an audit a session is working
 * on (even with --force), nor one another command is changing; without --force, never one
 * that exists.
 */
export async function writeNewAudit(output: string, text: string, force: boolean | undefined): Promise<void> {
  refuseUnreadableSize(text, output, 'the new audit');
  await refuseNonFile(output);
  await withAuditLock(output, async () => {
    if (!force && (await exists(output))) {
      throw new InputError('already exists; choose another file with -o, or pass --force to replace it', { file: output });
    }
    await writeFileAtomically(output, text);
  });
}

/**
 * An audit is a regular file that later commands read and edit: a device, FIFO or socket at -o
 * (/dev/null, /dev/stdout) is refused before its lock is looked for (which would be beside the
 * device's real path, under /proc or /dev), as the writer refuses a FIFO. Exit 3, nothing written.
 */
async function refuseNonFile(output: string): Promise<void> {
  const target = await stat(output).catch(() => undefined);
  if (target && !target.isFile()) {
    throw new AuditError(`${output}: not written: it is ${describeKind(target)}, and an audit is a regular file; nothing was changed`, 3);
  }
}

/**
 * A framework named by path must be where an audit may name one (frameworkLocationFault), or
 * the new audit could not be read: refused now, before anything is written.
 */
export async function refuseMisplacedFramework(framework: LoadedFramework, output: string, env: NodeJS.ProcessEnv): Promise<void> {
  const misplaced = await frameworkLocationFault(framework.file, dirname(output), env);
  if (misplaced) throw new InputError(`the new audit could not use this framework: ${misplaced}`, { file: framework.file });
}

/**
 * What the audit records as its framework: the id (its edition goes in frameworkVersion), or a
 * framework named by path relative to the audit file, so the pair can move together.
 */
export function frameworkReference(named: string, baseDir: string, output: string, id: string): string {
  return isFrameworkPath(named) ? frameworkPathFrom(output, resolve(baseDir, named)) : id;
}

/** e.g. leicester-city-council-climbie-2003-2003-04.yaml */
export function defaultFileName(organisation: string, frameworkId: string, period: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${[shortened(slug(organisation)), frameworkId, shortened(slug(period))].filter(Boolean).join('-')}.yaml`;
}

/** Most characters a name's part may take in a default file name: the whole stays well inside the 255 a file system allows, with room for `.lock`. */
const NAME_PART_LENGTH = 80;

/** A slug cut to NAME_PART_LENGTH at a word (hyphen) where there is one. */
function shortened(slug: string): string {
  if (slug.length <= NAME_PART_LENGTH) return slug;
  const cut = slug.slice(0, NAME_PART_LENGTH + 1);
  const atWord = cut.lastIndexOf('-');
  return (atWord > NAME_PART_LENGTH / 2 ? cut.slice(0, atWord) : cut.slice(0, NAME_PART_LENGTH)).replace(/-+$/, '');
}

/**
 * How an audit records the path of its framework file: from the audit's folder, with forward
 * slashes, so that the two can move together and the audit reads the same on every system. A
 * framework on another drive than the audit (Windows: D: where the audit is on C:) has no
 * relative path: its absolute path is recorded (D:/standards/x.yaml). `path`: the system's paths.
 */
export function frameworkPathFrom(auditFile: string, frameworkFile: string, path: PlatformPath = nodePath): string {
  const from = path.relative(path.dirname(path.resolve(auditFile)), path.resolve(frameworkFile));
  const slashed = from.split(path.sep).join('/');
  if (path.isAbsolute(from)) return slashed;
  return slashed.startsWith('.') ? slashed : `./${slashed}`;
}
