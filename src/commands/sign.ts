/**
 * `audit sign FILE --by NAME --role ROLE [--key KEY.pem]`: records who signed the audit off and
 * when, sealed with what it covers: the audit's content, the framework its ratings were judged
 * against, and the sign-off's own names and date (src/core/signoff.ts). With --key, also an
 * Ed25519 signature by a key the signer holds.
 */
import { resolve } from 'node:path';
import { analyseGaps } from '../core/gap-analysis.js';
import { signOff, signSeal, verifySignOff } from '../core/signoff.js';
import type { SignOff } from '../core/audit.js';
import { AuditError, InputError } from '../errors.js';
import { setSignOff } from '../io/audit-document.js';
import { editAudit, readAudit } from '../io/audit-file.js';
import { keyFilePath, readSigningKey } from '../io/signing-key.js';
import type { CommandContext } from './context.js';
import { requireName } from './options.js';
import { noteSharedAnswers } from './edit-notes.js';
import { count, noun } from '../render/plural.js';

export interface SignOptions {
  by: string;
  role: string;
  force?: boolean;
  /** A PEM file holding the signer's Ed25519 private key. */
  key?: string;
}

export async function runSign(file: string, options: SignOptions, ctx: CommandContext): Promise<number> {
  const by = requireName(options.by, '--by');
  const role = requireName(options.role, '--role');
  const key = options.key === undefined ? undefined : await readSigningKey(keyFilePath(ctx.cwd, options.key, '--key'), ctx.env);
  const path = resolve(ctx.cwd, file);

  const { signoff, previous, notAssessed, criteria, sharers } = await editAudit(path, ctx.env, (loaded) => {
    const previous = loaded.audit.signoff ?? undefined;
    if (previous && !options.force) {
      throw new InputError(
        `already signed off by ${previous.by} (${previous.role}) on ${previous.date}; pass --force to replace that sign-off`,
        { file },
      );
    }
    const signoff = signOff(loaded.audit, { by, role }, ctx.now, loaded.framework.framework);
    if (key) signoff.signature = signSeal(signoff.sha256, key.privateKey, key.publicKey);
    const sharers = setSignOff(loaded.source, signoff);
    const summary = analyseGaps(loaded.framework.framework, loaded.audit).summary;
    return { signoff, previous, notAssessed: summary.notAssessed, criteria: summary.criteria, sharers };
  });

  // The seal must hold for the file as written, read as every other command reads it.
  const written = await readAudit(path, ctx.env);
  if (verifySignOff(written.audit, written.audit.signoff, written.framework.framework).status !== 'unchanged') {
    throw new AuditError(`${file}: the sign-off does not match the file as written (a bug in audit; please report it)`, 70);
  }

  noteSharedAnswers('the sign-off', sharers, ctx);
  ctx.say(`Signed off ${file}: ${describe(signoff)}\n`);
  if (signoff.signature) ctx.say(`Signed with the Ed25519 key ${signoff.signature.key}; check it with: audit verify ${file} --public-key KEY.pub.pem\n`);
  if (previous) ctx.say(`It replaces the sign-off by ${previous.by} (${previous.role}) on ${previous.date}.\n`);
  if (notAssessed) ctx.say(`Note: ${notAssessed} of ${count(criteria, 'criterion')} ${noun(notAssessed, 'is')} not assessed.\n`);
  ctx.say(`Any later change to ratings, evidence, actions, moderation, the framework's targets and wording, or this sign-off shows in: audit verify ${file}\n`);
  return 0;
}

export function describe(signoff: SignOff): string {
  return `${signoff.by} (${signoff.role}), ${signoff.date}; content SHA-256 ${signoff.content ?? signoff.sha256}`;
}
