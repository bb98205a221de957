/**
 * `audit standards map FROM TO`: the crosswalk between two editions (or two frameworks), in the
 * direction asked, with how comparable they are and what nothing maps. Two editions of one
 * framework that no crosswalk joins are shown matched by criterion id.
 */
import { crosswalkView } from '../core/crosswalk-view.js';
import { editionLabel, editionOf, sameEdition } from '../core/crosswalk.js';
import { InputError, UsageError } from '../errors.js';
import { bridgeBetween, noCrosswalkMessage, shownCrosswalkFile } from '../io/crosswalk-files.js';
import { resolveFramework } from '../io/framework-library.js';
import { renderCrosswalkCsv } from '../render/csv/crosswalk.js';
import { renderJson } from '../render/json.js';
import { renderCrosswalkMarkdown } from '../render/markdown/crosswalk.js';
import { renderCrosswalkTable } from '../render/table/crosswalk.js';
import type { CommandContext } from './context.js';
import type { MapFormat } from './formats.js';

export async function runStandardsMap(fromRef: string, toRef: string, options: { format: MapFormat }, ctx: CommandContext): Promise<number> {
  const from = (await resolveFramework(fromRef, ctx.cwd, ctx.env)).framework;
  const to = (await resolveFramework(toRef, ctx.cwd, ctx.env)).framework;
  if (sameEdition(editionOf(from), editionOf(to))) {
    throw new UsageError(`${fromRef} and ${toRef} are the same edition (${editionLabel(editionOf(from))}): name two editions, or two frameworks`);
  }
  const bridge = await bridgeBetween(from, to, ctx.env);
  if (!bridge) throw new InputError(noCrosswalkMessage(editionOf(from), editionOf(to), ctx.env));
  const file = bridge.via.kind === 'crosswalk' ? shownCrosswalkFile(bridge.via.file, ctx.cwd) : undefined;
  const view = crosswalkView(bridge, from, to, file);
  switch (options.format) {
    case 'json':
      ctx.out(renderJson(view));
      break;
    case 'markdown':
      ctx.out(renderCrosswalkMarkdown(view));
      break;
    case 'csv':
      ctx.out(renderCrosswalkCsv(view));
      break;
    case 'table':
      ctx.out(renderCrosswalkTable(view, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}
