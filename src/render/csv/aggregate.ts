/** `audit aggregate --format csv`: the heat map as a spreadsheet, one row per agency. */
import type { PartnershipView } from '../../core/aggregate.js';
import { toCsv } from './csv.js';

export function renderAggregateCsv(view: PartnershipView): string {
  const header = [
    'organisation',
    'file',
    'period',
    'rated',
    'criteria',
    'below_target',
    'mean',
    'rag',
    ...view.standards.flatMap((s) => [`${s.id} mean`, `${s.id} rag`, `${s.id} below_target`]),
    'moderated',
    'signed_off_by',
    'signed_off_date',
    'not_applicable',
    'not_applicable_criteria',
    'kind',
    ...(view.previousPeriods ? ['previous_file', 'previous_period', 'previous_mean', 'change', ...view.standards.map((s) => `${s.id} change`)] : []),
    ...(view.mapping ? ['mapped_from_edition', 'criteria_not_mapped'] : []),
  ];
  const mapped = new Map(view.mapping?.returns.map((r) => [r.file, r]));
  const notApplicableBy = new Map<string, string[]>();
  for (const n of view.notApplicable) for (const a of n.agencies) notApplicableBy.set(a.file, [...(notApplicableBy.get(a.file) ?? []), n.criterion]);
  const rows = view.agencies.map((a) => ({
    organisation: a.organisation,
    file: a.file,
    period: a.period,
    rated: a.summary.rated,
    criteria: a.summary.criteria,
    below_target: a.summary.belowTarget,
    mean: a.summary.meanRating ?? '',
    rag: a.summary.rag,
    ...Object.fromEntries(a.standards.flatMap((s) => [[`${s.id} mean`, s.meanRating ?? ''], [`${s.id} rag`, s.rag], [`${s.id} below_target`, s.belowTarget]])),
    moderated: a.moderated,
    signed_off_by: a.signoff?.by ?? '',
    signed_off_date: a.signoff?.date ?? '',
    not_applicable: a.summary.notApplicable,
    // A spreadsheet counts, per criterion, the agencies that called it not applicable from this column.
    not_applicable_criteria: (notApplicableBy.get(a.file) ?? []).join('; '),
    kind: a.kind?.id ?? '',
    previous_file: a.previous?.file ?? '',
    previous_period: a.previous?.period ?? '',
    previous_mean: a.previous?.meanRating ?? '',
    change: a.previous?.change ?? '',
    ...Object.fromEntries(a.standards.map((s) => [`${s.id} change`, s.change ?? ''])),
    mapped_from_edition: mapped.get(a.file)?.edition ?? '',
    criteria_not_mapped: mapped.get(a.file)?.notMapped.join(' ') ?? '',
  }));
  return toCsv(rows, header);
}
