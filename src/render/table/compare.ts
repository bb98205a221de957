/** `audit compare` for a person at a terminal: direction of travel between two periods. */
import type { ActionRecord, Change, Comparison, CriterionChange, CrosswalkComparison, StandardChange } from '../../core/compare.js';
import { describeEditionChange } from '../../core/editions.js';
import { formatChange } from '../../core/mean-change.js';
import type { Style } from '../style.js';
import { oneLine } from '../not-applicable.js';
import { formatTable } from '../text-table.js';
import { formatMean } from './gap.js';
import type { TableOptions } from './gap.js';
import { prose } from '../text-wrap.js';

export function renderCompareTable(comparison: Comparison, { style, width }: TableOptions): string {
  const { before, after } = comparison;
  const out: string[] = [];
  const who = before.organisation === after.organisation ? after.organisation : `${before.organisation} → ${after.organisation}`;
  out.push(prose(style.bold(`Direction of travel: ${who}, ${before.period} → ${after.period}`), width));
  out.push(prose(`${comparison.framework.title} (${comparison.framework.id})`, width));
  if (comparison.edition) out.push(style.amber(prose(`Framework changed: ${describeEditionChange(comparison.edition)}`, width, '  ')));
  if (comparison.crosswalk) out.push(...describeCrosswalkComparison(comparison.crosswalk).map((line) => style.amber(prose(line, width, '  '))));
  out.push('');
  out.push(prose(
    `Overall: mean ${formatMean(before.meanRating)} → ${formatMean(after.meanRating)}` +
      overallChange(comparison) +
      `, ${style.rag(before.rag)} → ${style.rag(after.rag)}; ${before.rated} → ${after.rated} criteria rated, ${before.belowTarget} → ${after.belowTarget} below target` +
      (before.notApplicable || after.notApplicable ? `, ${before.notApplicable} → ${after.notApplicable} not applicable` : ''),
    width,
    '  ',
  ));
  const c = comparison.counts;
  out.push(prose(
    `Criteria: ${c.improved} improved, ${c.declined} declined, ${c.unchanged} unchanged, ${c.new} newly rated, ${c['not-assessed']} not assessed now` +
      (c['not-applicable'] ? `, ${c['not-applicable']} not applicable now` : '') +
      (comparison.crosswalk ? `, ${c['not-comparable']} not comparable` : ''),
    width,
    '  ',
  ));
  out.push('');

  out.push(
    formatTable(
      [{ header: 'Standard', flexible: true }, { header: 'Before', align: 'right' }, { header: 'After', align: 'right' }, { header: 'Change' }, { header: 'RAG' }],
      comparison.standards.map((s, i) => [
        `${i + 1} ${s.title}`,
        formatMean(s.before),
        formatMean(s.after),
        `${changeMark(s.change, style, s.delta, 2)}${mixedMark(s)}`,
        `${style.rag(s.ragBefore)} → ${style.rag(s.ragAfter)}`,
      ]),
      width,
    ),
  );
  if (comparison.standards.some((s) => mixedMark(s))) out.push(prose(MIXED_NOTE, width, '  '));

  const moved = movedCriteria(comparison);
  out.push('');
  if (moved.length === 0) out.push('Every criterion is rated as before.');
  else {
    out.push(style.bold(`Criteria that moved (${moved.length})`));
    out.push(
      formatTable(
        [{ header: 'Criterion' }, { header: 'Before', align: 'right' }, { header: 'After', align: 'right' }, { header: 'Change' }, { header: 'Statement', flexible: true }],
        moved.map((r) => [
          r.criterion,
          ratingCell(r.before, r.notApplicable.before, r.selfRating.before),
          ratingCell(r.after, r.notApplicable.after, r.selfRating.after),
          changeMark(r.change, style, r.delta),
          r.text.replace(/\s+/g, ' '),
        ]),
        width,
      ),
    );
    if (moved.some((r) => r.selfRating.before !== null || r.selfRating.after !== null)) out.push(prose(MODERATED_NOTE, width, '  '));
  }
  const sameEvidence = comparison.criteria.filter((r) => r.sameEvidence);
  if (sameEvidence.length) out.push('', prose(sameEvidenceLine(sameEvidence.map((r) => r.criterion)), width));

  const nowNotApplicable = comparison.criteria.filter((r) => r.notApplicable.after !== null);
  if (nowNotApplicable.length) {
    out.push('');
    out.push(style.bold(`Not applicable now (${nowNotApplicable.length})`));
    out.push(
      formatTable(
        [{ header: 'Criterion' }, { header: 'Reason', flexible: true }],
        nowNotApplicable.map((r) => [r.criterion, oneLine(r.notApplicable.after!)]),
        width,
      ),
    );
  }

  const a = comparison.actions;
  out.push('');
  out.push(prose(style.bold(`Actions: ${a.closed.length} closed, ${a.opened.length} opened, ${a.stillOpen.length} still open, ${a.dropped.length} dropped`), width));
  const list = (title: string, items: (ActionRecord & { how?: string })[]) => {
    if (!items.length) return;
    out.push(`  ${title}:`);
    for (const item of items) {
      const line = `    ${item.criterion}  ${item.text.replace(/\s+/g, ' ')}${item.how ? ` (${CLOSED_HOW[item.how as keyof typeof CLOSED_HOW]})` : ''}${item.owner ? ` · ${item.owner}` : ''}${item.due ? ` · due ${item.due}` : ''}`;
      out.push(prose(line, width, '  '));
    }
  };
  list('Closed', a.closed);
  list('Opened', a.opened);
  list('Still open', a.stillOpen);
  list('Dropped without being done', a.dropped);
  return `${out.join('\n')}\n`;
}

const CLOSED_HOW = { done: 'done', 'gap-closed': 'gap closed', 'not-applicable': 'now not applicable' } as const;

/** The criteria whose rating or applicability changed, for the "moved" lists. */
export function movedCriteria(comparison: Comparison): CriterionChange[] {
  return comparison.criteria.filter(
    (r) =>
      (r.change !== 'unchanged' && (r.before !== null || r.after !== null)) ||
      (r.notApplicable.before === null) !== (r.notApplicable.after === null),
  );
}

/** A rating as compared: "2", "N/A", "–", or "1 (self 3)" where a panel's moderated rating replaced the organisation's own. */
export function ratingCell(rating: number | null, notApplicable: string | null, selfRating: number | null = null): string {
  if (rating !== null) return selfRating !== null ? `${rating} (self ${selfRating})` : String(rating);
  return notApplicable !== null ? 'N/A' : '–';
}

/** "Rated differently on the same evidence as last period (2): COM-2, RES-1 …", for the moderation panel. */
export function sameEvidenceLine(criteria: readonly string[]): string {
  return `Rated differently on the same evidence as last period, word for word (${criteria.length}): ${criteria.join(', ')}. Ask what changed.`;
}

export const MODERATED_NOTE = "(self N): a partnership panel's moderated rating, which counts; the organisation rated itself N.";

const MARKS: Record<Change, string> = {
  improved: '▲ improved',
  declined: '▼ declined',
  unchanged: '= unchanged',
  new: '+ new',
  'not-assessed': '· not assessed',
  'not-applicable': '· not applicable',
  'not-comparable': '≈ not comparable',
};

/** How far two audits across a crosswalk compare, in two or three lines (also for Markdown). */
export function describeCrosswalkComparison(x: CrosswalkComparison): string[] {
  const from = `${x.from.framework}@${x.from.version}`;
  const to = `${x.to.framework}@${x.to.version}`;
  const lines = [
    `Compared across the crosswalk ${from} → ${to}: ${x.to.equal} of ${x.to.criteria} criteria of ${to} and ${x.from.equal} of ${x.from.criteria} of ${from} have an equal counterpart, and only those compare.`,
  ];
  if (!x.ratingsCross) lines.push('The two use different rating scales: no rating compares; actions are followed.');
  else if (x.likeForLike.criteria) {
    lines.push(`Like for like, on the ${x.likeForLike.criteria} criteria rated in both: mean ${formatMean(x.likeForLike.before)} → ${formatMean(x.likeForLike.after)}.`);
  }
  return lines;
}

/** The overall change after the means: " (+0.25)", or like for like when the means are of different criteria. */
export function overallChange(comparison: Comparison): string {
  const o = comparison.overall;
  if (o.delta === null) return '';
  return o.sameCriteria ? ` (${signed(o.delta, 2)})` : ` (${signed(o.delta, 2)} on the ${o.criteria} criteria rated in both)`;
}

/** "*" on a standard whose change is on fewer criteria than its means: see MIXED_NOTE. */
export function mixedMark(s: StandardChange): string {
  return !s.sameCriteria && s.delta !== null ? ' *' : '';
}

export const MIXED_NOTE =
  '* Change like for like, on the criteria rated in both periods: the means beside it also count criteria rated in one period only (new, not comparable or not assessed), which no change is read from.';

export function changeMark(change: Change, style: Style, delta: number | null, decimals = 0): string {
  const text = `${MARKS[change]}${delta !== null && delta !== 0 ? ` ${signed(delta, decimals)}` : ''}`;
  return change === 'improved' ? style.green(text) : change === 'declined' ? style.red(text) : text;
}

/** "+2" for a rating's change, "+0.75" (always two decimals) for a mean's; none is "0" or "0.00" (formatChange, as the reports write it). */
export function signed(n: number, decimals = 0): string {
  return formatChange(n, decimals);
}
