/**
 * `audit verify FILE`: whether anything the sign-off covered changed since: the audit's
 * content, the framework its ratings were judged against, the sign-off's own record; with
 * --public-key, whether its signature is good.
 * Exit 0 unchanged; 1 changed, a signature not good, or never signed off; 2 bad input.
 * With --allow-unsigned an audit not yet signed off passes, so that CI can verify every audit
 * and fail only on one that changed after its sign-off.
 */
import { resolve } from 'node:path';
import { checkSignature, verifySignOff, type SignatureCheck } from '../core/signoff.js';
import { readAudit } from '../io/audit-file.js';
import { keyFilePath, readPublicKey } from '../io/signing-key.js';
import { renderJson } from '../render/json.js';
import type { CommandContext } from './context.js';
import type { VerifyFormat } from './formats.js';

export interface VerifyOptions {
  format: VerifyFormat;
  /** A PEM file holding the public key the sign-off must be signed with. */
  publicKey?: string;
  /** An audit not yet signed off passes (for CI over audits some of which are not yet signed). */
  allowUnsigned?: boolean;
}

const SIGNATURE_WORDS: Record<SignatureCheck, string> = {
  valid: 'signature good',
  invalid: 'SIGNATURE NOT GOOD: it does not match this sign-off',
  'other-key': 'SIGNATURE NOT GOOD: signed with another key',
  absent: 'NOT SIGNED WITH A KEY',
};

export async function runVerify(file: string, options: VerifyOptions, ctx: CommandContext): Promise<number> {
  const publicKey = options.publicKey === undefined ? undefined : await readPublicKey(keyFilePath(ctx.cwd, options.publicKey, '--public-key'));
  const loaded = await readAudit(resolve(ctx.cwd, file), ctx.env);
  const result = verifySignOff(loaded.audit, loaded.audit.signoff, loaded.framework.framework);
  const signature = result.signoff && publicKey ? checkSignature(result.signoff, publicKey) : undefined;
  const passed = result.status === 'unchanged' ? signature === undefined || signature === 'valid' : result.status === 'unsigned' && Boolean(options.allowUnsigned);

  if (options.format === 'json') {
    ctx.out(
      renderJson({
        file,
        ...result,
        signed: result.status !== 'unsigned',
        passed,
        signature: result.signoff?.signature ? { algorithm: result.signoff.signature.algorithm, key: result.signoff.signature.key, check: signature ?? 'not checked' } : null,
      }),
    );
    return passed ? 0 : 1;
  }
  const style = await ctx.style();
  const s = result.signoff;
  const lines: string[] = [];
  switch (result.status) {
    case 'unchanged':
      // The headline is what a CI log shows: never UNCHANGED beside a signature that is not good.
      lines.push(
        signature === undefined || signature === 'valid'
          ? `${style.green('UNCHANGED')}  ${file}: as signed off by ${s!.by} (${s!.role}) on ${s!.date}`
          : `${style.red('NOT VERIFIED')}  ${file}: its content is as signed off by ${s!.by} (${s!.role}) on ${s!.date}, but the signature does not check out with the key given (see Key below)`,
      );
      if (!result.covers.includes('framework')) {
        lines.push(
          "  This sign-off was made by an earlier version of audit: it covers the audit's content only, not the framework it was judged against or the sign-off's own names and date. Sign it again to cover them.",
        );
      }
      break;
    case 'changed':
      lines.push(`${style.red('CHANGED')}  ${file}: changed since it was signed off by ${s!.by} (${s!.role}) on ${s!.date}:`);
      for (const change of result.changes) lines.push(`  - ${change.message}`);
      lines.push(`  Review the changes (e.g. git log -p ${file}), then sign it off again: audit sign ${file} --by NAME --role ROLE --force`);
      break;
    case 'unsigned':
      lines.push(
        options.allowUnsigned
          ? `NOT SIGNED OFF  ${file}: not yet signed off, so there is nothing to verify`
          : `${style.red('NOT SIGNED OFF')}  ${file}: sign it off with: audit sign ${file} --by NAME --role ROLE`,
      );
      break;
  }
  if (s?.signature) {
    // A good signature of a seal the audit no longer matches vouches for the sign-off as made, not for this file.
    const stale = signature === 'valid' && result.status === 'changed' ? ' on the sign-off as it was made, which this file no longer matches (see above)' : '';
    const words = signature === undefined ? `signed with the Ed25519 key ${s.signature.key} (check it with --public-key)` : `${SIGNATURE_WORDS[signature]}${stale}`;
    lines.push(`  Key: ${signature === 'valid' ? style.green(words) : signature === undefined ? words : style.red(words)}`);
  } else if (signature) {
    lines.push(`  Key: ${style.red(SIGNATURE_WORDS[signature])}`);
  }
  ctx.say(`${lines.join('\n')}\n`);
  return passed ? 0 : 1;
}
