/**
 * The wording machinery a committee report's sentences go through: counts that read as English
 * (or Welsh) for none, one and many; recommendations punctuated as the items made ask; the
 * committee named with its article; wording chosen by the law at the meeting's date.
 */
import { describe, expect, it } from 'vitest';
import { committeeWithArticle, listItemEnding } from '../../src/core/report-sections.js';
import { checkPlaceholders, fillPlaceholders, wordingAt } from '../../src/core/template-text.js';

const allowed = new Set(['overdue', 'standards', 'redStandards', 'body']);

describe('plurals in template text', () => {
  const text = 'agree {overdue, plural, =0 {nothing} one {a new date for the action that is past its due date} other {new dates for the {overdue} actions that are past their due date}}.';

  it('chooses the form for the count: exact number, then the language’s category, then other', () => {
    expect(fillPlaceholders(text, { overdue: '0' })).toBe('agree nothing.');
    expect(fillPlaceholders(text, { overdue: '1' })).toBe('agree a new date for the action that is past its due date.');
    expect(fillPlaceholders(text, { overdue: '7' })).toBe('agree new dates for the 7 actions that are past their due date.');
    // Welsh has forms for two, few and many: a Welsh template can use them.
    const welsh = '{overdue, plural, one {un cam} two {dau gam} few {tri cham} many {chwe cham} other {{overdue} o gamau}}';
    expect(['1', '2', '3', '6', '9'].map((n) => fillPlaceholders(welsh, { overdue: n }, 'cy'))).toEqual(['un cam', 'dau gam', 'tri cham', 'chwe cham', '9 o gamau']);
  });

  it('nests, and a form may start with a placeholder without reading as a literal brace', () => {
    const nested = '{redStandards, plural, one {{standards, plural, one {the one standard has} other {1 of {standards} standards has}}} other {{redStandards} of {standards} standards have}}';
    expect(fillPlaceholders(nested, { redStandards: '1', standards: '1' })).toBe('the one standard has');
    expect(fillPlaceholders(nested, { redStandards: '1', standards: '5' })).toBe('1 of 5 standards has');
    expect(fillPlaceholders(nested, { redStandards: '3', standards: '5' })).toBe('3 of 5 standards have');
    // Outside a plural, {{ is still a literal brace.
    expect(fillPlaceholders('{{body}} {body}', { body: 'the council' })).toBe('{body} the council');
  });

  it('finds faults inside the forms, at their place, and a plural without its other form', () => {
    expect(checkPlaceholders(text, allowed)).toEqual([]);
    const typo = '{overdue, plural, one {x} other {{overdu} y}}';
    expect(checkPlaceholders(typo, allowed)).toEqual([expect.objectContaining({ index: typo.indexOf('{overdu}'), message: expect.stringContaining('did you mean {overdue}') })]);
    expect(checkPlaceholders('{overdue, plural, one {x}}', allowed)[0]!.message).toContain('"other {…}"');
    expect(checkPlaceholders('{overdue, plural, one {x} other {y}', allowed)[0]!.message).toMatch(/forms such as|closing/);
    expect(checkPlaceholders('{nope, plural, one {x} other {y}}', allowed)[0]!.message).toContain('unknown placeholder {nope}');
  });
});

describe('lettered recommendations', () => {
  it('end in ";" within the list and "." at its end, whatever the template wrote', () => {
    expect(listItemEnding('asks the agencies to sign off;', true)).toBe('asks the agencies to sign off.');
    expect(listItemEnding('notes the findings.', false)).toBe('notes the findings;');
    expect(listItemEnding('notes the findings; and', false)).toBe('notes the findings;');
    expect(listItemEnding('approves the plan at section 5', false)).toBe('approves the plan at section 5;');
    expect(listItemEnding('approves the plan (section 5)', true)).toBe('approves the plan (section 5).');
    expect(listItemEnding('asks: “why?”', true)).toBe('asks: “why?”');
  });
});

describe('the committee after "That"', () => {
  const the = (name: string) => `the ${name}`;
  it('gives the article except to names that take none, and never a second one', () => {
    expect(committeeWithArticle('Cabinet', ['Cabinet', 'Council'], the)).toBe('Cabinet');
    expect(committeeWithArticle('Governing board', ['Cabinet'], the)).toBe('the Governing board');
    expect(committeeWithArticle('Board of trustees', undefined, the)).toBe('the Board of trustees');
    expect(committeeWithArticle('The Safeguarding Board', [], the)).toBe('the Safeguarding Board');
    expect(committeeWithArticle('the Chief Officer Group', [], the)).toBe('the Chief Officer Group');
  });
});

describe('wording by the law at the meeting', () => {
  const section = {
    heading: 'Equalities',
    text: 'Equality Act 2010',
    earlier: [
      { before: '2011-04-05', text: 'race, disability and gender duties' },
      { before: '2006-12-04', text: 'race equality duty' },
    ],
  };
  it('takes the earliest wording whose date is after the meeting, else the section’s own', () => {
    expect(wordingAt(section, '2004-07-20').text).toBe('race equality duty');
    expect(wordingAt(section, '2008-01-01').text).toBe('race, disability and gender duties');
    expect(wordingAt(section, '2011-04-05').text).toBe('Equality Act 2010');
    expect(wordingAt(section, '2004-07-20').heading).toBe('Equalities');
  });
});
