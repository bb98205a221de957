/** Warnings several commands give, on standard error so that piped output stays clean. */
import type { ReadAudit } from '../io/audit-file.js';
import type { CommandContext } from './context.js';

/** An audit read against a different edition of its framework may count criteria differently. */
export function warnOnEditionMismatch(loaded: ReadAudit, ctx: CommandContext): void {
  const recorded = loaded.audit.frameworkVersion;
  const current = loaded.framework.framework.version;
  if (recorded !== undefined && recorded !== current) {
    ctx.err(
      `warning: ${loaded.file} was made against edition ${recorded} of ${loaded.framework.framework.id}; ` +
        `it is read here against edition ${current}\n`,
    );
  }
}
