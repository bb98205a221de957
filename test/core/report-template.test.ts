import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTemplate, GENERAL_PLACEHOLDERS, placeholdersAllowedAt, type ReportTemplate } from '../../src/core/report-template.js';
import { checkPlaceholders, fillPlaceholders, mergeTemplate, parseTextBlocks } from '../../src/core/template-text.js';

const general = placeholdersAllowedAt(['sections', 'purpose', 'text']);

describe('placeholders', () => {
  it('fills names from the values, and {{ }} as literal braces', () => {
    expect(fillPlaceholders('{organisation} reports to {committee} {{not a placeholder}}', { organisation: 'Ceredigion', committee: 'Cabinet' })).toBe(
      'Ceredigion reports to Cabinet {not a placeholder}',
    );
  });

  it('never fills a placeholder inside a value: substitution is one plain pass', () => {
    expect(fillPlaceholders('{organisation}', { organisation: 'Acme {gaps} Council', gaps: '3' })).toBe('Acme {gaps} Council');
  });

  it('names an unknown placeholder, suggesting the likely one, at its place in the string', () => {
    expect(checkPlaceholders('To {organisation} and {orgnisation}.', general)).toEqual([
      { index: 22, token: '{orgnisation}', message: 'unknown placeholder {orgnisation} (did you mean {organisation}?)' },
    ]);
    expect(checkPlaceholders('{Period}', general)[0]!.message).toContain('did you mean {period}?');
    expect(checkPlaceholders('{nonsense}', general)[0]!.message).toMatch(/placeholders here are: \{organisation\} /);
  });

  it('refuses a brace that starts no placeholder, so nothing half-typed reaches Cabinet', () => {
    for (const text of ['{ organisation}', '{organisation', 'cost {£100}', '{}']) {
      expect(checkPlaceholders(text, general), text).toHaveLength(1);
    }
    expect(checkPlaceholders('a } alone and {{ escaped }}', general)).toEqual([]);
  });

  it('allows each string only the placeholders that make sense where it is', () => {
    expect(checkTemplate({ reportTitle: 'Report {period}' })).toEqual([]);
    expect(checkTemplate({ reportTitle: 'Report with {gaps} gaps' })[0]).toMatchObject({ path: ['reportTitle'], token: '{gaps}' });
    expect(checkTemplate({ labels: { pageOf: 'Page {page} of {pages}' } })).toEqual([]);
    expect(checkTemplate({ labels: { contents: 'Contents {page}' } })[0]).toMatchObject({ path: ['labels', 'contents'] });
    expect(checkTemplate({ judgements: { red: '{overallJudgement}' } })).toHaveLength(1);
    expect(checkTemplate({ labels: { priorityRule: 'a gap of {highGap} {priorityRule}' } })).toHaveLength(1);
    expect(checkTemplate({ 'x-note': '{anything}', cover: { rows: [{ label: 'Ward', value: '{nope}' }] } })[0]).toMatchObject({
      path: ['cover', 'rows', 0, 'value'],
    });
  });

  it('fills any text that passes the check without error, for any values', () => {
    const name = fc.constantFrom(...GENERAL_PLACEHOLDERS);
    const piece = fc.oneof(fc.string().map((s) => s.replace(/[{}]/g, '')), name.map((n) => `{${n}}`), fc.constant('{{'), fc.constant('}}'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.string(), (pieces, value) => {
        const text = pieces.join('');
        expect(checkPlaceholders(text, general)).toEqual([]);
        const values = Object.fromEntries(GENERAL_PLACEHOLDERS.map((n) => [n, value]));
        expect(typeof fillPlaceholders(text, values)).toBe('string');
      }),
    );
  });
});

describe('text blocks', () => {
  it('reads paragraphs, bullet points and labelled items, joining wrapped lines', () => {
    expect(
      parseTextBlocks('That {committee}:\n\n(a) notes the findings;\n    and the gaps;\n(b) approves the plan.\n\nA closing paragraph\nover two lines.\n- one\n- two\n'),
    ).toEqual([
      { kind: 'paragraph', text: 'That {committee}:' },
      { kind: 'list', items: [{ label: '(a)', text: 'notes the findings; and the gaps;' }, { label: '(b)', text: 'approves the plan.' }] },
      { kind: 'paragraph', text: 'A closing paragraph over two lines.' },
      { kind: 'list', items: [{ text: 'one' }, { text: 'two' }] },
    ]);
  });

  it('starts a paragraph after a list when a blank line comes between', () => {
    expect(parseTextBlocks('1. first\n\nThen prose.')).toEqual([
      { kind: 'list', items: [{ label: '1.', text: 'first' }] },
      { kind: 'paragraph', text: 'Then prose.' },
    ]);
    expect(parseTextBlocks('')).toEqual([]);
  });
});

describe('mergeTemplate', () => {
  const base = {
    language: 'en-GB',
    committee: 'Cabinet',
    cover: { rows: [{ label: 'Wards affected', value: 'All' }] },
    labels: { contents: 'Contents', rag: { red: 'Red', amber: 'Amber' } },
  } as unknown as ReportTemplate;

  it('lets what a council gives win, keeps the rest, replaces lists whole and ignores x- keys', () => {
    const merged = mergeTemplate(base, {
      committee: 'Y Cabinet',
      cover: { rows: [{ label: 'Ward', value: 'Môn' }] },
      labels: { rag: { red: 'Coch' } },
      ...({ 'x-house-style': 'v2' } as object),
    });
    expect(merged).toEqual({
      language: 'en-GB',
      committee: 'Y Cabinet',
      cover: { rows: [{ label: 'Ward', value: 'Môn' }] },
      labels: { contents: 'Contents', rag: { red: 'Coch', amber: 'Amber' } },
    });
  });
});
