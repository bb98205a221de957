/**
 * `audit moderate FILE CRITERION`: records a partnership panel's moderated rating beside the
 * agency's self-rating. Gaps, plans and checks then use the moderated rating; reports show both.
 * With --applicable the panel challenges a criterion the agency called not applicable: it then
 * counts as applicable, rated by the panel's --rating if given, else not assessed until rated.
 */
import { resolve } from 'node:path';
import { notApplicableReason, type Audit, type Moderation, type Response } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { indexCriteria } from '../core/framework.js';
import { scoreCriteria } from '../core/gap-analysis.js';
import { InputError, UsageError } from '../errors.js';
import { patchResponse } from '../io/audit-document.js';
import { editAudit } from '../io/audit-file.js';
import type { CommandContext } from './context.js';
import { noteSharedAnswers, warnIfSignedOff } from './edit-notes.js';
import { dateSideWarning, parseDate, parseRating, requireName, requireText } from './options.js';

export interface ModerateOptions {
  rating?: string;
  /** The panel holds that a criterion called not applicable applies. */
  applicable?: boolean;
  note?: string;
  by?: string;
  date?: string;
  clear?: boolean;
}

export async function runModerate(file: string, criterionId: string, options: ModerateOptions, ctx: CommandContext): Promise<number> {
  if (options.clear) {
    if (options.rating !== undefined || options.applicable || options.note !== undefined || options.by !== undefined || options.date !== undefined) {
      throw new UsageError('--clear removes the moderation; give it without --rating, --applicable, --note, --by or --date');
    }
  } else {
    const needed = options.applicable ? (['note', 'by'] as const) : (['rating', 'note', 'by'] as const);
    const missing = needed.filter((key) => options[key] === undefined).map((key) => `--${key}`);
    if (missing.length) {
      throw new UsageError(
        `missing ${missing.join(', ')}: ${options.applicable ? "a challenge records why the panel holds the criterion applies, and who" : "a moderation records the panel's rating, why, and who"} (see audit moderate --help)`,
      );
    }
  }

  // Checked before the audit is locked: a wrong option costs nothing.
  const given = options.clear
    ? undefined
    : {
        note: requireText(options.note!, '--note'),
        by: requireName(options.by!, '--by'),
        date: options.date === undefined ? toIsoDate(ctx.now) : parseDate(options.date, '--date'),
      };
  const ahead = options.date !== undefined && given && dateSideWarning(given.date, toIsoDate(ctx.now), '--date', 'past', 'a moderation is dated the day the panel met; give that date if this was a slip');

  // Read, checked and saved holding the audit's lock (editAudit); the note about a sign-off is
  // given once the change is saved, never for a change that failed.
  let signedOff: Audit | undefined;
  let sharers: string[] = [];
  const said = await editAudit(resolve(ctx.cwd, file), ctx.env, (loaded) => {
    const framework = loaded.framework.framework;
    if (!indexCriteria(framework).has(criterionId)) {
      throw new InputError(`${framework.id} has no criterion "${criterionId}" (see audit standards show ${framework.id})`, { file });
    }
    const existing: Response = loaded.audit.responses[criterionId] ?? {};

    if (!given) {
      if (!existing.moderated) return `${criterionId} has no moderated rating; nothing changed\n`;
      sharers = patchResponse(loaded.source, framework, criterionId, { moderated: null });
      signedOff = loaded.audit;
      const reason = notApplicableReason(existing);
      const self =
        typeof existing.rating === 'number'
          ? `the self-rating ${existing.rating} counts again`
          : reason !== undefined
            ? `its not-applicable answer stands again (${reason})`
            : 'it is not assessed';
      const what = typeof existing.moderated.rating === 'number' ? `moderated rating of ${criterionId} (${existing.moderated.rating} by ${existing.moderated.by})` : `moderation of ${criterionId} (by ${existing.moderated.by})`;
      return `Removed the ${what}; ${self}\n`;
    }

    const reason = notApplicableReason(existing);
    if (options.applicable && reason === undefined) {
      throw new InputError(`${criterionId} is not marked not applicable, so there is nothing to challenge; to moderate its rating, give --rating without --applicable`, { file });
    }
    if (!options.applicable && reason !== undefined) {
      throw new InputError(
        `${criterionId} is marked not applicable (${reason}); a panel that holds it applies says so with --applicable (and may rate it with --rating)`,
        { file },
      );
    }
    const moderation: Moderation = {
      ...(options.applicable ? { applicable: true } : {}),
      ...(options.rating !== undefined ? { rating: parseRating(options.rating, framework) } : {}),
      ...given,
    };
    sharers = patchResponse(loaded.source, framework, criterionId, { moderated: moderation });
    signedOff = loaded.audit;

    const after: Audit = { ...loaded.audit, responses: { ...loaded.audit.responses, [criterionId]: { ...existing, moderated: moderation } } };
    const result = scoreCriteria(framework, after).find((r) => r.criterion === criterionId)!;
    if (moderation.applicable) {
      const now = result.rating === undefined ? 'it counts as applicable and not assessed until rated' : `rated ${result.rating}: ${standingWords(result)}`;
      return `${criterionId}: ${moderation.by} holds that it applies, though it was marked not applicable (${reason}); ${now}\n`;
    }
    const self =
      typeof existing.rating === 'number'
        ? existing.rating === moderation.rating
          ? 'confirming the self-rating'
          : `self-rating ${existing.rating}`
        : 'no self-rating yet';
    return `${criterionId} moderated to ${moderation.rating} by ${moderation.by} (${self}): ${standingWords(result)}\n`;
  });
  if (signedOff) warnIfSignedOff(signedOff, file, ctx);
  noteSharedAnswers(`${criterionId}'s answer`, sharers, ctx);
  if (ahead) ctx.err(ahead);
  ctx.say(said);
  return 0;
}

function standingWords(result: { gap: number; target: number; priority?: string | undefined }): string {
  return result.gap === 0 ? `meets its target of ${result.target}` : `${result.gap} below its target of ${result.target}, ${result.priority} priority`;
}

