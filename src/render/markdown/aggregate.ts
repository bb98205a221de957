/** `audit aggregate --format markdown`: the partnership view for a board paper or a wiki. */
import { widespreadShortfalls, type PartnershipView, type Shortfall } from '../../core/aggregate.js';
import type { Rag } from '../../core/gap-analysis.js';
import { shortfallRule } from '../table/aggregate.js';
import { signed } from '../table/compare.js';
import { isAllNotApplicable, oneLine } from '../not-applicable.js';
import { count } from '../plural.js';
import { formatMean } from '../rating-label.js';
import { escapeMarkdown as esc, markdownTable, ragMarkdown } from './markdown.js';

const MARK: Record<Rag, string> = { red: '🔴', amber: '🟠', green: '🟢', unrated: '⚪' };

export function renderAggregateMarkdown(view: PartnershipView): string {
  const s = view.summary;
  const out: string[] = [];
  out.push(`# Partnership view: ${esc(view.framework.title)}`, '');
  out.push(
    `${s.agencies} ${s.agencies === 1 ? 'agency' : 'agencies'}, ${esc(view.periods.join(', '))}; \`${view.framework.id}\` edition ${esc(view.framework.version)}. ` +
      `Mean rating ${formatMean(s.meanRating)} on ${view.scale.min}–${view.scale.max}. ` +
      `Agencies: ${s.agenciesByRag.red} red, ${s.agenciesByRag.amber} amber, ${s.agenciesByRag.green} green` +
      (s.agenciesByRag.unrated ? `, ${s.agenciesByRag.unrated} with nothing rated` : '') +
      '.',
  );
  if (view.mapping) {
    out.push('', `> Returns of other editions, read onto edition ${esc(view.mapping.edition)}; their ratings count only where a criterion has an equal counterpart:`);
    for (const r of view.mapping.returns) {
      out.push(
        `> - ${esc(r.organisation)} (\`${esc(r.file)}\`, edition ${esc(r.edition)}, ${r.crosswalk ? `through \`${esc(r.crosswalk)}\`` : 'by criterion id'}): ` +
          (r.notMapped.length ? `${count(r.notMapped.length, 'criterion')} not mapped (${r.notMapped.map((id) => `\`${id}\``).join(', ')})` : 'every criterion mapped'),
      );
    }
  }
  out.push('', '## Standards across the partnership', '');
  out.push(
    markdownTable(
      ['Standard', 'Partnership mean', 'RAG (worst agency)', 'Agencies below target', 'Red / amber / green'],
      view.standards.map((st, i) => [
        `${i + 1}. ${esc(st.title)}`,
        formatMean(st.meanRating),
        ragMarkdown(st.rag),
        `${st.agenciesBelowTarget} of ${s.agencies}`,
        `${st.agenciesByRag.red} / ${st.agenciesByRag.amber} / ${st.agenciesByRag.green}`,
      ]),
      ['left', 'right', 'left', 'right', 'right'],
    ),
  );
  out.push('', '## Heat map', '');
  const withChange = view.previousPeriods !== undefined;
  const change = (value: number | null | undefined) => (withChange ? ` (${value === null || value === undefined ? '–' : signed(value, 2)})` : '');
  out.push(
    markdownTable(
      ['Agency', ...view.standards.map((_, i) => String(i + 1)), 'Overall'],
      view.agencies.map((a) => [
        esc(a.organisation),
        ...a.standards.map((st) => (isAllNotApplicable(st) ? 'N/A' : `${MARK[st.rag]} ${formatMean(st.meanRating)}${change(st.change)}`)),
        `${MARK[a.summary.rag]} ${formatMean(a.summary.meanRating)}${change(a.previous?.change)}`,
      ]),
      ['left', ...view.standards.map(() => 'right' as const), 'right'],
    ),
  );
  out.push(
    '',
    `Each cell: the agency's mean rating in the standard, marked 🔴 red, 🟠 amber, 🟢 green or ⚪ nothing rated${view.notApplicable.length ? ' (N/A: no criterion of the standard applies to the agency)' : ''}` +
      (withChange ? `, with its change since ${esc(view.previousPeriods!.join(', ') || 'last period')} in brackets, on the criteria rated in both periods (– where there is nothing to compare).` : '.'),
  );
  out.push('', '## Where most agencies fall short', '');
  if (!view.shortfalls.length) out.push('No criterion is below target in any agency.');
  else {
    const widespread = widespreadShortfalls(view.shortfalls);
    const table = (list: readonly Shortfall[]) =>
      markdownTable(
        ['Criterion', 'Statement', 'Agencies below target', 'Mean'],
        list.map((f) => [`\`${f.criterion}\``, esc(f.text.replace(/\s+/g, ' ')), `${f.agenciesBelowTarget} of ${f.agenciesRated}`, formatMean(f.meanRating)]),
        ['left', 'left', 'right', 'right'],
      );
    out.push(esc(shortfallRule(view, widespread)), '', table(widespread.criteria));
    // The rest, under a heading that says what they are.
    const listed = new Set(widespread.criteria);
    const others = view.shortfalls.filter((f) => !listed.has(f));
    if (others.length) out.push('', `## Other criteria below target in at least one agency (${others.length})`, '', table(others));
  }
  if (view.notApplicable.length) {
    out.push(
      '',
      '## Criteria not applicable to some agencies',
      '',
      "Counted in no mean or RAG rating of the agencies they do not apply to: those whose kind of organisation the framework does not ask to answer them (*not for its kind*), and those that judged them not applicable, with their reasons.",
      '',
    );
    out.push(
      markdownTable(
        ['Criterion', 'Statement', 'Agencies', 'Which, and why'],
        view.notApplicable.map((n) => [
          `\`${n.criterion}\``,
          esc(oneLine(n.text)),
          `${n.agenciesNotApplicable} of ${s.agencies}`,
          n.agencies.map((a) => `${esc(a.organisation)}${a.byKind ? ' (*not for its kind*)' : ''}: ${esc(oneLine(a.reason))}`).join('<br>'),
        ]),
        ['left', 'left', 'right', 'left'],
      ),
    );
  }
  out.push('', '## Agencies with red standards', '');
  if (!view.redAgencies.length) out.push('None.');
  else for (const a of view.redAgencies) out.push(`- **${esc(a.organisation)}**: ${a.standards.map((st) => esc(st.title)).join('; ')}`);
  return `${out.join('\n')}\n`;
}
