/** `audit check FILE`: a pass/fail gate for CI, with reports CI servers read. */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { evaluateCheck, type CheckResult, type FailOn } from '../core/check.js';
import { InputError } from '../errors.js';
import { readAuditOrReturn } from '../io/audit-or-return.js';
import { neutraliseTerminal } from '../render/safe-text.js';
import { PLAIN, type Style } from '../render/style.js';
import { renderCheckText } from '../render/text/check.js';
import type { CommandContext } from './context.js';
import type { CheckFormat } from './formats.js';
import { parseRating } from './options.js';

export interface CheckOptions {
  failOn: FailOn;
  minRating?: string;
  requireComplete?: boolean;
  format: CheckFormat;
  output?: string;
  /** Every evidence and moderation note left out, as `audit report --public` does. */
  public?: boolean;
}

export async function runCheck(file: string, options: CheckOptions, ctx: CommandContext): Promise<number> {
  const output = options.output === undefined ? undefined : resolve(ctx.cwd, options.output);
  if (output !== undefined && output === resolve(ctx.cwd, file)) {
    throw new InputError('-o names the audit file itself; give another file for the report', { file });
  }
  const loaded = await readAuditOrReturn(resolve(ctx.cwd, file), ctx.env, { note: ctx.err, shown: file });
  const framework = loaded.framework.framework;
  const minRating = options.minRating === undefined ? undefined : parseRating(options.minRating, framework, '--min-rating');
  const evaluated = evaluateCheck(framework, loaded.audit, {
    failOn: options.failOn,
    ...(minRating !== undefined ? { minRating } : {}),
    requireComplete: Boolean(options.requireComplete),
  });
  const result = options.public ? withoutNotes(evaluated) : evaluated;

  const style = await ctx.style();
  if (output !== undefined) {
    const { refuseInputAsOutput } = await import('../io/atomic-write.js');
    await refuseInputAsOutput(output, [
      { file: resolve(ctx.cwd, file), what: 'the audit file' },
      { file: loaded.framework.file, what: "the audit's framework file" },
    ]);
    // CI writes the report for the server and shows a person the verdict in the job log.
    // CI jobs write reports into a folder of their own; make it rather than fail the job. A file never holds colour codes.
    await mkdir(dirname(output), { recursive: true }).catch(() => undefined);
    const { writeFileAtomically } = await import('../io/atomic-write.js');
    // A file is read later, in a terminal too: shown, never obeyed, like standard output.
    await writeFileAtomically(output, neutraliseTerminal(await render(result, options.format, file, PLAIN), false));
    ctx.out(renderCheckText(result, style, file, ctx.width));
    ctx.say(`Wrote the ${options.format} report to ${options.output}\n`);
  } else {
    ctx.out(await render(result, options.format, file, style, ctx.width));
    if (!result.passed && options.format !== 'text') {
      ctx.err(result.reasons.map((reason) => `audit check: ${file}: ${reason.message}\n`).join(''));
    }
  }
  return result.passed ? 0 : 1;
}

/** The result with every evidence and moderation note left out (they may name children or staff). */
function withoutNotes(result: CheckResult): CheckResult {
  return {
    ...result,
    criteria: result.criteria.map((c) => ({ ...c, evidence: null, moderation: c.moderation && { ...c.moderation, note: null } })),
  };
}

/** The text verdict is always shown; the other renderers are loaded only for their format. */
async function render(result: CheckResult, format: CheckFormat, file: string, style: Style, width?: number): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../render/json.js')).renderJson({ file, ...result });
    case 'junit':
      return (await import('../render/junit/check.js')).renderCheckJunit(result);
    case 'markdown':
      return (await import('../render/markdown/check.js')).renderCheckMarkdown(result, file);
    case 'text':
      return renderCheckText(result, style, file, width);
  }
}
