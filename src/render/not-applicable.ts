/** Words for criteria not rated, shared by the text renderers: what is not assessed and what does not apply. */

/** " (2 not assessed, 1 not applicable)" after "3 of 6 criteria rated"; empty when every criterion is rated. */
export function unratedCounts(summary: { notAssessed: number; notApplicable: number }): string {
  const parts = [
    ...(summary.notAssessed ? [`${summary.notAssessed} not assessed`] : []),
    ...(summary.notApplicable ? [`${summary.notApplicable} not applicable`] : []),
  ];
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** A standard none of whose criteria applies reads "N/A" where its RAG would be. */
export function isAllNotApplicable(standard: { criteria: number; notApplicable: number }): boolean {
  return standard.criteria > 0 && standard.notApplicable === standard.criteria;
}

// Already on one line: no white space but single spaces between words. Tested, rather than
// rebuilt, for every criterion's statement, which most already are.
const NOT_ONE_LINE = /[^\S ]| {2}|^ | $/;

/** A reason as one line: folded YAML and stray breaks read as one sentence. */
export function oneLine(text: string): string {
  return NOT_ONE_LINE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
