/** `audit standards list`: the frameworks available, bundled and local, with their editions. */
import { basename } from 'node:path';
import { summariseEdition, summariseFramework } from '../core/framework-summary.js';
import type { LoadedFramework } from '../io/framework-files.js';
import { readLibrary } from '../io/framework-library.js';
import { renderJson } from '../render/json.js';
import { renderFrameworkList } from '../render/table/frameworks.js';
import type { CommandContext } from './context.js';
import type { ListFormat } from './formats.js';

export async function runStandardsList(
  options: { format: ListFormat },
  ctx: CommandContext,
): Promise<number> {
  const shownFile = ({ file, bundled }: LoadedFramework) => (bundled ? `standards/${basename(file)}` : file);
  const list = (await readLibrary(ctx.env)).map(({ current, earlier }) => ({
    ...summariseFramework(current.framework, shownFile(current), current.bundled),
    editions: [
      summariseEdition(current.framework, shownFile(current), true),
      ...earlier.map((e) => summariseEdition(e.framework, shownFile(e), false)),
    ],
  }));
  ctx.out(options.format === 'json' ? renderJson(list) : renderFrameworkList(list, await ctx.style(), ctx.width));
  return 0;
}
