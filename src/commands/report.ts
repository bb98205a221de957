/**
 * `audit report FILE`: the committee report as an accessible PDF or an editable Word document,
 * written atomically (a failure part-way leaves any earlier report at the path untouched).
 *
 * The plan's progress is reported as at a date never later than the meeting's unless asked
 * for: by default the earlier of today and the meeting date, and the command says which.
 * With --history, the organisation's earlier audits give the report its direction of travel.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Audit } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { formatDate } from '../core/report-document.js';
import type { ReportDetails } from '../core/report-details.js';
import { buildReportModel } from '../core/report-model.js';
import { CABINET_REPORT_TEMPLATE, type ReportTemplate } from '../core/report-template.js';
import type { Trend } from '../core/trend.js';
import { InputError, UsageError } from '../errors.js';
import { refuseInputAsOutput, writeFileAtomically, type CommandInput } from '../io/atomic-write.js';
import { readAudit, type ReadAudit } from '../io/audit-file.js';
import { loadReportTemplate } from '../io/report-template.js';
import { count } from '../render/plural.js';
import type { CommandContext } from './context.js';
import type { ReportFormat } from './formats.js';
import { parseDate } from './options.js';
import { auditInputs } from './write-output.js';
import { parseUnprintable } from './unprintable-check.js';
import { markingInWords, printWarnings, renderReport, reportFacts, reportFormat, requireBackgroundPapers, type ReportFactOptions } from './report-output.js';

export interface ReportCommandOptions extends ReportFactOptions {
  output?: string;
  template?: string;
  public?: boolean;
  asOf?: string;
  /** The organisation's audits of earlier periods, for the direction of travel. */
  history?: string[];
}

export async function runReport(file: string, options: ReportCommandOptions, ctx: CommandContext): Promise<number> {
  // The costliest mistake first, before the name's ending; every other input is checked once read.
  if (options.output !== undefined) await refuseInputAsOutput(options.output, [{ file, what: 'the audit file' }]);
  const format = reportFormat(options.output, options.format);
  const unprintableChoice = parseUnprintable(options.unprintable, format);
  const explicitAsOf = options.asOf === undefined ? undefined : parseDate(options.asOf, '--as-of');
  const isPublic = Boolean(options.public);
  const output = options.output ?? defaultOutput(file, isPublic, format);
  const details = await reportFacts(options, CABINET_REPORT_TEMPLATE);
  requireBackgroundPapers(isPublic, details);

  const loaded = await readAudit(file, ctx.env);
  const history = options.history?.length ? await readHistory(file, loaded, options.history, ctx) : undefined;
  const { template, file: templateFile, warnings: templateWarnings } = await loadReportTemplate(options.template);
  await refuseInputAsOutput(output, [
    ...auditInputs(file, loaded.framework.file),
    { file: templateFile, what: 'the report template' },
    ...(options.details === undefined ? [] : [{ file: options.details, what: 'the report details file' }]),
    ...(history?.inputs ?? []),
  ]);
  const kind = organisationKind(loaded.audit, details, template, file);
  const asOf = reportDate(explicitAsOf, details.meetingDate, toIsoDate(ctx.now));
  if (asOf.date > (details.meetingDate ?? asOf.date)) {
    ctx.err(`warning: the plan's progress is reported as at ${asOf.date}, after the meeting on ${details.meetingDate}\n`);
  }

  const model = buildReportModel(loaded.framework.framework, loaded.audit, {
    template,
    isPublic,
    asOf: asOf.date,
    details,
    kind,
    ...(details.nation ? { nation: details.nation } : {}),
    ...(history ? { history: history.trend } : {}),
  });
  printWarnings([...templateWarnings, ...model.warnings], ctx);
  const sources = [
    { file, value: loaded.audit },
    { file: loaded.framework.file, value: loaded.framework.framework },
    { file: options.details ?? 'the command line', value: details },
    { file: templateFile, value: template },
  ];
  const unprintable = { choice: unprintableChoice, sources, ctx };
  const bytes = await renderReport(model, format, { now: ctx.now, largePrint: Boolean(options.largePrint), unprintable });
  await writeFileAtomically(output, bytes);

  ctx.say(
    `Wrote ${output}: ${count(model.plan.summary.gaps, 'gap')}, ${model.plan.summary.needsAction} without an action, ` +
      `${model.plan.summary.overdue} overdue as at ${formatDate(asOf.date, 'en-GB')} (${asOf.why}); ` +
      // In the words the report's cover uses ("Part 2: not for publication" for a council).
      `${markingInWords(model, isPublic)}, ` +
      `${isPublic ? 'evidence left out' : 'with evidence'}.\n`,
  );
  return 0;
}

/**
 * The direction of travel: the audit with the organisation's earlier ones, in period order, each
 * of another edition read onto the audit's own through the crosswalk joining them. The earlier
 * audits must be of the same organisation and of earlier periods, one audit each.
 */
async function readHistory(file: string, loaded: ReadAudit, files: string[], ctx: CommandContext): Promise<{ trend: Trend; inputs: CommandInput[] }> {
  const [{ analyseTrend, inPeriodOrder, trendProblem }, { bridgePeriods, readPeriodAudits }] = await Promise.all([import('../core/trend.js'), import('../io/trend-inputs.js')]);
  const earlier = await readPeriodAudits(files, ctx.cwd, ctx.env);
  if (earlier.some((e) => resolve(ctx.cwd, e.file) === resolve(ctx.cwd, file))) throw new UsageError(`--history names ${file}, the audit reported on: give the earlier periods' audits`);
  const all = [...earlier, { file, audit: loaded.audit, framework: loaded.framework.framework, frameworkFile: loaded.framework.file }];
  const problem = trendProblem(all, 2);
  if (problem) throw new InputError(problem);
  const later = earlier.filter((e) => inPeriodOrder([e, all[all.length - 1]!])[0] !== e);
  if (later.length) {
    throw new InputError(`--history takes earlier periods than ${loaded.audit.period}, the period of ${file}: ${later.map((e) => `${e.file} is of ${e.audit.period}`).join('; ')}`);
  }
  const inputs = earlier.flatMap((e) => auditInputs(e.file, e.frameworkFile, `the earlier audit ${e.file}`));
  return { trend: analyseTrend(await bridgePeriods(inPeriodOrder(all), ctx.env)), inputs };
}

/**
 * The date the plan's progress is reported at: --as-of when given; else the earlier of today
 * and the meeting date, so that a report for a past meeting never calls actions overdue that
 * were not overdue then.
 */
export function reportDate(asOf: string | undefined, meetingDate: string | undefined, today: string): { date: string; why: string } {
  if (asOf) return { date: asOf, why: '--as-of' };
  if (meetingDate && meetingDate < today) return { date: meetingDate, why: 'the date of the meeting' };
  return { date: today, why: 'today' };
}

/**
 * The organisation's kind: the audit's own; else the details' or --organisation-kind; else the
 * template's. An option that contradicts the audit is refused rather than silently ignored.
 */
function organisationKind(audit: Audit, details: ReportDetails, template: ReportTemplate, file: string): string {
  if (audit.kind && details.organisationKind && audit.kind !== details.organisationKind) {
    throw new InputError(`the audit's kind is ${audit.kind}, but the report was asked for kind ${details.organisationKind}: leave out --organisation-kind, or correct the audit`, { file });
  }
  return audit.kind ?? details.organisationKind ?? template.organisationKind;
}

/** Beside the audit: audit.yaml → audit.pdf (or .docx), or audit-public.pdf for the public version. */
export function defaultOutput(file: string, isPublic: boolean, format: ReportFormat = 'pdf'): string {
  const base = basename(file, extname(file));
  return join(dirname(file), `${base}${isPublic ? '-public' : ''}.${format}`);
}
