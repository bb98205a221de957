/**
 * What a careful editor checks in a framework beyond its validity (`audit standards validate
 * --strict`): every criterion traced to the place in its source that it comes from, with the
 * guidance and evidence examples that make it answerable, and no statement made twice.
 */
import type { Framework } from './framework.js';
import type { Violation } from './violation.js';

/**
 * A reference names a place in its source: a chapter, paragraph, section, part, annex,
 * recommendation… followed by its number, letter or quoted name ("Part 2", "para 4.1",
 * "Annex C", "section \"Governance\""), a § or ¶ with a number, or a named front part
 * (introduction, foreword, glossary). Health sources number other places: the Intercollegiate
 * Document's competency levels ("level 3") and the NHS Standard Contract's service conditions
 * ("Service Condition 32", "SC32"). A heuristic: it tells a title alone from a citation.
 */
const LOCATOR_WORD =
  /(?<![\p{L}\p{N}'’])(?:chapters?|ch|paragraphs?|paras?|sections?|ss?|parts?|annex(?:es)?|appendix|appendices|schedules?|sch|key features?|recommendations?|recs?|regulations?|regs?|articles?|art|standards?|principles?|tables?|box|pages?|pp?|clauses?|steps?|questions?|q|modules?|figures?|fig|criteri(?:on|a)|outcomes?|domains?|themes?|levels?|conditions?|sc)(?![\p{L}])/giu;
/** What must follow a locator word (case-sensitive: "Part A", not "part a"). */
const LOCATOR_NUMBER = /^(?:\.?\s*\d|\.?\s+(?:[IVXLC]+|[A-Z])(?![\p{L}])|\.?\s*["“‘'])/u;
const SYMBOL_OR_FRONT_PART = /[§¶]\s*\d|(?<![\p{L}])(?:introduction|foreword|preface|glossary|executive summary)(?![\p{L}])/iu;

export function namesALocation(reference: string): boolean {
  if (SYMBOL_OR_FRONT_PART.test(reference)) return true;
  for (const match of reference.matchAll(LOCATOR_WORD)) {
    if (LOCATOR_NUMBER.test(reference.slice(match.index + match[0].length))) return true;
  }
  return false;
}

/** Every fault strict validation finds, located by data path. */
export function checkFrameworkStrict(framework: Framework): Violation[] {
  const violations: Violation[] = [];
  const statements = new Map<string, string>();
  framework.standards.forEach((standard, s) => {
    standard.criteria.forEach((criterion, c) => {
      const at = ['standards', s, 'criteria', c] as const;
      const reference = criterion.reference?.trim() ?? '';
      if (!reference) {
        violations.push({
          path: [...at, 'id'],
          message: `${criterion.id} has no reference: cite the chapter and paragraph (or section) of the source it comes from`,
        });
      } else if (!namesALocation(reference)) {
        violations.push({
          path: [...at, 'reference'],
          message: `the reference of ${criterion.id} ("${reference}") names no chapter, paragraph, section or other place in the source`,
        });
      }
      if (!criterion.guidance?.trim()) {
        violations.push({ path: [...at, 'id'], message: `${criterion.id} has no guidance: say what a rating at target looks like and what to check` });
      }
      if (!criterion.evidenceExamples?.length) {
        violations.push({ path: [...at, 'id'], message: `${criterion.id} gives no evidence examples` });
      }
      const statement = normaliseStatement(criterion.text).toLowerCase();
      const twin = statements.get(statement);
      if (twin !== undefined) {
        violations.push({ path: [...at, 'text'], message: `${criterion.id} states word for word what ${twin} states` });
      } else {
        statements.set(statement, criterion.id);
      }
    });
  });
  return violations;
}

/** A criterion's statement as compared and digested: composed (NFC), white space collapsed. */
export function normaliseStatement(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
