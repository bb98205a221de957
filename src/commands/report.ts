/**
 * `audit report FILE`: the committee report as an accessible PDF, written atomically (a
 * failure part-way leaves any earlier report at the path untouched, never half a PDF).
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { toIsoDate } from '../core/dates.js';
import { buildReportModel } from '../core/report-model.js';
import { CABINET_REPORT_TEMPLATE } from '../core/report-template.js';
import { UsageError } from '../errors.js';
import { refuseInputAsOutput, writeFileAtomically } from '../io/atomic-write.js';
import { readAudit } from '../io/audit-file.js';
import { creator } from '../io/package-info.js';
import { loadReportTemplate } from '../io/report-template.js';
import type { CommandContext } from './context.js';
import { parseDate, parseReportCover } from './options.js';
import { warnOnEditionMismatch } from './warnings.js';
import { count } from '../render/plural.js';

export interface ReportCommandOptions {
  output?: string;
  template?: string;
  public?: boolean;
  title?: string;
  committee?: string;
  meetingDate?: string;
  officer?: string;
  asOf?: string;
}

export async function runReport(file: string, options: ReportCommandOptions, ctx: CommandContext): Promise<number> {
  const asOf = options.asOf === undefined ? toIsoDate(ctx.now) : parseDate(options.asOf, '--as-of');
  const cover = parseReportCover(options, CABINET_REPORT_TEMPLATE);
  const isPublic = Boolean(options.public);
  const output = options.output ?? defaultOutput(file, isPublic);
  if (resolve(ctx.cwd, output) === resolve(ctx.cwd, file)) {
    throw new UsageError(`the report would overwrite the audit file ${file}; choose another path with -o`);
  }

  const loaded = await readAudit(file, ctx.env);
  warnOnEditionMismatch(loaded, ctx);
  const { template, file: templateFile } = await loadReportTemplate(options.template);
  await refuseInputAsOutput(output, [
    { file, what: 'the audit file' },
    { file: loaded.framework.file, what: "the audit's framework file" },
    { file: templateFile, what: 'the report template' },
  ]);

  const model = buildReportModel(loaded.framework.framework, loaded.audit, {
    template,
    isPublic,
    asOf,
    ...cover,
  });
  const { renderReportPdf } = await import('../render/pdf/report.js');
  const pdf = await renderReportPdf(model, { creationDate: ctx.now, creator: creator() });
  await writeFileAtomically(output, pdf);

  ctx.out(
    `Wrote ${output}: ${count(model.plan.summary.gaps, 'gap')}, ${model.plan.summary.needsAction} without an action, ` +
      `${model.plan.summary.overdue} overdue; ` +
      (isPublic ? 'public (Part 1) version, evidence left out.\n' : 'Part 2 version with evidence: not for publication.\n'),
  );
  return 0;
}

/** Beside the audit: audit.yaml → audit.pdf, or audit-public.pdf for the public version. */
export function defaultOutput(file: string, isPublic: boolean): string {
  const base = basename(file, extname(file));
  return join(dirname(file), `${base}${isPublic ? '-public' : ''}.pdf`);
}
