/**
 * What a filled return makes of an audit, by the rules `audit rate` follows: the answers of a
 * new audit, or the changes to an existing one (`audit import --into`). Pure.
 *
 * - A rating replaces a not-applicable answer, and "Not applicable" with its reason replaces a
 *   rating (as --rating and --not-applicable do). A criterion that went out marked not
 *   applicable and comes back with neither a rating nor the mark applies after all (as
 *   --applicable). Any other cell left blank leaves the audit's answer as it was.
 * - A criterion that went out marked not applicable and comes back rated, its reason left as it
 *   went out, is rated: the agency changed the rating and left the rest. A reason it wrote or
 *   changed beside a rating is refused, as the file's rule refuses the two together.
 * - The kind chosen on the Instructions sheet, when it is not the kind the return went out for:
 *   the criteria that kind does not answer, left blank and unanswered in the audit, start as not
 *   applicable for it (as `audit new --kind` marks them), and the old kind's own reasons are read
 *   again for the new kind (as carrying an audit forward does).
 * - Every answer as it will stand must hold together by the file's own rule (answerConflicts);
 *   each conflict is a fault at the cell where the agency can mend it.
 */
import { answerConflicts, standingOf, type Action, type AnswerConflict, type Audit, type Response } from './audit.js';
import { indexCriteria, scaleLevel, type Framework } from './framework.js';
import { findKind, isKindReason, notApplicableByKind } from './kinds.js';
import {
  answerDigest,
  COLUMN,
  NOT_APPLICABLE,
  NOT_APPLICABLE_CHOICE,
  ratingChoice,
  reasonDigest,
  REASON_HEADER,
  RETURN_SHEET,
  SENT_FIELDS,
  STATUS_LABELS,
  type ReturnAnswer,
  type ReturnColumn,
  type ReturnFault,
  type SentField,
} from './return-form.js';
import { cellRef } from './sheet-cells.js';

/** A change to one answer: undefined leaves a field alone, null removes it. */
export interface AnswerChange {
  rating?: number | null;
  notApplicable?: string | null;
  evidence?: string | null;
  /** Fields to set (null: remove) on the action, or null to remove the action. */
  action?: { [K in keyof Action]?: Action[K] | null } | null;
}

/** One answer of the audit and the return's cell for it. */
export interface AnswerCell {
  criterion: string;
  field: SentField;
  /** `Return!F3`. */
  where: string;
}

/**
 * An answer of the audit that a blank or changed cell left as it was: `blank`, the cell was
 * blank and went out blank (or the return records nothing of what went out); `changed`, the
 * agency cleared or changed the cell, but the audit's answer has changed since the return went
 * out, so the return's word is on an answer the audit no longer holds.
 */
export interface KeptAnswer extends AnswerCell {
  why: 'blank' | 'changed';
  /** For `changed`: the agency cleared the cell (rather than writing another answer). */
  cleared?: boolean;
}

export interface ReturnContent {
  /** The answers of the rows read without a fault. */
  answers: readonly ReturnAnswer[];
  /** The kind chosen on the Instructions sheet; undefined when left blank or not asked. */
  kind: string | undefined;
  /**
   * What the return went out with: its kind, the criteria marked not applicable with the digest
   * of each reason, and the pre-filled answer cells with the digest of each (undefined: not recorded).
   */
  sent: { kind: string | undefined; notApplicable: ReadonlyMap<string, string | undefined>; answers?: ReadonlyMap<string, ReadonlyMap<SentField, string>> | undefined };
}

export interface SettledReturn {
  /** Every criterion's answer as it will stand (null: none). */
  responses: Audit['responses'];
  /** The changes to the audit's answers; criteria the return leaves as they were are absent. */
  changes: Map<string, AnswerChange>;
  /** The organisation's kind as it will stand. */
  kind: string | undefined;
  /** The audit's answers (ratings, reasons, evidence, parts of actions) left as they were by blank or changed cells. */
  kept: KeptAnswer[];
  /** The audit's answers removed because the agency cleared the pre-filled cell that showed them. */
  removed: AnswerCell[];
  /** Criteria marked not applicable because the kind chosen in the workbook does not answer them. */
  byKind: string[];
  /** Criteria that went out marked not applicable and came back applying. */
  nowApplicable: string[];
  faults: ReturnFault[];
}

/** The return's answers settled against the audit they go into (none, for a new audit). */
export function settleReturn(framework: Framework, content: ReturnContent, into?: Pick<Audit, 'responses' | 'kind'>): SettledReturn {
  const audit = into ?? { responses: {} };
  // What went out is weighed against the audit it went out from: a new audit takes every cell as it stands.
  const sentAnswers = into === undefined ? undefined : content.sent.answers;
  const { answers, byKind } = withKindChosen(framework, { ...content, answers: content.answers.map((a) => withoutSentReason(a, content.sent.notApplicable)) }, audit.responses);
  const byId = new Map(answers.map((a) => [a.criterion, a]));
  const settled: SettledReturn = {
    responses: {},
    changes: new Map(),
    kind: content.kind ?? audit.kind,
    kept: [],
    removed: [],
    byKind,
    nowApplicable: [],
    faults: [],
  };
  for (const id of indexCriteria(framework).keys()) {
    const existing = audit.responses[id] ?? {};
    const answer = byId.get(id);
    if (!answer) {
      settled.responses[id] = audit.responses[id] ?? null;
      continue;
    }
    const cleared = content.sent.notApplicable.has(id) && answer.rating === undefined && answer.notApplicable === undefined;
    const against = sentAnswers === undefined ? keptByBlanks(answer, existing, cleared) : againstSent(answer, existing, sentAnswers.get(id) ?? new Map());
    const next = withoutRemoved(answered(existing, against.answer, cleared), against.removed);
    if (cleared && existing.notApplicable != null) settled.nowApplicable.push(id);
    settled.faults.push(...faultsOf(framework, against.answer, next, against.removed));
    const change = changeFrom(existing, next);
    if (Object.keys(change).length) settled.changes.set(id, change);
    settled.kept.push(...against.kept);
    settled.removed.push(...against.removed.map((field) => ({ criterion: id, field, where: cellOf(answer, field) })));
    settled.responses[id] = Object.keys(next).length ? next : null;
  }
  return settled;
}

/** A rating beside the reason the row went out with: the agency changed the rating alone. */
function withoutSentReason(answer: ReturnAnswer, sent: ReadonlyMap<string, string | undefined>): ReturnAnswer {
  if (answer.rating === undefined || answer.notApplicable === undefined) return answer;
  const digest = sent.get(answer.criterion);
  if (digest === undefined || digest !== reasonDigest(answer.notApplicable)) return answer;
  const { notApplicable: _sent, ...rated } = answer;
  return rated;
}

/** The answer as it will stand: the audit's, with what the return gives over it. */
function answered(existing: Response, answer: ReturnAnswer, cleared: boolean): Response {
  const next: Response = { ...existing };
  // Given both, both are kept, so that the rule of answers refuses them together.
  if (answer.rating !== undefined) {
    next.rating = answer.rating;
    if (answer.notApplicable === undefined) delete next.notApplicable;
  }
  if (answer.notApplicable !== undefined) {
    next.notApplicable = answer.notApplicable;
    if (answer.rating === undefined) delete next.rating;
  }
  if (cleared) delete next.notApplicable;
  if (answer.evidence !== undefined) next.evidence = answer.evidence;
  if (answer.action) next.action = { ...existing.action, ...answer.action } as Action;
  return next;
}

/** The fields that differ; a reason, evidence or action text differing only in white space at its end(s) is the same. */
function changeFrom(existing: Response, next: Response): AnswerChange {
  const change: AnswerChange = {};
  if (next.rating === undefined) {
    if (existing.rating !== undefined) change.rating = null;
  } else if (next.rating !== existing.rating) change.rating = next.rating;
  if (next.notApplicable == null) {
    if (existing.notApplicable != null) change.notApplicable = null;
  } else if (next.notApplicable.trim() !== existing.notApplicable?.trim()) change.notApplicable = next.notApplicable;
  if (typeof next.evidence === 'string' && next.evidence.trimEnd() !== existing.evidence?.trimEnd()) change.evidence = next.evidence;
  else if (next.evidence == null && existing.evidence != null) change.evidence = null;
  if (!next.action && existing.action) {
    change.action = null;
    return change;
  }
  const action: NonNullable<AnswerChange['action']> = {};
  for (const key of ['text', 'owner', 'due', 'status'] as const) {
    const value = next.action?.[key];
    // A block scalar's final line break (`text: |`) is no part of what the cell shows.
    if (value !== undefined && value.trimEnd() !== existing.action?.[key]?.trimEnd()) (action as Record<string, string>)[key] = value;
    else if (value === undefined && existing.action?.[key] !== undefined) action[key] = null;
  }
  if (Object.keys(action).length) change.action = action;
  return change;
}

/** Where each field of a row is answered. */
const FIELD_COLUMN: Record<SentField, ReturnColumn> = { rating: 'Rating', evidence: 'Evidence', action: 'Action', owner: 'Owner', due: 'Due', status: 'Status' };

function cellOf(answer: ReturnAnswer, field: SentField): string {
  return cellRef(RETURN_SHEET, COLUMN[FIELD_COLUMN[field]], answer.row);
}

/** A field's value as the return gives it: a rating as its number, "Not applicable" as NOT_APPLICABLE (no rating's digest). */
function returnedValue(answer: ReturnAnswer, field: SentField): string | undefined {
  switch (field) {
    case 'rating':
      return answer.rating !== undefined ? String(answer.rating) : answer.notApplicable !== undefined ? NOT_APPLICABLE : undefined;
    case 'evidence':
      return answer.evidence;
    case 'action':
      return answer.action?.text;
    default:
      return answer.action?.[field];
  }
}

function existingValue(existing: Response, field: SentField): string | undefined {
  switch (field) {
    case 'rating':
      return typeof existing.rating === 'number' ? String(existing.rating) : undefined;
    case 'evidence':
      return existing.evidence ?? undefined;
    case 'action':
      return existing.action?.text;
    default:
      return existing.action?.[field];
  }
}

/** The answer without one field (as if its cell were blank). */
function withoutField(answer: ReturnAnswer, field: SentField): ReturnAnswer {
  if (field === 'rating') {
    const { rating: _rating, ...rest } = answer;
    return rest;
  }
  if (field === 'evidence') {
    const { evidence: _evidence, ...rest } = answer;
    return rest;
  }
  const key = field === 'action' ? 'text' : field;
  const { [key]: _gone, ...action } = answer.action ?? {};
  const { action: _action, ...rest } = answer;
  return Object.keys(action).length ? { ...rest, action } : rest;
}

interface AgainstAudit {
  /** The answer as it is to be recorded: cells left as sent, and changes the audit overtook, taken out. */
  answer: ReturnAnswer;
  /** The audit's answers to remove: cells the agency cleared. */
  removed: SentField[];
  kept: KeptAnswer[];
}

/** A return that records nothing of what went out (made before it was recorded): a blank cell keeps the audit's answer. */
function keptByBlanks(answer: ReturnAnswer, existing: Response, cleared: boolean): AgainstAudit {
  const judged = answer.rating !== undefined || answer.notApplicable !== undefined || cleared;
  const kept = SENT_FIELDS.filter((field) => (field === 'rating' ? !judged : returnedValue(answer, field) === undefined) && existingValue(existing, field) !== undefined);
  // A reason the audit holds, beside a blank rating cell, is kept too (the Rating cell is where it is answered).
  const reason = !judged && existing.notApplicable != null ? [{ criterion: answer.criterion, field: 'rating' as const, where: cellOf(answer, 'rating'), why: 'blank' as const }] : [];
  return { answer, removed: [], kept: [...kept.map((field) => ({ criterion: answer.criterion, field, where: cellOf(answer, field), why: 'blank' as const })), ...reason] };
}

/**
 * Each answer cell against what it went out with and what the audit holds now. A cell left as
 * sent changes nothing (the audit may have moved on since). A pre-filled cell the agency
 * cleared removes the audit's answer, and one it changed records the new answer, but only while
 * the audit still holds what was sent: an answer changed in the audit since the return went out
 * is kept, and named, rather than overwritten or removed on the word of a cell that showed an
 * older one. A blank cell that went out blank keeps whatever the audit holds.
 */
function againstSent(answer: ReturnAnswer, existing: Response, sent: ReadonlyMap<SentField, string>): AgainstAudit {
  let recorded = answer;
  const removed: SentField[] = [];
  const kept: KeptAnswer[] = [];
  const cell = (field: SentField) => ({ criterion: answer.criterion, field, where: cellOf(answer, field) });
  for (const field of SENT_FIELDS) {
    const wentOut = sent.get(field);
    const returned = returnedValue(answer, field);
    const now = existingValue(existing, field);
    const auditMoved = (now === undefined ? undefined : answerDigest(now)) !== wentOut;
    if (returned === NOT_APPLICABLE) continue; // the Rating cell says Not applicable: the rules of not applicable decide
    if (returned !== undefined && wentOut !== undefined && answerDigest(returned) === wentOut) {
      recorded = withoutField(recorded, field);
    } else if (returned === undefined) {
      if (now === undefined) continue;
      if (wentOut === undefined) kept.push({ ...cell(field), why: 'blank' });
      else if (auditMoved) kept.push({ ...cell(field), why: 'changed', cleared: true });
      else removed.push(field);
    } else if (auditMoved && now !== undefined && answerDigest(now) !== answerDigest(returned)) {
      recorded = withoutField(recorded, field);
      kept.push({ ...cell(field), why: 'changed' });
    }
  }
  return { answer: recorded, removed, kept };
}

/** The answer with the fields the agency cleared taken out; an action left with nothing is removed. */
function withoutRemoved(next: Response, removed: readonly SentField[]): Response {
  if (!removed.length) return next;
  const out: Response = { ...next, ...(next.action ? { action: { ...next.action } } : {}) };
  for (const field of removed) {
    if (field === 'rating') delete out.rating;
    else if (field === 'evidence') delete out.evidence;
    else if (out.action) delete (out.action as Partial<Action>)[field === 'action' ? 'text' : field];
  }
  if (out.action && Object.keys(out.action).length === 0) delete out.action;
  return out;
}

/** What the answer cannot hold, each at the cell where the agency can mend it, in the workbook's words. */
function faultsOf(framework: Framework, answer: ReturnAnswer, next: Response, removed: readonly SentField[]): ReturnFault[] {
  const id = answer.criterion;
  const at = (column: number, message: string): ReturnFault => ({ where: cellRef(RETURN_SHEET, column, answer.row), message });
  const faults = answerConflicts(id, next).map((conflict) => conflictFault(framework, id, next, conflict, at));
  if (next.action && next.action.text === undefined) {
    faults.push(
      at(
        COLUMN.Action,
        removed.includes('action')
          ? `the action of ${id} was cleared, but not its owner, due date or status: clear those too to remove the action, or write the action here`
          : `an owner, due date or status is given for ${id} but no action: write the action itself here`,
      ),
    );
  }
  return faults;
}

function conflictFault(framework: Framework, id: string, next: Response, conflict: AnswerConflict, at: (column: number, message: string) => ReturnFault): ReturnFault {
  const marked = `${id} is marked ${NOT_APPLICABLE_CHOICE}`;
  switch (conflict.rule) {
    case 'reason-missing':
      return at(COLUMN[REASON_HEADER], `${marked} but gives no reason: write here why it does not apply to your organisation`);
    case 'rated': {
      const level = scaleLevel(framework, next.rating!);
      return at(
        COLUMN[REASON_HEADER],
        `${id} is rated ${level ? ratingChoice(level) : next.rating} and also given a reason it does not apply: a criterion is either rated or not applicable, so clear this cell, or choose ${NOT_APPLICABLE_CHOICE} as its rating`,
      );
    }
    case 'open-action':
      return at(
        COLUMN.Status,
        `${marked} but its improvement action is ${STATUS_LABELS[next.action?.status ?? 'open'].toLowerCase()}: with no gap there is nothing to close, so set its Status to Done, or rate the criterion`,
      );
    case 'panel-rating':
      return at(COLUMN.Rating, `${id} cannot be marked ${NOT_APPLICABLE_CHOICE}: a moderation panel has rated it ${next.moderated?.rating}, and its rating stands until the panel withdraws it`);
    default:
      return at(COLUMN.Rating, conflict.message);
  }
}

/**
 * The answers once the kind chosen in the workbook is applied. Nothing changes unless a kind was
 * chosen that the return did not go out for: the workbook cannot re-mark its rows when the
 * drop-down changes, so the import does what the export would have done.
 */
function withKindChosen(framework: Framework, content: ReturnContent, responses: Audit['responses']): { answers: readonly ReturnAnswer[]; byKind: string[] } {
  const chosen = content.kind === undefined ? undefined : findKind(framework, content.kind);
  if (!chosen || chosen.id === content.sent.kind) return { answers: content.answers, byKind: [] };
  const before = content.sent.kind === undefined ? undefined : findKind(framework, content.sent.kind);
  // The old kind's own reason, in today's wording or an earlier version's.
  const isOldReason = (reason: string) => before !== undefined && isKindReason(reason, before);
  const reasons = notApplicableByKind(framework, chosen);
  const byKind: string[] = [];
  const answers = content.answers.map((answer): ReturnAnswer => {
    const id = answer.criterion;
    if (answer.rating !== undefined) return answer;
    if (answer.notApplicable !== undefined) {
      if (!isOldReason(answer.notApplicable)) return answer;
      // The old kind's own reason: the new kind's if it does not answer the criterion either, else none.
      const { notApplicable: _old, ...rest } = answer;
      return reasons.has(id) ? { ...answer, notApplicable: reasons.get(id)! } : rest;
    }
    // A mark the agency cleared is its answer; so is anything the audit already holds.
    if (!reasons.has(id) || content.sent.notApplicable.has(id)) return answer;
    const existing = responses[id];
    const withAction = answer.action ? { ...existing, action: { ...existing?.action, ...answer.action } as Action } : existing;
    if (!openToKindMark(withAction)) return answer;
    byKind.push(id);
    return { ...answer, notApplicable: reasons.get(id)! };
  });
  return { answers, byKind };
}

/**
 * The criteria a return going out for `kind` marks not applicable beyond the audit's own
 * answers: those the kind does not answer that the audit has neither rated nor called not
 * applicable, that no panel holds to apply and that have no open action.
 */
export function notApplicableForKind(framework: Framework, kindId: string, responses: Audit['responses']): Audit['responses'] {
  const kind = findKind(framework, kindId);
  if (!kind) return responses;
  const marked: Audit['responses'] = { ...responses };
  for (const [id, reason] of notApplicableByKind(framework, kind)) {
    if (openToKindMark(responses[id])) marked[id] = { ...responses[id], notApplicable: reason };
  }
  return marked;
}

/** Nothing holds the criterion otherwise: no rating, no reason, no panel holding it applies, no open action. */
function openToKindMark(response: Response | null | undefined): boolean {
  const openAction = Boolean(response?.action) && (response!.action!.status ?? 'open') !== 'done';
  return standingOf(response).status === 'not-assessed' && !response?.moderated?.applicable && !openAction;
}
