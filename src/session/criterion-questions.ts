/**
 * The questions for one criterion: a rating (or "does not apply" with its reason, or skip, or
 * back), the evidence, and, where the rating falls below target, the improvement action. Each
 * answer is handed to `save` as soon as it is given, so that stopping at any point loses only
 * the answer being typed.
 */
import { notApplicableReason, type Audit, type Response } from '../core/audit.js';
import { describePrevious } from '../core/carry-forward.js';
import { ukDate } from '../core/dates.js';
import type { Framework } from '../core/framework.js';
import { isSameOwner, judgeRating, MONTHS_TO_ACT, readDate, suggestDueDate, suggestOwners } from '../core/walk.js';
import type { ResponsePatch } from '../io/audit-document.js';
import { Cancelled } from '../errors.js';
import type { Choice, ChoiceSeparator, Prompter, TextQuestion } from '../io/prompter.js';

export type CriterionOutcome = 'answered' | 'skipped' | 'back';

export interface CriterionQuestions {
  prompter: Prompter;
  /** Notes printed between questions. */
  say(text: string): void;
  framework: Framework;
  /** The audit as it stands on disk before this criterion's questions. */
  audit: Audit;
  criterionId: string;
  canGoBack: boolean;
  /** Today, YYYY-MM-DD: due dates are suggested from it and may not be before it. */
  today: string;
  editorName: string;
  /** Saves one answer; resolves once it is on disk. */
  save(patch: ResponsePatch): Promise<void>;
}

type RatingAnswer = number | 'not-applicable' | 'skip' | 'back';

export async function askCriterion(q: CriterionQuestions): Promise<CriterionOutcome> {
  const response: Response = q.audit.responses[q.criterionId] ?? {};
  const current = typeof response.rating === 'number' ? response.rating : undefined;
  const reason = notApplicableReason(response);

  // A carried-forward audit shows last period's rating beside the one to give now.
  const last = describePrevious(response.previous);
  let rating: RatingAnswer;
  for (;;) {
    rating = await q.prompter.select<RatingAnswer>({
      message: `Rating for ${q.criterionId}${last ? ` (last period ${last})` : ''}`,
      choices: [
        ...q.framework.scale.map(
          (level): Choice<RatingAnswer> => ({
            value: level.value,
            name: `${level.value}  ${level.label}`,
            short: `${level.value} ${level.label}`,
            description: level.description.replace(/\s+/g, ' ').trim(),
          }),
        ),
        {
          value: 'not-applicable',
          name: 'Does not apply',
          short: 'Does not apply',
          description: reason
            ? `Recorded as not applicable: ${reason.replace(/\s+/g, ' ')}`
            : 'This criterion does not apply to the organisation; you will be asked why.',
        },
        { separator: '' },
        current === undefined && reason === undefined
          ? { value: 'skip', name: 'Skip for now', description: 'Leave it unrated; audit resume comes back to it.' }
          : { value: 'skip', name: 'Keep this answer and go on' },
        {
          value: 'back',
          name: 'Back to the previous criterion',
          disabled: q.canGoBack ? false : '(this is the first of this session)',
        },
      ],
      // Unanswered, the cursor starts on "Skip": a stray Enter must not record an answer.
      default: current ?? (reason !== undefined ? 'not-applicable' : 'skip'),
    });
    if (rating !== 'not-applicable') break;
    if (await askNotApplicable(q, response, reason)) return 'answered';
  }
  if (rating === 'skip' || rating === 'back') return rating === 'skip' ? 'skipped' : 'back';
  // A rating replaces a not-applicable answer.
  if (rating !== current || reason !== undefined) await q.save({ rating, ...(reason !== undefined ? { notApplicable: null } : {}) });

  await askEvidence(q, response);

  const judgement = judgeRating(q.framework, q.audit, q.criterionId, rating);
  if (judgement.priority) {
    q.say(
      `${q.criterionId} is ${judgement.gap} below its target of ${judgement.target}: ${judgement.priority} priority. ` +
        'Plan the improvement (or leave it for later).\n',
    );
    await askAction(q, response, judgement.priority);
  } else if (response.action) {
    q.say(`${q.criterionId} meets its target; its improvement action is kept as it was.\n`);
  }
  return 'answered';
}

/**
 * "Does not apply": asks why (a reason is required) and saves it in place of any rating. An
 * open improvement action would have no gap to close, so it is marked done in the same save,
 * once the officer agrees. False, after saying why, when the answer cannot be given here and
 * the rating is to be asked again: a panel's challenge or moderated rating stands over it.
 */
async function askNotApplicable(q: CriterionQuestions, response: Response, existing: string | undefined): Promise<boolean> {
  const moderated = response.moderated;
  if (moderated?.applicable) {
    q.say(
      `${moderated.by} holds that ${q.criterionId} applies${moderated.note ? ` (${moderated.note.replace(/\s+/g, ' ').trim()})` : ''}: ` +
        'marking it not applicable would not count. Rate it, or take it up with the panel.\n',
    );
    return false;
  }
  if (typeof moderated?.rating === 'number') {
    q.say(
      `${moderated.by} moderated ${q.criterionId} to ${moderated.rating}: that rating stands until the panel clears it ` +
        `(audit moderate FILE ${q.criterionId} --clear), and only then can it be marked not applicable.\n`,
    );
    return false;
  }
  const action = response.action;
  const open = action && (action.status ?? 'open') !== 'done';
  // Stopped half-way, a reason is kept only where it takes nothing's place: no rating, reason or open action.
  const unanswered = existing === undefined && typeof response.rating !== 'number' && !open;
  const text = (
    await askTyped(
      q,
      {
        message: `Why does ${q.criterionId} not apply to the organisation?`,
        ...(existing ? { default: existing.replace(/\s+/g, ' ') } : {}),
        validate: (value) =>
          value.trim() ? true : 'A reason is needed: say why this criterion does not apply, e.g. "We employ no staff; volunteers only".',
      },
      'the reason it does not apply',
      unanswered ? (typed) => ({ notApplicable: typed.replace(/\s+/g, ' '), rating: null }) : undefined,
    )
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (open) {
    const close = await q.prompter.confirm({
      message: `${q.criterionId} has an open improvement action ("${action.text.replace(/\s+/g, ' ').trim()}"). With no gap there is nothing to close: mark it done?`,
      default: true,
    });
    if (!close) {
      q.say(`Kept as it was: a criterion with an open action is rated, not marked not applicable.\n`);
      return false;
    }
  }
  if (text !== existing || typeof response.rating === 'number' || open) {
    await q.save({ notApplicable: text, rating: null, ...(open ? { action: { status: 'done' } } : {}) });
  }
  return true;
}

type EvidenceChoice = 'line' | 'editor' | 'keep' | 'later';

async function askEvidence(q: CriterionQuestions, response: Response): Promise<void> {
  const existing = response.evidence?.replace(/\s+$/, '') || undefined;
  const choices: Choice<EvidenceChoice>[] = existing
    ? [
        { value: 'keep', name: 'Keep the evidence recorded', description: preview(existing) },
        { value: 'line', name: 'Replace it with a short note' },
        { value: 'editor', name: `Edit it in your editor (${q.editorName})` },
      ]
    : [
        { value: 'line', name: 'Type a short note' },
        { value: 'editor', name: `Write a longer note in your editor (${q.editorName})` },
        { value: 'later', name: 'Add evidence later' },
      ];
  const how = await q.prompter.select<EvidenceChoice>({
    message: `Evidence for ${q.criterionId}: what shows this rating is deserved?`,
    choices,
    default: existing ? 'keep' : 'line',
  });
  if (how === 'keep' || how === 'later') return;

  const validate = (value: string) =>
    value.trim() ? true : 'The evidence is empty: name what shows the rating, e.g. a document, an audit of cases, or data.';
  const evidence =
    how === 'line'
      ? await askTyped(
          q,
          { message: 'Evidence', ...(existing && !existing.includes('\n') ? { default: existing } : {}), validate },
          'the evidence',
          existing ? undefined : (typed) => ({ evidence: typed }),
        )
      : await q.prompter.editor({ message: 'Evidence (save and close the editor when done)', ...(existing ? { default: existing } : {}), validate });
  const text = evidence.replace(/\s+$/, '').replace(/^\s*\n/, '');
  if (text !== existing) await q.save({ evidence: text });
}

const SOMEONE_ELSE = Symbol('someone else');
const DECIDE_LATER = Symbol('decide later');
type OwnerChoice = string | typeof SOMEONE_ELSE | typeof DECIDE_LATER;

async function askAction(q: CriterionQuestions, response: Response, priority: 'high' | 'medium'): Promise<void> {
  const existing = response.action ?? undefined;
  const text = (
    await askTyped(
      q,
      {
        message: 'Improvement action: what will be done? (leave empty to add it later)',
        ...(existing?.text ? { default: existing.text.replace(/\s+/g, ' ').trim() } : {}),
      },
      'the improvement action',
      existing?.text ? undefined : (typed) => ({ action: { text: typed } }),
    )
  ).trim();
  if (!text && !existing) {
    q.say(`Left for later: the plan will show ${q.criterionId} as needing an action.\n`);
    return;
  }
  if (text && text !== existing?.text?.replace(/\s+/g, ' ').trim()) await q.save({ action: { text } });

  const owners = suggestOwners(q.framework, q.audit);
  const owner = await q.prompter.select<OwnerChoice>({
    message: 'Who owns it?',
    choices: [
      ...owners.map((name): Choice<OwnerChoice> => ({ value: name, name })),
      { separator: '' } satisfies ChoiceSeparator,
      { value: SOMEONE_ELSE, name: 'Someone else (type a name or role)' },
      { value: DECIDE_LATER, name: existing?.owner ? 'Keep as it is' : 'Decide later' },
    ],
    ...(existing?.owner ? { default: owners.find((name) => isSameOwner(name, existing.owner!)) ?? DECIDE_LATER } : {}),
    pageSize: 10,
  });
  let chosen: string | undefined;
  if (owner === SOMEONE_ELSE) {
    chosen = (
      await askTyped(
        q,
        { message: 'Owner', validate: (value) => (value.trim() ? true : 'Give the name or role of the person who will see it done.') },
        "the improvement action's owner",
        existing?.owner ? undefined : (typed) => ({ action: { owner: typed } }),
      )
    ).trim();
  } else if (typeof owner === 'string') {
    chosen = owner;
  }
  if (chosen !== undefined && chosen !== existing?.owner) await q.save({ action: { owner: chosen } });

  const suggested = suggestDueDate(priority, q.today);
  // Enter takes the date shown, so "later" is how to leave it open, as "Decide later" leaves the owner.
  const later = (value: string) => !value.trim() || /^later$/i.test(value.trim());
  const due = await q.prompter.input({
    message: `Due by (YYYY-MM-DD or DD/MM/YYYY; ${MONTHS_TO_ACT[priority]} months for ${priority} priority; "later" to leave it open)`,
    default: existing?.due ?? suggested,
    validate: (value) => {
      if (later(value)) return true;
      const date = readDate(value);
      if (!date) return `"${value.trim()}" is not a date: write it as ${suggested} or ${ukDate(suggested)}.`;
      if (date < q.today && date !== existing?.due) return `${date} is in the past: give a date from today (${q.today}) on.`;
      return true;
    },
  });
  const date = later(due) ? undefined : readDate(due);
  if (date && date !== existing?.due) await q.save({ action: { due: date } });
  if (!date && !existing?.due) q.say(`No due date yet: the plan will show ${q.criterionId}'s action without one.\n`);
}

/**
 * Asks for a line of text. Stopped while typing it (Ctrl-C, the terminal closed), what was typed
 * is not lost: saved as the answer where `keep` says how and nothing recorded is replaced by it,
 * else given back in the stop message; either way the message says which.
 */
async function askTyped(
  q: CriterionQuestions,
  question: TextQuestion,
  what: string,
  keep: ((typed: string) => ResponsePatch) | undefined,
): Promise<string> {
  try {
    return await q.prompter.input(question);
  } catch (err) {
    if (!(err instanceof Cancelled) || !err.typed?.trim()) throw err;
    const typed = err.typed.trim();
    const place = `${q.criterionId}: ${what} you were typing`;
    if (keep) {
      await q.save(keep(typed));
      err.kept = `${place} is saved as far as you got ("${preview(typed)}").`;
    } else {
      err.kept = `${place} is not saved, as it would have replaced what was recorded; it was: "${typed.replace(/\s+/g, ' ')}"`;
    }
    throw err;
  }
}

/** The first lines of a long note, to recognise it by. */
function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
