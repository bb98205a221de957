/** `audit gap FILE`: rating against target, by criterion and standard. */
import { analyseGaps } from '../core/gap-analysis.js';
import { readAudit } from '../io/audit-file.js';
import { renderGapCsv } from '../render/csv/gap.js';
import { renderJson } from '../render/json.js';
import { renderGapMarkdown } from '../render/markdown/gap.js';
import { renderGapTable } from '../render/table/gap.js';
import type { CommandContext } from './context.js';
import type { GapFormat } from './formats.js';

export async function runGap(file: string, options: { format: GapFormat }, ctx: CommandContext): Promise<number> {
  const loaded = await readAudit(file, ctx.env);
  const analysis = analyseGaps(loaded.framework.framework, loaded.audit);
  switch (options.format) {
    case 'json':
      ctx.out(renderJson(analysis));
      break;
    case 'markdown':
      ctx.out(renderGapMarkdown(analysis));
      break;
    case 'csv':
      ctx.out(renderGapCsv(analysis));
      break;
    case 'table':
      ctx.out(renderGapTable(analysis, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}
