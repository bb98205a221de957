/** `audit standards show ID|FILE`: one framework in full. */
import { resolveFramework } from '../io/framework-files.js';
import { renderJson } from '../render/json.js';
import { renderFrameworkMarkdown } from '../render/markdown/framework.js';
import { renderFrameworkText } from '../render/text/framework.js';
import type { CommandContext } from './context.js';
import type { ShowFormat } from './formats.js';

export async function runStandardsShow(
  ref: string,
  options: { format: ShowFormat },
  ctx: CommandContext,
): Promise<number> {
  const { framework } = await resolveFramework(ref, ctx.cwd, ctx.env);
  const render = { text: (f: typeof framework) => renderFrameworkText(f, ctx.width), markdown: renderFrameworkMarkdown, json: renderJson }[options.format];
  ctx.out(render(framework));
  return 0;
}
