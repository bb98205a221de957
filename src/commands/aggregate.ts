/**
 * `audit aggregate FILE...|DIR`: the partnership view of many agencies' audits of one framework,
 * printed in a text format, or with `-o FILE.pdf` written as the partnership report, an
 * accessible PDF for the partnership's board (written atomically; pdfkit loaded only then).
 */
import { relative } from 'node:path';
import { aggregateAudits, listFiles, oneReturnPerAgency, type AgencyAudit } from '../core/aggregate.js';
import type { Framework } from '../core/framework.js';
import { PARTNERSHIP_REPORT_TEMPLATE } from '../core/partnership-template.js';
import { InputError, UsageError } from '../errors.js';
import type { CommandInput } from '../io/atomic-write.js';
import { readAuditSet } from '../io/audit-set.js';
import { renderAggregateCsv } from '../render/csv/aggregate.js';
import { renderJson } from '../render/json.js';
import { renderAggregateMarkdown } from '../render/markdown/aggregate.js';
import { renderAggregateTable } from '../render/table/aggregate.js';
import type { CommandContext } from './context.js';
import type { AggregateFormat } from './formats.js';
import { parseReportCover, type ReportCoverOptions } from './options.js';

export interface AggregateOptions extends ReportCoverOptions {
  format: AggregateFormat;
  /** Whether --format was given, rather than left at its default. */
  formatGiven?: boolean;
  /** The PDF partnership report's path. */
  output?: string;
  template?: string;
  public?: boolean;
}

/** Options that shape only the PDF, refused without -o rather than silently ignored. */
const PDF_OPTIONS = [
  ['template', '--template'],
  ['public', '--public'],
  ['partnership', '--partnership'],
  ['title', '--title'],
  ['committee', '--committee'],
  ['officer', '--officer'],
  ['meetingDate', '--meeting-date'],
] as const;

export async function runAggregate(args: string[], options: AggregateOptions, ctx: CommandContext): Promise<number> {
  refusePdfOptionsWithoutOutput(options);
  const pdf = options.output === undefined ? undefined : pdfRequest(options);
  const { framework, audits } = await readAuditSet(args, ctx.cwd, ctx.env, ctx.err);

  const older = audits.filter((a) => a.read.audit.frameworkVersion !== undefined && a.read.audit.frameworkVersion !== framework.version);
  if (older.length) {
    ctx.err(
      `warning: ${older.length} of ${audits.length} audits were made against another edition of ${framework.id} ` +
        `(${listFiles(older.map((a) => a.path.shown))}); they are read here against edition ${framework.version}\n`,
    );
  }

  const given: AgencyAudit[] = audits.map((a) => ({ file: relative(ctx.cwd, a.path.absolute) || a.path.shown, audit: a.read.audit }));
  // Each agency once: in the heat map, and in every partnership mean.
  const { kept: entries, superseded, conflicts } = oneReturnPerAgency(given);
  if (conflicts.length) {
    const [first] = conflicts;
    throw new InputError(
      `${first!.organisation} has ${first!.files.length} returns for ${first!.period} (${listFiles(first!.files)}): ` +
        'an agency counts once, so keep one of them in the folder, or name the files to aggregate' +
        (conflicts.length > 1 ? ` (and ${conflicts.length - 1} more ${conflicts.length === 2 ? 'agency' : 'agencies'} likewise)` : ''),
    );
  }
  for (const earlier of superseded) {
    ctx.err(`warning: ${earlier.organisation} has more than one audit: ${earlier.file} (${earlier.period}) is left out for the later ${earlier.by}\n`);
  }
  const view = aggregateAudits(framework, entries);

  if (view.periods.length > 1) {
    const byPeriod = view.periods.map((p) => `${p} (${view.agencies.filter((a) => a.period === p).length})`);
    ctx.err(`warning: the audits cover more than one period: ${byPeriod.join(', ')}\n`);
  }

  if (pdf) {
    const inputs: CommandInput[] = audits.flatMap((a) => [
      { file: a.path.absolute, what: `the audit ${a.path.shown}` },
      { file: a.read.framework.file, what: 'the framework file' },
    ]);
    return writePartnershipReport(framework, entries, inputs, pdf, ctx);
  }

  switch (options.format) {
    case 'json':
      ctx.out(renderJson(view));
      break;
    case 'markdown':
      ctx.out(renderAggregateMarkdown(view));
      break;
    case 'csv':
      ctx.out(renderAggregateCsv(view));
      break;
    case 'table':
      ctx.out(renderAggregateTable(view, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}

interface PdfRequest {
  /** As given: relative to the working folder, and named so in messages. */
  output: string;
  template: string | undefined;
  isPublic: boolean;
  cover: ReportCoverOptions;
}

/** Checks the PDF's options before any file is read: a wrong one costs nothing. */
function pdfRequest(options: AggregateOptions): PdfRequest {
  const output = options.output!;
  if (!/\.pdf$/i.test(output)) {
    throw new UsageError(
      `-o writes the partnership report as a PDF, so its name must end in .pdf (not "${output}"); ` +
        'for table, json, markdown or csv use --format and redirect the output, e.g. --format csv > partnership.csv',
    );
  }
  if (options.formatGiven) {
    throw new UsageError('--format chooses what is printed; -o writes the PDF partnership report instead: give one or the other');
  }
  return { output, template: options.template, isPublic: Boolean(options.public), cover: parseReportCover(options, PARTNERSHIP_REPORT_TEMPLATE) };
}

/** Without -o, the PDF's options would do nothing: say so. */
function refusePdfOptionsWithoutOutput(options: AggregateOptions): void {
  if (options.output !== undefined) return;
  const given = PDF_OPTIONS.find(([key]) => options[key] !== undefined && options[key] !== false);
  if (given) throw new UsageError(`${given[1]} is an option of the PDF partnership report: add -o FILE.pdf`);
}

async function writePartnershipReport(
  framework: Framework,
  entries: AgencyAudit[],
  inputs: CommandInput[],
  pdf: PdfRequest,
  ctx: CommandContext,
): Promise<number> {
  const [{ PARTNERSHIP_REPORT_TEMPLATE }, { loadTemplate }, { buildPartnershipReportModel }, { writeFileAtomically, refuseInputAsOutput }, { creator }] = await Promise.all([
    import('../core/partnership-template.js'),
    import('../io/report-template.js'),
    import('../core/partnership-report-model.js'),
    import('../io/atomic-write.js'),
    import('../io/package-info.js'),
  ]);
  const { template, file: templateFile } = await loadTemplate(PARTNERSHIP_REPORT_TEMPLATE, pdf.template);
  await refuseInputAsOutput(pdf.output, [
    ...inputs,
    { file: templateFile, what: 'the report template' },
  ]);
  const model = buildPartnershipReportModel(framework, entries, { template, isPublic: pdf.isPublic, ...pdf.cover });
  const { renderReportPdf } = await import('../render/pdf/report.js');
  const bytes = await renderReportPdf(model, { creationDate: ctx.now, creator: creator() });
  await writeFileAtomically(pdf.output, bytes);

  const s = model.view.summary;
  ctx.out(
    `Wrote ${pdf.output}: ${s.agencies} ${s.agencies === 1 ? 'agency' : 'agencies'}, ${model.view.redAgencies.length} with red standards, ` +
      `${model.widespread.length} ${model.widespread.length === 1 ? 'criterion' : 'criteria'} in section 6; ` +
      (pdf.isPublic ? 'public (Part 1) version.\n' : 'Part 2 version: not for publication.\n'),
  );
  return 0;
}
