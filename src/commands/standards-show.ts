/** `audit standards show ID|FILE`: one framework in full. */
import { resolveFramework } from '../io/framework-files.js';
import { renderJson } from '../render/json.js';
import { renderFrameworkMarkdown } from '../render/markdown/framework.js';
import { renderFrameworkText } from '../render/text/framework.js';
import type { CommandContext } from './context.js';

export const SHOW_FORMATS = ['text', 'markdown', 'json'] as const;

export async function runStandardsShow(
  ref: string,
  options: { format: (typeof SHOW_FORMATS)[number] },
  ctx: CommandContext,
): Promise<number> {
  const { framework } = await resolveFramework(ref, ctx.cwd, ctx.env);
  const render = { text: renderFrameworkText, markdown: renderFrameworkMarkdown, json: renderJson }[options.format];
  ctx.out(render(framework));
  return 0;
}
