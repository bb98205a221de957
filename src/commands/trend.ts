/**
 * `audit trend FILE...`: the direction of travel over three or more periods of one
 * organisation's audits, in period order whatever order they were given in; audits of earlier
 * editions (or, across a crosswalk, of another framework) read onto the newest.
 */
import { resolve } from 'node:path';
import { editionLabel, editionOf, sameEdition, type Bridge } from '../core/crosswalk.js';
import type { Framework } from '../core/framework.js';
import { analyseTrend, inPeriodOrder, trendProblem, type TrendInput } from '../core/trend.js';
import { InputError, UsageError } from '../errors.js';
import { readAudit, type FrameworkCache } from '../io/audit-file.js';
import { bridgeBetween, noCrosswalkMessage, shownCrosswalkFile } from '../io/crosswalk-files.js';
import { renderJson } from '../render/json.js';
import type { CommandContext } from './context.js';
import type { TrendFormat } from './formats.js';

export async function runTrend(files: string[], options: { format: TrendFormat }, ctx: CommandContext): Promise<number> {
  const unique = [...new Map(files.map((f) => [resolve(ctx.cwd, f), f])).values()];
  if (unique.length < files.length) throw new UsageError('the same audit file is named twice: give each period once');
  const frameworks: FrameworkCache = new Map();
  const read = [];
  for (const file of unique) {
    // An audit of an edition no longer available is read against the current one, its answers to removed criteria set aside.
    const audit = await readAudit(resolve(ctx.cwd, file), ctx.env, { frameworks, allowRetiredCriteria: true });
    read.push({ file, audit: audit.audit, framework: audit.framework.framework });
  }
  const problem = trendProblem(read);
  if (problem) throw read.length < 3 ? new UsageError(problem) : new InputError(problem);

  const ordered = inPeriodOrder(read);
  const newest = ordered[ordered.length - 1]!.framework;
  // One bridge per pair of editions, however many periods use them.
  const bridges = new Map<string, Promise<Bridge | undefined>>();
  const bridge = (from: Framework, to: Framework) => {
    const key = `${editionLabel(editionOf(from))}\0${editionLabel(editionOf(to))}`;
    if (!bridges.has(key)) bridges.set(key, bridgeBetween(from, to, ctx.env));
    return bridges.get(key)!;
  };
  const inputs: TrendInput[] = [];
  for (const entry of ordered) {
    if (sameEdition(editionOf(entry.framework), editionOf(newest))) {
      inputs.push(entry);
      continue;
    }
    const onto = await bridge(entry.framework, newest);
    if (!onto) {
      throw new InputError(
        `${entry.file} is an audit of ${editionLabel(editionOf(entry.framework))} and the latest, ${ordered[ordered.length - 1]!.file}, of ${editionLabel(editionOf(newest))}; ` +
          `${noCrosswalkMessage(editionOf(entry.framework), editionOf(newest), ctx.env)}, so they cannot be read side by side`,
      );
    }
    inputs.push({ ...entry, bridge: onto });
  }
  // Actions are followed from each period to the next: across a change of edition, through the crosswalk joining the two.
  for (let i = 1; i < inputs.length; i++) {
    const [before, now] = [inputs[i - 1]!, inputs[i]!];
    if (sameEdition(editionOf(before.framework), editionOf(now.framework))) continue;
    const step = await bridge(before.framework, now.framework);
    if (step) inputs[i] = { ...now, stepBridge: step };
  }
  const trend = analyseTrend(inputs);
  for (const period of trend.periods) {
    if (period.mapping?.crosswalk) period.mapping.crosswalk = shownCrosswalkFile(period.mapping.crosswalk, ctx.cwd);
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
