/** `audit sign FILE --by NAME --role ROLE`: records who signed the audit off, when, and a digest of its content. */
import { resolve } from 'node:path';
import { analyseGaps } from '../core/gap-analysis.js';
import { signOff, verifySignOff } from '../core/signoff.js';
import type { SignOff } from '../core/audit.js';
import { AuditError, InputError } from '../errors.js';
import { setSignOff } from '../io/audit-document.js';
import { loadAudit, readAudit, saveAudit } from '../io/audit-file.js';
import type { CommandContext } from './context.js';

export interface SignOptions {
  by: string;
  role: string;
  force?: boolean;
}

export async function runSign(file: string, options: SignOptions, ctx: CommandContext): Promise<number> {
  const by = requireText(options.by, '--by');
  const role = requireText(options.role, '--role');
  const loaded = await loadAudit(resolve(ctx.cwd, file), ctx.env);
  const previous = loaded.audit.signoff;
  if (previous && !options.force) {
    throw new InputError(
      `already signed off by ${previous.by} (${previous.role}) on ${previous.date}; pass --force to replace that sign-off`,
      { file },
    );
  }

  const signoff = signOff(loaded.audit, { by, role }, ctx.now);
  setSignOff(loaded.source, signoff);
  await saveAudit(loaded);

  // The digest must hold for the file as written; if the rewrite changed any content, say so now.
  const written = await readAudit(resolve(ctx.cwd, file), ctx.env);
  if (verifySignOff(written.audit, written.audit.signoff).status !== 'unchanged') {
    throw new AuditError(`${file}: the sign-off does not match the file as written (a bug in audit; please report it)`, 70);
  }

  const analysis = analyseGaps(loaded.framework.framework, loaded.audit);
  ctx.out(`Signed off ${file}: ${describe(signoff)}\n`);
  if (previous) ctx.out(`It replaces the sign-off by ${previous.by} (${previous.role}) on ${previous.date}.\n`);
  if (analysis.summary.notAssessed) {
    ctx.out(`Note: ${analysis.summary.notAssessed} of ${analysis.summary.criteria} criteria are not assessed.\n`);
  }
  ctx.out(`Any later change to ratings, evidence, actions or moderation shows in: audit verify ${file}\n`);
  return 0;
}

export function describe(signoff: SignOff): string {
  return `${signoff.by} (${signoff.role}), ${signoff.date}; content SHA-256 ${signoff.sha256}`;
}

function requireText(value: string, flag: string): string {
  const text = value.trim();
  if (!text) throw new InputError(`${flag} must not be empty`);
  return text;
}
