/**
 * Kinds of organisation, as report wording needs them: the shared vocabulary every framework's
 * kinds map to (a framework's finer kind names its vocabulary id in `sector`), and which of them
 * are councils (the only ones a council's access-to-information law applies to).
 */
import type { Framework } from './framework.js';

export const KIND_VOCABULARY = [
  'local-authority', 'district-council', 'police', 'health', 'education', 'early-years',
  'probation-youth-justice', 'voluntary-community', 'other',
] as const;
export type VocabularyKind = (typeof KIND_VOCABULARY)[number];

const VOCABULARY = new Set<string>(KIND_VOCABULARY);

/**
 * The vocabulary id of `kind`: itself when it is one; else the `sector` the framework gives it;
 * else `other`, so that a kind no wording names still reads sensibly.
 */
export function vocabularyKind(kind: string, framework: Framework): VocabularyKind {
  if (VOCABULARY.has(kind)) return kind as VocabularyKind;
  const sector = framework.kinds?.find((k) => k.id === kind)?.sector;
  return sector && VOCABULARY.has(sector) ? (sector as VocabularyKind) : 'other';
}

/** Councils, whose Part 2 items carry the exemption notice of local-government law. */
export function isCouncil(kind: VocabularyKind): boolean {
  return kind === 'local-authority' || kind === 'district-council';
}

/** The framework's label for a kind ("Academy or free school"), if it declares one. */
export function kindLabel(kind: string, framework: Framework): string | undefined {
  return framework.kinds?.find((k) => k.id === kind)?.label;
}
