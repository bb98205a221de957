/** "1 gap", "2 gaps"; "1 criterion", "3 criteria": a count with its noun, never "1 gaps". */
const IRREGULAR: Record<string, string> = { criterion: 'criteria', agency: 'agencies', 'is': 'are' };

export function count(n: number, singular: string): string {
  return `${n} ${noun(n, singular)}`;
}

/** The noun alone, in the number `n` asks for. */
export function noun(n: number, singular: string): string {
  return n === 1 ? singular : (IRREGULAR[singular] ?? `${singular}s`);
}
