/**
 * The criterion register: every criterion id ever published in a library of frameworks, with a
 * digest of the statement it was published with, so that an id is never reused for a different
 * statement. Carrying an audit forward (`audit new --from`) and comparing periods match answers
 * by criterion id: an id that changed its meaning would carry last year's evidence to a
 * different question.
 *
 * The register is a text file, `criterion-register.txt`, in the directory of the frameworks it
 * covers. One line per published statement:
 *
 *     <framework> <criterion> <digest> <edition>
 *     <framework> <criterion> <digest> <edition> erratum: <reason>
 *
 * The first line for a criterion records it as first published; a later line for the same
 * criterion must be an erratum: a correction of wording that keeps the meaning, with its reason.
 * The digest is the first 16 hex digits of the SHA-256 of the statement, composed (NFC) with its
 * white space collapsed, so re-wrapping the YAML changes nothing. Lines are only ever added.
 */
import { createHash } from 'node:crypto';
import { normaliseStatement } from './framework-strict.js';
import type { Framework } from './framework.js';

export const REGISTER_FILE = 'criterion-register.txt';

export interface RegisterLine {
  framework: string;
  criterion: string;
  digest: string;
  edition: string;
  /** The reason for a correction of wording; absent on the line that first published the criterion. */
  erratum?: string;
  /** 1-based line number in the register file. */
  line: number;
}

/** A fault found by the register, located by a line of the register or by a criterion of an edition. */
export interface RegisterFault {
  message: string;
  line?: number;
  /** The edition and criterion it concerns, for faults found in a framework file. */
  edition?: { framework: Framework; file: string; criterion: string };
}

export function statementDigest(text: string): string {
  return createHash('sha256').update(normaliseStatement(text), 'utf8').digest('hex').slice(0, 16);
}

export function registerLine(framework: string, criterion: string, text: string, edition: string, erratum?: string): string {
  return [framework, criterion, statementDigest(text), edition, ...(erratum !== undefined ? [`erratum: ${erratum}`] : [])].join(' ');
}

export function parseRegister(text: string): { lines: RegisterLine[]; faults: RegisterFault[] } {
  const lines: RegisterLine[] = [];
  const faults: RegisterFault[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const match = /^(\S+)\s+(\S+)\s+([0-9a-f]{16})\s+(\S+)(?:\s+erratum:\s*(.*))?$/.exec(content);
    if (!match) {
      faults.push({ line, message: 'expected: <framework> <criterion> <16 hex digits> <edition> [erratum: <reason>]' });
      return;
    }
    const [, framework, criterion, digest, edition, erratum] = match;
    if (erratum !== undefined && !erratum.trim()) {
      faults.push({ line, message: 'an erratum needs its reason after "erratum:"' });
      return;
    }
    lines.push({ framework: framework!, criterion: criterion!, digest: digest!, edition: edition!, ...(erratum !== undefined ? { erratum: erratum.trim() } : {}), line });
  });
  return { lines, faults };
}

/**
 * Checks every edition of every framework in a library against its register: each criterion
 * registered, each statement one published under its id (or a recorded erratum of it), and
 * each registered criterion still in some edition (editions are never removed, ids never renamed).
 */
export function checkRegister(lines: readonly RegisterLine[], editions: readonly { framework: Framework; file: string }[]): RegisterFault[] {
  const faults: RegisterFault[] = [];
  const byCriterion = new Map<string, RegisterLine[]>();
  const key = (framework: string, criterion: string) => `${framework}\0${criterion}`;
  for (const line of lines) {
    const k = key(line.framework, line.criterion);
    const known = byCriterion.get(k);
    if (!known && line.erratum !== undefined) {
      faults.push({ line: line.line, message: `an erratum of ${line.criterion} of ${line.framework}, which no earlier line publishes` });
    } else if (known && line.erratum === undefined) {
      faults.push({
        line: line.line,
        message: `${line.criterion} of ${line.framework} is already registered (line ${known[0]!.line}); a further line is an erratum and says why: "erratum: <reason>"`,
      });
    }
    byCriterion.set(k, [...(known ?? []), line]);
  }

  const seen = new Set<string>();
  const versions = new Map<string, Set<string>>();
  for (const { framework, file } of editions) {
    versions.set(framework.id, (versions.get(framework.id) ?? new Set()).add(framework.version));
    for (const standard of framework.standards) {
      for (const criterion of standard.criteria) {
        const k = key(framework.id, criterion.id);
        seen.add(k);
        const registered = byCriterion.get(k);
        const digest = statementDigest(criterion.text);
        const at = { framework, file, criterion: criterion.id };
        if (!registered) {
          faults.push({
            edition: at,
            message: `${criterion.id} (edition ${framework.version}) is not in the criterion register; add: ${registerLine(framework.id, criterion.id, criterion.text, framework.version)}`,
          });
        } else if (!registered.some((line) => line.digest === digest)) {
          faults.push({
            edition: at,
            message:
              `the statement of ${criterion.id} (edition ${framework.version}) is not the one published under that id (register line ${registered[0]!.line}). ` +
              `A new statement needs a new id; a correction of wording that keeps the meaning is an erratum: ` +
              `${registerLine(framework.id, criterion.id, criterion.text, framework.version, '<reason>')}`,
          });
        }
      }
    }
  }

  const missingEditions = new Set<string>();
  for (const [k, registered] of byCriterion) {
    const first = registered[0]!;
    if (!seen.has(k)) {
      faults.push({
        line: first.line,
        message: `${first.criterion} of ${first.framework} is in no edition of the library: editions are never removed and ids never renamed`,
      });
    }
    const edition = `edition ${first.edition} of ${first.framework}`;
    if (!versions.get(first.framework)?.has(first.edition) && !missingEditions.has(edition)) {
      missingEditions.add(edition);
      faults.push({ line: first.line, message: `${edition}, which line ${first.line} names, is not in the library` });
    }
  }
  return faults;
}
