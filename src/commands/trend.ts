/**
 * `audit trend FILE...`: the direction of travel over three or more periods of one
 * organisation's audits, in period order whatever order they were given in; audits of earlier
 * editions (or, across a crosswalk, of another framework) read onto the newest.
 */
import { analyseTrend, inPeriodOrder, trendProblem } from '../core/trend.js';
import { InputError, UsageError } from '../errors.js';
import { bridgePeriods, readPeriodAudits, showCrosswalks } from '../io/trend-inputs.js';
import { renderJson } from '../render/json.js';
import type { CommandContext } from './context.js';
import type { TrendFormat } from './formats.js';

export async function runTrend(files: string[], options: { format: TrendFormat }, ctx: CommandContext): Promise<number> {
  const read = await readPeriodAudits(files, ctx.cwd, ctx.env);
  const problem = trendProblem(read);
  if (problem) throw read.length < 3 ? new UsageError(problem) : new InputError(problem);
  const trend = analyseTrend(await bridgePeriods(inPeriodOrder(read), ctx.env));
  showCrosswalks(trend.periods, ctx.cwd);
  for (const period of trend.periods.filter((p) => p.reworded.length)) {
    ctx.err(
      `warning: ${period.file} (${period.period}) was judged against a framework that words ${period.reworded.join(', ')} differently from the latest period's: ` +
        'their ratings answer different requirements, so they are left out of its figures on the newest edition\n',
    );
  }

  // Each renderer is loaded only for its format: the terminal table's width measuring is not needed for JSON.
  switch (options.format) {
    case 'json':
      ctx.out(renderJson(trend));
      break;
    case 'markdown':
      ctx.out((await import('../render/markdown/trend.js')).renderTrendMarkdown(trend));
      break;
    case 'csv':
      ctx.out((await import('../render/csv/trend.js')).renderTrendCsv(trend));
      break;
    case 'table':
      ctx.out((await import('../render/table/trend.js')).renderTrendTable(trend, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}
