/** `audit gap FILE`: rating against target, by criterion and standard. */
import { analyseGaps, type GapAnalysis } from '../core/gap-analysis.js';
import { publicGapAnalysis } from '../core/public-views.js';
import { readAudit } from '../io/audit-file.js';
import { creator } from '../io/package-info.js';
import { PLAIN, type Style } from '../render/style.js';
import type { CommandContext } from './context.js';
import { GAP_FORMATS, type GapFormat } from './formats.js';
import { outputTarget } from './options.js';
import { auditInputs, writeOutput } from './write-output.js';

export interface GapOptions {
  format: GapFormat;
  /** Whether --format was given, rather than left at its default. */
  formatGiven?: boolean;
  output?: string;
  /** Evidence, reasons for not applicable and moderation notes left out (src/core/public-views.ts). */
  public?: boolean;
}

export async function runGap(file: string, options: GapOptions, ctx: CommandContext): Promise<number> {
  const { format, output } = outputTarget(options.format, Boolean(options.formatGiven), options.output, GAP_FORMATS);
  const loaded = await readAudit(file, ctx.env);
  const full = analyseGaps(loaded.framework.framework, loaded.audit);
  const analysis = options.public ? publicGapAnalysis(full) : full;
  const forPublication = options.public ? ', for publication (evidence and reasons left out)' : '';
  if (format === 'xlsx') {
    const { renderGapWorkbook } = await import('../render/xlsx/gap.js');
    const bytes = await renderGapWorkbook(analysis, { created: ctx.now, creator: creator() });
    await writeOutput(output!, bytes, auditInputs(file, loaded.framework.file), `the gap analysis of ${analysis.organisation}, ${analysis.period}, overall ${analysis.summary.rag.toUpperCase()}${forPublication}`, ctx);
    return 0;
  }
  // Colour only on a terminal, and only the table has any (chalk is not loaded for the rest).
  const style = format === 'table' && output === undefined ? await ctx.style() : PLAIN;
  const text = await renderText(analysis, format, ctx.width, style);
  if (output === undefined) ctx.out(text);
  else await writeOutput(output, text, auditInputs(file, loaded.framework.file), `the gap analysis as ${format}${forPublication}`, ctx);
  return 0;
}

/** Each renderer is loaded only for its format: JSON for a script need not load the terminal table. */
async function renderText(analysis: GapAnalysis, format: Exclude<GapFormat, 'xlsx'>, width: number | undefined, style: Style): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../render/json.js')).renderJson(analysis);
    case 'markdown':
      return (await import('../render/markdown/gap.js')).renderGapMarkdown(analysis);
    case 'csv':
      return (await import('../render/csv/gap.js')).renderGapCsv(analysis);
    case 'table':
      return (await import('../render/table/gap.js')).renderGapTable(analysis, { style, width });
  }
}
