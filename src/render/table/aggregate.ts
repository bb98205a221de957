/** `audit aggregate` for a person at a terminal: the partnership heat map. */
import type { PartnershipView } from '../../core/aggregate.js';
import type { Rag } from '../../core/gap-analysis.js';
import type { Style } from '../style.js';
import { isAllNotApplicable } from '../not-applicable.js';
import { formatTable } from '../text-table.js';
import { signed } from './compare.js';
import { formatMean, type TableOptions } from './gap.js';

const LETTER: Record<Rag, string> = { red: 'R', amber: 'A', green: 'G', unrated: '–' };

/** How many shortfalls the terminal lists; JSON and CSV give them all. */
const SHORTFALLS_SHOWN = 10;

function changeCell(change: number | null | undefined, style: Style): string {
  if (change === null || change === undefined) return '–';
  const text = change === 0 ? '= 0.00' : `${change > 0 ? '▲' : '▼'}${signed(change, 2)}`;
  return change > 0 ? style.green(text) : change < 0 ? style.red(text) : text;
}

export function renderAggregateTable(view: PartnershipView, { style, width }: TableOptions): string {
  const out: string[] = [];
  const s = view.summary;
  out.push(style.bold(`Partnership view: ${s.agencies} ${s.agencies === 1 ? 'agency' : 'agencies'}, ${view.periods.join(', ')}`));
  out.push(`${view.framework.title} (${view.framework.id}, edition ${view.framework.version})`);
  if (view.mapping) {
    for (const r of view.mapping.returns) {
      out.push(
        style.amber(
          `Read onto edition ${view.mapping.edition}: ${r.organisation} (${r.file}, edition ${r.edition}, ${r.crosswalk ? `through ${r.crosswalk}` : 'by criterion id'}); ` +
            (r.notMapped.length ? `${r.notMapped.length} criteria could not be mapped: ${r.notMapped.join(', ')}` : 'every criterion mapped'),
        ),
      );
    }
  }
  out.push('');
  out.push(
    `Overall: mean ${formatMean(s.meanRating)} on ${view.scale.min}–${view.scale.max}; agencies ${style.rag('red')} ${s.agenciesByRag.red}, ` +
      `${style.rag('amber')} ${s.agenciesByRag.amber}, ${style.rag('green')} ${s.agenciesByRag.green}` +
      (s.agenciesByRag.unrated ? `, ${style.rag('unrated')} ${s.agenciesByRag.unrated}` : ''),
  );
  out.push('');

  // One decimal in the heat map, so that thirteen standards and the agencies' names fit a terminal.
  const cell = (mean: number | null, rag: Rag) => style.rag(rag, mean === null ? '  – ' : `${mean.toFixed(1)} ${LETTER[rag]}`);
  const withChange = view.previousPeriods !== undefined;
  const columns = [
    { header: 'Agency', flexible: true },
    ...view.standards.map((_, i) => ({ header: String(i + 1), align: 'right' as const })),
    { header: 'Overall', align: 'right' as const },
    ...(withChange ? [{ header: 'Change', align: 'right' as const }] : []),
  ];
  const rows = view.agencies.map((a) => [
    a.organisation,
    ...a.standards.map((st) => (isAllNotApplicable(st) ? 'N/A' : cell(st.meanRating, st.rag))),
    cell(a.summary.meanRating, a.summary.rag),
    ...(withChange ? [changeCell(a.previous?.change, style)] : []),
  ]);
  rows.push(['Partnership', ...view.standards.map((st) => cell(st.meanRating, st.rag)), cell(s.meanRating, s.rag), ...(withChange ? [''] : [])]);
  rows.push(['Below target', ...view.standards.map((st) => `${st.agenciesBelowTarget}/${s.agencies}`), '', ...(withChange ? [''] : [])]);
  out.push(formatTable(columns, rows, width));
  out.push(
    style.dim(
      `Each cell: mean rating and RAG (R red, A amber, G green, – nothing rated${view.notApplicable.length ? ', N/A no criterion applies' : ''}). Partnership RAG is the worst agency's.`,
    ),
  );
  if (withChange) {
    const since = view.previousPeriods!.join(', ') || 'last period';
    out.push(style.dim(`Change: the agency's overall mean less its mean in ${since} (– where it made no return then, or nothing is rated).`));
    out.push('');
    out.push(style.bold(`Change by standard since ${since}`));
    out.push(
      formatTable(
        [{ header: 'Agency', flexible: true }, ...view.standards.map((_, i) => ({ header: String(i + 1), align: 'right' as const }))],
        view.agencies.map((a) => [a.organisation, ...a.standards.map((st) => changeCell(st.change, style))]),
        width,
      ),
    );
  }
  out.push('');
  out.push('Standards:');
  view.standards.forEach((st, i) => out.push(`  ${String(i + 1).padStart(2)} ${st.title}`));

  out.push('');
  if (!view.shortfalls.length) out.push(style.green('No criterion is below target in any agency.'));
  else {
    const shown = view.shortfalls.slice(0, SHORTFALLS_SHOWN);
    out.push(style.bold(`Where most agencies fall short${view.shortfalls.length > shown.length ? ` (top ${shown.length} of ${view.shortfalls.length})` : ''}`));
    out.push(
      formatTable(
        [{ header: 'Below target', align: 'right' }, { header: 'Criterion' }, { header: 'Mean', align: 'right' }, { header: 'Statement', flexible: true }],
        shown.map((f) => [`${f.agenciesBelowTarget} of ${f.agenciesRated}`, f.criterion, formatMean(f.meanRating), f.text.replace(/\s+/g, ' ')]),
        width,
      ),
    );
  }

  if (view.notApplicable.length) {
    const shown = view.notApplicable.slice(0, SHORTFALLS_SHOWN);
    out.push('');
    out.push(
      style.bold(
        `Called not applicable, counted in no mean or RAG${view.notApplicable.length > shown.length ? ` (top ${shown.length} of ${view.notApplicable.length})` : ''}`,
      ),
    );
    out.push(
      formatTable(
        [{ header: 'Agencies', align: 'right' }, { header: 'Criterion' }, { header: 'Statement', flexible: true }],
        shown.map((n) => [`${n.agenciesNotApplicable} of ${s.agencies}`, n.criterion, n.text.replace(/\s+/g, ' ')]),
        width,
      ),
    );
    out.push(style.dim('Which agencies, and their reasons: audit aggregate --format markdown (or json).'));
  }

  out.push('');
  if (!view.redAgencies.length) out.push('No agency has a red standard.');
  else {
    out.push(style.bold(`Agencies with red standards (${view.redAgencies.length})`));
    const number = new Map(view.standards.map((st, i) => [st.id, i + 1]));
    for (const a of view.redAgencies) {
      out.push(`  ${a.organisation}: ${a.standards.length === 1 ? 'standard' : 'standards'} ${a.standards.map((st) => number.get(st.id)).join(', ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}
