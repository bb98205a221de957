import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAuditRules } from '../../src/core/audit.js';
import { addDays, isIsoDate } from '../../src/core/dates.js';
import { checkFrameworkRules, describeScale, type Framework } from '../../src/core/framework.js';

const base: Framework = {
  id: 'mini',
  title: 'Mini',
  version: '1',
  source: { title: 'Test' },
  scale: [1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, description: 'x' })),
  target: 3,
  standards: [
    { id: 'A', title: 'A', criteria: [{ id: 'A-1', text: 'a' }, { id: 'A-2', text: 'b' }] },
    { id: 'B', title: 'B', criteria: [{ id: 'B-1', text: 'c' }] },
  ],
};

describe('framework rules', () => {
  it('accepts a sound framework', () => {
    expect(checkFrameworkRules(base)).toEqual([]);
  });

  it('refuses duplicate criterion ids across standards, naming both places', () => {
    const fw = structuredClone(base);
    fw.standards[1]!.criteria[0]!.id = 'A-1';
    expect(checkFrameworkRules(fw)).toEqual([
      { path: ['standards', 1, 'criteria', 0, 'id'], message: 'criterion id "A-1" is used twice (also in standard A)' },
    ]);
  });

  it('refuses duplicate standard ids, targets off the scale and a scale that does not ascend', () => {
    const fw = structuredClone(base);
    fw.standards[1]!.id = 'A';
    fw.target = 5;
    fw.standards[0]!.criteria[1]!.target = 0;
    fw.scale[2]!.value = 2;
    const paths = checkFrameworkRules(fw).map((v) => v.path.join('.'));
    expect(paths).toEqual(['scale.2.value', 'target', 'standards.0.criteria.1.target', 'standards.1.id']);
  });

  it('describes consecutive and sparse scales', () => {
    expect(describeScale(base)).toBe('1–4');
    expect(describeScale({ ...base, scale: [0, 2, 5].map((value) => ({ value, label: `${value}`, description: 'x' })) })).toBe('0, 2, 5');
  });
});

describe('audit rules', () => {
  const audit = { framework: 'mini', organisation: 'O', period: '2025' };

  it('refuses unknown criteria (pointing at the key), ratings off the scale and unreal dates', () => {
    const violations = checkAuditRules(
      {
        ...audit,
        target: 9,
        responses: {
          'a-1': { rating: 3 },
          'A-2': { rating: 7 },
          'B-1': { rating: 2, action: { text: 'x', due: '2025-02-29' } },
        },
      },
      base,
    );
    expect(violations).toEqual([
      { path: ['target'], message: 'target 9 is not on the scale of mini (1–4)' },
      { path: ['responses', 'a-1'], atKey: true, message: 'unknown criterion "a-1": mini has no such criterion (did you mean A-1?)' },
      { path: ['responses', 'A-2', 'rating'], message: 'rating 7 for A-2 is not on the scale of mini (1–4)' },
      {
        path: ['responses', 'B-1', 'action', 'due'],
        message: 'due date "2025-02-29" for B-1 is not a real date in the form YYYY-MM-DD',
      },
    ]);
  });

  it('accepts empty responses and null ratings as not assessed', () => {
    expect(checkAuditRules({ ...audit, responses: { 'A-1': null, 'A-2': { rating: null } } }, base)).toEqual([]);
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('31/03/2026')).toBe(false);
  });

  it('agrees with the calendar for every day of a range of years', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(isIsoDate(iso)).toBe(true);
        expect(addDays(iso, 1) > iso).toBe(true);
      }),
    );
  });
});
