/**
 * `audit verify FILE`: whether the audit changed since it was signed off.
 * Exit 0 unchanged; 1 changed, or never signed off (a check that fails); 2 bad input.
 * With --allow-unsigned an audit not yet signed off passes, so that CI can verify every audit
 * and fail only on one that changed after its sign-off.
 */
import { resolve } from 'node:path';
import { verifySignOff } from '../core/signoff.js';
import { readAudit } from '../io/audit-file.js';
import { renderJson } from '../render/json.js';
import type { CommandContext } from './context.js';
import type { VerifyFormat } from './formats.js';

export interface VerifyOptions {
  format: VerifyFormat;
  allowUnsigned?: boolean;
}

export async function runVerify(file: string, options: VerifyOptions, ctx: CommandContext): Promise<number> {
  const loaded = await readAudit(resolve(ctx.cwd, file), ctx.env);
  const result = verifySignOff(loaded.audit, loaded.audit.signoff);
  if (options.format === 'json') ctx.out(renderJson({ file, ...result }));
  else {
    const style = await ctx.style();
    const s = result.signoff;
    switch (result.status) {
      case 'unchanged':
        ctx.out(`${style.green('UNCHANGED')}  ${file}: as signed off by ${s!.by} (${s!.role}) on ${s!.date}\n`);
        break;
      case 'changed':
        ctx.out(
          `${style.red('CHANGED')}  ${file}: its content changed after it was signed off by ${s!.by} (${s!.role}) on ${s!.date}\n` +
            `  SHA-256 at sign-off ${s!.sha256}\n  SHA-256 now         ${result.sha256}\n` +
            `  Review the changes (e.g. git log -p ${file}), then sign it off again: audit sign ${file} --by NAME --role ROLE --force\n`,
        );
        break;
      case 'unsigned':
        ctx.out(
          options.allowUnsigned
            ? `NOT SIGNED OFF  ${file}: not yet signed off, so there is nothing to verify\n`
            : `${style.red('NOT SIGNED OFF')}  ${file}: sign it off with: audit sign ${file} --by NAME --role ROLE\n`,
        );
        break;
    }
  }
  return result.status === 'unchanged' || (result.status === 'unsigned' && options.allowUnsigned) ? 0 : 1;
}
