/** fast-check generators of frameworks and audits that satisfy the schema, for property tests. */
import fc from 'fast-check';
import type { Audit, Response } from '../../src/core/audit.js';
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
      audit: generatedAudit(
        framework,
        auditTarget,
        Object.fromEntries(ids.flatMap((id, i) => (ratings[i] === undefined ? [] : [[id, { rating: ratings[i] }]]))),
      ),
    }));
});

/** An audit of a generated framework with these responses and, where given, its own target. */
function generatedAudit(framework: Framework, auditTarget: number | undefined, responses: Audit['responses']): Audit {
  return { framework: framework.id, organisation: 'Org', period: '2025', ...(auditTarget !== undefined ? { target: auditTarget } : {}), responses };
}

/** One criterion's answer: a rating, not applicable (with a reason), or none. */
export type AnswerShape =
  | { kind: 'rated'; rating: number }
  | { kind: 'not-applicable'; reason: string }
  | { kind: 'none' };

/**
 * A framework with an audit whose answers may be ratings, not-applicable answers with reasons,
 * or nothing, some moderated by a panel: a rating, or a challenge of a not-applicable with or
 * without the panel's own rating. Every audit satisfies the file's rules (checkAuditRules).
 */
export const frameworkWithAnswersArb: fc.Arbitrary<{ framework: Framework; audit: Audit }> = frameworkArb.chain((framework) => {
  const ids = framework.standards.flatMap((s) => s.criteria.map((c) => c.id));
  const values = framework.scale.map((l) => l.value);
  const answer = fc.oneof(
    fc.constantFrom(...values).map((rating): AnswerShape => ({ kind: 'rated', rating })),
    fc.constantFrom('We employ no staff', 'No premises', ' Volunteers only ').map((reason): AnswerShape => ({ kind: 'not-applicable', reason })),
    fc.constant<AnswerShape>({ kind: 'none' }),
  );
  const moderation = fc.option(fc.option(fc.constantFrom(...values), { nil: undefined }), { nil: null });
  return fc
    .record({
      answers: fc.array(fc.tuple(answer, moderation), { minLength: ids.length, maxLength: ids.length }),
      auditTarget: fc.option(fc.constantFrom(...values), { nil: undefined }),
    })
    .map(({ answers, auditTarget }) => ({
      framework,
      audit: generatedAudit(
        framework,
        auditTarget,
        Object.fromEntries(
          ids.flatMap((id, i) => {
            const [shape, panel] = answers[i]!;
            const response: Response = {};
            if (shape.kind === 'rated') response.rating = shape.rating;
            if (shape.kind === 'not-applicable') response.notApplicable = shape.reason;
            // null: no moderation; undefined: a challenge (of a not-applicable) or a moderation without a rating, made valid below.
            if (panel !== null) {
              if (shape.kind === 'not-applicable') response.moderated = { applicable: true, by: 'Panel', ...(panel !== undefined ? { rating: panel } : {}) };
              else if (panel !== undefined) response.moderated = { rating: panel, by: 'Panel' };
            }
            return Object.keys(response).length ? [[id, response]] : [];
          }),
        ),
      ),
    }));
});
