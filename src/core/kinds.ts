/**
 * Kinds of organisation and the criteria that apply to each: a framework may declare the kinds
 * that make returns against it (a council, a school, a voluntary group) and mark a criterion
 * with the kinds it `appliesTo`. An audit records its organisation's kind; the criteria that
 * do not apply to it start as not applicable, with a reason that says so and that the
 * organisation may change.
 */
import type { Criterion, Framework, OrganisationKind } from './framework.js';

export function findKind(framework: Framework, id: string): OrganisationKind | undefined {
  return framework.kinds?.find((kind) => kind.id === id);
}

/** Whether organisations of this kind answer the criterion (every kind does when it names none). */
export function appliesToKind(criterion: Criterion, kindId: string): boolean {
  return criterion.appliesTo === undefined || criterion.appliesTo.includes(kindId);
}

/**
 * Whether a criterion marked not applicable is so because the framework does not ask
 * organisations of the audit's kind to answer it (`appliesTo`), with the reason `audit export
 * --kind` and `audit new --kind` write for the kind, rather than by the organisation's own
 * judgement (a reason of its own, or a criterion its kind does answer): reports word the two
 * differently. Needs the audit's kind to be one the framework declares.
 */
export function isNotApplicableToKind(framework: Framework, kindId: string | undefined, criterion: Criterion, reason: string): boolean {
  const kind = kindId === undefined ? undefined : findKind(framework, kindId);
  return kind !== undefined && !appliesToKind(criterion, kind.id) && isKindReason(reason, kind);
}

/**
 * "does not apply to academies and free schools": the reason written for a criterion the kind
 * does not answer, naming the kind in the plural where the framework gives one (`plural`), else
 * by its label.
 */
export function kindReason(kind: OrganisationKind): string {
  return `does not apply to ${midSentence(kind.plural ?? kind.label)}`;
}

/**
 * Whether `reason` is the one written for the kind: today's wording, or the singular label
 * that earlier versions wrote ("does not apply to academy or free school").
 */
export function isKindReason(reason: string, kind: OrganisationKind): boolean {
  const given = reason.trim();
  return given === kindReason(kind) || given === `does not apply to ${kindPhrase(kind)}`;
}

/** A kind's label as it reads mid-sentence: "Police" reads "police"; "NHS trust" keeps its capitals. */
export function kindPhrase(kind: OrganisationKind): string {
  return midSentence(kind.label);
}

function midSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** Criterion id → reason, in framework order, for the criteria that organisations of `kind` do not answer. */
export function notApplicableByKind(framework: Framework, kind: OrganisationKind): Map<string, string> {
  const reasons = new Map<string, string>();
  const reason = kindReason(kind);
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) if (!appliesToKind(criterion, kind.id)) reasons.set(criterion.id, reason);
  }
  return reasons;
}

/**
 * Why `id` is not a kind of the framework, for messages: the kinds it has (with a suggestion
 * when `id` differs from one only by case or punctuation), or that it declares none.
 */
export function unknownKindMessage(framework: Framework, id: string): string {
  const kinds = framework.kinds ?? [];
  if (!kinds.length) return `${framework.id} declares no kinds of organisation, so an audit of it records none`;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const near = kinds.find((kind) => squash(kind.id) === squash(id) || squash(kind.label) === squash(id));
  return (
    `"${id}" is not a kind of organisation ${framework.id} declares; its kinds are ${kinds.map((kind) => kind.id).join(', ')}` +
    (near ? ` (did you mean ${near.id}?)` : '')
  );
}
