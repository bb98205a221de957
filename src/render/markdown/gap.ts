/** `audit gap --format markdown`: for a report, a wiki page or a CI job summary. */
import type { GapAnalysis } from '../../core/gap-analysis.js';
import { ratingLabel } from '../rating-label.js';
import { formatMean, moderationNote } from '../table/gap.js';
import { escapeMarkdown as esc, markdownTable, ragMarkdown } from './markdown.js';
import { count } from '../plural.js';

export function renderGapMarkdown(analysis: GapAnalysis): string {
  const { summary } = analysis;
  const out: string[] = [];
  out.push(`# Gap analysis: ${esc(analysis.organisation)}, ${esc(analysis.period)}`);
  out.push('');
  out.push(
    `${esc(analysis.framework.title)} (\`${analysis.framework.id}\`, edition ${esc(analysis.framework.version)})` +
      (analysis.assessor ? `. Assessed by ${esc(analysis.assessor)}.` : '.'),
  );
  out.push('');
  out.push(
    `**Overall: ${ragMarkdown(summary.rag)}.** ${summary.rated} of ${count(summary.criteria, 'criterion')} rated` +
      (summary.notAssessed ? ` (${summary.notAssessed} not assessed)` : '') +
      `; mean rating ${formatMean(summary.meanRating)} (scale ${analysis.scale.min}–${analysis.scale.max}); ` +
      `${summary.belowTarget} below target, ${summary.meetingTarget} meeting it.`,
  );
  out.push('');
  out.push('## Standards');
  out.push('');
  out.push(
    markdownTable(
      ['Standard', 'Rated', 'Mean', 'Lowest', 'Below target', 'RAG'],
      analysis.standards.map((s, i) => [
        `${i + 1}. ${esc(s.title)}`,
        `${s.rated}/${s.criteria}`,
        formatMean(s.meanRating),
        s.minRating === null ? '–' : String(s.minRating),
        String(s.belowTarget),
        ragMarkdown(s.rag),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'left'],
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
  return `${out.join('\n')}\n`;
}
