/** `audit check FILE`: a pass/fail gate for CI, with reports CI servers read. */
import { resolve } from 'node:path';
import { evaluateCheck, type CheckResult, type FailOn } from '../core/check.js';
import { readAuditOrReturn } from '../io/audit-or-return.js';
import { neutraliseTerminal } from '../render/safe-text.js';
import { PLAIN, type Style } from '../render/style.js';
import { renderCheckText } from '../render/text/check.js';
import type { CommandContext } from './context.js';
import { CHECK_FORMATS, type CheckFormat } from './formats.js';
import { outputTarget, parseRating } from './options.js';
import { auditInputs } from './write-output.js';

export interface CheckOptions {
  failOn: FailOn;
  minRating?: string;
  requireComplete?: boolean;
  format: CheckFormat;
  /** Whether --format was given, rather than left at its default. */
  formatGiven?: boolean;
  output?: string;
  /** Every evidence and moderation note left out, as `audit report --public` does. */
  public?: boolean;
}

export async function runCheck(file: string, options: CheckOptions, ctx: CommandContext): Promise<number> {
  // `-o report.xml` is JUnit, `-o report.json` JSON … unless --format says otherwise.
  const { format } = outputTarget(options.format, Boolean(options.formatGiven), options.output, CHECK_FORMATS);
  const output = options.output === undefined ? undefined : resolve(ctx.cwd, options.output);
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
    const { refuseInputAsOutput, writeFileAtomically } = await import('../io/atomic-write.js');
    await refuseInputAsOutput(output, auditInputs(resolve(ctx.cwd, file), loaded.framework.file));
    // CI writes the report for the server and shows a person the verdict in the job log. The
    // folder must exist, as for every -o: a mistyped one is refused (exit 3), never made, so that
    // no report lands where nobody looks for it (the pipelines `audit init` writes make theirs).
    // A file is read later, in a terminal too: shown, never obeyed, like standard output.
    await writeFileAtomically(output, neutraliseTerminal(await render(result, format, file, PLAIN, whole), false));
    ctx.out(renderCheckText(result, style, file, ctx.wrap));
    ctx.say(`Wrote the ${format} report to ${options.output}\n`);
  } else {
    ctx.out(await render(result, format, file, style, ctx.wrap));
    if (!result.passed && format !== 'text') {
      ctx.err(result.reasons.map((reason) => `audit check: ${file}: ${reason.message}\n`).join(''));
    }
  }
  return result.passed ? 0 : 1;
}

/**
 * The result with every evidence and moderation note, and every reason a criterion does not
 * apply, left out (free text that may name children or staff, as `report --public` leaves them
 * out); that a criterion does not apply stays, in its outcome.
 */
function withoutNotes(result: CheckResult): CheckResult {
  return {
    ...result,
    criteria: result.criteria.map((c) => ({ ...c, evidence: null, notApplicable: null, moderation: c.moderation && { ...c.moderation, note: null } })),
  };
}

/** A file's lines are left whole. */
const whole = (text: string) => text;

/**
 * The text verdict is always shown; the other renderers are loaded only for their format. `wrap`:
 * the terminal's (ctx.wrap, which loads the measuring of text only for a known width), or whole lines.
 */
async function render(result: CheckResult, format: CheckFormat, file: string, style: Style, wrap: (text: string, indent: string) => string): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../render/json.js')).renderJson({ file, ...result });
    case 'junit':
      return (await import('../render/junit/check.js')).renderCheckJunit(result);
    case 'markdown':
      return (await import('../render/markdown/check.js')).renderCheckMarkdown(result, file);
    case 'text':
      return renderCheckText(result, style, file, wrap);
  }
}
