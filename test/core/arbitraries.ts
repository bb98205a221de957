/** fast-check generators of frameworks and audits that satisfy the schema, for property tests. */
import fc from 'fast-check';
import type { Audit } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';

export const frameworkArb: fc.Arbitrary<Framework> = fc
  .record({
    min: fc.integer({ min: 0, max: 2 }),
    levels: fc.integer({ min: 2, max: 6 }),
    shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
    targets: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 30, maxLength: 30 }),
    target: fc.nat(),
    rag: fc.option(fc.record({ highGap: fc.integer({ min: 1, max: 4 }), bottomIsHigh: fc.boolean() }), { nil: undefined }),
  })
  .map(({ min, levels, shape, targets, target, rag }) => {
    const values = Array.from({ length: levels }, (_, i) => min + i);
    const pick = (n: number) => values[n % values.length]!;
    let n = 0;
    return {
      id: 'generated',
      title: 'Generated',
      version: '1',
      source: { title: 'Generated' },
      scale: values.map((value) => ({ value, label: `L${value}`, description: `Level ${value}` })),
      target: pick(target),
      ...(rag ? { rag } : {}),
      standards: shape.map((size, s) => ({
        id: `S${s}`,
        title: `Standard ${s}`,
        criteria: Array.from({ length: size }, () => {
          const t = targets[n % targets.length];
          const id = `C${n++}`;
          return { id, text: `Criterion ${id}`, ...(t !== undefined ? { target: pick(t) } : {}) };
        }),
      })),
    } satisfies Framework;
  });

/** A framework with an audit of it: each criterion rated on the scale, or left unrated. */
export const frameworkWithAuditArb: fc.Arbitrary<{ framework: Framework; audit: Audit }> = frameworkArb.chain((framework) => {
  const ids = framework.standards.flatMap((s) => s.criteria.map((c) => c.id));
  const values = framework.scale.map((l) => l.value);
  return fc
    .record({
      ratings: fc.array(fc.option(fc.constantFrom(...values), { nil: undefined }), { minLength: ids.length, maxLength: ids.length }),
      auditTarget: fc.option(fc.constantFrom(...values), { nil: undefined }),
    })
    .map(({ ratings, auditTarget }) => ({
      framework,
      audit: {
        framework: framework.id,
        organisation: 'Org',
        period: '2025',
        ...(auditTarget !== undefined ? { target: auditTarget } : {}),
        responses: Object.fromEntries(
          ids.flatMap((id, i) => (ratings[i] === undefined ? [] : [[id, { rating: ratings[i] }]])),
        ),
      },
    }));
});
