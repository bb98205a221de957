/** `audit gap --format markdown`: for a report, a wiki page or a CI job summary. */
import type { GapAnalysis } from '../../core/gap-analysis.js';
import { isAllNotApplicable, oneLine, unratedCounts } from '../not-applicable.js';
import { formatMean, moderationNote, ratingLabel } from '../rating-label.js';
import { challengedNotApplicable } from '../table/gap.js';
import { escapeMarkdown as esc, markdownTable, ragMarkdown } from './markdown.js';
import { count } from '../plural.js';

export function renderGapMarkdown(analysis: GapAnalysis): string {
  const { summary } = analysis;
  const out: string[] = [];
  out.push(`# Gap analysis: ${esc(analysis.organisation)}, ${esc(analysis.period)}`);
  out.push('');
  out.push(
    `${esc(analysis.framework.title)} (\`${analysis.framework.id}\`, edition ${esc(analysis.framework.version)})` +
      (analysis.assessor ? `. Assessed by ${esc(analysis.assessor)}.` : '.') +
      (analysis.kind ? ` Kind of organisation: ${esc(analysis.kind.label)}.` : ''),
  );
  out.push('');
  out.push(
    `**Overall: ${ragMarkdown(summary.rag)}.** ${summary.rated} of ${count(summary.criteria, 'criterion')} rated` +
      unratedCounts(summary) +
      `; mean rating ${formatMean(summary.meanRating)} (scale ${analysis.scale.min}–${analysis.scale.max}); ` +
      `${summary.belowTarget} below target, ${summary.meetingTarget} meeting it.`,
  );
  out.push('');
  out.push('## Standards');
  out.push('');
  const withNa = summary.notApplicable > 0;
  out.push(
    markdownTable(
      ['Standard', 'Rated', ...(withNa ? ['Not applicable'] : []), 'Mean', 'Lowest', 'Below target', 'RAG'],
      analysis.standards.map((s, i) => [
        `${i + 1}. ${esc(s.title)}`,
        `${s.rated}/${s.criteria}`,
        ...(withNa ? [String(s.notApplicable)] : []),
        formatMean(s.meanRating),
        s.minRating === null ? '–' : String(s.minRating),
        String(s.belowTarget),
        isAllNotApplicable(s) ? 'Not applicable' : ragMarkdown(s.rag),
      ]),
      ['left', 'right', ...(withNa ? ['right' as const] : []), 'right', 'right', 'right', 'left'],
    ),
  );
  out.push('');
  out.push('## Gaps');
  out.push('');
  if (analysis.gaps.length === 0) {
    out.push(summary.rated ? 'Every rated criterion meets its target.' : 'No criterion is rated yet.');
  } else {
    out.push(
      markdownTable(
        ['Priority', 'Criterion', 'Statement', 'Rating', 'Target', 'Gap', 'Action'],
        analysis.gaps.map((g) => [
          g.priority === 'high' ? '**High**' : 'Medium',
          `\`${g.criterion}\``,
          esc(g.text),
          ratingLabel(g),
          String(g.target),
          String(g.gap),
          (g.action
            ? esc([g.action.text, g.action.owner && `Owner: ${g.action.owner}`, g.action.due && `Due: ${g.action.due}`].filter(Boolean).join('. '))
            : '_No action yet_') + (g.moderation && g.selfRating !== g.rating ? `<br>_${esc(moderationNote(g.moderation))}_` : ''),
        ]),
        ['left', 'left', 'left', 'right', 'right', 'right', 'left'],
      ),
    );
  }
  if (analysis.notAssessed.length) {
    out.push('');
    out.push('## Not assessed');
    out.push('');
    out.push(analysis.notAssessed.map((id) => `\`${id}\``).join(', '));
  }
  const challenged = challengedNotApplicable(analysis);
  if (challenged.length) out.push('', `Called not applicable, but a moderation panel holds they apply: ${esc(challenged.join('; '))}.`);
  if (analysis.notApplicable.length) {
    const text = new Map(analysis.criteria.map((c) => [c.criterion, c.text]));
    out.push('', '## Not applicable', '', 'Counted in no mean, gap or RAG rating.', '');
    // A public analysis (--public) has no reasons: the organisation's words, left out.
    const withReasons = analysis.notApplicable.every((n) => n.reason !== null);
    out.push(
      markdownTable(
        withReasons ? ['Criterion', 'Statement', 'Reason'] : ['Criterion', 'Statement'],
        analysis.notApplicable.map((n) => [`\`${n.criterion}\``, esc(oneLine(text.get(n.criterion) ?? '')), ...(withReasons ? [esc(oneLine(n.reason ?? ''))] : [])]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
