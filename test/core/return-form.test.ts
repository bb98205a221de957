import { describe, expect, it } from 'vitest';
import { buildReturnForm, parseDueCell, parseRatingCell, parseStatusCell, readReturnAnswers, RETURN_COLUMNS, RETURN_HEADERS } from '../../src/core/return-form.js';
import type { CellValue } from '../../src/core/sheet-cells.js';
import type { Framework } from '../../src/core/framework.js';
import { mini } from './mini.js';

/** The mini framework with the labels of the fixture file, which read like a real scale. */
const MINI: Framework = { ...mini, scale: ['Not met', 'Partly met', 'Met', 'Evidenced'].map((label, i) => ({ value: i + 1, label, description: label })) };

const text = (t: string): CellValue => ({ kind: 'text', text: t });

describe('reading a rating as an agency gives it', () => {
  it.each([
    [{ kind: 'number', value: 3 } as CellValue, 3],
    [text('3'), 3],
    [text('3 – Met'), 3],
    [text('3 - met'), 3],
    [text(' 3—Met '), 3],
    [text('Partly met'), 2],
    [text('EVIDENCED'), 4],
  ])('%o is %d', (cell, rating) => expect(parseRatingCell(cell, MINI)).toBe(rating));

  it.each([
    [{ kind: 'number', value: 5 } as CellValue, 'rating 5 is not on the scale 1–4'],
    [{ kind: 'number', value: 2.5 } as CellValue, 'rating 2.5 is not on the scale 1–4: a rating is one whole level, so choose from the list (1 – Not met, 2 – Partly met, 3 – Met, 4 – Evidenced, or Not applicable)'],
    [text('3.5'), 'rating "3.5" is not on the scale 1–4: a rating is one whole level, so choose from the list (1 – Not met, 2 – Partly met, 3 – Met, 4 – Evidenced, or Not applicable)'],
    [text('3 – Evidenced'), 'rating "3 – Evidenced" gives level 3 the label of level 4 (4 – Evidenced): level 3 is 3 – Met'],
    [text('3 – Good'), 'rating "3 – Good": level 3 of the scale is called "Met", not "Good"; choose from the list (1 – Not met, 2 – Partly met, 3 – Met, 4 – Evidenced, or Not applicable)'],
    [text('Good'), 'rating "Good" is not on the scale 1–4: choose from the list (1 – Not met, 2 – Partly met, 3 – Met, 4 – Evidenced, or Not applicable)'],
    [{ kind: 'date', date: '2026-01-01' } as CellValue, 'the rating is a date, not a level of the scale 1–4'],
  ])('%o is refused', (cell, message) => expect(parseRatingCell(cell, MINI)).toEqual({ fault: message }));

  // A RAG scale, as kcsie-2025's: schools write the colour alone.
  const RAG: Framework = { ...mini, scale: ['Red (not in place)', 'Amber (partly in place)', 'Green (fully in place)'].map((label, i) => ({ value: i + 1, label, description: label })) };
  it.each([
    ['Green', 3],
    ['amber', 2],
    ['RED', 1],
    ['3 – Green', 3],
    ['3 - green', 3],
    ['Green (fully in place)', 3],
    ['green: fully in place', 3],
    ['2 Amber', 2],
    ['1 – Red (not in place)', 1],
  ])('%s on a RAG scale is %d', (typed, rating) => expect(parseRatingCell(text(typed), RAG)).toBe(rating));

  it('refuses a RAG word given to another level, and words naming two levels, saying which', () => {
    expect(parseRatingCell(text('3 – Red'), RAG)).toEqual({ fault: 'rating "3 – Red" gives level 3 the label of level 1 (1 – Red (not in place)): level 3 is 3 – Green (fully in place)' });
    const twoMet: Framework = { ...mini, scale: ['Not met', 'Met in part', 'Met in full'].map((label, i) => ({ value: i + 1, label, description: label })) };
    expect(parseRatingCell(text('Met'), twoMet)).toEqual({ fault: 'rating "Met" could be any of 2 – Met in part, 3 – Met in full: give the number, or more of the label' });
    expect(parseRatingCell(text('Gr'), RAG)).toMatchObject({ fault: expect.stringMatching(/^rating "Gr" is not on the scale/) });
  });

  it('reads a RAG letter only where the scale leaves it one meaning', () => {
    expect(['G', 'a', ' r '].map((typed) => parseRatingCell(text(typed), RAG))).toEqual([3, 2, 1]);
    const assured = { ...RAG, scale: [...RAG.scale, { value: 4, label: 'Assured', description: 'Assured.' }] };
    expect(parseRatingCell(text('A'), assured)).toMatchObject({ fault: expect.stringMatching(/^rating "A" is not on the scale .*R, G for short\)$/) });
    expect(parseRatingCell(text('G'), MINI)).toMatchObject({ fault: expect.not.stringContaining('for short') });
  });

  it.each(['Not applicable', 'not applicable', 'N/A', 'n/a', 'NA', 'Does not apply'])('%s is not applicable', (typed) => expect(parseRatingCell(text(typed), MINI)).toBe('not-applicable'));
});

describe('reading a due date', () => {
  it.each([
    [{ kind: 'date', date: '2027-03-31' } as CellValue, '2027-03-31'],
    [text('31/03/2027'), '2027-03-31'],
    [text('1/4/27'), '2027-04-01'],
    [text('31.03.2027'), '2027-03-31'],
    [text('2027-03-31'), '2027-03-31'],
    [text('31 March 2027'), '2027-03-31'],
    [text('1st Sept 2027'), '2027-09-01'],
    [{ kind: 'number', value: 46477 } as CellValue, '2027-03-31'],
  ])('%o is %s', (cell, date) => expect(parseDueCell(cell)).toEqual({ date }));

  it.each([text('31/02/2027'), text('03/31/2027'), text('next year'), text('31 Marchember 2027'), { kind: 'number', value: 2027 } as CellValue])('%o is not a date', (cell) =>
    expect(parseDueCell(cell).fault).toMatch(/^due date .* is not a date: give one such as 31\/03\/2027$/),
  );

  it.each([
    // Quoted as the agency typed it, or as Excel shows the date.
    [{ kind: 'date', date: '2300-12-25' } as CellValue, '25/12/2300'],
    [text('01/01/1850'), '"01/01/1850"'],
    [text('2999-01-01'), '"2999-01-01"'],
  ])('%o is refused as no plausible due date', (cell, shown) =>
    expect(parseDueCell(cell).fault).toBe(`due date ${shown} is not a plausible date for an action (before 1900 or after 2199): give one such as 31/03/2027`),
  );
});

describe('reading a status', () => {
  it.each([
    ['Open', 'open'],
    ['in progress', 'in-progress'],
    ['In-Progress', 'in-progress'],
    ['DONE', 'done'],
    ['Complete', 'done'],
    ['completed', 'done'],
    ['Closed', 'done'],
    ['Ongoing', 'in-progress'],
    ['Under way', 'in-progress'],
    ['Underway', 'in-progress'],
    ['Not started', 'open'],
    ['To do', 'open'],
    ['to-do', 'open'],
  ])('%s is %s', (typed, status) => expect(parseStatusCell(text(typed))).toEqual({ status }));
  it('refuses any other word, quoting it safely', () => {
    expect(parseStatusCell(text('Started\u001b[31m')).fault).toBe(
      'status "Started�[31m" is not one of Open (or Not started, To do), In progress (or Ongoing, Underway), Done (or Complete, Completed, Closed)',
    );
  });
});

describe('the Return sheet', () => {
  const sheet = (rows: (CellValue | undefined)[][]) =>
    new Map(rows.map((cells, r) => [r + 1, new Map(cells.flatMap((c, i) => (c ? [[i + 1, c] as const] : [])))]));
  const header = RETURN_COLUMNS.map((h) => text(h));
  // The question cells as the export writes them: the framework's words (other text is noted).
  const row = (id: string, rating?: CellValue) => {
    const standard = MINI.standards.find((s) => s.criteria.some((c) => c.id === id))!;
    return [text(standard.title), text(id), text(standard.criteria.find((c) => c.id === id)!.text), undefined, rating];
  };

  it('matches rows to criteria by id, in any order, and skips blank rows', () => {
    const reading = readReturnAnswers(MINI, sheet([header, row('W-3'), row('L-1', text('2')), [], row('L-2'), row('W-1'), row('W-2')]));
    expect(reading.faults).toEqual([]);
    expect(reading.answers.find((a) => a.criterion === 'L-1')).toEqual({ criterion: 'L-1', row: 3, rating: 2 });
  });

  it('stops at a header that moved: the columns can no longer be told apart', () => {
    const moved = [...header];
    moved.splice(4, 0, text('Score'));
    const reading = readReturnAnswers(MINI, sheet([moved, row('L-1')]));
    expect(reading.faults[0]).toEqual({ where: 'Return!E1', message: 'the header should read "Rating", not "Score" (were columns moved, inserted or deleted?)' });
    expect(reading.answers).toEqual([]);
  });

  it('notes text typed into a question cell, but not a framework worded otherwise since the return went out', () => {
    const ids = ['L-1', 'L-2', 'W-1', 'W-2', 'W-3'];
    const typed = readReturnAnswers(MINI, sheet([header, ...ids.map((id) => (id === 'W-1' ? [text('Workforce'), text(id), text('Our caveat'), undefined] : row(id)))]));
    expect(typed.notes).toEqual(["the question cell Return!C4 holds text other than the framework's, which is not part of the return and was not read (a comment on a criterion belongs in its Evidence)"]);
    // Every statement reworded: the framework's wording changed, which its fingerprint allows.
    const reworded = readReturnAnswers(MINI, sheet([header, ...ids.map((id) => { const r = row(id); r[2] = text(`Earlier wording of ${id}`); return r; })]));
    expect(reworded.notes).toEqual([]);
  });

  it('notes a column the agency added rather than losing it silently', () => {
    const reading = readReturnAnswers(MINI, sheet([[...header, text('Notes')], ...['L-1', 'L-2', 'W-1', 'W-2', 'W-3'].map((id) => [...row(id), undefined, undefined, undefined, undefined, undefined, undefined, text('x')])]));
    expect(reading.notes).toEqual(['column Return!L is not part of the return and was not read']);
  });

  it('reads a return of layout 1, made before "Not applicable" had its column: ten columns, and the eleventh an added one', () => {
    const old = RETURN_HEADERS.map((h) => text(h));
    const rows = ['L-1', 'L-2', 'W-1', 'W-2', 'W-3'].map((id) => row(id, text('2')));
    const reading = readReturnAnswers(MINI, sheet([[...old, text('Notes')], [...rows[0]!, undefined, undefined, undefined, undefined, undefined, text('x')], ...rows.slice(1)]), 1);
    expect(reading.faults).toEqual([]);
    expect(reading.notes).toEqual(['column Return!K is not part of the return and was not read']);
    const marked = readReturnAnswers(MINI, sheet([old, row('L-1', text('Not applicable')), ...rows.slice(1)]), 1);
    expect(marked.faults).toEqual([
      {
        where: 'Return!E2',
        message: 'L-1 is marked not applicable, but this return (layout 1, from an earlier version of audit) has no column for the reason: leave the rating blank and record it with audit rate --not-applicable, or send a new return',
      },
    ]);
  });

  it('reads "Not applicable" with its reason, keeps a reason beside a rating for the rules to refuse, and refuses a reason without the mark', () => {
    const withReason = (id: string, rating: CellValue | undefined, reason: string) => [...row(id, rating), undefined, undefined, undefined, undefined, undefined, text(reason)];
    const reading = readReturnAnswers(
      MINI,
      sheet([header, withReason('L-1', text('Not applicable'), '  We have no board\nVolunteers only '), row('L-2', text('N/A')), withReason('W-1', text('3'), 'Stale'), withReason('W-2', undefined, 'Forgot the mark'), row('W-3')]),
    );
    expect(reading.answers.find((a) => a.criterion === 'L-1')).toEqual({ criterion: 'L-1', row: 2, notApplicable: 'We have no board\nVolunteers only' });
    expect(reading.answers.find((a) => a.criterion === 'L-2')).toEqual({ criterion: 'L-2', row: 3, notApplicable: '' });
    expect(reading.answers.find((a) => a.criterion === 'W-1')).toEqual({ criterion: 'W-1', row: 4, rating: 3, notApplicable: 'Stale' });
    expect(reading.faults).toEqual([
      { where: 'Return!K5', message: 'a reason W-2 does not apply is given, but its rating is not "Not applicable": choose Not applicable as its rating, or clear this cell if it applies' },
    ]);
    expect([...reading.faultyRows]).toEqual([5]);
  });
});

describe('the form', () => {
  it('shows each level as number and label, and pre-fills the answers given', () => {
    const form = buildReturnForm(MINI, { organisation: 'Org', period: '2025', createdBy: 't', created: '2026-01-01' }, {
      'L-2': { rating: 2, evidence: 'E', action: { text: 'A', owner: 'O', due: '2026-10-31', status: 'in-progress' } },
    });
    expect(form.scale.map((l) => l.choice)).toEqual(['1 – Not met', '2 – Partly met', '3 – Met', '4 – Evidenced']);
    expect(form.rows.find((r) => r.criterion === 'L-2')).toMatchObject({ rating: '2 – Partly met', evidence: 'E', action: 'A', owner: 'O', due: '2026-10-31', status: 'In progress' });
    expect(form.metadata.slice(0, 4)).toEqual([['format', 'safeguarding-audit return'], ['formatVersion', '2'], ['framework', 'mini'], ['frameworkVersion', '1']]);
  });
});
