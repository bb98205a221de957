/** Parsing of option values shared by several commands; bad values are InputErrors (exit 2). */
import { extname } from 'node:path';
import type { ActionStatus } from '../core/audit.js';
import { acceptedStatusWords, statusFromWord } from '../core/typed-words.js';
import { readTypedDate, ukDate } from '../core/dates.js';
import { withLfLineBreaks } from '../core/document-text.js';
import { quoteForMessage } from '../core/sheet-cells.js';
import { describeScale, isOnScale, type Framework, type OrganisationKind } from '../core/framework.js';
import { findKind, unknownKindMessage } from '../core/kinds.js';
import { checkTemplateText, type TemplateKind } from '../core/template-text.js';
import { InputError, UsageError } from '../errors.js';

/** A text option that must say something (--org, --period, --note…): trimmed, line breaks as LF. */
export function requireText(value: string, flag: string): string {
  const text = withLfLineBreaks(value).trim();
  if (!text) throw new InputError(`${flag} must not be empty`);
  return text;
}

/**
 * A one-line name for the record (--org, --period, --assessor, --owner, --by, --role): not empty,
 * and plain text. A control character or a line break in a name would act on, or break the layout
 * of, every report, table and file name it heads later.
 */
export function requireName(value: string, flag: string): string {
  const text = value.trim();
  if (!text) throw new InputError(`${flag} must not be empty`);
  if (/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]/.test(text)) {
    throw new InputError(`${flag} must be plain text on one line, without control characters or line breaks`);
  }
  return text;
}

export function parseRating(value: string, framework: Framework, flag = '--rating'): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new InputError(`${flag} "${value}" is not a whole number on the scale of ${framework.id} (${describeScale(framework)})`);
  }
  const rating = Number(trimmed);
  if (!isOnScale(framework, rating)) {
    throw new InputError(`${flag} ${rating} is not on the scale of ${framework.id} (${describeScale(framework)})`);
  }
  return rating;
}

/** `--kind ID`: a kind of organisation the framework declares. */
export function parseKind(value: string, framework: Framework, flag = '--kind'): OrganisationKind {
  const kind = findKind(framework, value.trim());
  if (!kind) throw new InputError(`${flag}: ${unknownKindMessage(framework, value.trim())}`);
  return kind;
}

/** A reason for not applicable, as given on the command line: never blank. */
export function parseReason(value: string, flag: string): string {
  const reason = value.replace(/\s+/g, ' ').trim();
  if (!reason) throw new InputError(`${flag} needs the reason the criterion does not apply, e.g. ${flag} "We employ no staff; volunteers only"`);
  return reason;
}

/** A date option, in any form readTypedDate reads (2027-03-31, 31/03/2027, 31 March 2027): the ISO date. */
export function parseDate(value: string, flag = '--due'): string {
  const { date, form } = readTypedDate(value);
  if (date !== undefined) return date;
  const what = form ? 'not a real date (day, month, year)' : 'not a date';
  throw new InputError(`${flag} ${quoteForMessage(value.trim())} is ${what}: write it as 31/03/2027 or 2027-03-31`);
}

/**
 * A warning for a date on the wrong side of today (a return due back before it is sent, an
 * action due in the past): often a slip of the year, never a reason to refuse.
 */
export function dateSideWarning(date: string, today: string, flag: string, expected: 'future' | 'past', consequence: string): string | undefined {
  const wrong = expected === 'future' ? date < today : date > today;
  if (!wrong) return undefined;
  return `warning: ${flag} ${ukDate(date)} is ${expected === 'future' ? 'in the past' : 'in the future'} (today is ${ukDate(today)}): ${consequence}\n`;
}

/** `--status`: the words a return's Status cell accepts (src/core/typed-words.ts), `in-progress` among them. */
export function parseStatus(value: string): ActionStatus {
  const status = statusFromWord(value);
  if (status === undefined) throw new InputError(`--status ${quoteForMessage(value.trim())} is not one of ${acceptedStatusWords()}`);
  return status;
}

/** What the command line may set on the cover of a PDF report, over its template's defaults. */
export interface ReportCoverOptions {
  title?: string;
  committee?: string;
  officer?: string;
  partnership?: string;
  meetingDate?: string;
}

/**
 * The cover options of `audit report` and `audit aggregate -o`: text trimmed and never empty,
 * the meeting date a real date. Options not given stay out, so the template's words are used.
 * Their placeholders are those the template's own title, committee and officer may use
 * (`--title "Self-audit {period}"`), checked here as the template's are: an unknown one is an
 * error, never printed to a committee as it stands (`{{` for a literal brace).
 */
export function parseReportCover(options: ReportCoverOptions, kind?: TemplateKind<unknown>): ReportCoverOptions {
  const parsed: ReportCoverOptions = {};
  for (const [key, flag] of [['title', '--title'], ['committee', '--committee'], ['officer', '--officer'], ['partnership', '--partnership']] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!value.trim()) throw new UsageError(`${flag} must not be empty`);
    parsed[key] = value.trim();
  }
  if (options.meetingDate !== undefined) parsed.meetingDate = parseDate(options.meetingDate, '--meeting-date');
  if (kind) {
    const asTemplate = { reportTitle: parsed.title, committee: parsed.committee, officer: parsed.officer, partnership: parsed.partnership };
    const [fault] = checkTemplateText(asTemplate, kind.placeholdersAllowedAt);
    if (fault) {
      const flag = { reportTitle: '--title', committee: '--committee', officer: '--officer', partnership: '--partnership' }[String(fault.path[0]) as 'reportTitle'];
      throw new UsageError(`${flag}: ${fault.message}`);
    }
  }
  return parsed;
}

/** The format a file's name stands for, by its ending. */
const FORMAT_OF_NAME: Record<string, string> = {
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.xlsx': 'xlsx',
  '.xml': 'junit',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** What a file of each format is called in a message. */
const NAME_OF_FORMAT: Record<string, string> = {
  csv: 'a CSV file',
  json: 'a JSON file',
  markdown: 'a Markdown file',
  xlsx: 'a workbook',
  junit: 'a JUnit XML file',
  pdf: 'a PDF',
  docx: 'a Word document',
};

/** The format -o's name stands for (csv for `gap.csv`), or undefined for a name that says none (`gap.txt`). */
export function formatOfName(output: string): string | undefined {
  return FORMAT_OF_NAME[extname(output).toLowerCase()];
}

/**
 * What a command with text formats (and perhaps a workbook) is to do: print, or write to -o.
 * A name that stands for a format picks it when --format is not given (`-o gap.csv` writes CSV),
 * and must agree with --format when it is; a name that stands for a format the command does not
 * write is refused, as is a workbook asked for without a .xlsx file to go in.
 */
export function outputTarget<F extends string>(format: F, formatGiven: boolean, output: string | undefined, offered: readonly F[]): { format: F; output: string | undefined } {
  if (output === undefined) {
    if (format === 'xlsx') throw new UsageError('--format xlsx writes a workbook: name it with -o FILE.xlsx');
    return { format, output };
  }
  const named = formatOfName(output);
  if (named === undefined) {
    if (format === 'xlsx') throw new UsageError(`--format xlsx writes a workbook, so -o must name a .xlsx file (not "${output}")`);
    return { format, output };
  }
  if (!(offered as readonly string[]).includes(named)) {
    throw new UsageError(`-o ${output} names ${NAME_OF_FORMAT[named]}, which this command does not write (it writes ${orList(offered)}): end the name in ${orList(endingsOf(offered))}`);
  }
  if (formatGiven && named !== format) {
    throw new UsageError(`-o ${output} names ${NAME_OF_FORMAT[named]}, but --format is ${format}: leave out --format, or give -o a name to match it`);
  }
  return { format: named as F, output };
}

/** One ending for each format that has one: .csv, .json, .md … */
function endingsOf(formats: readonly string[]): string[] {
  return formats.flatMap((format) => Object.entries(FORMAT_OF_NAME).find(([, f]) => f === format)?.[0] ?? []);
}

function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : (items[0] ?? '');
}
