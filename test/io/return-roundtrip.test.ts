/**
 * The return's round trip as a property: any audit, exported to a workbook and read back, gives
 * the same ratings, evidence (line breaks and all), actions, owners, due dates and statuses, the
 * same not-applicable answers with their reasons, and the same kind of organisation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION_STATUSES, type Audit, type Response } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';
import { kindReason } from '../../src/core/kinds.js';
import { buildReturnForm, NOT_APPLICABLE_CHOICE } from '../../src/core/return-form.js';
import { readReturn } from '../../src/io/return-file.js';
import { renderReturnWorkbook } from '../../src/render/xlsx/return.js';
import { frameworkArb } from '../core/arbitraries.js';
import { readWithSheetJS } from '../helpers/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'audit-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text as people write it: any letters, punctuation that means something to XML or Excel, line breaks. */
const textArb = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      fc.constantFrom('\n', '\n\n', '  ', '&', '<b>', '"', "'", '=SUM(A1)', '+44', '-', '@x', '_x0041_', 'ŵ', 'é', '£', '’', '😀', 'שלום', '\t'),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  // A note is its words: white space at its ends, and control characters, are not content.
  // eslint-disable-next-line no-control-regex
  .map((text) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u0085]/g, '').trim())
  .filter((text) => text.length > 0);

const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const KINDS = [
  { id: 'local-authority', label: 'Local authority' },
  { id: 'voluntary-community', label: 'Voluntary, community and faith organisation' },
];

/** A generated framework, half the time with kinds of organisation and criteria that only some answer. */
const frameworkWithKindsArb: fc.Arbitrary<Framework> = frameworkArb.chain((framework) =>
  fc.option(fc.array(fc.constantFrom<string[] | undefined>(undefined, ['local-authority'], ['voluntary-community']), { minLength: 30, maxLength: 30 }), { nil: null }).map((applies) => {
    if (!applies) return framework;
    let n = 0;
    const standards = framework.standards.map((s) => ({
      ...s,
      criteria: s.criteria.map((c) => {
        const appliesTo = applies[n++ % applies.length];
        return appliesTo ? { ...c, appliesTo } : c;
      }),
    }));
    return { ...framework, kinds: KINDS, standards };
  }),
);

const caseArb = frameworkWithKindsArb.chain((framework) => {
  const ids = framework.standards.flatMap((s) => s.criteria.map((c) => c.id));
  const values = framework.scale.map((l) => l.value);
  const actionArb = (statuses: readonly (typeof ACTION_STATUSES)[number][]) =>
    fc.record({ text: textArb, owner: textArb.map((t) => t.replace(/\s*\n\s*/g, ' ')), due: dateArb, status: fc.constantFrom(...statuses) }, { requiredKeys: ['text', 'status'] });
  const kindArb = framework.kinds ? fc.option(fc.constantFrom(...framework.kinds), { nil: undefined }) : fc.constant(undefined);
  const rated = fc.record({ rating: fc.constantFrom(...values), evidence: textArb, action: actionArb(ACTION_STATUSES) }, { requiredKeys: [] });
  return kindArb.chain((kind) => {
    // Not applicable with the organisation's own reason, or (with a kind) the reason audit new --kind writes; a done action may stay.
    const reasonArb = kind ? fc.oneof(textArb, fc.constant(kindReason(kind))) : textArb;
    const notApplicable = fc.record({ notApplicable: reasonArb, evidence: textArb, action: actionArb(['done']) }, { requiredKeys: ['notApplicable'] });
    const responseArb: fc.Arbitrary<Response | null> = fc.option(fc.oneof(rated, notApplicable), { nil: null });
    return fc.record({
      framework: fc.constant(framework),
      kind: fc.constant(kind),
      responses: fc.tuple(...ids.map(() => responseArb)).map((rs) => Object.fromEntries(ids.map((id, i) => [id, rs[i]!]))),
    });
  });
});

describe('the return workbook round trip', () => {
  it('reads back every answer exported, and SheetJS reads the same workbook', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ framework, kind, responses }) => {
        const audit: Audit = { framework: framework.id, organisation: 'Org & Co <Ltd>', period: '2025-26', responses };
        const details = { organisation: audit.organisation, ...(kind ? { kind } : {}), period: audit.period, createdBy: 'test', created: '2026-01-01' };
        const form = buildReturnForm(framework, details, responses);
        const file = join(dir, `r${n++}.xlsx`);
        writeFileSync(file, await renderReturnWorkbook(form, { created: new Date(0), creator: 'test' }));

        const read = await readReturn(file, {}, { framework: { framework, file: join(dir, 'framework.yaml'), bundled: false } });
        expect(read.metadata).toMatchObject({ framework: framework.id, organisation: 'Org & Co <Ltd>', period: '2025-26' });
        expect(read.settled.kind).toBe(kind?.id);
        const back = read.settled.responses;
        for (const id of Object.keys(responses)) expect(back[id] ?? null, id).toEqual(normalised(responses[id]!));

        // The second reader sees the same questions and answers.
        const book = readWithSheetJS(file);
        const rows = book.rows('Return');
        expect(rows.slice(1).map((r) => r[1])).toEqual(Object.keys(responses));
        for (const row of rows.slice(1)) {
          const response = responses[row[1] as string];
          expect(row[5] ?? null).toEqual(response?.evidence ?? null);
          expect(row[10] ?? null).toEqual(response?.notApplicable ?? null);
          if (response?.notApplicable) expect(row[4]).toBe(NOT_APPLICABLE_CHOICE);
        }
        expect(book.cell('Instructions', 'B9')?.v).toBe(kind?.label);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

/** What the return can hold of a response: all but an empty shell. */
function normalised(response: Response | null): Response | null {
  if (!response || Object.keys(response).length === 0) return null;
  return response;
}
