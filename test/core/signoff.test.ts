import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import type { Framework } from '../../src/core/framework.js';
import { auditDigest, canonicalJson, checkSignature, isoDateTime, keyFingerprint, signOff, signSeal, verifySignOff } from '../../src/core/signoff.js';
import { mini } from './mini.js';

const data = {
  framework: 'mini',
  organisation: 'Org',
  period: '2025-26',
  responses: { 'L-1': { rating: 3, evidence: 'Minutes\n' }, 'L-2': null, 'W-1': {} },
};

describe('canonical JSON and the audit digest', () => {
  it('sorts keys, drops empty values and trailing white space of text', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: 'x  \n', e: {} } })).toBe('{"a":{"c":"x"},"b":1}');
  });

  it('ignores layout and the sign-off itself, and sees any change of content', () => {
    const digest = auditDigest(data);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { responses: { 'W-1': null, 'L-1': { evidence: 'Minutes', rating: 3 } }, period: '2025-26', organisation: 'Org', framework: 'mini' };
    expect(auditDigest(reordered)).toBe(digest);
    expect(auditDigest({ ...data, signoff: { by: 'A', role: 'B', date: 'x', sha256: digest } })).toBe(digest);
    expect(auditDigest({ ...data, responses: { ...data.responses, 'L-1': { rating: 2, evidence: 'Minutes' } } })).not.toBe(digest);
    expect(auditDigest({ ...data, responses: { ...data.responses, 'L-2': { moderated: { rating: 1, by: 'Panel' } } } })).not.toBe(digest);
  });

  it('gives different content different digests', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        if (canonicalJson({ x: a }) !== canonicalJson({ x: b })) expect(auditDigest({ x: a })).not.toBe(auditDigest({ x: b }));
        expect(auditDigest({ x: a })).toBe(auditDigest(JSON.parse(JSON.stringify({ x: a }))));
      }),
    );
  });
});

describe('sign-off', () => {
  const when = new Date('2026-03-31T14:05:09.123Z');
  const who = { by: 'Jane Smith', role: 'DCS' };

  it('records who, when to the second, the content digest and what it was judged against; verifies it', () => {
    const signoff = signOff(data, who, when, mini);
    expect(signoff).toMatchObject({ by: 'Jane Smith', role: 'DCS', date: '2026-03-31T14:05:09Z', content: auditDigest(data) });
    expect(signoff.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(signoff.framework).toMatchObject({ id: 'mini', version: '1', target: 3, targets: { 'L-2': 4 }, rag: { highGap: 2, bottomIsHigh: true } });
    expect(Object.keys(signoff.framework!.criteria)).toEqual(['L-1', 'L-2', 'W-1', 'W-2', 'W-3']);
    expect(verifySignOff({ ...data, signoff }, signoff, mini).status).toBe('unchanged');
    expect(verifySignOff({ ...data, assessor: 'Someone else', signoff }, signoff, mini)).toMatchObject({ status: 'changed', changes: [{ part: 'content' }] });
    expect(verifySignOff(data, undefined, mini)).toMatchObject({ status: 'unsigned', signoff: null, sha256: auditDigest(data) });
    expect(isoDateTime(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });

  it("names what changed in the framework the ratings were judged against", () => {
    const signoff = signOff(data, who, when, mini);
    const lowered: Framework = { ...mini, standards: [mini.standards[0]!, { ...mini.standards[1]!, criteria: [{ id: 'W-1', text: 'three' }, { id: 'W-2', text: 'four', target: 2 }, { id: 'W-3', text: 'five, reworded' }] }] };
    const result = verifySignOff(data, signoff, lowered);
    expect(result.status).toBe('changed');
    expect(result.changes.map((c) => c.message)).toEqual(['framework target of W-2 changed from 3 (the default) to 2', 'framework wording of W-3 changed (statement, guidance or evidence examples)']);
    const rag = verifySignOff(data, signoff, { ...mini, rag: { highGap: 3 }, target: 2 });
    expect(rag.changes.map((c) => c.message)).toEqual(['framework default target changed from 3 to 2', 'framework RAG rule highGap changed from 2 to 3']);
    const describedOnly = verifySignOff(data, signoff, { ...mini, scale: mini.scale.map((l) => ({ ...l, description: `${l.description}!` })) });
    expect(describedOnly.changes.map((c) => c.message)).toEqual(['framework descriptions of the rating levels changed']);
    // A new title, description or reference bears on no rating.
    expect(verifySignOff(data, signoff, { ...mini, title: 'Renamed', description: 'New words', standards: mini.standards.map((s) => ({ ...s, criteria: s.criteria.map((c) => ({ ...c, reference: 'ch. 4' })) })) }).status).toBe('unchanged');
  });

  it('covers its own name, role and date', () => {
    const signoff = signOff(data, who, when, mini);
    for (const edit of [{ by: 'Someone Else' }, { role: 'Chief Executive' }, { date: '2027-01-01T00:00:00Z' }]) {
      const edited = { ...signoff, ...edit };
      expect(verifySignOff(data, edited, mini).changes.map((c) => c.part)).toEqual(['signoff']);
    }
  });

  it('still checks a sign-off of the older form, which covers the content only', () => {
    const old = { by: 'A', role: 'B', date: '2025-01-01T00:00:00Z', sha256: auditDigest(data) };
    expect(verifySignOff(data, old, mini)).toMatchObject({ status: 'unchanged', covers: ['content'] });
    expect(verifySignOff({ ...data, period: '2026-27' }, old, mini)).toMatchObject({ status: 'changed', covers: ['content'] });
  });

  it('counts a __proto__ key like any other', () => {
    const withProto = JSON.parse('{"x-a": {"__proto__": {"evil": 1}, "b": 2}}') as unknown;
    const without = JSON.parse('{"x-a": {"b": 2}}') as unknown;
    expect(canonicalJson(withProto)).toBe('{"x-a":{"__proto__":{"evil":1},"b":2}}');
    expect(auditDigest(withProto)).not.toBe(auditDigest(without));
  });

  it('signs with an Ed25519 key, and knows a signature by another key or of another seal', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const signoff = signOff(data, who, when, mini);
    const signed = { ...signoff, signature: signSeal(signoff.sha256, privateKey, publicKey) };
    expect(signed.signature.key).toBe(keyFingerprint(publicKey));
    expect(checkSignature(signed, publicKey)).toBe('valid');
    expect(checkSignature(signed, other.publicKey)).toBe('other-key');
    expect(checkSignature({ ...signed, sha256: 'f'.repeat(64) }, publicKey)).toBe('invalid');
    expect(checkSignature(signoff, publicKey)).toBe('absent');
  });
});
