/**
 * Sign-off of an audit and the digest that shows whether it changed since (`audit sign`,
 * `audit verify`).
 *
 * What is hashed: SHA-256 (hex) of a canonical JSON text of the audit's data as read (every
 * key of the file, the period as text), with the top-level `signoff` removed. Canonical means: object keys sorted (by UTF-16
 * code units, as JavaScript sorts), no white space between tokens, keys whose value is null
 * or an empty mapping left out (YAML's `W-2:` and `W-2: {}` and no `W-2` at all all mean
 * "not assessed"), and trailing white space of text removed (`|` and `|-` block styles give
 * the same evidence). So comments, key order, indentation, quoting and block styles are not
 * changes; any rating, evidence, action, moderation, target or header field is.
 */
import { createHash } from 'node:crypto';
import type { SignOff } from './audit.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value) ?? null);
}

function canonicalise(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.replace(/\s+$/, '');
  if (Array.isArray(value)) return value.map((item) => canonicalise(item) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
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

/** The digest of an audit's content, sign-off excluded. `data` is the audit as read. */
export function auditDigest(data: unknown): string {
  const content = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : data;
  if (content && typeof content === 'object') delete (content as Record<string, unknown>).signoff;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** An ISO 8601 date-time in UTC to the second, e.g. 2026-03-31T14:05:09Z. */
export function isoDateTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function signOff(data: unknown, who: { by: string; role: string }, now: Date): SignOff {
  return { by: who.by, role: who.role, date: isoDateTime(now), sha256: auditDigest(data) };
}

export type Verification =
  | { status: 'unchanged'; signoff: SignOff; sha256: string }
  | { status: 'changed'; signoff: SignOff; sha256: string }
  | { status: 'unsigned'; signoff: null; sha256: string };

/** Whether the audit's content is what was signed off. */
export function verifySignOff(data: unknown, signoff: SignOff | null | undefined): Verification {
  const sha256 = auditDigest(data);
  if (!signoff) return { status: 'unsigned', signoff: null, sha256 };
  return { status: signoff.sha256 === sha256 ? 'unchanged' : 'changed', signoff, sha256 };
}
