/** `audit gap --format csv`: one row per criterion, for a spreadsheet. */
import type { GapAnalysis } from '../../core/gap-analysis.js';
import { toCsv } from './csv.js';

export function renderGapCsv(analysis: GapAnalysis): string {
  const titles = new Map(analysis.standards.map((s) => [s.id, s.title]));
  return toCsv(
    analysis.criteria.map((c) => ({
      standard: c.standard,
      standard_title: titles.get(c.standard) ?? '',
      criterion: c.criterion,
      text: c.text,
      rating: c.rating ?? '',
      target: c.target,
      gap: c.rating === null ? '' : c.gap,
      priority: c.priority ?? '',
      status: c.status,
      action: c.action?.text ?? '',
      owner: c.action?.owner ?? '',
      due: c.action?.due ?? '',
      action_status: c.action?.status ?? '',
      self_rating: c.selfRating ?? '',
      moderated_by: c.moderation?.by ?? '',
      moderation_note: c.moderation?.note ?? '',
      evidence: c.evidence ?? '',
      not_applicable_reason: c.notApplicable ?? '',
    })),
  );
}
