/** `audit trend` for a person at a terminal: periods, standards over time, movers, actions. */
import type { Rag } from '../../core/gap-analysis.js';
import type { MeanChange } from '../../core/mean-change.js';
import type { Mover, Trend, TrendAction } from '../../core/trend.js';
import type { Style } from '../style.js';
import { formatTable } from '../text-table.js';
import { hanging, prose } from '../text-wrap.js';
import { MODERATED_NOTE, ratingCell, signed } from './compare.js';
import { formatMean, type TableOptions } from './gap.js';

const LETTER: Record<Rag, string> = { red: 'R', amber: 'A', green: 'G', unrated: '–' };

/** How many movers and closed actions the terminal lists; JSON and CSV give them all. */
const SHOWN = 5;
const ACTIONS_SHOWN = 10;

export function renderTrendTable(trend: Trend, { style, width }: TableOptions): string {
  const out: string[] = [];
  const first = trend.periods[0]!;
  const last = trend.periods[trend.periods.length - 1]!;
  out.push(style.bold(prose(`Direction of travel: ${trend.organisation}, ${first.period} to ${last.period} (${trend.periods.length} periods)`, width, '  ')));
  out.push(prose(`${trend.framework.title} (${trend.framework.id}, edition ${trend.framework.version})`, width, '  '));
  out.push('');

  out.push(
    formatTable(
      [
        { header: 'Period' },
        { header: 'Edition' },
        { header: 'Mean', align: 'right' },
        { header: 'RAG' },
        { header: 'Rated', align: 'right' },
        { header: 'Below target', align: 'right' },
        { header: 'Read onto the newest edition', flexible: true },
      ],
      trend.periods.map((p) => [
        p.period,
        p.framework.id === trend.framework.id ? p.framework.version : `${p.framework.id}@${p.framework.version}`,
        formatMean(p.meanRating),
        style.rag(p.rag),
        String(p.rated),
        String(p.belowTarget),
        p.mapping
          ? `${p.mapping.equal} of ${p.mapping.criteria} criteria comparable (${p.mapping.crosswalk ? 'crosswalk' : 'by criterion id'}); mean ${formatMean(p.onNewestEdition.meanRating)}`
          : '(this edition)',
      ]),
      width,
    ),
  );
  out.push(style.dim(prose("Mean, RAG, rated and below target are each audit's own, on the edition it was made against.", width)));
  out.push('');

  out.push(style.bold(prose(`Standards: mean and RAG by period, on edition ${trend.framework.version}`, width, '  ')));
  const cell = (mean: number | null, rag: Rag) => style.rag(rag, mean === null ? ' – ' : `${mean.toFixed(1)} ${LETTER[rag]}`);
  out.push(
    formatTable(
      [{ header: 'Standard', flexible: true }, ...trend.periods.map((p) => ({ header: p.period, align: 'right' as const })), { header: 'Change', align: 'right' }],
      trend.standards.map((s, i) => [`${i + 1} ${s.title}`, ...s.series.map((p) => cell(p.meanRating, p.rag)), spanChange(s.change, style)]),
      width,
    ),
  );
  out.push(style.dim(prose('Each cell: the mean rating (one decimal) and RAG (R red, A amber, G green, – nothing rated). Change: first period to last, on the criteria rated in both.', width)));

  out.push(...movers(`Most improved`, trend.improved, style, width));
  out.push(...movers(`Most declined`, trend.declined, style, width));

  const a = trend.actions;
  out.push('');
  out.push(style.bold(prose(`Actions over the ${trend.periods.length} periods: ${a.closed.length} closed, ${a.stillOpen.length} still open, ${a.dropped.length} dropped without being done`, width, '  ')));
  const list = (title: string, items: readonly TrendAction[], note: (item: TrendAction) => string, most?: number) => {
    if (!items.length) return;
    const shown = most === undefined ? items : items.slice(0, most);
    out.push(`  ${title}${shown.length < items.length ? ` (${shown.length} of ${items.length})` : ''}:`);
    // The criterion stands out at the left; the action, owner and when wrap under the action.
    for (const item of shown) out.push(hanging(`    ${item.criterion}  `, `${item.text.replace(/\s+/g, ' ')}${item.owner ? ` · ${item.owner}` : ''} · ${note(item)}`, width));
  };
  list('Still open', a.stillOpen, (x) => `open since ${x.since}${x.due ? `, due ${x.due}` : ''}`);
  list('Closed', a.closed, (x) => `${closedHow(x.how)} in ${x.closedIn}${x.since !== x.closedIn ? ` (open since ${x.since})` : ''}`, ACTIONS_SHOWN);
  list('Dropped', a.dropped, (x) => `gone in ${x.droppedIn}, gap still open (open since ${x.since})`);
  return `${out.join('\n')}\n`;
}

function movers(title: string, list: readonly Mover[], style: Style, width: number | undefined): string[] {
  const out = ['', style.bold(`${title}${list.length > SHOWN ? ` (top ${SHOWN} of ${list.length})` : list.length ? ` (${list.length})` : ''}`)];
  if (!list.length) return [...out, '  None.'];
  out.push(
    formatTable(
      [{ header: 'Criterion' }, { header: 'First' }, { header: 'Last' }, { header: 'Change', align: 'right' }, { header: 'Statement', flexible: true }],
      list.slice(0, SHOWN).map((m) => [m.criterion, moverRating(m.from), moverRating(m.to), signed(m.change), m.text.replace(/\s+/g, ' ')]),
      width,
    ),
  );
  if (list.slice(0, SHOWN).some(isModerated)) out.push(style.dim(prose(MODERATED_NOTE, width)));
  return out;
}

/** A mover's rating in a period: "1 (self 3) (2024-25)" where a panel's moderated rating replaced the organisation's own. */
export function moverRating(point: Mover['from']): string {
  return `${ratingCell(point.rating, null, point.selfRating)} (${point.period})`;
}

/** Whether either end of a movement is a panel's moderated rating. */
export function isModerated(mover: Mover): boolean {
  return mover.from.selfRating !== null || mover.to.selfRating !== null;
}

/** A standard's change over the span, like for like, with its direction: "▲ +0.70", "= 0.00", or "–" with none. */
export function spanChange(change: MeanChange | null, style?: Style): string {
  if (!change || change.delta === null) return '–';
  const delta = change.delta;
  const text = `${delta > 0 ? '▲' : delta < 0 ? '▼' : '='} ${signed(delta, 2)}`;
  if (!style) return text;
  return delta > 0 ? style.green(text) : delta < 0 ? style.red(text) : text;
}

/** How an action was closed, in words. */
function closedHow(how: TrendAction['how']): string {
  return how === 'gap-closed' ? 'gap closed' : how === 'not-applicable' ? 'criterion now not applicable' : 'done';
}
