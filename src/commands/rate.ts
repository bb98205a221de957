/** `audit rate FILE CRITERION`: records one answer without prompts, for scripts and quick edits. */
import { answerConflicts, notApplicableReason, type Action, type Audit, type Response } from '../core/audit.js';
import { indexCriteria, scaleLevel, type Framework } from '../core/framework.js';
import { scoreCriteria } from '../core/gap-analysis.js';
import { InputError, UsageError } from '../errors.js';
import { patchResponse, type ResponsePatch } from '../io/audit-document.js';
import { editAudit } from '../io/audit-file.js';
import { decodeText, readStreamBytes } from '../io/read-user-file.js';
import type { CommandContext } from './context.js';
import { noteSharedAnswers, warnIfSignedOff } from './edit-notes.js';
import { toIsoDate } from '../core/dates.js';
import { withLfLineBreaks } from '../core/document-text.js';
import { dateSideWarning, parseDate, parseRating, parseReason, parseStatus, requireName } from './options.js';

export interface RateOptions {
  rating?: string;
  /** The criterion does not apply, for this reason. */
  notApplicable?: string;
  /** Clear a not-applicable answer: the criterion applies (and is not assessed until rated). */
  applicable?: boolean;
  evidence?: string;
  action?: string;
  owner?: string;
  due?: string;
  status?: string;
}

export async function runRate(file: string, criterionId: string, options: RateOptions, ctx: CommandContext): Promise<number> {
  if (Object.values(options).every((value) => value === undefined)) {
    throw new UsageError('nothing to record: give --rating (or --not-applicable REASON), and optionally --evidence and --action (see audit rate --help)');
  }
  if (options.notApplicable !== undefined && options.rating !== undefined) {
    throw new UsageError('give --rating or --not-applicable, not both: a criterion is either rated or not applicable');
  }
  if (options.notApplicable !== undefined && options.applicable) {
    throw new UsageError('give --not-applicable or --applicable, not both');
  }
  // Standard input is read before the audit is locked: a lock is never held while waiting on a person.
  const evidence = options.evidence === undefined ? undefined : await evidenceText(options.evidence);
  const actionPatch = parseActionOptions(options);

  // Read, checked and saved holding the audit's lock (editAudit); the notes beside the change
  // are given once it is saved, never for a change that failed.
  let signedOff: Audit | undefined;
  let sharers: string[] = [];
  const said = await editAudit(file, ctx.env, (loaded) => {
    const framework = loaded.framework.framework;
    const place = indexCriteria(framework).get(criterionId);
    if (!place) {
      throw new InputError(`${framework.id} has no criterion "${criterionId}" (see audit standards show ${framework.id})`, {
        file,
      });
    }

    const existing: Response = loaded.audit.responses[criterionId] ?? {};
    const patch: ResponsePatch = {};
    const wasNotApplicable = existing.notApplicable !== undefined && existing.notApplicable !== null;
    if (options.rating !== undefined) patch.rating = parseRating(options.rating, framework);
    if (options.notApplicable !== undefined) {
      patch.notApplicable = parseReason(options.notApplicable, '--not-applicable');
      patch.rating = null;
    } else if (wasNotApplicable && (options.applicable || patch.rating !== undefined)) {
      // A rating, or --applicable, replaces the not-applicable answer.
      patch.notApplicable = null;
    }
    if (evidence !== undefined) patch.evidence = evidence;
    if (actionPatch) {
      if (actionPatch.text === undefined && !existing.action) {
        throw new InputError(`${criterionId} has no improvement action yet: give its text with --action`);
      }
      patch.action = actionPatch;
    }

    const updated: Response = { ...existing };
    for (const key of ['rating', 'notApplicable', 'evidence'] as const) {
      if (patch[key] === null) delete updated[key];
      else if (patch[key] !== undefined) (updated as Record<string, unknown>)[key] = patch[key];
    }
    if (actionPatch) updated.action = { ...existing.action, ...actionPatch } as Action;
    // The answer as it will be must hold together, as the file's own rules require, before anything is written.
    const conflict = answerConflicts(criterionId, updated)[0];
    if (conflict) {
      if (conflict.rule === 'open-action' && !wasNotApplicable) {
        // Being marked now, not already: say what stands in the way and how to clear it.
        throw new InputError(
          `${criterionId} has an open improvement action (status ${updated.action!.status ?? 'open'}); a criterion that does not apply has no gap to close, ` +
            'so mark the action done in the same command (--status done), or remove it from the file, first; nothing was changed',
          { file },
        );
      }
      const hint = conflict.path.includes('action') ? ' (--status done does so in the same command)' : '';
      throw new InputError(`${conflict.message}${hint}; nothing was changed`, { file });
    }
    if (options.applicable && Object.keys(patch).length === 0) return `${criterionId} is not marked not applicable; nothing changed\n`;

    sharers = patchResponse(loaded.source, framework, criterionId, patch);
    signedOff = loaded.audit;
    const applies =
      wasNotApplicable && patch.notApplicable === null
        ? `${criterionId} was marked not applicable (${existing.notApplicable!.replace(/\s+/g, ' ').trim()}); it applies now.\n`
        : '';
    return applies + describeOutcome(loaded.audit, updated, criterionId, framework);
  });
  if (signedOff) warnIfSignedOff(signedOff, file, ctx);
  noteSharedAnswers(`${criterionId}'s answer`, sharers, ctx);
  const overdue = actionPatch?.due && actionPatch.status !== 'done' && dateSideWarning(actionPatch.due, toIsoDate(ctx.now), '--due', 'future', 'the action shows as overdue in the plan unless it is done; give a later date if that was a slip');
  if (overdue) ctx.err(overdue);
  ctx.say(said);
  return 0;
}

function parseActionOptions(options: RateOptions): Partial<Action> | undefined {
  const action: Partial<Action> = {};
  if (options.action !== undefined) {
    if (!options.action.trim()) throw new InputError('--action must not be empty');
    action.text = withLfLineBreaks(options.action).trim();
  }
  if (options.owner !== undefined) action.owner = requireName(options.owner, '--owner');
  if (options.due !== undefined) action.due = parseDate(options.due);
  if (options.status !== undefined) action.status = parseStatus(options.status);
  return Object.keys(action).length ? action : undefined;
}

/**
 * `--evidence -` reads the evidence from standard input, for long notes in scripts: at most the
 * size an audit file may be, and UTF-8 text, as files are. Line endings become LF (a Windows
 * clipboard's CRLF, an old Mac's CR), and empty evidence is refused rather than blanking what
 * was recorded.
 */
async function evidenceText(value: string): Promise<string> {
  const raw = value === '-' ? decodeText(await readStreamBytes(process.stdin, 'the evidence on standard input'), 'standard input', 'the evidence') : value;
  // A byte-order mark (Notepad's UTF-8) marks the encoding; it is no part of the evidence.
  const text = withLfLineBreaks(raw.replace(/^\uFEFF/, '')).replace(/\s+$/, '');
  if (!text.trim()) {
    throw new InputError(
      `${value === '-' ? 'the evidence on standard input' : '--evidence'} is empty; nothing was changed (give the evidence text; to remove evidence, edit the file)`,
    );
  }
  return text;
}

function describeOutcome(audit: Audit, response: Response, id: string, framework: Framework): string {
  const after: Audit = { ...audit, responses: { ...audit.responses, [id]: response } };
  const result = scoreCriteria(framework, after).find((r) => r.criterion === id)!;
  if (result.notApplicable !== undefined) return `${id} is not applicable: ${result.notApplicable}; it counts in no mean, gap or RAG\n`;
  const reason = notApplicableReason(response);
  if (reason !== undefined && response.moderated?.applicable) {
    return `${id} is marked not applicable (${reason}), but ${response.moderated.by} holds that it applies: it counts as ${result.rating === undefined ? 'not assessed until rated' : `rated ${result.rating}`}\n`;
  }
  if (result.rating === undefined) return `${id}: not yet rated\n`;
  const label = scaleLevel(framework, result.rating)?.label;
  const head = `${id} rated ${result.rating} (${label})`;
  if (result.gap === 0) return `${head}: meets its target of ${result.target}\n`;
  const action = response.action
    ? `action: ${response.action.text.replace(/[.;\s]+$/, '')}` +
      (response.action.owner ? ` (owner ${response.action.owner}${response.action.due ? `, due ${response.action.due}` : ''})` : response.action.due ? ` (due ${response.action.due})` : '')
    : 'no improvement action yet (add one with --action TEXT --owner NAME --due YYYY-MM-DD)';
  return `${head}: ${result.gap} below its target of ${result.target}, ${result.priority} priority; ${action}\n`;
}
