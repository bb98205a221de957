import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { interpretAudit, loadAudit, readAudit, type FrameworkCache } from '../../src/io/audit-file.js';
import { YamlSource } from '../../src/io/yaml-source.js';
import { fixture, workspace } from '../helpers/cli.js';

const VALID = fixture('mini-audit.yaml');
/** With a kind, not-applicable answers (one in a block scalar, one quoted) and a panel's challenge. */
const WITH_KINDS = fixture('kinds-audit.yaml');

/** A valid audit with a few characters cut and others inserted somewhere. */
const corruption = (valid: string) => fc.tuple(
  fc.nat({ max: valid.length }),
  fc.nat({ max: 20 }),
  fc.string({ unit: fc.constantFrom(':', '-', ' ', '\n', '{', '[', ']', '}', ',', '&a', '*a', '!t', '"', "'", '#', '|', '>', 'x', '7', '\t', '?', '%', '\\'), maxLength: 8 }),
);

describe('readAudit over many files', () => {
  it.each([
    ['mini-audit.yaml', VALID, 400],
    ['kinds-audit.yaml', WITH_KINDS, 200],
  ])('reads exactly the audits the strict loader reads, with the same data and the same first fault (%s)', async (_name, valid, numRuns) => {
    // The fast YAML reader may accept some malformed YAML the strict one refuses (a tab before
    // a comment inside a block scalar, a comment touching a quoted value); the schema and rules
    // after it must still send every such file the strict way.
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'kinds-framework.yaml': fixture('kinds-framework.yaml') });
    const file = join(dir, 'audit.yaml');
    const frameworks: FrameworkCache = new Map();
    await fc.assert(
      fc.asyncProperty(corruption(valid), async ([at, cut, insert]) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + cut);
        writeFileSync(file, text);
        const outcome = async (load: () => Promise<{ audit: unknown }>) => load().then((l) => ({ audit: l.audit }), (err: unknown) => ({ err }));
        const strict = await outcome(async () => interpretAudit(YamlSource.parse(file, text)));
        const read = await outcome(() => readAudit(file, process.env, { frameworks }));
        if ('audit' in strict) expect(read).toEqual(strict);
        else {
          const describe = (e: unknown) => (e instanceof InputError ? e.describe() : String(e));
          expect('err' in read && describe(read.err), text).toBe(describe(strict.err));
        }
      }),
      { numRuns },
    );
  });

  it('reads kinds, not-applicable answers and challenges alike by either path', async () => {
    const dir = workspace({ 'kinds-framework.yaml': fixture('kinds-framework.yaml'), 'audit.yaml': WITH_KINDS });
    const file = join(dir, 'audit.yaml');
    const fast = await readAudit(file);
    expect(fast.audit).toEqual((await loadAudit(file)).audit);
    expect(fast.audit.kind).toBe('voluntary-community');
    expect(fast.audit.responses['W-2']).toEqual({ notApplicable: 'We employ no paid staff: volunteers only' });
    expect(fast.audit.responses['A-1']?.notApplicable).toBe('Allegations are handled by the county Scout office,\nwhich refers them to the LADO.\n');
    expect(fast.audit.responses['W-3']?.moderated).toEqual({ applicable: true, note: 'Volunteer leaders need supervision too', by: 'Partnership panel', date: '2026-05-12' });
  });

  it('loads a framework once for many audits of it', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'a.yaml': VALID, 'b.yaml': VALID });
    const frameworks: FrameworkCache = new Map();
    const a = await readAudit(join(dir, 'a.yaml'), process.env, { frameworks });
    const b = await readAudit(join(dir, 'b.yaml'), process.env, { frameworks });
    expect(frameworks.size).toBe(1);
    expect(a.framework).toBe(b.framework);
  });

  it('sets aside answers to criteria an older edition had, only when asked and only for another edition', async () => {
    const old = VALID.replace('period: 2025-26', 'frameworkVersion: "0"\nperiod: 2025-26').replace('  W-2:\n', '  X-9:\n    rating: 2\n  W-2:\n');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'old.yaml': old, 'typo.yaml': old.replace('"0"', '"1"') });
    const read = await readAudit(join(dir, 'old.yaml'), process.env, { allowRetiredCriteria: true });
    expect(read.retired).toEqual({ 'X-9': { rating: 2 } });
    expect(read.audit.responses).not.toHaveProperty('X-9');
    // Read for anything else, an edition that is not available is refused.
    await expect(loadAudit(join(dir, 'old.yaml'))).rejects.toThrow('this audit was made against edition 0 of mini, which is not available');
    // Made against the edition read: an unknown id is a mistake, not a retired criterion.
    await expect(readAudit(join(dir, 'typo.yaml'), process.env, { allowRetiredCriteria: true })).rejects.toThrow('unknown criterion "X-9"');
  });
});
