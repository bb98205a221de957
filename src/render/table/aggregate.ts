/** `audit aggregate` for a person at a terminal: the partnership heat map. */
import { widespreadShortfalls, type PartnershipView, type Shortfall } from '../../core/aggregate.js';
import type { Rag } from '../../core/gap-analysis.js';
import type { Style } from '../style.js';
import { isAllNotApplicable } from '../not-applicable.js';
import { count } from '../plural.js';
import { formatTable } from '../text-table.js';
import { signed } from './compare.js';
import { prose } from '../text-wrap.js';
import { formatMean, type TableOptions } from './gap.js';

const LETTER: Record<Rag, string> = { red: 'R', amber: 'A', green: 'G', unrated: '–' };

/** How many shortfalls the terminal lists; JSON, Markdown and the workbook give them all. */
const SHORTFALLS_SHOWN = 10;

function changeCell(change: number | null | undefined, style: Style): string {
  if (change === null || change === undefined) return '–';
  const text = change === 0 ? '= 0.00' : `${change > 0 ? '▲' : '▼'}${signed(change, 2)}`;
  return change > 0 ? style.green(text) : change < 0 ? style.red(text) : text;
}

/** The rule the list under "Where most agencies fall short" follows, in the words of the partnership report. */
export function shortfallRule(view: PartnershipView, widespread: { criteria: readonly Shortfall[]; majority: boolean }): string {
  if (widespread.majority) return `Below target in more than half of the agencies that rated them: ${count(view.summary.widespreadShortfalls, 'criterion')}, most agencies first.`;
  const most = widespread.criteria[0]!.agenciesBelowTarget;
  return `No criterion is below target in more than half of the agencies that rated it. These are below target in the most agencies, ${most} each:`;
}

export function renderAggregateTable(view: PartnershipView, { style, width }: TableOptions): string {
  const out: string[] = [];
  const s = view.summary;
  out.push(prose(style.bold(`Partnership view: ${s.agencies} ${s.agencies === 1 ? 'agency' : 'agencies'}, ${view.periods.join(', ')}`), width));
  out.push(prose(`${view.framework.title} (${view.framework.id}, edition ${view.framework.version})`, width));
  if (view.mapping) {
    for (const r of view.mapping.returns) {
      out.push(
        style.amber(
          prose(
            `Read onto edition ${view.mapping.edition}: ${r.organisation} (${r.file}, edition ${r.edition}, ${r.crosswalk ? `through ${r.crosswalk}` : 'by criterion id'}); ` +
              (r.notMapped.length ? `${r.notMapped.length} criteria could not be mapped: ${r.notMapped.join(', ')}` : 'every criterion mapped'),
            width,
            '  ',
          ),
        ),
      );
    }
  }
  out.push('');
  out.push(prose(
    `Overall: mean ${formatMean(s.meanRating)} on ${view.scale.min}–${view.scale.max}; agencies ${style.rag('red')} ${s.agenciesByRag.red}, ` +
      `${style.rag('amber')} ${s.agenciesByRag.amber}, ${style.rag('green')} ${s.agenciesByRag.green}` +
      (s.agenciesByRag.unrated ? `, ${style.rag('unrated')} ${s.agenciesByRag.unrated}` : ''),
    width,
  ));
  out.push('');

  // One decimal in the heat map, so that thirteen standards and the agencies' names fit a terminal.
  const cell = (mean: number | null, rag: Rag) => style.rag(rag, mean === null ? '  – ' : `${mean.toFixed(1)} ${LETTER[rag]}`);
  const withChange = view.previousPeriods !== undefined;
  const agencyRows = [...view.agencies.map((a) => a.organisation), 'Partnership', 'Below target'];
  const figures = [
    ...view.standards.map((st, i) => ({
      header: String(i + 1),
      cells: [
        ...view.agencies.map((a) => (isAllNotApplicable(a.standards[i]!) ? 'N/A' : cell(a.standards[i]!.meanRating, a.standards[i]!.rag))),
        cell(st.meanRating, st.rag),
        `${st.agenciesBelowTarget}/${s.agencies}`,
      ],
    })),
    { header: 'Overall', cells: [...view.agencies.map((a) => cell(a.summary.meanRating, a.summary.rag)), cell(s.meanRating, s.rag), ''] },
    ...(withChange ? [{ header: 'Change', cells: [...view.agencies.map((a) => changeCell(a.previous?.change, style)), '', ''] }] : []),
  ];
  // Too many standards for the terminal's width: the heat map in groups of standards, each naming the agencies.
  for (const group of heatMapGroups(figures.length, width, Math.max(...agencyRows.map((name) => name.length)))) {
    const shown = figures.slice(group.from, group.to);
    const columns = [{ header: 'Agency', wrap: true }, ...shown.map((f) => ({ header: f.header, align: 'right' as const }))];
    const rows = agencyRows.map((name, r) => [name, ...shown.map((f) => f.cells[r]!)]);
    if (group.from > 0) out.push('');
    out.push(formatTable(columns, rows, width));
  }
  out.push(
    prose(
      style.dim(
        `Each cell: mean rating and RAG (R red, A amber, G green, – nothing rated${view.notApplicable.length ? ', N/A no criterion applies' : ''}). Partnership RAG is the worst agency's.`,
      ),
      width,
    ),
  );
  if (withChange) {
    const since = view.previousPeriods!.join(', ') || 'last period';
    out.push(prose(style.dim(`Change: since ${since}, on the criteria the agency rated in both periods, so that a criterion one edition lacks moves nothing (– where it made no return then, or rated none of the same criteria).`), width));
    out.push('');
    out.push(prose(style.bold(`Change by standard since ${since}`), width));
    out.push(
      formatTable(
        [{ header: 'Agency', wrap: true }, ...view.standards.map((_, i) => ({ header: String(i + 1), align: 'right' as const }))],
        view.agencies.map((a) => [a.organisation, ...a.standards.map((st) => changeCell(st.change, style))]),
        width,
      ),
    );
  }
  out.push('');
  out.push('Standards:');
  view.standards.forEach((st, i) => out.push(prose(`  ${String(i + 1).padStart(2)} ${st.title}`, width, '   ')));

  out.push('');
  if (!view.shortfalls.length) out.push(style.green('No criterion is below target in any agency.'));
  else {
    const widespread = widespreadShortfalls(view.shortfalls);
    const shown = widespread.criteria.slice(0, SHORTFALLS_SHOWN);
    const of = widespread.criteria.length > shown.length ? `top ${shown.length} of ${widespread.criteria.length}` : String(widespread.criteria.length);
    out.push(prose(style.bold(`Where most agencies fall short (${of})`), width));
    out.push(prose(shortfallRule(view, widespread), width));
    out.push(
      formatTable(
        [{ header: 'Below target', align: 'right' }, { header: 'Criterion' }, { header: 'Mean', align: 'right' }, { header: 'Statement', wrap: true }],
        shown.map((f) => [`${f.agenciesBelowTarget} of ${f.agenciesRated}`, f.criterion, formatMean(f.meanRating), f.text.replace(/\s+/g, ' ')]),
        width,
      ),
    );
    out.push(prose(style.dim(`Below target in at least one agency: ${count(view.shortfalls.length, 'criterion')} in all (--format json, markdown or xlsx lists them).`), width));
  }

  if (view.notApplicable.length) {
    const shown = view.notApplicable.slice(0, SHORTFALLS_SHOWN);
    out.push('');
    out.push(
      prose(
        style.bold(
          `Not applicable to some agencies (not for their kind, or judged so by them), counted in no mean or RAG${view.notApplicable.length > shown.length ? ` (top ${shown.length} of ${view.notApplicable.length})` : ''}`,
        ),
        width,
      ),
    );
    out.push(
      formatTable(
        [{ header: 'Agencies', align: 'right' }, { header: 'Criterion' }, { header: 'Statement', wrap: true }],
        shown.map((n) => [`${n.agenciesNotApplicable} of ${s.agencies}`, n.criterion, n.text.replace(/\s+/g, ' ')]),
        width,
      ),
    );
    out.push(style.dim(prose('Which agencies, and their reasons: audit aggregate --format markdown (or json).', width, '  ')));
  }

  out.push('');
  if (!view.redAgencies.length) out.push('No agency has a red standard.');
  else {
    out.push(style.bold(`Agencies with red standards (${view.redAgencies.length})`));
    const number = new Map(view.standards.map((st, i) => [st.id, i + 1]));
    for (const a of view.redAgencies) {
      out.push(prose(`  ${a.organisation}: ${a.standards.length === 1 ? 'standard' : 'standards'} ${a.standards.map((st) => number.get(st.id)).join(', ')}`, width, '  '));
    }
  }
  return `${out.join('\n')}\n`;
}


/** Width of one heat-map column: "3.8 A" and the gap before it. */
const HEAT_CELL = 7;
/** The agency column is never squeezed below this (names wrap at words within it). */
const AGENCY_MIN = 18;

/** Ranges of the figure columns, as many to a table as fit beside the agency column. */
export function heatMapGroups(count: number, width: number | undefined, agencyWidth: number): { from: number; to: number }[] {
  if (width === undefined) return [{ from: 0, to: count }];
  const perGroup = Math.max(1, Math.floor((width - Math.min(agencyWidth, AGENCY_MIN)) / HEAT_CELL));
  if (perGroup >= count) return [{ from: 0, to: count }];
  const groups: { from: number; to: number }[] = [];
  // Even groups: 13 standards and an overall column at 80 columns as 7 and 7, not 8 and 6.
  const size = Math.ceil(count / Math.ceil(count / perGroup));
  for (let from = 0; from < count; from += size) groups.push({ from, to: Math.min(count, from + size) });
  return groups;
}
