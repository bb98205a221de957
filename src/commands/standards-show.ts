/** `audit standards show ID[@EDITION]|FILE`: one framework in full, in the edition asked for. */
import { isFrameworkPath } from '../io/framework-files.js';
import { resolveFramework } from '../io/framework-library.js';
import { renderJson } from '../render/json.js';
import { renderFrameworkMarkdown } from '../render/markdown/framework.js';
import { renderFrameworkText, type EditionContext } from '../render/text/framework.js';
import type { CommandContext } from './context.js';
import type { ShowFormat } from './formats.js';

export async function runStandardsShow(
  ref: string,
  options: { format: ShowFormat },
  ctx: CommandContext,
): Promise<number> {
  const { framework } = await resolveFramework(ref, ctx.cwd, ctx.env);
  // An edition asked for by id@version may be an earlier one: say which is current.
  const context: EditionContext = {};
  if (!isFrameworkPath(ref) && ref.includes('@')) {
    const current = await resolveFramework(framework.id, ctx.cwd, ctx.env);
    if (current.framework.version !== framework.version) context.currentVersion = current.framework.version;
  }
  switch (options.format) {
    case 'json':
      ctx.out(renderJson(framework));
      break;
    case 'markdown':
      ctx.out(renderFrameworkMarkdown(framework, context));
      break;
    case 'text':
      ctx.out(renderFrameworkText(framework, context, ctx.width));
      break;
  }
  return 0;
}
