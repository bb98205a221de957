/** `audit plan FILE`: the improvement plan, one row per gap, highest priority first. */
import { toIsoDate } from '../core/dates.js';
import { buildPlan, type Plan } from '../core/plan.js';
import { publicPlan } from '../core/public-views.js';
import { readAudit } from '../io/audit-file.js';
import { creator } from '../io/package-info.js';
import { renderPlanCsv } from '../render/csv/plan.js';
import { renderJson } from '../render/json.js';
import { renderPlanMarkdown } from '../render/markdown/plan.js';
import { PLAIN, type Style } from '../render/style.js';
import { renderPlanTable } from '../render/table/plan.js';
import type { CommandContext } from './context.js';
import { PLAN_FORMATS, type PlanFormat } from './formats.js';
import { outputTarget, parseDate } from './options.js';
import { auditInputs, writeOutput } from './write-output.js';
import { count } from '../render/plural.js';

export interface PlanOptions {
  format: PlanFormat;
  asOf?: string;
  /** Whether --format was given, rather than left at its default. */
  formatGiven?: boolean;
  output?: string;
  /** Reasons for not applicable left out (src/core/public-views.ts). */
  public?: boolean;
}

export async function runPlan(file: string, options: PlanOptions, ctx: CommandContext): Promise<number> {
  // Check the option before reading the file: a typo in a date is the quicker fault to report.
  const asOf = options.asOf === undefined ? toIsoDate(ctx.now) : parseDate(options.asOf, '--as-of');
  const { format, output } = outputTarget(options.format, Boolean(options.formatGiven), options.output, PLAN_FORMATS);
  const loaded = await readAudit(file, ctx.env);
  const full = buildPlan(loaded.framework.framework, loaded.audit, asOf);
  const plan = options.public ? publicPlan(full) : full;
  const forPublication = options.public ? ', for publication (reasons for not applicable left out)' : '';
  if (format === 'xlsx') {
    const { renderPlanWorkbook } = await import('../render/xlsx/plan.js');
    const bytes = await renderPlanWorkbook(plan, { created: ctx.now, creator: creator() });
    await writeOutput(output!, bytes, auditInputs(file, loaded.framework.file), `the improvement plan of ${plan.organisation}, ${plan.period}: ${count(plan.summary.gaps, 'gap')}, ${plan.summary.overdue} overdue${forPublication}`, ctx);
    return 0;
  }
  // Colour only on a terminal, and only the table has any (chalk is not loaded for the rest).
  const style = format === 'table' && output === undefined ? await ctx.style() : PLAIN;
  const text = renderText(plan, format, ctx.width, style);
  if (output === undefined) ctx.out(text);
  else await writeOutput(output, text, auditInputs(file, loaded.framework.file), `the improvement plan as ${format}${forPublication}`, ctx);
  return 0;
}

function renderText(plan: Plan, format: Exclude<PlanFormat, 'xlsx'>, width: number | undefined, style: Style): string {
  switch (format) {
    case 'json':
      return renderJson(plan);
    case 'markdown':
      return renderPlanMarkdown(plan);
    case 'csv':
      return renderPlanCsv(plan);
    case 'table':
      return renderPlanTable(plan, { style, width });
  }
}
