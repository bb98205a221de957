/** `audit standards list`: the frameworks available, bundled and local. */
import { basename } from 'node:path';
import { summariseFramework } from '../core/framework-summary.js';
import { listFrameworks } from '../io/framework-files.js';
import { renderJson } from '../render/json.js';
import { renderFrameworkList } from '../render/table/frameworks.js';
import type { CommandContext } from './context.js';
import type { ListFormat } from './formats.js';

export async function runStandardsList(
  options: { format: ListFormat },
  ctx: CommandContext,
): Promise<number> {
  const frameworks = await listFrameworks(ctx.env);
  const list = frameworks.map(({ framework, file, bundled }) =>
    summariseFramework(framework, bundled ? `standards/${basename(file)}` : file, bundled),
  );
  ctx.out(options.format === 'json' ? renderJson(list) : renderFrameworkList(list, await ctx.style(), ctx.width));
  return 0;
}
