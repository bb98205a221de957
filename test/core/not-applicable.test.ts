/**
 * "Not applicable", with a reason, and criteria by kind of organisation: the standing of a
 * criterion, the rules an answer must keep, kinds, carrying forward; and, over any audit, that
 * a criterion not applicable counts in no mean, gap or RAG and that the counts add up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateAudits } from '../../src/core/aggregate.js';
import { checkAuditRules, standingOf, type Audit } from '../../src/core/audit.js';
import { carryForward } from '../../src/core/carry-forward.js';
import { evaluateCheck, FAIL_ON } from '../../src/core/check.js';
import { checkFrameworkRules, type Framework } from '../../src/core/framework.js';
import { analyseGaps } from '../../src/core/gap-analysis.js';
import { findKind, isKindReason, kindReason, notApplicableByKind } from '../../src/core/kinds.js';
import { buildPlan } from '../../src/core/plan.js';
import { notApplicableList } from '../../src/core/report-document.js';
import { judgeRating, planWalk, progressOf, startWalk } from '../../src/core/walk.js';
import { frameworkWithAnswersArb } from './arbitraries.js';
import { auditOf, mini } from './mini.js';

/** The mini framework with three kinds; a voluntary group answers L-1 and W-1 only. */
const withKinds: Framework = {
  ...mini,
  kinds: [
    { id: 'local-authority', label: 'Local authority' },
    { id: 'academy', label: 'Academy or free school', sector: 'education' },
    { id: 'voluntary-community', label: 'Voluntary, community or faith organisation' },
  ],
  standards: [
    { id: 'LEAD', title: 'Leadership', criteria: [{ id: 'L-1', text: 'one' }, { id: 'L-2', text: 'two', target: 4, appliesTo: ['local-authority', 'academy'] }] },
    {
      id: 'WORK',
      title: 'Workforce',
      criteria: [
        { id: 'W-1', text: 'three' },
        { id: 'W-2', text: 'four', appliesTo: ['local-authority', 'academy'] },
        { id: 'W-3', text: 'five', appliesTo: ['local-authority'] },
      ],
    },
  ],
};

describe('the standing of a criterion', () => {
  it('is not applicable, with its reason trimmed, where the organisation says so', () => {
    expect(standingOf({ notApplicable: '  No staff  ' })).toEqual({ status: 'not-applicable', reason: 'No staff' });
    expect(standingOf({ rating: 2 })).toEqual({ status: 'rated', rating: 2 });
    expect(standingOf(null)).toEqual({ status: 'not-assessed' });
  });

  it('is applicable once a panel challenges it: rated by the panel where it rates, else not assessed', () => {
    expect(standingOf({ notApplicable: 'No staff', moderated: { applicable: true, by: 'Panel' } })).toEqual({ status: 'not-assessed' });
    expect(standingOf({ notApplicable: 'No staff', moderated: { applicable: true, rating: 2, by: 'Panel' } })).toEqual({ status: 'rated', rating: 2 });
    // Rated by the organisation since the challenge: the challenge stays on record, the rating counts.
    expect(standingOf({ rating: 3, moderated: { applicable: true, by: 'Panel' } })).toEqual({ status: 'rated', rating: 3 });
  });
});

describe('the rules of an answer', () => {
  const violations = (audit: Audit, framework: Framework = mini) => checkAuditRules(audit, framework).map((v) => [v.path.join('.'), v.message, v.atKey ?? false]);

  it('accepts not applicable with a reason, alone or with evidence, a done action or a panel challenge', () => {
    expect(
      violations(
        auditOf({
          'L-1': { notApplicable: 'No board' },
          'L-2': { notApplicable: 'No board', evidence: 'Constitution', action: { text: 'x', status: 'done' } },
          'W-1': { notApplicable: 'No staff', moderated: { applicable: true, rating: 2, by: 'Panel', note: 'Volunteers are staff' } },
          'W-2': { rating: null, notApplicable: 'No staff' },
        }),
      ),
    ).toEqual([]);
  });

  it('refuses not applicable without a reason, beside a rating, an open action or a panel rating, pointing at the key', () => {
    expect(violations(auditOf({ 'L-1': { notApplicable: '  ' }, 'L-2': { notApplicable: null } }))).toEqual([
      ['responses.L-1.notApplicable', 'notApplicable of L-1 needs the reason the criterion does not apply, e.g. notApplicable: "We employ no staff; volunteers only"', true],
      ['responses.L-2.notApplicable', 'notApplicable of L-2 needs the reason the criterion does not apply, e.g. notApplicable: "We employ no staff; volunteers only"', true],
    ]);
    expect(violations(auditOf({ 'W-1': { rating: 3, notApplicable: 'No staff' } }))).toEqual([
      ['responses.W-1.notApplicable', 'W-1 has both a rating (3) and notApplicable: a criterion is either rated or not applicable; remove one', true],
    ]);
    expect(violations(auditOf({ 'W-1': { notApplicable: 'No staff', action: { text: 'Train', status: 'in-progress' } } }))[0]).toEqual([
      'responses.W-1.action',
      'W-1 is marked not applicable but has an open improvement action: with no gap there is nothing to close; mark the action done or remove it',
      true,
    ]);
    expect(violations(auditOf({ 'W-1': { notApplicable: 'No staff', moderated: { rating: 2, by: 'Panel' } } }))[0]![0]).toBe('responses.W-1.moderated');
  });

  it('refuses a moderation with neither a rating nor a challenge', () => {
    expect(violations(auditOf({ 'W-1': { rating: 2, moderated: { by: 'Panel', note: 'Seen' } } }))).toEqual([
      [
        'responses.W-1.moderated',
        'the moderation of W-1 gives no rating: a panel records its rating, or "applicable: true" to challenge a criterion called not applicable',
        false,
      ],
    ]);
  });

  it('requires an audit’s kind to be one its framework declares', () => {
    expect(violations(auditOf({}, { kind: 'academy' }), withKinds)).toEqual([]);
    expect(violations(auditOf({}, { kind: 'acadmey' }), withKinds)).toEqual([
      ['kind', 'kind: "acadmey" is not a kind of organisation mini declares; its kinds are local-authority, academy, voluntary-community', false],
    ]);
    expect(violations(auditOf({}, { kind: 'Academy' }), withKinds)[0]![1]).toContain('(did you mean academy?)');
    expect(violations(auditOf({}, { kind: 'academy' }))).toEqual([['kind', 'kind: mini declares no kinds of organisation, so an audit of it records none', false]]);
  });
});

describe('kinds in a framework', () => {
  it('accepts kinds and criteria that name them', () => {
    expect(checkFrameworkRules(withKinds)).toEqual([]);
  });

  it('refuses appliesTo naming an undeclared kind or one twice, a kind declared twice, and appliesTo without kinds', () => {
    const fw = structuredClone(withKinds);
    fw.kinds!.push({ id: 'academy', label: 'Again' });
    fw.standards[1]!.criteria[1]!.appliesTo = ['academy', 'police', 'academy'];
    expect(checkFrameworkRules(fw).map((v) => [v.path.join('.'), v.message])).toEqual([
      ['kinds.3.id', 'kind id "academy" is used twice'],
      ['standards.1.criteria.1.appliesTo.1', 'appliesTo of W-2 names "police", which is not a kind the framework declares (local-authority, academy, voluntary-community)'],
      ['standards.1.criteria.1.appliesTo.2', 'appliesTo of W-2 names "academy" twice'],
    ]);
    const { kinds: _kinds, ...without } = withKinds;
    expect(checkFrameworkRules(without).map((v) => v.path.join('.'))).toEqual([
      'standards.0.criteria.1.appliesTo',
      'standards.1.criteria.1.appliesTo',
      'standards.1.criteria.2.appliesTo',
    ]);
  });

  it('gives the criteria a kind does not answer, each with a reason naming the kind', () => {
    const voluntary = findKind(withKinds, 'voluntary-community')!;
    expect(kindReason(voluntary)).toBe('does not apply to voluntary, community or faith organisation');
    expect(kindReason({ id: 'nhs', label: 'NHS trust' })).toBe('does not apply to NHS trust');
    // A kind with its plural is named in the plural; the singular wording of earlier versions is still known as the kind's own.
    const academy = { id: 'academy', label: 'Academy or free school', plural: 'Academies and free schools' };
    expect(kindReason(academy)).toBe('does not apply to academies and free schools');
    expect(isKindReason('does not apply to academy or free school', academy)).toBe(true);
    expect(isKindReason('does not apply to academies and free schools', academy)).toBe(true);
    expect(isKindReason('The academy has no sixth form.', academy)).toBe(false);
    expect([...notApplicableByKind(withKinds, voluntary).keys()]).toEqual(['L-2', 'W-2', 'W-3']);
    expect([...notApplicableByKind(withKinds, findKind(withKinds, 'academy')!).keys()]).toEqual(['W-3']);
    expect(notApplicableByKind(withKinds, findKind(withKinds, 'local-authority')!).size).toBe(0);
  });
});

describe('carrying not applicable forward', () => {
  const voluntary = findKind(withKinds, 'voluntary-community')!;
  const academy = findKind(withKinds, 'academy')!;
  const last = auditOf(
    {
      'L-1': { notApplicable: 'No board', evidence: 'Constitution' },
      'L-2': { notApplicable: kindReason(voluntary) },
      'W-1': { notApplicable: 'No staff', moderated: { applicable: true, rating: 2, by: 'Panel' } },
      'W-2': { rating: 3 },
    },
    { kind: 'voluntary-community', period: '2025-26' },
  );

  it('keeps reasons, keeps a challenged not applicable in the evidence to be rated, and marks what the kind does not answer', () => {
    const carried = carryForward(last, withKinds, {}, { last: voluntary, next: voluntary });
    expect(Object.fromEntries(carried.answers)).toEqual({
      'L-1': { notApplicable: 'No board', evidence: 'Constitution' },
      'L-2': { notApplicable: kindReason(voluntary) },
      // Challenged by the panel: to be rated, the organisation's reason kept in the evidence (trial H #1).
      'W-1': {
        evidence: '[not applicable in 2025-26 (No staff); the partnership panel held that it applies: rate it]',
        previous: { period: '2025-26', rating: null, moderated: 2 },
      },
      // Rated last period, W-2 stays to be rated though the kind does not answer it; W-3 was never answered.
      'W-2': { previous: { period: '2025-26', rating: 3 } },
      'W-3': { notApplicable: kindReason(voluntary) },
    });
    expect(carried.counts).toMatchObject({ notApplicable: 2, notApplicableByKind: 1 });
    expect(carried.challenged).toEqual(['W-1']);
  });

  it('replaces the old kind’s own reasons by the new kind’s when the kind changes', () => {
    const carried = carryForward(last, withKinds, {}, { last: voluntary, next: academy });
    expect(carried.answers.get('L-1')).toEqual({ notApplicable: 'No board', evidence: 'Constitution' });
    expect(carried.answers.has('L-2')).toBe(false); // an academy answers L-2
    expect(carried.answers.get('W-3')).toEqual({ notApplicable: kindReason(academy) });
  });
});

describe('the walk', () => {
  const audit = auditOf({ 'L-1': { rating: 3 }, 'L-2': { notApplicable: 'No board' }, 'W-1': { notApplicable: 'No staff', moderated: { applicable: true, by: 'Panel' } } });

  it('visits what is not answered, and in review what is rated or not applicable', () => {
    expect(planWalk(mini, audit, { mode: 'unrated' })).toEqual(['W-1', 'W-2', 'W-3']);
    expect(planWalk(mini, audit, { mode: 'review' })).toEqual(['L-1', 'L-2']);
    expect(progressOf(mini, audit, startWalk(['W-1']))).toMatchObject({ rated: 1, notApplicable: 1, percentAnswered: 40 });
  });

  it('judges a rating given in place of not applicable as the gap analysis will, once saved', () => {
    expect(judgeRating(mini, audit, 'L-2', 2)).toEqual({ target: 4, gap: 2, priority: 'high' });
  });
});

describe('criteria not applicable in a report', () => {
  const items = [
    { criterion: 'L-2', reason: 'does not apply to police' },
    { criterion: 'W-2', reason: 'No paid\n staff' },
    { criterion: 'A-1', reason: 'does not apply to police' },
  ];
  it('are grouped by reason, and listed without reasons in a public report', () => {
    expect(notApplicableList(items, true)).toBe('L-2, A-1 (does not apply to police); W-2 (No paid staff)');
    expect(notApplicableList(items, false)).toBe('L-2; W-2; A-1');
  });
});

/** The framework and audit without the criteria that are not applicable: what every figure must equal. */
function withoutNotApplicable(framework: Framework, audit: Audit): { framework: Framework; audit: Audit } {
  const out = new Set(Object.keys(audit.responses).filter((id) => standingOf(audit.responses[id]).status === 'not-applicable'));
  return {
    framework: {
      ...framework,
      standards: framework.standards
        .map((s) => ({ ...s, criteria: s.criteria.filter((c) => !out.has(c.id)) }))
        .filter((s) => s.criteria.length > 0),
    },
    audit: { ...audit, responses: Object.fromEntries(Object.entries(audit.responses).filter(([id]) => !out.has(id))) },
  };
}

describe('over any audit', () => {
  it('counts every criterion once: rated + not assessed + not applicable = criteria, overall and by standard', () => {
    fc.assert(
      fc.property(frameworkWithAnswersArb, ({ framework, audit }) => {
        expect(checkAuditRules(audit, framework)).toEqual([]);
        const analysis = analyseGaps(framework, audit);
        for (const s of [analysis.summary, ...analysis.standards]) {
          expect(s.rated + s.notAssessed + s.notApplicable).toBe(s.criteria);
          expect(s.meetingTarget + s.belowTarget).toBe(s.rated);
        }
        expect(analysis.notApplicable.length).toBe(analysis.summary.notApplicable);
        expect(analysis.notAssessed.length).toBe(analysis.summary.notAssessed);
        const statuses = analysis.criteria.map((c) => c.status);
        expect(statuses.filter((s) => s === 'not-applicable').length).toBe(analysis.summary.notApplicable);
        const plan = buildPlan(framework, audit, '2026-01-01');
        expect([plan.summary.notAssessed, plan.summary.notApplicable]).toEqual([analysis.summary.notAssessed, analysis.summary.notApplicable]);
      }),
      { numRuns: 200 },
    );
  });

  it('never counts a criterion not applicable in a mean, a gap, a RAG, the plan or the gate', () => {
    fc.assert(
      fc.property(frameworkWithAnswersArb, ({ framework, audit }) => {
        const reduced = withoutNotApplicable(framework, audit);
        const full = analyseGaps(framework, audit);
        const less = analyseGaps(reduced.framework, reduced.audit);
        const figures = (s: { meanRating: number | null; belowTarget: number; meetingTarget: number; rag: string }) => [s.meanRating, s.belowTarget, s.meetingTarget, s.rag];
        expect(figures(full.summary)).toEqual(figures(less.summary));
        expect(full.gaps).toEqual(less.gaps);
        for (const s of full.standards) {
          const kept = less.standards.find((r) => r.id === s.id);
          if (kept) expect([...figures(s), s.minRating]).toEqual([...figures(kept), kept.minRating]);
          else expect([s.meanRating, s.rag, s.notApplicable]).toEqual([null, 'unrated', s.criteria]);
        }
        expect(buildPlan(framework, audit, '2026-01-01').actions).toEqual(buildPlan(reduced.framework, reduced.audit, '2026-01-01').actions);
        for (const failOn of FAIL_ON) {
          const gate = { failOn, requireComplete: true, minRating: framework.scale[1]!.value };
          expect(evaluateCheck(framework, audit, gate).passed).toBe(evaluateCheck(reduced.framework, reduced.audit, gate).passed);
        }
        const view = aggregateAudits(framework, [{ file: 'a.yaml', audit }]);
        const lessView = aggregateAudits(reduced.framework, [{ file: 'a.yaml', audit: reduced.audit }]);
        expect([view.summary.meanRating, view.summary.rag]).toEqual([lessView.summary.meanRating, lessView.summary.rag]);
        expect(view.notApplicable.map((n) => n.criterion)).toEqual(full.notApplicable.map((n) => n.criterion).sort((a, b) => order(framework, a) - order(framework, b)));
      }),
      { numRuns: 200 },
    );
  });
});

function order(framework: Framework, id: string): number {
  return framework.standards.flatMap((s) => s.criteria.map((c) => c.id)).indexOf(id);
}
