/** `audit trend --format markdown`: the direction of travel for a board paper or a wiki. */
import type { Mover, Trend, TrendAction } from '../../core/trend.js';
import { MODERATED_NOTE, signed } from '../table/compare.js';
import { count } from '../plural.js';
import { formatMean } from '../table/gap.js';
import { isModerated, moverRating, spanChange } from '../table/trend.js';
import { escapeMarkdown as esc, markdownTable, ragMarkdown } from './markdown.js';

export function renderTrendMarkdown(trend: Trend): string {
  const first = trend.periods[0]!;
  const last = trend.periods[trend.periods.length - 1]!;
  const out: string[] = [`# Direction of travel: ${esc(trend.organisation)}, ${esc(first.period)} to ${esc(last.period)}`, ''];
  out.push(`${esc(trend.framework.title)} (\`${trend.framework.id}\`, edition ${esc(trend.framework.version)}), over ${trend.periods.length} periods.`);
  out.push('', '## Periods', '');
  out.push(
    markdownTable(
      ['Period', 'Edition', 'Mean', 'RAG', 'Rated', 'Below target', 'Read onto the newest edition'],
      trend.periods.map((p) => [
        esc(p.period),
        esc(`${p.framework.id}@${p.framework.version}`),
        formatMean(p.meanRating),
        ragMarkdown(p.rag),
        String(p.rated),
        String(p.belowTarget),
        p.mapping
          ? `${p.mapping.equal} of ${count(p.mapping.criteria, 'criterion')} comparable (${p.mapping.crosswalk ? `crosswalk \`${esc(p.mapping.crosswalk)}\`` : 'by criterion id'}); mean ${formatMean(p.onNewestEdition.meanRating)}`
          : 'This edition.',
      ]),
      ['left', 'left', 'right', 'left', 'right', 'right', 'left'],
    ),
  );
  out.push('', "Mean, RAG, rated and below target are each audit's own, on the edition it was made against.");
  out.push('', `## Standards (mean rating on edition ${esc(trend.framework.version)})`, '');
  out.push(
    markdownTable(
      ['Standard', ...trend.periods.map((p) => esc(p.period)), 'Change'],
      trend.standards.map((s, i) => [
        `${i + 1}. ${esc(s.title)}`,
        ...s.series.map((p) => (p.meanRating === null ? '–' : `${formatMean(p.meanRating)} ${ragMarkdown(p.rag)}`)),
        spanChange(s.change),
      ]),
      ['left', ...trend.periods.map(() => 'right' as const), 'right'],
    ),
  );
  out.push(...movers('Most improved', trend.improved), ...movers('Most declined', trend.declined));
  const a = trend.actions;
  out.push('', '## Actions', '', `${a.closed.length} closed, ${a.stillOpen.length} still open, ${a.dropped.length} dropped without being done.`);
  const rows = [
    ...a.stillOpen.map((x) => ['Still open', x, `open since ${x.since}${x.due ? `; due ${x.due}` : ''}`] as const),
    ...a.closed.map((x) => ['Closed', x, `${closedHow(x.how)} in ${x.closedIn}; open since ${x.since}`] as const),
    ...a.dropped.map((x) => ['Dropped', x, `gone in ${x.droppedIn} with the gap still open; open since ${x.since}`] as const),
  ];
  if (rows.length) {
    out.push('');
    out.push(
      markdownTable(
        ['', 'Criterion', 'Action', 'Owner', 'When'],
        rows.map(([what, x, when]) => [what, `\`${x.criterion}\``, esc(x.text.replace(/\s+/g, ' ')), esc(x.owner ?? '–'), esc(when)]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function movers(title: string, list: readonly Mover[]): string[] {
  const out = ['', `## ${title}`, ''];
  if (!list.length) return [...out, 'None.'];
  out.push(
    markdownTable(
      ['Criterion', 'Statement', 'First', 'Last', 'Change'],
      list.map((m) => [`\`${m.criterion}\``, esc(m.text.replace(/\s+/g, ' ')), esc(moverRating(m.from)), esc(moverRating(m.to)), signed(m.change)]),
      ['left', 'left', 'right', 'right', 'right'],
    ),
  );
  if (list.some(isModerated)) out.push('', esc(MODERATED_NOTE));
  return out;
}

/** How an action was closed, in words. */
function closedHow(how: TrendAction['how']): string {
  return how === 'gap-closed' ? 'gap closed' : how === 'not-applicable' ? 'criterion now not applicable' : 'done';
}
