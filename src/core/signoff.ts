/**
 * Sign-off of an audit and the digests that show whether anything it covered changed since
 * (`audit sign`, `audit verify`). Tamper-evident, not a signature: anyone who can edit the file
 * can recompute a digest. A signature with a key the signer holds (Ed25519, optional) is what
 * shows who signed; see signDigest/checkSignature.
 *
 * A sign-off covers three things, each recorded so that `verify` can say which changed:
 * - `content`: SHA-256 of the audit's content (canonical JSON, below), sign-off excluded;
 * - `framework`: what the ratings were judged against: the framework's scale, default target,
 *   RAG rule, each criterion's own target, and a short digest of each criterion's wording
 *   (statement, guidance, evidence examples, and any other field but its reference and notes),
 *   with a digest of all of that (`sha256`);
 * - the sign-off's own `by`, `role` and `date`;
 * - `parts`: short digests of each header field, each criterion's answer and each criterion's
 *   moderation, so that `verify` names what changed (a panel's moderation after the agency
 *   signed reads differently from an edited rating). Sign-offs made before it still verify.
 * `sha256` is the digest of those together (the seal). Sign-offs made before the record
 * existed hold only `sha256`, of the content: they are still checked, and reported as covering
 * the content only.
 *
 * Canonical JSON: object keys sorted (by UTF-16 code units, as JavaScript sorts), no white
 * space between tokens, keys whose value is null or an empty mapping left out (YAML's `W-2:`
 * and `W-2: {}` and no `W-2` at all all mean "not assessed"), and trailing white space of text
 * removed (`|` and `|-` block styles give the same evidence). Objects are built without a
 * prototype, so a key named `__proto__` (say, inside an `x-` extension) counts like any other.
 * So comments, key order, indentation, quoting and block styles are not changes; any rating,
 * evidence, action, moderation, target or header field is.
 */
import { createHash, sign as signBytes, verify as verifyBytes, type KeyObject } from 'node:crypto';
import type { ContentParts, JudgementBasis, SignOff } from './audit.js';
import { ragPolicy, type Criterion, type Framework } from './framework.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value) ?? null);
}

function canonicalise(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.replace(/\s+$/, '');
  if (Array.isArray(value)) return value.map((item) => canonicalise(item) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    // No prototype: `out.__proto__ = …` on an ordinary object would set its prototype and vanish from the JSON.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const item = canonicalise((value as Record<string, unknown>)[key]);
      if (item === undefined) continue;
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 0) continue;
      out[key] = item;
    }
    return out;
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest of an audit's content, sign-off excluded. `data` is the audit as read. */
export function auditDigest(data: unknown): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return sha256(canonicalJson(data));
  const content = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) if (key !== 'signoff') content[key] = value;
  return sha256(canonicalJson(content));
}

function shortDigest(value: unknown): string {
  return sha256(canonicalJson(value)).slice(0, 12);
}

/** The digests of each part of an audit's content (src/core/audit.ts ContentParts). `data` is the audit as read. */
export function contentParts(data: unknown): ContentParts {
  // Without prototypes, as in canonicalise: no key can set one.
  const map = () => Object.create(null) as Record<string, string>;
  const parts: ContentParts = { header: map(), answers: map(), moderation: map() };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return parts;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'signoff' || key === 'responses' || canonicalise(value) === undefined) continue;
    parts.header[key] = shortDigest(value);
  }
  const responses = (data as { responses?: unknown }).responses;
  if (responses === null || typeof responses !== 'object' || Array.isArray(responses)) return parts;
  for (const [id, response] of Object.entries(responses)) {
    if (response === null || typeof response !== 'object' || Array.isArray(response)) {
      if (canonicalise(response) !== undefined) parts.answers[id] = shortDigest(response);
      continue;
    }
    const { moderated, ...answer } = response as Record<string, unknown>;
    if (isContent(answer)) parts.answers[id] = shortDigest(answer);
    if (isContent(moderated)) parts.moderation[id] = shortDigest(moderated);
  }
  return parts;
}

function isContent(value: unknown): boolean {
  const canonical = canonicalise(value);
  return canonical !== undefined && !(typeof canonical === 'object' && canonical !== null && !Array.isArray(canonical) && Object.keys(canonical).length === 0);
}

/** The parts whose digests differ between sign-off and now, in words; empty when none can be named. */
export function describeContentChanges(then: ContentParts, now: ContentParts): string[] {
  const differing = (a: Record<string, string>, b: Record<string, string>) => [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]);
  const header = differing(then.header ?? {}, now.header);
  const answers = differing(then.answers ?? {}, now.answers);
  const moderation = differing(then.moderation ?? {}, now.moderation);
  const out: string[] = [];
  if (header.length) out.push(`the audit's header changed: ${header.join(', ')}`);
  if (answers.length) out.push(`the organisation's answers changed (rating, evidence, action or not-applicable): ${listIds(answers)}`);
  if (moderation.length) {
    out.push(
      `a panel's moderation was added, changed or removed: ${listIds(moderation)}` + (header.length || answers.length ? '' : "; the organisation's own answers are as signed off"),
    );
  }
  return out;
}

/** Fields of a criterion that do not bear on its rating: a rewording of them is not a change. */
const NOT_JUDGED: readonly string[] = ['id', 'reference', 'note', 'target'];

function criterionWording(criterion: Criterion, standardId: string): string {
  const judged = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(criterion)) {
    if (!NOT_JUDGED.includes(key) && !key.startsWith('x-')) judged[key] = value;
  }
  return sha256(canonicalJson({ standard: standardId, ...judged })).slice(0, 12);
}

export function judgementBasis(framework: Framework): JudgementBasis {
  const scale: Record<string, string> = {};
  for (const level of framework.scale) scale[String(level.value)] = level.label;
  const targets: Record<string, number> = {};
  const criteria: Record<string, string> = {};
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) {
      if (criterion.target !== undefined) targets[criterion.id] = criterion.target;
      criteria[criterion.id] = criterionWording(criterion, standard.id);
    }
  }
  const rag = ragPolicy(framework);
  const judged = {
    target: framework.target,
    scale: framework.scale.map((level) => ({ value: level.value, label: level.label, description: level.description })),
    rag,
    targets,
    criteria,
  };
  return { id: framework.id, version: framework.version, sha256: sha256(canonicalJson(judged)), target: framework.target, scale, rag, targets, criteria };
}

/** The seal over the content digest (and its parts, where recorded), what it was judged against, and who signed when. */
function sealOf(content: string, basis: JudgementBasis, who: { by: string; role: string; date: string }, parts?: ContentParts): string {
  return sha256(canonicalJson({ content, framework: basis, by: who.by, role: who.role, date: who.date, parts }));
}

/** An ISO 8601 date-time in UTC to the second, e.g. 2026-03-31T14:05:09Z. */
export function isoDateTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function signOff(data: unknown, who: { by: string; role: string }, now: Date, framework: Framework): SignOff {
  const date = isoDateTime(now);
  const content = auditDigest(data);
  const basis = judgementBasis(framework);
  const parts = contentParts(data);
  return { by: who.by, role: who.role, date, sha256: sealOf(content, basis, { ...who, date }, parts), content, framework: basis, parts };
}

/** One thing that changed since sign-off, for a person to read. */
export interface SignOffChange {
  part: 'content' | 'framework' | 'signoff';
  message: string;
}

export type Verification =
  | { status: 'unchanged'; signoff: SignOff; sha256: string; covers: Covered[]; changes: [] }
  | { status: 'changed'; signoff: SignOff; sha256: string; covers: Covered[]; changes: SignOffChange[] }
  | { status: 'unsigned'; signoff: null; sha256: string; covers: []; changes: [] };

/** What a sign-off covers: `content` only for sign-offs made before the framework and names were covered. */
export type Covered = 'content' | 'framework' | 'signoff';

/**
 * Whether the audit is as signed off: its content, the framework its ratings were judged
 * against, and the sign-off's own names and date. `sha256` is the seal as it would be now
 * (the content digest, for a sign-off of the older form).
 */
export function verifySignOff(data: unknown, signoff: SignOff | null | undefined, framework: Framework): Verification {
  const content = auditDigest(data);
  if (!signoff) return { status: 'unsigned', signoff: null, sha256: content, covers: [], changes: [] };
  if (!signoff.framework || !signoff.content) {
    // The older form: one digest, of the content.
    const changes: SignOffChange[] = signoff.sha256 === content ? [] : [{ part: 'content', message: "the audit's content changed" }];
    return result(signoff, content, ['content'], changes);
  }
  const basis = judgementBasis(framework);
  const changes: SignOffChange[] = [];
  if (sealOf(signoff.content, signoff.framework, signoff, signoff.parts) !== signoff.sha256) {
    changes.push({ part: 'signoff', message: 'the sign-off record itself was edited (its name, role, date or what it covered)' });
  }
  const parts = signoff.parts ? contentParts(data) : undefined;
  if (content !== signoff.content) {
    const named = signoff.parts && parts ? describeContentChanges(signoff.parts, parts) : [];
    if (!named.length) named.push("the audit's content changed (ratings, evidence, actions, moderation or header)");
    for (const message of named) changes.push({ part: 'content', message });
  }
  for (const message of describeBasisChanges(signoff.framework, basis)) changes.push({ part: 'framework', message });
  return result(signoff, sealOf(content, basis, signoff, parts), ['content', 'framework', 'signoff'], changes);
}

function result(signoff: SignOff, sha256: string, covers: Covered[], changes: SignOffChange[]): Verification {
  return changes.length ? { status: 'changed', signoff, sha256, covers, changes } : { status: 'unchanged', signoff, sha256, covers, changes: [] };
}

/** How many criteria a change names one by one before it counts the rest. */
const LISTED = 8;

/** The differences between what was judged against at sign-off and now, in words. */
export function describeBasisChanges(then: JudgementBasis, now: JudgementBasis): string[] {
  if (then.sha256 === now.sha256 && then.id === now.id) return [];
  const out: string[] = [];
  if (then.id !== now.id) out.push(`the audit is now read against framework ${now.id}, not ${then.id}`);
  if (then.version !== now.version) out.push(`framework edition changed from ${then.version} to ${now.version}`);
  if (then.target !== now.target) out.push(`framework default target changed from ${then.target} to ${now.target}`);
  for (const key of ['highGap', 'bottomIsHigh'] as const) {
    if (then.rag?.[key] !== now.rag[key]) out.push(`framework RAG rule ${key} changed from ${String(then.rag?.[key])} to ${String(now.rag[key])}`);
  }
  const scaleThen = describeScaleRecord(then.scale);
  const scaleNow = describeScaleRecord(now.scale);
  if (scaleThen !== scaleNow) out.push(`framework scale changed from ${scaleThen} to ${scaleNow}`);

  const ids = [...new Set([...Object.keys(then.criteria ?? {}), ...Object.keys(now.criteria)])];
  const targetChanges: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const reworded: string[] = [];
  for (const id of ids) {
    const before = then.criteria?.[id];
    const after = now.criteria[id];
    if (before === undefined) added.push(id);
    else if (after === undefined) removed.push(id);
    else if (before !== after) reworded.push(id);
    if (before === undefined || after === undefined) continue;
    const targetBefore = then.targets?.[id];
    const targetAfter = now.targets[id];
    if (targetBefore !== targetAfter) {
      const words = (own: number | undefined, record: JudgementBasis) => (own === undefined ? `${record.target} (the default)` : String(own));
      targetChanges.push(`framework target of ${id} changed from ${words(targetBefore, then)} to ${words(targetAfter, now)}`);
    }
  }
  out.push(...targetChanges.slice(0, LISTED));
  if (targetChanges.length > LISTED) out.push(`and the framework targets of ${targetChanges.length - LISTED} more criteria`);
  if (reworded.length) out.push(`framework wording of ${listIds(reworded)} changed (statement, guidance or evidence examples)`);
  if (added.length) out.push(`framework criteria added: ${listIds(added)}`);
  if (removed.length) out.push(`framework criteria removed: ${listIds(removed)}`);
  const context = (then.id !== now.id ? 1 : 0) + (then.version !== now.version ? 1 : 0);
  // Only the levels' descriptions are in the digest and not in the record.
  if (then.sha256 !== now.sha256 && out.length === context) out.push("framework descriptions of the rating levels changed");
  return out;
}

function describeScaleRecord(scale: Record<string, string> | undefined): string {
  return Object.entries(scale ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([value, label]) => `${value} ${label}`)
    .join(', ');
}

function listIds(ids: string[]): string {
  return ids.length <= LISTED ? ids.join(', ') : `${ids.slice(0, LISTED).join(', ')} and ${ids.length - LISTED} more`;
}

/** The text a key signs: the seal, with what it is, so a signature cannot be taken for another use. */
function signedText(seal: string): Buffer {
  return Buffer.from(`safeguarding-audit sign-off\n${seal}\n`, 'utf8');
}

/** A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its DER form. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function signSeal(seal: string, privateKey: KeyObject, publicKey: KeyObject): NonNullable<SignOff['signature']> {
  return { algorithm: 'ed25519', key: keyFingerprint(publicKey), value: signBytes(null, signedText(seal), privateKey).toString('base64') };
}

export type { JudgementBasis };

export type SignatureCheck = 'valid' | 'invalid' | 'other-key' | 'absent';

/** Whether the sign-off's signature is by `publicKey` and over its seal. */
export function checkSignature(signoff: SignOff, publicKey: KeyObject): SignatureCheck {
  const signature = signoff.signature;
  if (!signature) return 'absent';
  if (signature.key !== keyFingerprint(publicKey)) return 'other-key';
  try {
    return verifyBytes(null, signedText(signoff.sha256), publicKey, Buffer.from(signature.value, 'base64')) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
