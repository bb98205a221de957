/**
 * `audit aggregate FILE...|DIR`: the partnership view of many agencies' audits of one framework,
 * printed in a text format, with `-o FILE.pdf` written as the partnership report, an
 * accessible PDF for the partnership's board (written atomically; pdfkit loaded only then), or
 * with `-o FILE.xlsx` as a workbook (exceljs loaded only then).
 */
import { relative } from 'node:path';
import { aggregateAudits, listFiles, matchPrevious, oneReturnPerAgency, type AgencyAudit, type AgencyReturns, type PartnershipView } from '../core/aggregate.js';
import { ratingsNotCrossing } from '../core/crosswalk.js';
import type { Framework } from '../core/framework.js';
import { PARTNERSHIP_REPORT_TEMPLATE, partnershipWordingFor, SCHOOLS_PARTNERSHIP_TEMPLATE } from '../core/partnership-template.js';
import { InputError, InputErrors, UsageError } from '../errors.js';
import type { CommandInput } from '../io/atomic-write.js';
import { readAuditSet, readOnto, unreadableFaults, type SetAudit, type Unreadable } from '../io/audit-set.js';
import { shownCrosswalkFile } from '../io/crosswalk-files.js';
import { renderAggregateCsv } from '../render/csv/aggregate.js';
import { renderJson } from '../render/json.js';
import { renderAggregateMarkdown } from '../render/markdown/aggregate.js';
import { count, noun } from '../render/plural.js';
import { PLAIN, type Style } from '../render/style.js';
import { prose } from '../render/text-wrap.js';
import { renderAggregateTable } from '../render/table/aggregate.js';
import type { CommandContext } from './context.js';
import { AGGREGATE_FORMATS, type AggregateFormat } from './formats.js';
import type { ReportFormat } from './formats.js';
import { formatOfName, outputTarget } from './options.js';
import { markingInWords, printWarnings, renderReport, reportFacts, reportFormat, requireBackgroundPapers, type ReportFactOptions } from './report-output.js';
import { parseUnprintable, type UnprintableChoice } from './unprintable-check.js';
import { writeOutput } from './write-output.js';
import type { ReportDetails } from '../core/report-details.js';
import { baseName, unreadableFileKind, type LeftOutFiles } from '../core/unreadable-files.js';

export interface AggregateOptions extends Omit<ReportFactOptions, 'format'> {
  format: AggregateFormat;
  /** Whether --format was given, rather than left at its default. */
  formatGiven?: boolean;
  /** The PDF partnership report's path. */
  output?: string;
  template?: string;
  public?: boolean;
  /** Last period's returns (a folder or a file), for each agency's change. */
  previous?: string;
  /** Leave out the files that cannot be read as returns, naming them, rather than stop. */
  skipUnreadable?: boolean;
}

/** Options that shape only the report file, refused without -o rather than silently ignored. */
const PDF_OPTIONS = [
  ['template', '--template'],
  ['public', '--public'],
  ['partnership', '--partnership'],
  ['title', '--title'],
  ['committee', '--committee'],
  ['officer', '--officer'],
  ['meetingDate', '--meeting-date'],
  ['details', '--details'],
  ['portfolioHolder', '--portfolio-holder'],
  ['backgroundPaper', '--background-paper'],
  ['nation', '--nation'],
  ['largePrint', '--large-print'],
  ['unprintable', '--unprintable'],
] as const;

export async function runAggregate(args: string[], options: AggregateOptions, ctx: CommandContext): Promise<number> {
  const named = options.output === undefined ? undefined : formatOfName(options.output);
  const isReport = named === 'pdf' || named === 'docx';
  // Any other -o is the view in the format its name ends in (.xlsx, .csv, .json, .md), or --format's.
  const { format, output } = isReport ? { format: options.format, output: undefined } : outputTarget(options.format, Boolean(options.formatGiven), options.output, AGGREGATE_FORMATS);
  refusePdfOptionsWithoutPdf(options, isReport);
  refuseSkipWhereUnsaid(options, isReport ? 'pdf' : format);
  const pdf = isReport ? await pdfRequest(options) : undefined;
  // Both periods' files read before anything is refused, so that one run lists every fault.
  const current = await readAuditSet(args, ctx.cwd, ctx.env, ctx.err);
  const { framework, audits } = current;
  const previousSet = options.previous === undefined ? undefined : await readAuditSet([options.previous], ctx.cwd, ctx.env, ctx.err);
  const previousAudits = previousSet && (await readOnto(framework, previousSet.audits, ctx.env));
  const inputs = [...inputsOf(audits, (shown) => `the audit ${shown}`), ...inputsOf(previousAudits ?? [], (shown) => `last period's audit ${shown}`)];

  const returns = oneReturnPerAgency(audits.map((a) => agencyAudit(a, framework, ctx.cwd)));
  const previousReturns = previousAudits && oneReturnPerAgency(previousAudits.map((a) => ({ file: relative(ctx.cwd, a.path.absolute) || a.path.shown, audit: a.onto?.audit ?? a.read.audit })));
  const unreadable = [...current.unreadable, ...(previousSet?.unreadable ?? [])];
  refuseUnsettled(unreadable, returns, previousReturns, Boolean(options.skipUnreadable), format === 'json' && output === undefined && !pdf, ctx);
  if (unreadable.length) {
    ctx.err(`warning: left out, as --skip-unreadable asks: ${unreadable.map((u) => u.path.shown).join(', ')} (the faults of each are listed by running without it)\n`);
  }

  let entries = oneAgencyEach(returns, ctx);
  if (previousReturns) entries = withPrevious(entries, previousReturns, ctx);
  const view = aggregateAudits(framework, entries, options.previous !== undefined);

  if (view.periods.length > 1) {
    const byPeriod = view.periods.map((p) => `${p} (${view.agencies.filter((a) => a.period === p).length})`);
    ctx.err(`warning: the audits cover more than one period: ${byPeriod.join(', ')}\n`);
  }

  if (view.mapping) {
    const returns = view.mapping.returns;
    ctx.err(
      `note: ${returns.length} ${returns.length === 1 ? 'return' : 'returns'} of earlier or other editions read onto edition ${view.mapping.edition} of ${framework.id}: ${listFiles(returns.map((r) => r.file))}\n`,
    );
  }

  if (pdf) {
    const filesLeftOut: LeftOutFiles = { current: current.unreadable.map(leftOutFile), previous: (previousSet?.unreadable ?? []).map(leftOutFile) };
    return writePartnershipReport(framework, entries, options.previous !== undefined, filesLeftOut, inputs, pdf, ctx);
  }
  if (format === 'xlsx') {
    const { renderAggregateWorkbook } = await import('../render/xlsx/aggregate.js');
    const { creator } = await import('../io/package-info.js');
    const notRead = unreadable.map((u) => ({
      file: u.path.shown,
      kind: unreadableFileKind(u.path.shown),
      lastPeriod: !current.unreadable.includes(u),
      faults: u.faults.map((f) => f.message),
    }));
    const bytes = await renderAggregateWorkbook(view, { created: ctx.now, creator: creator(), notRead });
    await writeOutput(output!, bytes, inputs, `the heat map of ${view.summary.agencies} agencies, one row each`, ctx);
    return 0;
  }
  // Colour only on a terminal, and only the table has any (chalk is not loaded for the rest).
  const shown = format === 'json' ? { ...view, unreadable: unreadableJson(unreadable), notRead: [...current.notRead, ...(previousSet?.notRead ?? [])].map((n) => ({ file: n.shown, kind: n.kind })) } : view;
  const text = renderView(shown, format, format === 'table' && output === undefined ? await ctx.style() : PLAIN, ctx.width) + leftOut(format, unreadable, ctx.width);
  if (output === undefined) ctx.out(text);
  else await writeOutput(output, text, inputs, `the partnership view as ${format}`, ctx);
  return 0;
}

/**
 * Files that cannot be read, and agencies with two returns for one period, stop the run with
 * every one of them listed (the chase list) and nothing written: a view of the rest would count
 * fewer agencies than returned, or one twice. --skip-unreadable lets the unreadable files be
 * left out, named; two returns of one agency are never guessed between. With --format json
 * the list is also printed as JSON, where a script reads the view.
 */
function refuseUnsettled(
  unreadable: readonly Unreadable[],
  returns: AgencyReturns,
  previousReturns: AgencyReturns | undefined,
  skip: boolean,
  json: boolean,
  ctx: CommandContext,
): void {
  const twice = [...returns.conflicts, ...(previousReturns?.conflicts ?? []).map((c) => ({ ...c, lastPeriod: true }))];
  const refused = skip ? [] : unreadable;
  if (!refused.length && !twice.length) return;
  if (json) ctx.out(renderJson({ unreadable: unreadableJson(refused), duplicateReturns: twice.map(({ organisation, period, files }) => ({ organisation, period, files })) }));
  const faults: InputError[] = [
    ...unreadableFaults(refused),
    ...twice.map(
      (c) =>
        new InputError(
          `${'lastPeriod' in c ? "last period's returns: " : ''}${c.organisation} has ${c.files.length} returns for ${c.period} (${c.files.join(', ')}): ` +
            'an agency counts once, so keep one of them in the folder, or name the files to aggregate',
        ),
    ),
  ];
  const parts = [
    ...(refused.length ? [`${count(refused.length, 'file')} could not be read (${refused.map((u) => u.path.shown).join(', ')})`] : []),
    ...(twice.length ? [`${count(twice.length, 'agency')} ${twice.length === 1 ? 'has' : 'have'} two returns for one period`] : []),
  ];
  const remedy = refused.length
    ? ': fix or replace each file as its faults above say (or send them back to the agency), move out of the folder any file that is not a return, and run again; or pass --skip-unreadable to leave the unreadable files out, named'
    : ': keep one return of each';
  faults.push(new InputError(`nothing was written, as ${parts.join(' and ')}${remedy}`));
  throw new InputErrors(faults as [InputError, ...InputError[]]);
}

/** The unreadable files as JSON: each file with its faults, placed as the messages place them. */
function unreadableJson(unreadable: readonly Unreadable[]) {
  return unreadable.map((u) => ({
    file: u.path.shown,
    faults: u.faults.map((f) => ({
      ...(f.position?.cell !== undefined ? { cell: f.position.cell } : {}),
      ...(f.position?.line !== undefined ? { line: f.position.line } : {}),
      ...(f.position?.column !== undefined ? { column: f.position.column } : {}),
      ...(f.position && f.position.file !== u.path.shown ? { inFile: f.position.file } : {}),
      message: f.message,
    })),
  }));
}

/** Under the table or Markdown view, the files --skip-unreadable left out, so that the view never passes for all the returns. */
function leftOut(format: Exclude<AggregateFormat, 'xlsx'>, unreadable: readonly Unreadable[], width: number | undefined): string {
  if (!unreadable.length || (format !== 'table' && format !== 'markdown')) return '';
  const files = unreadable.map((u) => u.path.shown).join(', ');
  const text = `Not included: ${count(unreadable.length, 'file')} that could not be read as returns (${files}).`;
  return format === 'markdown' ? `\n**${text}**\n` : `\n${prose(text, width)}\n`;
}

/**
 * --skip-unreadable only where the output itself says what it left out: the table, Markdown
 * and JSON, the partnership report (PDF or Word: on its cover and in its summary) and the
 * workbook (a line under the heat map and a Not read sheet). CSV is refused: it holds one row
 * an agency and nothing else, and a line of another shape would break the scripts and
 * spreadsheets that read it, so it would show the partnership without a word of the files
 * missing from it.
 */
function refuseSkipWhereUnsaid(options: AggregateOptions, format: AggregateFormat | 'pdf'): void {
  if (!options.skipUnreadable || format !== 'csv') return;
  throw new UsageError(
    '--skip-unreadable cannot be used with CSV, which has no place to say which returned files it leaves out: ' +
      'write the workbook (-o FILE.xlsx) or JSON (--format json), which list them, or fix the files that cannot be read',
  );
}

/** A file left out as the report and workbook tell it: its name, and what it is by its name. */
function leftOutFile(u: Unreadable) {
  return { file: baseName(u.path.shown), kind: unreadableFileKind(u.path.shown) };
}

function renderView(view: PartnershipView, format: Exclude<AggregateFormat, 'xlsx'>, style: Style, width: number | undefined): string {
  switch (format) {
    case 'json':
      return renderJson(view);
    case 'markdown':
      return renderAggregateMarkdown(view);
    case 'csv':
      return renderAggregateCsv(view);
    case 'table':
      return renderAggregateTable(view, { style, width });
  }
}

/** What a set of audits was read from, none of which an output may replace: each audit, its framework, any crosswalk. */
function inputsOf(audits: readonly SetAudit[], what: (shown: string) => string): CommandInput[] {
  return audits.flatMap((a) => [
    { file: a.path.absolute, what: what(a.path.shown) },
    { file: a.read.framework.file, what: 'the framework file' },
    ...(a.onto?.bridge.via.kind === 'crosswalk' ? [{ file: a.onto.bridge.via.file, what: 'a crosswalk file' }] : []),
  ]);
}

/** Each agency once, in the heat map and in every partnership mean: its latest return, with earlier ones named as left out. */
function oneAgencyEach(returns: AgencyReturns, ctx: CommandContext, when = ''): AgencyAudit[] {
  for (const earlier of returns.superseded) {
    ctx.err(`warning: ${when}${earlier.organisation} has more than one audit: ${earlier.file} (${earlier.period}) is left out for the later ${earlier.by}\n`);
  }
  return returns.kept;
}

/** One return as the partnership view takes it: read onto the framework aggregated where it was made against another edition. */
function agencyAudit(entry: SetAudit, framework: Framework, cwd: string): AgencyAudit {
  const file = relative(cwd, entry.path.absolute) || entry.path.shown;
  if (!entry.onto) return { file, audit: entry.read.audit };
  const via = entry.onto.bridge.via;
  return {
    file,
    audit: entry.onto.audit,
    mappedFrom: {
      version: entry.read.audit.frameworkVersion ?? entry.read.framework.framework.version,
      via: via.kind,
      crosswalk: via.kind === 'crosswalk' ? shownCrosswalkFile(via.file, cwd) : null,
      notMapped: ratingsNotCrossing(entry.onto.bridge, framework),
    },
  };
}

/** Last period's returns (read onto this framework, one an agency) set beside each agency's; those matching no agency are named. */
function withPrevious(entries: AgencyAudit[], previous: AgencyReturns, ctx: CommandContext): AgencyAudit[] {
  const matched = matchPrevious(entries, oneAgencyEach(previous, ctx, "last period's returns: "));
  for (const p of matched.unmatched) ctx.err(`warning: ${p.audit.organisation} (${p.file}) made a return last period but none now\n`);
  const missing = matched.entries.filter((e) => !e.previous);
  if (missing.length) ctx.err(`note: no return last period from ${listFiles(missing.map((e) => e.audit.organisation))}\n`);
  return matched.entries;
}

interface PdfRequest {
  /** As given: relative to the working folder, and named so in messages. */
  output: string;
  format: ReportFormat;
  template: string | undefined;
  isPublic: boolean;
  details: ReportDetails;
  /** The --details file, an input the report must not overwrite. */
  detailsFile: string | undefined;
  largePrint: boolean;
  unprintable: UnprintableChoice;
}

/** Checks the report's options before any audit is read: a wrong one costs nothing. */
async function pdfRequest(options: AggregateOptions): Promise<PdfRequest> {
  const output = options.output!;
  if (options.formatGiven) {
    throw new UsageError('--format chooses what is printed; -o writes the partnership report instead: give one or the other');
  }
  if (options.organisationKind !== undefined) {
    throw new UsageError('--organisation-kind is for audit report: the partnership report is the partnership\'s');
  }
  const isPublic = Boolean(options.public);
  const details = await reportFacts({ ...options, format: undefined }, PARTNERSHIP_REPORT_TEMPLATE);
  requireBackgroundPapers(isPublic, details);
  const format = reportFormat(output, undefined);
  const unprintable = parseUnprintable(options.unprintable, format);
  return { output, format, template: options.template, isPublic, details, detailsFile: options.details, largePrint: Boolean(options.largePrint), unprintable };
}

/** Without -o FILE.pdf, the PDF's options would do nothing: say so. */
function refusePdfOptionsWithoutPdf(options: AggregateOptions, isReport: boolean): void {
  if (isReport) return;
  const given = PDF_OPTIONS.find(([key]) => options[key] !== undefined && options[key] !== false);
  if (given) throw new UsageError(`${given[1]} is an option of the partnership report: add -o FILE.pdf (or FILE.docx)`);
}

async function writePartnershipReport(
  framework: Framework,
  entries: AgencyAudit[],
  withPrevious: boolean,
  leftOut: LeftOutFiles,
  inputs: CommandInput[],
  pdf: PdfRequest,
  ctx: CommandContext,
): Promise<number> {
  const [{ loadTemplate }, { buildPartnershipReportModel }, { writeFileAtomically, refuseInputAsOutput }] = await Promise.all([
    import('../io/report-template.js'),
    import('../core/partnership-report-model.js'),
    import('../io/atomic-write.js'),
  ]);
  const wording = pdf.template ?? partnershipWordingFor(framework, entries.map((entry) => entry.audit.kind));
  const { template, file: templateFile, warnings: templateWarnings } = await loadTemplate(PARTNERSHIP_REPORT_TEMPLATE, wording);
  await refuseInputAsOutput(pdf.output, [
    ...inputs,
    { file: templateFile, what: 'the report template' },
    ...(pdf.detailsFile === undefined ? [] : [{ file: pdf.detailsFile, what: 'the report details file' }]),
  ]);
  const model = buildPartnershipReportModel(framework, entries, {
    template,
    isPublic: pdf.isPublic,
    withPrevious,
    leftOut,
    details: pdf.details,
    ...(pdf.details.nation ? { nation: pdf.details.nation } : {}),
  });
  printWarnings([...templateWarnings, ...model.warnings], ctx);
  const sources = [
    ...entries.map((entry) => ({ file: entry.file, value: entry.audit })),
    { file: `the ${framework.id} framework`, value: framework },
    { file: pdf.detailsFile ?? 'the command line', value: pdf.details },
    { file: templateFile, value: template },
  ];
  const unprintable = { choice: pdf.unprintable, sources, ctx };
  const bytes = await renderReport(model, pdf.format, { now: ctx.now, largePrint: pdf.largePrint, unprintable });
  await writeFileAtomically(pdf.output, bytes);

  const s = model.view.summary;
  const notRead = leftOut.current.length ? ` (and ${count(leftOut.current.length, 'returned file')} not read, which it ${pdf.isPublic ? 'counts' : 'names'})` : '';
  const who = templateFile.endsWith(`${SCHOOLS_PARTNERSHIP_TEMPLATE}.yaml`) ? 'school' : 'agency';
  const chosen = pdf.template === undefined && wording !== undefined ? ` Worded for schools and colleges, as every return is from one (--template partnership-report for the agencies' wording).` : '';
  ctx.say(
    `Wrote ${pdf.output}: ${count(s.agencies, who)}${notRead}, ${model.view.redAgencies.length} with red standards, ` +
      `${count(s.widespreadShortfalls, 'criterion')} where most ${noun(2, who)} fall short; ` +
      // In the words the report's cover uses.
      `${markingInWords(model, pdf.isPublic)}.${chosen}\n`,
  );
  return 0;
}
