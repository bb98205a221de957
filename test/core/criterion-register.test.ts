import { describe, expect, it } from 'vitest';
import { checkRegister, parseRegister, registerLine, statementDigest } from '../../src/core/criterion-register.js';
import { checkFrameworkStrict, namesALocation } from '../../src/core/framework-strict.js';
import type { Framework } from '../../src/core/framework.js';
import { mini } from './mini.js';

const withText = (framework: Framework, version: string, id: string, text: string): Framework => ({
  ...framework,
  version,
  standards: framework.standards.map((s) => ({ ...s, criteria: s.criteria.map((c) => (c.id === id ? { ...c, text } : c)) })),
});

/** The register of mini edition 1 as published. */
const published = mini.standards.flatMap((s) => s.criteria).map((c) => registerLine('mini', c.id, c.text, '1')).join('\n');
const check = (register: string, ...editions: Framework[]) =>
  checkRegister(parseRegister(register).lines, editions.map((framework) => ({ framework, file: `${framework.id}@${framework.version}.yaml` })));

describe('the criterion register', () => {
  it('digests a statement, not its line breaks or spacing', () => {
    expect(statementDigest('Staff are\n  trained.')).toBe(statementDigest(' Staff are trained. '));
    expect(statementDigest('Staff are trained.')).not.toBe(statementDigest('Staff are trained yearly.'));
    expect(statementDigest('x')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('passes editions whose every id keeps the statement it was published with', () => {
    const v2 = { ...mini, version: '2', standards: [...mini.standards, { id: 'NEW', title: 'New', criteria: [{ id: 'N-1', text: 'six' }] }] };
    expect(check(`${published}\n${registerLine('mini', 'N-1', 'six', '2')}`, mini, v2)).toEqual([]);
  });

  it('refuses an id reused for a different statement, and says what to do', () => {
    const faults = check(published, mini, withText(mini, '2', 'W-3', 'Staff are supervised monthly.'));
    expect(faults).toHaveLength(1);
    expect(faults[0]!.edition?.criterion).toBe('W-3');
    expect(faults[0]!.message).toMatch(/^the statement of W-3 \(edition 2\) is not the one published under that id \(register line 5\)\. A new statement needs a new id; a correction of wording that keeps the meaning is an erratum: mini W-3 [0-9a-f]{16} 2 erratum: <reason>$/);
  });

  it('accepts a correction of wording recorded as an erratum with its reason, in every edition that carries it', () => {
    const corrected = withText(mini, '1', 'W-3', 'Staff are supervised (corrected spelling).');
    const register = `${published}\n${registerLine('mini', 'W-3', corrected.standards[1]!.criteria[2]!.text, '1', 'spelling of "supervised" corrected')}`;
    expect(check(register, corrected)).toEqual([]);
    expect(parseRegister('mini W-3 0123456789abcdef 1 erratum:   ').faults[0]!.message).toBe('an erratum needs its reason after "erratum:"');
  });

  it('refuses an unregistered criterion, a second plain line for one id, and a registered id no edition holds', () => {
    const v2 = { ...mini, version: '2', standards: [{ ...mini.standards[0]!, criteria: [{ id: 'L-1', text: 'one' }, { id: 'L-9', text: 'nine' }] }] };
    const faults = check(`${published}\n${registerLine('mini', 'L-1', 'one again', '2')}`, v2);
    expect(faults.map((f) => f.message)).toEqual([
      'L-1 of mini is already registered (line 1); a further line is an erratum and says why: "erratum: <reason>"',
      `L-9 (edition 2) is not in the criterion register; add: ${registerLine('mini', 'L-9', 'nine', '2')}`,
      'edition 1 of mini, which line 1 names, is not in the library',
      'L-2 of mini is in no edition of the library: editions are never removed and ids never renamed',
      'W-1 of mini is in no edition of the library: editions are never removed and ids never renamed',
      'W-2 of mini is in no edition of the library: editions are never removed and ids never renamed',
      'W-3 of mini is in no edition of the library: editions are never removed and ids never renamed',
    ]);
  });

  it('refuses a line that is not one', () => {
    expect(parseRegister('# comment\n\nmini L-1 nothex 1\n').faults).toEqual([
      { line: 3, message: 'expected: <framework> <criterion> <16 hex digits> <edition> [erratum: <reason>]' },
    ]);
  });
});

describe('strict validation', () => {
  it('tells a citation from a title', () => {
    for (const ok of [
      'Working Together 2023, chapter 4, paragraph 12',
      'WT2023 ch.4 para 223',
      's11 guidance 2007, key feature 1 (senior management commitment)',
      'KCSIE 2025 Part 2; Annex C',
      'Laming rec. 13',
      'DPA 2018 Sch.1 para 18',
      'Briefing, section "Accountability"',
      'WT2013 Introduction (effective systems)',
      'SAAF 2024 § 3.2',
    ]) {
      expect(namesALocation(ok), ok).toBe(true);
    }
    for (const bare of ['Working Together 2023', "Laming's 2003 report", 'Briefing, Accountability', 'Laming report, recommendations on referral']) {
      expect(namesALocation(bare), bare).toBe(false);
    }
  });

  it('knows the places health sources number: competency levels and contract service conditions', () => {
    for (const ok of ['ICD 2025, level 3', 'ICD 2025, levels 4 and 5', 'NHS Standard Contract, Service Condition 32', 'NHS Standard Contract SC32']) {
      expect(namesALocation(ok), ok).toBe(true);
    }
    // The words alone, with no number, still name no place.
    for (const bare of ['ICD 2025, senior management and executive level', 'NHS Standard Contract service conditions', 'Level of assurance', 'SC guidance']) {
      expect(namesALocation(bare), bare).toBe(false);
    }
  });

  it('reports a criterion without a reference, a reference naming no place, missing guidance or evidence, and a statement made twice', () => {
    const framework: Framework = {
      ...mini,
      standards: [
        {
          id: 'S',
          title: 'S',
          criteria: [
            { id: 'A-1', text: 'One thing.', guidance: 'g', evidenceExamples: ['e'], reference: 'WT2023 ch.4 para 12' },
            { id: 'A-2', text: 'Two things.', guidance: 'g', evidenceExamples: ['e'] },
            { id: 'A-3', text: 'Three things.', guidance: 'g', evidenceExamples: ['e'], reference: 'Working Together 2023' },
            { id: 'A-4', text: 'one  thing.', reference: 'ch. 1' },
          ],
        },
      ],
    };
    expect(checkFrameworkStrict(framework).map((v) => [v.path.join('.'), v.message])).toEqual([
      ['standards.0.criteria.1.id', 'A-2 has no reference: cite the chapter and paragraph (or section) of the source it comes from'],
      ['standards.0.criteria.2.reference', 'the reference of A-3 ("Working Together 2023") names no chapter, paragraph, section or other place in the source'],
      ['standards.0.criteria.3.id', 'A-4 has no guidance: say what a rating at target looks like and what to check'],
      ['standards.0.criteria.3.id', 'A-4 gives no evidence examples'],
      ['standards.0.criteria.3.text', 'A-4 states word for word what A-1 states'],
    ]);
  });
});
