/**
 * `audit report FILE`: the committee report as an accessible PDF or an editable Word document,
 * written atomically (a failure part-way leaves any earlier report at the path untouched).
 *
 * The plan's progress is reported as at a date never later than the meeting's unless asked
 * for: by default the earlier of today and the meeting date, and the command says which.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Audit } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { formatDate } from '../core/report-document.js';
import type { ReportDetails } from '../core/report-details.js';
import { buildReportModel } from '../core/report-model.js';
import { CABINET_REPORT_TEMPLATE, type ReportTemplate } from '../core/report-template.js';
import { InputError, UsageError } from '../errors.js';
import { refuseInputAsOutput, writeFileAtomically } from '../io/atomic-write.js';
import { readAudit } from '../io/audit-file.js';
import { count } from '../render/plural.js';
import { loadReportTemplate } from '../io/report-template.js';
import type { CommandContext } from './context.js';
import type { ReportFormat } from './formats.js';
import { parseDate } from './options.js';
import { printWarnings, renderReport, reportFacts, reportFormat, requireBackgroundPapers, type ReportFactOptions } from './report-output.js';

export interface ReportCommandOptions extends ReportFactOptions {
  output?: string;
  template?: string;
  public?: boolean;
  asOf?: string;
}

export async function runReport(file: string, options: ReportCommandOptions, ctx: CommandContext): Promise<number> {
  if (options.output !== undefined && resolve(ctx.cwd, options.output) === resolve(ctx.cwd, file)) {
    throw new UsageError(`the report would overwrite the audit file ${file}; choose another path with -o`);
  }
  const format = reportFormat(options.output, options.format);
  const explicitAsOf = options.asOf === undefined ? undefined : parseDate(options.asOf, '--as-of');
  const isPublic = Boolean(options.public);
  const output = options.output ?? defaultOutput(file, isPublic, format);
  const details = await reportFacts(options, CABINET_REPORT_TEMPLATE);
  requireBackgroundPapers(isPublic, details);

  const loaded = await readAudit(file, ctx.env);
  const { template, file: templateFile } = await loadReportTemplate(options.template);
  await refuseInputAsOutput(output, [
    { file, what: 'the audit file' },
    { file: loaded.framework.file, what: "the audit's framework file" },
    { file: templateFile, what: 'the report template' },
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
  });
  printWarnings(model.warnings, ctx);
  const bytes = await renderReport(model, format, { now: ctx.now, largePrint: Boolean(options.largePrint) });
  await writeFileAtomically(output, bytes);

  ctx.out(
    `Wrote ${output}: ${count(model.plan.summary.gaps, 'gap')}, ${model.plan.summary.needsAction} without an action, ` +
      `${model.plan.summary.overdue} overdue as at ${formatDate(asOf.date, 'en-GB')} (${asOf.why}); ` +
      (isPublic ? 'public version, evidence left out.\n' : 'private version with evidence: not for publication.\n'),
  );
  return 0;
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
