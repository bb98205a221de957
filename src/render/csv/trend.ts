/**
 * `audit trend --format csv`: one sheet, a row for the whole (each audit's own mean), one per
 * standard (its mean on the newest edition) and one per criterion (its rating), with a value
 * and RAG column for each period in period order, then the change over the span.
 */
import type { Trend } from '../../core/trend.js';
import { toCsv } from './csv.js';

export function renderTrendCsv(trend: Trend): string {
  const periods = trend.periods.map((p) => p.period);
  const header = ['level', 'id', 'standard', 'title', ...periods.flatMap((p) => [p, `${p} rag`]), 'change'];
  // A criterion's ratings are whole numbers: its change is last less first.
  const change = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length < 2 ? '' : known[known.length - 1]! - known[0]!;
  };
  const rows = [
    {
      level: 'overall',
      id: trend.framework.id,
      standard: '',
      title: trend.organisation,
      ...Object.fromEntries(trend.periods.flatMap((p) => [[p.period, p.meanRating ?? ''], [`${p.period} rag`, p.rag]])),
      change: trend.change?.delta ?? '',
    },
    ...trend.standards.map((s) => ({
      level: 'standard',
      id: s.id,
      standard: s.id,
      title: s.title,
      ...Object.fromEntries(s.series.flatMap((p) => [[p.period, p.meanRating ?? ''], [`${p.period} rag`, p.rag]])),
      change: s.change?.delta ?? '',
    })),
    ...trend.criteria.map((c) => ({
      level: 'criterion',
      id: c.criterion,
      standard: c.standard,
      title: c.text,
      ...Object.fromEntries(c.series.flatMap((p) => [[p.period, p.rating ?? ''], [`${p.period} rag`, '']])),
      change: change(c.series.map((p) => p.rating)),
    })),
  ];
  return toCsv(rows, header);
}
