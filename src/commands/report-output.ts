/**
 * What `audit report` and `audit aggregate -o` share: the report's facts from the details file
 * and the command line, the file format (PDF or Word, by -o's extension or --format), drawing
 * the report document in it, and telling the user what the report could not say as asked.
 * Renderers are loaded only for the format chosen (pdfkit for PDF, docx for Word).
 */
import { extname } from 'node:path';
import type { ReportDetails } from '../core/report-details.js';
import { mergeDetails } from '../core/report-details.js';
import type { ReportDocument } from '../core/report-document.js';
import type { ReportWarning } from '../core/report-sections.js';
import { NATIONS, type Nation, type TemplateKind } from '../core/template-text.js';
import { UsageError } from '../errors.js';
import { creator } from '../io/package-info.js';
import { loadReportDetails } from '../io/report-details.js';
import type { CommandContext } from './context.js';
import { REPORT_FORMATS, type ReportFormat } from './formats.js';
import { parseReportCover, type ReportCoverOptions } from './options.js';
import { checkPrintable, type TextSource, type UnprintableChoice } from './unprintable-check.js';

/** The command line's options for a report's facts, over the details file's. */
export interface ReportFactOptions extends ReportCoverOptions {
  details?: string;
  portfolioHolder?: string;
  /** Repeated --background-paper; "none" alone says there are none. */
  backgroundPaper?: string[];
  nation?: string;
  organisationKind?: string;
  largePrint?: boolean;
  format?: string;
  /** What a PDF does with text its fonts cannot print: refuse (the default) or placeholder. */
  unprintable?: string;
}

/** The format to write: --format if given, else -o's extension; the two must agree. */
export function reportFormat(output: string | undefined, format: string | undefined): ReportFormat {
  const ext = output ? extname(output).slice(1).toLowerCase() : '';
  const fromName = (REPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ReportFormat) : undefined;
  if (format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" must be one of ${REPORT_FORMATS.join(', ')}`);
    if (output && fromName !== format) throw new UsageError(`-o ${output} does not end in .${format}, the --format asked for`);
    return format as ReportFormat;
  }
  if (output && !fromName) throw new UsageError(`-o ${output}: the report is written as .pdf or .docx; name the file so (or give --format)`);
  return fromName ?? 'pdf';
}

/**
 * The report's facts: the details file's, with every fact the command line gives laid over them.
 * The command line's title, committee, officer and partnership may use the placeholders the
 * `kind` of template allows there (checked now); a details file's are printed as written.
 */
export async function reportFacts(options: ReportFactOptions, kind?: TemplateKind<unknown>): Promise<ReportDetails> {
  const cover = parseReportCover(options, kind);
  const flags: ReportDetails = { ...cover };
  if (options.portfolioHolder !== undefined) {
    if (!options.portfolioHolder.trim()) throw new UsageError('--portfolio-holder must not be empty');
    flags.portfolioHolder = options.portfolioHolder.trim();
  }
  if (options.backgroundPaper?.length) {
    const papers = options.backgroundPaper.map((p) => p.trim());
    if (papers.some((p) => !p)) throw new UsageError('--background-paper must not be empty');
    const none = papers.filter((p) => p.toLowerCase() === 'none');
    if (none.length && papers.length > 1) throw new UsageError('--background-paper none says there are none: give it alone');
    flags.backgroundPapers = none.length ? [] : papers;
  }
  if (options.nation !== undefined) flags.nation = parseNation(options.nation);
  if (options.organisationKind !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(options.organisationKind)) {
      throw new UsageError(`--organisation-kind "${options.organisationKind}" is not a kind id (lower-case letters, digits and hyphens, e.g. police)`);
    }
    flags.organisationKind = options.organisationKind;
  }
  const file = options.details === undefined ? {} : literalCover(await loadReportDetails(options.details));
  return mergeDetails(file, flags);
}

/** The cover text of a details file with its braces doubled, so that filling placeholders leaves it as written. */
function literalCover(details: ReportDetails): ReportDetails {
  const literal = { ...details };
  for (const key of ['title', 'committee', 'officer', 'partnership'] as const) {
    const value = literal[key];
    if (typeof value === 'string') literal[key] = value.replace(/[{}]/g, (brace) => brace + brace);
  }
  return literal;
}

function parseNation(value: string): Nation {
  if (!(NATIONS as readonly string[]).includes(value)) throw new UsageError(`--nation "${value}" must be one of ${NATIONS.join(', ')}`);
  return value as Nation;
}

/** A public item lists its background papers (Local Government Act 1972, s100D): refuse one that says nothing of them. */
export function requireBackgroundPapers(isPublic: boolean, details: ReportDetails): void {
  if (isPublic && details.backgroundPapers === undefined) {
    throw new UsageError(
      'a public report must list its background papers: give backgroundPapers in the report details (--details), ' +
        'or --background-paper TEXT (repeated for each), or --background-paper none',
    );
  }
}

/** What a PDF does with text its fonts cannot print (unprintable-check.ts): the choice, and the files the text came from. */
export interface UnprintableRequest {
  choice: UnprintableChoice;
  sources: readonly TextSource[];
  ctx: CommandContext;
}

/**
 * The report drawn in `format`, as bytes to write. A PDF is first checked for text its fonts
 * cannot print: refused (exit 2), or drawn with markers when asked for.
 */
export async function renderReport(document: ReportDocument, format: ReportFormat, options: { now: Date; largePrint: boolean; unprintable: UnprintableRequest }): Promise<Uint8Array> {
  if (format === 'docx') {
    const { renderReportDocx } = await import('../render/docx/report.js');
    return renderReportDocx(document, { creationDate: options.now, creator: creator(), largePrint: options.largePrint });
  }
  const { choice, sources, ctx } = options.unprintable;
  const markUnprintable = await checkPrintable(document, sources, choice, ctx);
  const { renderReportPdf } = await import('../render/pdf/report.js');
  return renderReportPdf(document, { creationDate: options.now, creator: creator(), largePrint: options.largePrint, markUnprintable });
}

export function printWarnings(warnings: readonly ReportWarning[], ctx: CommandContext): void {
  for (const warning of warnings) ctx.err(`warning: ${warning.message}\n`);
}

/**
 * The report's marking as a command's closing line (in English) gives it: the cover's own words
 * ("Part 2: not for publication"), quoted with their meaning when the report is in another
 * language, so that the line does not mix the report's language into the command's.
 */
export function markingInWords(report: { language: string; cover: { part: string } }, isPublic: boolean): string {
  if (/^en\b/i.test(report.language)) return report.cover.part;
  return `marked “${report.cover.part}” (${isPublic ? 'for publication' : 'not for publication'})`;
}
