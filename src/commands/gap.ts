/** `audit gap FILE`: rating against target, by criterion and standard. */
import { analyseGaps } from '../core/gap-analysis.js';
import { readAudit } from '../io/audit-file.js';
import type { CommandContext } from './context.js';
import type { GapFormat } from './formats.js';

export async function runGap(file: string, options: { format: GapFormat }, ctx: CommandContext): Promise<number> {
  const loaded = await readAudit(file, ctx.env);
  const analysis = analyseGaps(loaded.framework.framework, loaded.audit);
  // Each renderer is loaded only for its format: JSON for a script need not load the terminal table.
  switch (options.format) {
    case 'json':
      ctx.out((await import('../render/json.js')).renderJson(analysis));
      break;
    case 'markdown':
      ctx.out((await import('../render/markdown/gap.js')).renderGapMarkdown(analysis));
      break;
    case 'csv':
      ctx.out((await import('../render/csv/gap.js')).renderGapCsv(analysis));
      break;
    case 'table':
      ctx.out((await import('../render/table/gap.js')).renderGapTable(analysis, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}
