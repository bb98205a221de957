/**
 * The return's round trip as a property: any audit, exported to a workbook and read back, gives
 * the same ratings, evidence (line breaks and all), actions, owners, due dates and statuses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION_STATUSES, type Audit, type Response } from '../../src/core/audit.js';
import { buildReturnForm, responsesFromAnswers } from '../../src/core/return-form.js';
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
  .map((text) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim())
  .filter((text) => text.length > 0);

const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const caseArb = frameworkArb.chain((framework) => {
  const ids = framework.standards.flatMap((s) => s.criteria.map((c) => c.id));
  const values = framework.scale.map((l) => l.value);
  const responseArb: fc.Arbitrary<Response | null> = fc.option(
    fc.record(
      {
        rating: fc.constantFrom(...values),
        evidence: textArb,
        action: fc.record(
          { text: textArb, owner: textArb.map((t) => t.replace(/\s*\n\s*/g, ' ')), due: dateArb, status: fc.constantFrom(...ACTION_STATUSES) },
          { requiredKeys: ['text'] },
        ),
      },
      { requiredKeys: [] },
    ),
    { nil: null },
  );
  return fc.record({ framework: fc.constant(framework), responses: fc.tuple(...ids.map(() => responseArb)).map((rs) => Object.fromEntries(ids.map((id, i) => [id, rs[i]!]))) });
});

describe('the return workbook round trip', () => {
  it('reads back every answer exported, and SheetJS reads the same workbook', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ framework, responses }) => {
        const audit: Audit = { framework: framework.id, organisation: 'Org & Co <Ltd>', period: '2025-26', responses };
        const form = buildReturnForm(framework, { organisation: audit.organisation, period: audit.period, createdBy: 'test', created: '2026-01-01' }, responses);
        const file = join(dir, `r${n++}.xlsx`);
        writeFileSync(file, await renderReturnWorkbook(form, { created: new Date(0), creator: 'test' }));

        const read = await readReturn(file, {}, { framework: { framework, file: join(dir, 'framework.yaml'), bundled: false } });
        expect(read.metadata).toMatchObject({ framework: framework.id, organisation: 'Org & Co <Ltd>', period: '2025-26' });
        const back = responsesFromAnswers(framework, read.answers);
        for (const id of Object.keys(responses)) expect(back[id] ?? null, id).toEqual(normalised(responses[id]!));

        // The second reader sees the same questions and answers.
        const rows = readWithSheetJS(file).rows('Return');
        expect(rows.slice(1).map((r) => r[1])).toEqual(Object.keys(responses));
        for (const row of rows.slice(1)) expect(row[5] ?? null).toEqual(responses[row[1] as string]?.evidence ?? null);
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
