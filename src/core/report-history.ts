/**
 * The Cabinet report's direction of travel (`audit report --history`): how each standard's mean
 * rating moved over the periods, as a small line chart per standard with its figures in words,
 * and the same figures as a table with each standard's change from the first period to the
 * last. Built from a Trend (src/core/trend.ts), on the edition of the report's own audit; an
 * earlier period of another edition says how it was read onto this one.
 */
import type { Rag } from './gap-analysis.js';
import { formatMean, formatNumber, type ReportCell, type SectionScope, type TrendChart } from './report-document.js';
import type { ReportLabels } from './report-template.js';
import { formatChange, type MeanChange } from './mean-change.js';
import type { Trend } from './trend.js';

export interface HistoryContext {
  labels: ReportLabels;
  fill: (text: string, extra?: Record<string, string>) => string;
  /** "1. Leadership": the standards as the report numbers them. */
  titles: ReadonlyMap<string, string>;
  /** Each standard's target, as the summary's chart shows it. */
  targets: ReadonlyMap<string, number>;
  /** The language of the framework's text, when not the report's. */
  lang?: string;
}

/** The placeholders the section's words use: the first and last periods, how many in all, and how many before the report's own. */
export function historyValues(trend: Trend | undefined): Record<'historyFirst' | 'historyLast' | 'historyPeriods' | 'earlierPeriods', string> {
  if (!trend) return { historyFirst: '–', historyLast: '–', historyPeriods: '–', earlierPeriods: '–' };
  const n = trend.periods.length;
  return { historyFirst: trend.periods[0]!.period, historyLast: trend.periods[n - 1]!.period, historyPeriods: String(n), earlierPeriods: String(n - 1) };
}

/** After the section's own words: how earlier editions were read, the charts, and the table. */
export function historyBlocks(scope: SectionScope, trend: Trend, c: HistoryContext): void {
  const { labels, fill } = c;
  const inLang = c.lang ? { lang: c.lang } : {};
  for (const period of trend.periods) {
    if (!period.mapping) continue;
    scope.paragraph(
      fill(labels.trendEdition, {
        period: period.period,
        edition: period.framework.id === trend.framework.id ? period.framework.version : `${period.framework.version} (${period.framework.id})`,
        via: period.mapping.via === 'crosswalk' ? labels.trendViaCrosswalk : labels.trendViaIds,
        // "of its criteria": counted on the earlier audit's own edition, not the newest.
        equal: String(period.mapping.own.equal),
        criteria: String(period.mapping.own.criteria),
      }),
    );
  }

  const periods = trend.periods.map((p) => p.period);
  const charts: TrendChart[] = trend.standards.map((standard) => {
    const label = c.titles.get(standard.id) ?? standard.title;
    const target = c.targets.get(standard.id) ?? 0;
    const points = standard.series.map((p) => ({ mean: p.meanRating, rag: p.rag }));
    const words = standard.series.map((p) =>
      p.meanRating === null
        ? fill(labels.trendAltNone, { period: p.period })
        : fill(labels.trendAltPoint, { period: p.period, mean: formatMean(p.meanRating, labels.chartNoRating), rag: labels.rag[p.rag] }),
    );
    return { label, ...inLang, points, target, alt: fill(labels.trendAltItem, { standard: label, points: words.join(', '), target: formatNumber(target) }) };
  });
  scope.add({
    kind: 'trend',
    caption: fill(labels.trendCaption),
    key: fill(labels.trendKey),
    periods,
    scale: trend.scale,
    targetLabel: fill(labels.chartTarget),
    charts,
  });

  const cell = (mean: number | null, rag: Rag): ReportCell => (mean === null ? { text: '–' } : { text: `${formatMean(mean, '–')} ${labels.rag[rag]}`, rag });
  const overall = trend.periods.map((p) => p.onNewestEdition);
  scope.add({
    kind: 'table',
    summary: fill(labels.trendTableSummary),
    rowHeader: 0,
    columns: [
      { header: labels.columns.standard, kind: 'text' },
      ...periods.map((period) => ({ header: period, kind: 'rag' as const })),
      { header: labels.columns.change, kind: 'short', align: 'right' },
    ],
    rows: [
      ...trend.standards.map((standard): ReportCell[] => [
        { text: c.titles.get(standard.id) ?? standard.title, ...inLang },
        ...standard.series.map((p) => cell(p.meanRating, p.rag)),
        { text: change(standard.change) },
      ]),
      [{ text: labels.trendOverall, strong: true }, ...overall.map((o) => cell(o.meanRating, o.rag)), { text: change(trend.change), strong: true }],
    ],
  });
}

/** The change over the span on the criteria rated in both ("+0.75", "−0.25", "0.00"); "–" with none. */
function change(span: MeanChange | null): string {
  return span?.delta === null || span?.delta === undefined ? '–' : formatChange(span.delta);
}
