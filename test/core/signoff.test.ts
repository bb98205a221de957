import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDigest, canonicalJson, isoDateTime, signOff, verifySignOff } from '../../src/core/signoff.js';

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
  it('records who, when to the second, and the digest; verifies it', () => {
    const signoff = signOff(data, { by: 'Jane Smith', role: 'DCS' }, new Date('2026-03-31T14:05:09.123Z'));
    expect(signoff).toEqual({ by: 'Jane Smith', role: 'DCS', date: '2026-03-31T14:05:09Z', sha256: auditDigest(data) });
    expect(verifySignOff({ ...data, signoff }, signoff).status).toBe('unchanged');
    expect(verifySignOff({ ...data, assessor: 'Someone else', signoff }, signoff).status).toBe('changed');
    expect(verifySignOff(data, undefined)).toEqual({ status: 'unsigned', signoff: null, sha256: auditDigest(data) });
    expect(isoDateTime(new Date(0))).toBe('1970-01-01T00:00:00Z');
  });
});
