/** What the commands that change an audit tell the user beside the change itself, on standard error. */
import type { Audit } from '../core/audit.js';
import type { CommandContext } from './context.js';

/** A change to a signed-off audit is allowed, but whoever made it should know the sign-off no longer holds. */
export function warnIfSignedOff(audit: Audit, file: string, ctx: CommandContext): void {
  if (!audit.signoff) return;
  ctx.err(
    `note: ${file} was signed off by ${audit.signoff.by} on ${audit.signoff.date}; after this change \`audit verify\` will report it changed until it is signed off again\n`,
  );
}

/**
 * Names the entries that shared the changed one's text through YAML aliases (`edited`: "L-1's
 * answer", "the sign-off"): they now hold their own copies, unchanged.
 */
export function noteSharedAnswers(edited: string, sharers: readonly string[], ctx: Pick<CommandContext, 'err'>): void {
  if (!sharers.length) return;
  ctx.err(
    `note: ${sharers.join(', ')} shared ${edited} through a YAML alias; ${sharers.length === 1 ? 'it keeps' : 'each keeps'} its own copy, unchanged, written out in full\n`,
  );
}
