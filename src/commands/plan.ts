/** `audit plan FILE`: the improvement plan, one row per gap, highest priority first. */
import { toIsoDate } from '../core/dates.js';
import { buildPlan } from '../core/plan.js';
import { readAudit } from '../io/audit-file.js';
import { renderPlanCsv } from '../render/csv/plan.js';
import { renderJson } from '../render/json.js';
import { renderPlanMarkdown } from '../render/markdown/plan.js';
import { renderPlanTable } from '../render/table/plan.js';
import type { CommandContext } from './context.js';
import type { PlanFormat } from './formats.js';
import { parseDate } from './options.js';

export interface PlanOptions {
  format: PlanFormat;
  asOf?: string;
}

export async function runPlan(file: string, options: PlanOptions, ctx: CommandContext): Promise<number> {
  // Check the option before reading the file: a typo in a date is the quicker fault to report.
  const asOf = options.asOf === undefined ? toIsoDate(ctx.now) : parseDate(options.asOf, '--as-of');
  const loaded = await readAudit(file, ctx.env);
  const plan = buildPlan(loaded.framework.framework, loaded.audit, asOf);
  switch (options.format) {
    case 'json':
      ctx.out(renderJson(plan));
      break;
    case 'markdown':
      ctx.out(renderPlanMarkdown(plan));
      break;
    case 'csv':
      ctx.out(renderPlanCsv(plan));
      break;
    case 'table':
      ctx.out(renderPlanTable(plan, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}
