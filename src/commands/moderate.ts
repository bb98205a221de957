/**
 * `audit moderate FILE CRITERION`: records a partnership panel's moderated rating beside the
 * agency's self-rating. Gaps, plans and checks then use the moderated rating; reports show both.
 */
import { resolve } from 'node:path';
import type { Audit, Moderation, Response } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { indexCriteria } from '../core/framework.js';
import { scoreCriteria } from '../core/gap-analysis.js';
import { InputError, UsageError } from '../errors.js';
import { patchResponse } from '../io/audit-document.js';
import { editAudit } from '../io/audit-file.js';
import type { CommandContext } from './context.js';
import { parseDate, parseRating } from './options.js';

export interface ModerateOptions {
  rating?: string;
  note?: string;
  by?: string;
  date?: string;
  clear?: boolean;
}

export async function runModerate(file: string, criterionId: string, options: ModerateOptions, ctx: CommandContext): Promise<number> {
  if (options.clear) {
    if (options.rating !== undefined || options.note !== undefined || options.by !== undefined || options.date !== undefined) {
      throw new UsageError('--clear removes the moderated rating; give it without --rating, --note, --by or --date');
    }
  } else {
    const missing = (['rating', 'note', 'by'] as const).filter((key) => options[key] === undefined).map((key) => `--${key}`);
    if (missing.length) throw new UsageError(`missing ${missing.join(', ')}: a moderation records the panel's rating, why, and who (see audit moderate --help)`);
  }

  const moderation: Omit<Moderation, 'rating'> | undefined = options.clear
    ? undefined
    : {
        note: requireText(options.note!, '--note'),
        by: requireText(options.by!, '--by'),
        date: options.date === undefined ? toIsoDate(ctx.now) : parseDate(options.date, '--date'),
      };

  // The note about a sign-off is given once the change is saved, never for a change that failed.
  let signedOff: Audit | undefined;
  const message = await editAudit(resolve(ctx.cwd, file), ctx.env, (loaded) => {
    const framework = loaded.framework.framework;
    if (!indexCriteria(framework).has(criterionId)) {
      throw new InputError(`${framework.id} has no criterion "${criterionId}" (see audit standards show ${framework.id})`, { file });
    }
    const existing: Response = loaded.audit.responses[criterionId] ?? {};

    if (!moderation) {
      if (!existing.moderated) return `${criterionId} has no moderated rating; nothing changed\n`;
      patchResponse(loaded.source, framework, criterionId, { moderated: null });
      signedOff = loaded.audit;
      const self = typeof existing.rating === 'number' ? `the self-rating ${existing.rating} counts again` : 'it is not assessed';
      return `Removed the moderated rating of ${criterionId} (${existing.moderated.rating} by ${existing.moderated.by}); ${self}\n`;
    }

    const given: Moderation = { rating: parseRating(options.rating!, framework), ...moderation };
    patchResponse(loaded.source, framework, criterionId, { moderated: given });
    signedOff = loaded.audit;

    const after: Audit = { ...loaded.audit, responses: { ...loaded.audit.responses, [criterionId]: { ...existing, moderated: given } } };
    const result = scoreCriteria(framework, after).find((r) => r.criterion === criterionId)!;
    const self =
      typeof existing.rating === 'number'
        ? existing.rating === given.rating
          ? 'confirming the self-rating'
          : `self-rating ${existing.rating}`
        : 'no self-rating yet';
    const standing =
      result.gap === 0 ? `meets its target of ${result.target}` : `${result.gap} below its target of ${result.target}, ${result.priority} priority`;
    return `${criterionId} moderated to ${given.rating} by ${given.by} (${self}): ${standing}\n`;
  });
  if (signedOff) warnIfSignedOff(signedOff, file, ctx);
  ctx.out(message);
  return 0;
}

function requireText(value: string, flag: string): string {
  const text = value.trim();
  if (!text) throw new InputError(`${flag} must not be empty`);
  return text;
}

/** A change to a signed-off audit is allowed, but whoever made it should know the sign-off no longer holds. */
export function warnIfSignedOff(audit: Audit, file: string, ctx: CommandContext): void {
  if (!audit.signoff) return;
  ctx.err(
    `note: ${file} was signed off by ${audit.signoff.by} on ${audit.signoff.date}; after this change \`audit verify\` will report it changed until it is signed off again\n`,
  );
}
