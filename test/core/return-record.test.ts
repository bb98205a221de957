/**
 * What a filled return makes of an audit: the rules audit rate follows (a rating replaces "not
 * applicable" and the reverse, a mark cleared means the criterion applies, a blank keeps), the
 * kind chosen in the workbook, and each conflict of the one rule of answers at its cell.
 */
import { describe, expect, it } from 'vitest';
import type { Audit } from '../../src/core/audit.js';
import type { Framework } from '../../src/core/framework.js';
import { answerDigest, reasonDigest, type ReturnAnswer, type SentField } from '../../src/core/return-form.js';
import { notApplicableForKind, settleReturn, type ReturnContent } from '../../src/core/return-record.js';
import { mini } from './mini.js';

/** The mini framework with kinds: a voluntary group answers L-1 and W-1 alone. */
const KINDS: Framework = {
  ...mini,
  kinds: [
    { id: 'local-authority', label: 'Local authority' },
    { id: 'voluntary-community', label: 'Voluntary, community or faith organisation' },
  ],
  standards: mini.standards.map((s) => ({ ...s, criteria: s.criteria.map((c) => (['L-1', 'W-1'].includes(c.id) ? c : { ...c, appliesTo: ['local-authority'] })) })),
};
const VOLUNTARY = 'does not apply to voluntary, community or faith organisation';
const ROWS: Record<string, number> = { 'L-1': 2, 'L-2': 3, 'W-1': 4, 'W-2': 5, 'W-3': 6 };

/** A return's content: each criterion's row, with the answers given (blank rows for the rest). */
function content(answers: Record<string, Omit<ReturnAnswer, 'criterion' | 'row'>>, extra: Partial<ReturnContent> = {}): ReturnContent {
  return {
    answers: Object.keys(ROWS).map((id) => ({ criterion: id, row: ROWS[id]!, ...answers[id] })),
    kind: undefined,
    sent: { kind: undefined, notApplicable: new Map() },
    ...extra,
  };
}

/** The criteria a return went out marked not applicable, with their reasons. */
const sentAs = (kind: string | undefined, reasons: Record<string, string>) => ({ kind, notApplicable: new Map(Object.entries(reasons).map(([id, r]) => [id, reasonDigest(r)])) });

const into = (responses: Audit['responses'], kind?: string) => ({ responses, ...(kind ? { kind } : {}) });

describe('a return read as a new audit', () => {
  it('gives ratings and not-applicable answers with their reasons; a blank row is not assessed', () => {
    const settled = settleReturn(KINDS, content({ 'L-1': { rating: 3, evidence: 'E' }, 'L-2': { notApplicable: 'We have no board', action: { text: 'Old', status: 'done' } } }));
    expect(settled.faults).toEqual([]);
    expect(settled.responses).toEqual({ 'L-1': { rating: 3, evidence: 'E' }, 'L-2': { notApplicable: 'We have no board', action: { text: 'Old', status: 'done' } }, 'W-1': null, 'W-2': null, 'W-3': null });
  });

  it('refuses, each at its cell and in the words of the workbook, what the rule of answers refuses', () => {
    const settled = settleReturn(
      KINDS,
      content({
        'L-1': { notApplicable: '' },
        'L-2': { rating: 2, notApplicable: 'Stale reason' },
        'W-1': { notApplicable: 'No staff', action: { text: 'Recruit', status: 'in-progress' } },
        'W-2': { action: { owner: 'Chair' } },
      }),
    );
    expect(settled.faults).toEqual([
      { where: 'Return!K2', message: 'L-1 is marked Not applicable but gives no reason: write here why it does not apply to your organisation' },
      {
        where: 'Return!K3',
        message: 'L-2 is rated 2 – L2 and also given a reason it does not apply: a criterion is either rated or not applicable, so clear this cell, or choose Not applicable as its rating',
      },
      { where: 'Return!J4', message: 'W-1 is marked Not applicable but its improvement action is in progress: with no gap there is nothing to close, so set its Status to Done, or rate the criterion' },
      { where: 'Return!G5', message: 'an owner, due date or status is given for W-2 but no action: write the action itself here' },
    ]);
  });
});

describe('a return recorded into an audit, by the rules of audit rate', () => {
  it('a rating replaces "not applicable", and "not applicable" replaces a rating', () => {
    const audit = into({ 'L-1': { notApplicable: 'We thought so' }, 'L-2': { rating: 2, evidence: 'Kept' } });
    const settled = settleReturn(KINDS, content({ 'L-1': { rating: 4 }, 'L-2': { notApplicable: 'No board after all' } }), audit);
    expect(settled.faults).toEqual([]);
    expect(settled.changes).toEqual(new Map([['L-1', { rating: 4, notApplicable: null }], ['L-2', { rating: null, notApplicable: 'No board after all' }]]));
    expect(settled.responses['L-2']).toEqual({ notApplicable: 'No board after all', evidence: 'Kept' });
    expect(settled.kept).toEqual([{ criterion: 'L-2', field: 'evidence', where: 'Return!F3', why: 'blank' }]);
  });

  it('a criterion sent marked not applicable and sent back with the mark cleared applies; one never sent so keeps its answer', () => {
    const audit = into({ 'L-2': { notApplicable: VOLUNTARY }, 'W-2': { notApplicable: 'No paid staff' } }, 'voluntary-community');
    const sent = sentAs('voluntary-community', { 'L-2': VOLUNTARY });
    const settled = settleReturn(KINDS, content({}, { sent, kind: 'voluntary-community' }), audit);
    expect(settled.changes).toEqual(new Map([['L-2', { notApplicable: null }]]));
    expect(settled.nowApplicable).toEqual(['L-2']);
    expect(settled.responses['W-2']).toEqual({ notApplicable: 'No paid staff' });
    expect(settled.kept.map((k) => `${k.criterion} ${k.field} ${k.why}`)).toEqual(['W-2 rating blank']);
  });

  it('a rating chosen beside the reason the row went out with replaces it; beside a reason the agency wrote, it is refused', () => {
    const audit = into({ 'L-2': { notApplicable: VOLUNTARY }, 'W-2': { notApplicable: 'No paid staff' } }, 'voluntary-community');
    const sent = sentAs('voluntary-community', { 'L-2': VOLUNTARY, 'W-2': 'No paid staff' });
    const settled = settleReturn(KINDS, content({ 'L-2': { rating: 3, notApplicable: VOLUNTARY }, 'W-2': { rating: 2, notApplicable: 'No paid staff, but volunteers' } }, { sent }), audit);
    expect(settled.faults.map((f) => f.where)).toEqual(['Return!K5']);
    expect(settled.responses['L-2']).toEqual({ rating: 3 });
    expect(settled.changes.get('L-2')).toEqual({ rating: 3, notApplicable: null });
  });

  it('changes nothing for a reason that differs only in the white space at its ends', () => {
    const audit = into({ 'L-2': { notApplicable: 'Two lines,\nthe second here\n' } });
    const settled = settleReturn(KINDS, content({ 'L-2': { notApplicable: 'Two lines,\nthe second here' } }, { sent: sentAs(undefined, { 'L-2': 'Two lines,\nthe second here\n' }) }), audit);
    expect(settled.changes.size).toBe(0);
  });

  it('refuses "not applicable" beside an open action the audit holds, or a panel\'s rating; takes it where a panel challenged it', () => {
    const audit = into({
      'L-1': { rating: 2, action: { text: 'Fix it', status: 'open' } },
      'L-2': { rating: 3, moderated: { rating: 2, by: 'Panel' } },
      'W-1': { notApplicable: 'No staff', moderated: { applicable: true, by: 'Panel' } },
    });
    const settled = settleReturn(KINDS, content({ 'L-1': { notApplicable: 'No lead' }, 'L-2': { notApplicable: 'No board' }, 'W-1': { notApplicable: 'Still no staff' } }), audit);
    expect(settled.faults.map((f) => f.where)).toEqual(['Return!J2', 'Return!E3']);
    expect(settled.faults[1]!.message).toBe('L-2 cannot be marked Not applicable: a moderation panel has rated it 2, and its rating stands until the panel withdraws it');
    // Its Status set to Done, the action no longer stands in the way.
    const done = settleReturn(KINDS, content({ 'L-1': { notApplicable: 'No lead', action: { status: 'done' } } }), audit);
    expect(done.faults).toEqual([]);
    expect(done.changes.get('L-1')).toEqual({ rating: null, notApplicable: 'No lead', action: { status: 'done' } });
  });
});

describe('the kind chosen in the workbook', () => {
  it('unchanged from the kind sent, it changes no row', () => {
    const settled = settleReturn(KINDS, content({}, { kind: 'voluntary-community', sent: sentAs('voluntary-community', {}) }));
    expect(settled.byKind).toEqual([]);
    expect(settled.kind).toBe('voluntary-community');
  });

  it('chosen in a return sent without one, marks the blank rows of criteria it does not answer, as audit new --kind would', () => {
    const audit = into({ 'W-2': { rating: 2 }, 'W-3': { evidence: 'Some', action: { text: 'Supervise', status: 'open' } } });
    const settled = settleReturn(KINDS, content({ 'L-2': { rating: 3 } }, { kind: 'voluntary-community' }), audit);
    expect(settled.faults).toEqual([]);
    // L-2 the agency rated, W-2 the audit rated, W-3 has an open action: none is left to mark.
    expect(settled.byKind).toEqual([]);
    expect(settled.kind).toBe('voluntary-community');
    const fresh = settleReturn(KINDS, content({ 'L-2': { rating: 3 } }, { kind: 'voluntary-community' }));
    expect(fresh.byKind).toEqual(['W-2', 'W-3']);
    expect(fresh.responses['W-2']).toEqual({ notApplicable: VOLUNTARY });
    expect(fresh.responses['L-2']).toEqual({ rating: 3 });
  });

  it('changed from the kind sent, reads the old kind\'s own reasons again for the new one', () => {
    const sent = sentAs('voluntary-community', { 'L-2': VOLUNTARY, 'W-2': 'Our own reason', 'W-3': VOLUNTARY });
    const settled = settleReturn(KINDS, content({ 'L-2': { notApplicable: VOLUNTARY }, 'W-2': { notApplicable: 'Our own reason' }, 'W-3': { notApplicable: VOLUNTARY } }, { kind: 'local-authority', sent }));
    expect(settled.faults).toEqual([]);
    // Every criterion applies to a local authority: the old kind's marks go, the organisation's own reason stays.
    expect(settled.responses).toMatchObject({ 'L-2': null, 'W-2': { notApplicable: 'Our own reason' }, 'W-3': null });
  });
});

describe('a return going out for a kind', () => {
  it('marks the criteria the kind does not answer unless the audit answers them, a panel holds they apply, or an action is open', () => {
    const marked = notApplicableForKind(KINDS, 'voluntary-community', {
      'L-2': { rating: 2 },
      'W-2': { notApplicable: 'Own reason', moderated: { applicable: true, by: 'Panel' } },
      'W-3': { evidence: 'Notes', action: { text: 'Do', status: 'done' } },
    });
    expect(marked).toEqual({
      'L-2': { rating: 2 },
      'W-2': { notApplicable: 'Own reason', moderated: { applicable: true, by: 'Panel' } },
      'W-3': { evidence: 'Notes', action: { text: 'Do', status: 'done' }, notApplicable: VOLUNTARY },
    });
  });
});

describe('a pre-filled return recorded into the audit it went out from (trial C, finding 2)', () => {
  /** What the return went out with: the audit's answers, each cell's digest, as audit export records them. */
  const sentFrom = (responses: Audit['responses']) =>
    new Map(
      Object.entries(responses).map(([id, r]) => [
        id,
        new Map(
          (
            [
              ['rating', typeof r?.rating === 'number' ? String(r.rating) : undefined],
              ['evidence', r?.evidence],
              ['action', r?.action?.text],
              ['owner', r?.action?.owner],
              ['due', r?.action?.due],
              ['status', r?.action?.status],
            ] as [SentField, string | undefined | null][]
          ).flatMap(([field, value]) => (value ? [[field, answerDigest(value)] as [SentField, string]] : [])),
        ),
      ]),
    );
  const AUDIT: Audit['responses'] = {
    'L-1': { rating: 3, evidence: 'Named a child, Amy', action: { text: 'Review', owner: 'Head', due: '2027-03-31', status: 'open' } },
    'L-2': { rating: 2, evidence: 'Minutes' },
    'W-1': { rating: 1, evidence: 'Old text' },
  };
  const sent = { kind: undefined, notApplicable: new Map<string, string | undefined>(), answers: sentFrom(AUDIT) };
  /** The rows as they went out, with the agency's edits over them. */
  const returned = (edits: Record<string, Omit<ReturnAnswer, 'criterion' | 'row'>>) =>
    content(
      Object.fromEntries(
        Object.keys(ROWS).map((id) => {
          const r = AUDIT[id];
          const out = r ? { rating: r.rating ?? undefined, evidence: r.evidence ?? undefined, ...(r.action ? { action: { ...r.action } } : {}) } : {};
          return [id, { ...out, ...edits[id] }];
        }),
      ) as Record<string, Omit<ReturnAnswer, 'criterion' | 'row'>>,
      { sent },
    );

  it('a cleared cell removes the answer; cells left as sent change nothing; the whole action goes when all its cells are cleared', () => {
    const edits = { 'L-1': { rating: 4, evidence: undefined, action: undefined }, 'L-2': { rating: undefined } };
    const settled = settleReturn(mini, returned(edits), into(AUDIT));
    expect(settled.faults).toEqual([]);
    expect(settled.changes).toEqual(new Map<string, unknown>([['L-1', { rating: 4, evidence: null, action: null }], ['L-2', { rating: null }]]));
    expect(settled.responses['L-1']).toEqual({ rating: 4 });
    expect(settled.responses['L-2']).toEqual({ evidence: 'Minutes' });
    expect(settled.removed.map((r) => `${r.criterion} ${r.field} ${r.where}`)).toEqual([
      'L-1 evidence Return!F2',
      'L-1 action Return!G2',
      'L-1 owner Return!H2',
      'L-1 due Return!I2',
      'L-1 status Return!J2',
      'L-2 rating Return!E3',
    ]);
    expect(settled.kept).toEqual([]);
  });

  it('an action cleared but its owner left is refused at the Action cell; the owner cleared alone is removed alone', () => {
    const refused = settleReturn(mini, returned({ 'L-1': { action: { owner: 'Head', due: '2027-03-31', status: 'open' } } }), into(AUDIT));
    expect(refused.faults).toEqual([{ where: 'Return!G2', message: 'the action of L-1 was cleared, but not its owner, due date or status: clear those too to remove the action, or write the action here' }]);
    const owner = settleReturn(mini, returned({ 'L-1': { action: { text: 'Review', due: '2027-03-31', status: 'open' } } }), into(AUDIT));
    expect(owner.changes).toEqual(new Map([['L-1', { action: { owner: null } }]]));
  });

  it('an answer changed in the audit since the return went out is kept, and named, whether the agency cleared or changed its cell', () => {
    const now = { ...AUDIT, 'L-1': { ...AUDIT['L-1'], evidence: 'Rewritten by the business unit' }, 'W-1': { rating: 1, evidence: 'Newer text' } };
    const settled = settleReturn(mini, returned({ 'L-1': { evidence: undefined }, 'W-1': { evidence: 'The agency wrote this' } }), into(now));
    expect(settled.changes).toEqual(new Map());
    expect(settled.kept).toEqual([
      { criterion: 'L-1', field: 'evidence', where: 'Return!F2', why: 'changed', cleared: true },
      { criterion: 'W-1', field: 'evidence', where: 'Return!F4', why: 'changed' },
    ]);
    // A cell left as sent never takes the audit back to what was sent.
    expect(settleReturn(mini, returned({}), into(now)).changes).toEqual(new Map());
  });

  it('a new audit from the same return takes every cell as it stands', () => {
    const settled = settleReturn(mini, returned({ 'L-2': { rating: undefined } }));
    expect(settled.responses['L-1']).toEqual(AUDIT['L-1']);
    expect(settled.responses['L-2']).toEqual({ evidence: 'Minutes' });
  });
});
