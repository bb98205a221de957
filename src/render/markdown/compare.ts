/** `audit compare --format markdown`: direction of travel for a report or a board paper. */
import type { Change, Comparison } from '../../core/compare.js';
import { describeEditionChange } from '../../core/editions.js';
import { oneLine } from '../not-applicable.js';
import { formatMean } from '../rating-label.js';
import { describeCrosswalkComparison, MIXED_NOTE, MODERATED_NOTE, mixedMark, sameEvidenceLine, movedCriteria, overallChange, ratingCell, signed } from '../table/compare.js';
import { escapeMarkdown as esc, markdownTable, ragMarkdown } from './markdown.js';

const WORDS: Record<Change, string> = {
  improved: '▲ Improved',
  declined: '▼ Declined',
  unchanged: 'Unchanged',
  new: 'Newly rated',
  'not-assessed': 'Not assessed',
  'not-applicable': 'Not applicable',
  'not-comparable': 'Not comparable',
};

export function renderCompareMarkdown(comparison: Comparison): string {
  const { before, after } = comparison;
  const out: string[] = [];
  const who = before.organisation === after.organisation ? after.organisation : `${before.organisation} → ${after.organisation}`;
  out.push(`# Direction of travel: ${esc(who)}, ${esc(before.period)} to ${esc(after.period)}`, '');
  out.push(`${esc(comparison.framework.title)} (\`${comparison.framework.id}\`).`);
  if (comparison.edition) out.push('', `> The framework changed between the periods: ${esc(describeEditionChange(comparison.edition))}.`);
  if (comparison.crosswalk) out.push('', ...describeCrosswalkComparison(comparison.crosswalk).map((line) => `> ${esc(line)}`));
  const c = comparison.counts;
  out.push(
    '',
    `**Overall:** mean ${formatMean(before.meanRating)} → ${formatMean(after.meanRating)}${esc(overallChange(comparison))}, ${ragMarkdown(before.rag)} → ${ragMarkdown(after.rag)}. ` +
      `Criteria: ${c.improved} improved, ${c.declined} declined, ${c.unchanged} unchanged, ${c.new} newly rated, ${c['not-assessed']} not assessed now` +
      (c['not-applicable'] ? `, ${c['not-applicable']} not applicable now` : '') +
      `${comparison.crosswalk ? `, ${c['not-comparable']} not comparable` : ''}.`,
  );
  out.push('', '## Standards', '');
  out.push(
    markdownTable(
      ['Standard', 'Before', 'After', 'Change', 'RAG'],
      comparison.standards.map((s, i) => [
        `${i + 1}. ${esc(s.title)}`,
        formatMean(s.before),
        formatMean(s.after),
        `${WORDS[s.change]}${s.delta ? ` (${signed(s.delta, 2)})` : ''}${esc(mixedMark(s))}`,
        `${ragMarkdown(s.ragBefore)} → ${ragMarkdown(s.ragAfter)}`,
      ]),
      ['left', 'right', 'right', 'left', 'left'],
    ),
  );
  if (comparison.standards.some((s) => mixedMark(s))) out.push('', esc(MIXED_NOTE));
  const moved = movedCriteria(comparison);
  if (moved.length) {
    out.push('', '## Criteria that moved', '');
    out.push(
      markdownTable(
        ['Criterion', 'Statement', 'Before', 'After', 'Change'],
        moved.map((r) => [
          `\`${r.criterion}\``,
          esc(r.text.replace(/\s+/g, ' ')),
          ratingCell(r.before, r.notApplicable.before, r.selfRating.before),
          ratingCell(r.after, r.notApplicable.after, r.selfRating.after),
          WORDS[r.change],
        ]),
        ['left', 'left', 'right', 'right', 'left'],
      ),
    );
    if (moved.some((r) => r.selfRating.before !== null || r.selfRating.after !== null)) out.push('', esc(MODERATED_NOTE));
  }
  const sameEvidence = comparison.criteria.filter((r) => r.sameEvidence);
  if (sameEvidence.length) out.push('', esc(sameEvidenceLine(sameEvidence.map((r) => r.criterion))));
  const nowNotApplicable = comparison.criteria.filter((r) => r.notApplicable.after !== null);
  if (nowNotApplicable.length) {
    out.push('', '## Not applicable now', '');
    out.push(
      markdownTable(
        ['Criterion', 'Statement', 'Reason', 'Before'],
        nowNotApplicable.map((r) => [
          `\`${r.criterion}\``,
          esc(oneLine(r.text)),
          esc(oneLine(r.notApplicable.after!)),
          r.notApplicable.before !== null ? 'Not applicable' : r.before !== null ? `Rated ${r.before}` : 'Not assessed',
        ]),
      ),
    );
  }
  const a = comparison.actions;
  out.push('', '## Actions', '', `${a.closed.length} closed, ${a.opened.length} opened, ${a.stillOpen.length} still open, ${a.dropped.length} dropped without being done.`);
  const rows = [
    ...a.closed.map((x) => ['Closed', x, x.how === 'done' ? 'done' : x.how === 'gap-closed' ? 'gap closed' : 'now not applicable'] as const),
    ...a.opened.map((x) => ['Opened', x, x.status] as const),
    ...a.stillOpen.map((x) => ['Still open', x, x.status] as const),
    ...a.dropped.map((x) => ['Dropped', x, 'not done; gap still open'] as const),
  ];
  if (rows.length) {
    out.push('');
    out.push(
      markdownTable(
        ['', 'Criterion', 'Action', 'Owner', 'Due', 'Note'],
        rows.map(([what, x, note]) => [what, `\`${x.criterion}\``, esc(x.text.replace(/\s+/g, ' ')), esc(x.owner ?? '–'), x.due ?? '–', esc(note)]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
