import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { interpretAudit, serialiseAudit } from '../../src/io/audit-file.js';
import { patchResponse } from '../../src/io/audit-document.js';
import { YamlSource } from '../../src/io/yaml-source.js';
import { FIXTURES, fixture } from '../helpers/cli.js';

const FILE = join(FIXTURES, 'mini-audit.yaml');
const VALID = fixture('mini-audit.yaml');

async function load(text: string) {
  return interpretAudit(YamlSource.parse(FILE, text));
}

describe('loading an audit', () => {
  it('reads the fixture with its framework', async () => {
    const loaded = await load(VALID);
    expect(loaded.audit.period).toBe('2025-26');
    expect(loaded.audit.responses['L-1']?.evidence).toBe('Named in the constitution, 2024.\nConfirmed at Cabinet.\n');
    expect(loaded.framework.framework.id).toBe('mini');
  });

  it('reports faults at their line and column', async () => {
    const bad = VALID.replace('rating: 1', 'rating: 9');
    const err = await load(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe()).toBe(`${FILE}:23:13: rating 9 for W-1 is not on the scale of mini (1–4)`);
  });

  it('turns any corruption of a valid file into an InputError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: VALID.length }),
        fc.nat({ max: 20 }),
        fc.string({ unit: fc.constantFrom(':', '-', ' ', '\n', '{', '[', '&a', '*a', '!t', '"', "'", '#', '|', '>', 'x', '7', '\t') , maxLength: 8 }),
        async (at, cut, insert) => {
          const text = VALID.slice(0, at) + insert + VALID.slice(at + cut);
          try {
            await load(text);
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as InputError).position?.file).toBe(FILE);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary text without crashing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          YamlSource.parse(FILE, text).toData();
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('rewriting an audit', () => {
  it('writes back an untouched file byte for byte', async () => {
    expect(serialiseAudit((await load(VALID)).source)).toBe(VALID);
  });

  it('changes only what was patched, keeping comments and order', async () => {
    const loaded = await load(VALID);
    patchResponse(loaded.source, loaded.framework.framework, 'W-2', {
      rating: 2,
      evidence: 'DBS checks sampled:\n19 of 20 complete',
      action: { text: 'Chase the missing check', owner: 'HR lead', due: '2026-01-31' },
    });
    patchResponse(loaded.source, loaded.framework.framework, 'W-3', { rating: 3 });
    patchResponse(loaded.source, loaded.framework.framework, 'L-2', { action: { status: 'in-progress' } });
    const text = serialiseAudit(loaded.source);
    expect(text).toBe(
      VALID.replace('      status: open', '      status: in-progress').replace(
        '  W-2:\n',
        [
          '  W-2:',
          '    rating: 2',
          '    evidence: |-',
          '      DBS checks sampled:',
          '      19 of 20 complete',
          '    action:',
          '      text: Chase the missing check',
          '      owner: HR lead',
          '      due: 2026-01-31',
          '  W-3:',
          '    rating: 3',
          '',
        ].join('\n'),
      ),
    );
  });

  it('keeps a four-space file four-space', async () => {
    const fourSpace = VALID.replace(/^( +)/gm, (m) => ' '.repeat(m.length * 2));
    const loaded = await load(fourSpace);
    patchResponse(loaded.source, loaded.framework.framework, 'W-3', { rating: 4 });
    expect(serialiseAudit(loaded.source)).toBe(`${fourSpace}    W-3:\n        rating: 4\n`);
  });
});

describe('rewriting under any sequence of edits', () => {
  const ids = ['L-1', 'L-2', 'W-1', 'W-2', 'W-3'];
  const textArb = fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', ':', '#', "'", '"', '-', '\n', 'é', '£', 'ŵ', '{', '|', '>', '*', '&', '!', '%', '@', '`'),
    minLength: 1,
    maxLength: 30,
  }).filter((t) => t.trim().length > 0);
  const patchArb = fc.record(
    {
      id: fc.constantFrom(...ids),
      rating: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      evidence: fc.option(textArb, { nil: null }),
      action: fc.option(fc.record({ text: textArb, owner: textArb, due: fc.constant('2026-03-31'), status: fc.constantFrom('open' as const, 'done' as const) }, { requiredKeys: ['text'] }), { nil: null }),
    },
    { requiredKeys: ['id'] },
  );

  it('gives the data of the edits and keeps every comment, in CRLF and LF files alike', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(patchArb, { minLength: 1, maxLength: 6 }), fc.boolean(), async (patches, crlf) => {
        let text = crlf ? VALID.replace(/\n/g, '\r\n') : VALID;
        const expected = structuredClone((await load(VALID)).audit.responses) as Record<string, Record<string, unknown> | null>;
        for (const { id, ...patch } of patches) {
          const loaded = await load(text);
          patchResponse(loaded.source, loaded.framework.framework, id, patch);
          text = serialiseAudit(loaded.source);
          const entry = (expected[id] ??= {});
          if (patch.rating !== undefined) patch.rating === null ? delete entry.rating : (entry.rating = patch.rating);
          if (patch.evidence !== undefined) patch.evidence === null ? delete entry.evidence : (entry.evidence = patch.evidence);
          if (patch.action === null) delete entry.action;
          else if (patch.action) entry.action = { ...(entry.action as object), ...patch.action };
        }
        const reloaded = await load(text);
        const clean = (r: Record<string, unknown> | null) => (r && Object.keys(r).length ? r : null);
        for (const id of ids) {
          expect(clean((reloaded.audit.responses[id] ?? null) as Record<string, unknown> | null)).toEqual(clean(expected[id] ?? null));
        }
        // Untouched text is kept exactly, not merely re-serialised to the same data.
        if (!patches.some((p) => p.id === 'L-2' && p.rating !== undefined)) expect(text).toContain('rating: 2   # report late this year');
        const comments = VALID.split('\n').filter((line) => line.trim().startsWith('#'));
        const after = text.split(/\r?\n/);
        let at = 0;
        for (const line of after) if (line === comments[at]) at++;
        expect(at).toBe(comments.length);
        expect(text.includes('\r\n')).toBe(crlf);
        if (crlf) expect(text.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 150 },
    );
  });
});
