/** `audit check --format markdown`: a CI job summary ($GITHUB_STEP_SUMMARY) or a merge-request note. */
import type { CheckResult } from '../../core/check.js';
import { isAllNotApplicable, oneLine, unratedCounts } from '../not-applicable.js';
import { formatMean, ratingLabel } from '../rating-label.js';
import { describeGate } from '../text/check.js';
import { escapeMarkdown as esc, markdownTable, ragMarkdown } from './markdown.js';
import { count } from '../plural.js';

export function renderCheckMarkdown(result: CheckResult, file: string): string {
  const s = result.summary;
  const out: string[] = [];
  out.push(`## ${result.passed ? '✅ Passed' : '❌ Failed'}: ${esc(result.organisation)}, ${esc(result.period)}`);
  out.push('');
  out.push(`\`${file.replace(/`/g, "'")}\` against ${esc(result.framework.title)} (\`${result.framework.id}\`, edition ${esc(result.framework.version)}).`);
  out.push('');
  out.push(`**Gate:** ${esc(describeGate(result.gate))}.`);
  out.push('');
  out.push(
    `**Overall: ${ragMarkdown(s.rag)}.** ${s.rated} of ${count(s.criteria, 'criterion')} rated` +
      unratedCounts(s) +
      `; mean ${formatMean(s.meanRating)} on ${result.scale.min}–${result.scale.max}; ${s.belowTarget} below target, ${s.meetingTarget} meeting it.`,
  );
  if (result.reasons.length) {
    out.push('', '### Why it failed', '');
    for (const reason of result.reasons) out.push(`- ${esc(reason.message)}`);
  }
  out.push('', '### Standards', '');
  const withNa = s.notApplicable > 0;
  out.push(
    markdownTable(
      ['Standard', 'Rated', ...(withNa ? ['Not applicable'] : []), 'Mean', 'Below target', 'RAG'],
      result.standards.map((st, i) => [
        `${i + 1}. ${esc(st.title)}`,
        `${st.rated}/${st.criteria}`,
        ...(withNa ? [String(st.notApplicable)] : []),
        formatMean(st.meanRating),
        String(st.belowTarget),
        isAllNotApplicable(st) ? 'Not applicable' : ragMarkdown(st.rag),
      ]),
      ['left', 'right', ...(withNa ? ['right' as const] : []), 'right', 'right', 'left'],
    ),
  );
  const below = result.criteria.filter((c) => c.outcome === 'below-target' || c.belowMinRating);
  if (below.length) {
    out.push('', '### Criteria below target', '');
    out.push(
      markdownTable(
        ['Criterion', 'Rating', 'Target', 'Priority', 'Fails gate', 'Action'],
        below.map((c) => [
          `\`${c.criterion}\` ${esc(c.text.replace(/\s+/g, ' '))}`,
          ratingLabel(c),
          String(c.target),
          c.priority ?? '–',
          c.failsGate ? '**yes**' : 'no',
          c.action ? esc([c.action.text, c.action.owner, c.action.due && `due ${c.action.due}`].filter(Boolean).join(' · ')) : '_none yet_',
        ]),
        ['left', 'right', 'right', 'left', 'left', 'left'],
      ),
    );
  }
  const notAssessed = result.criteria.filter((c) => c.outcome === 'not-assessed');
  if (notAssessed.length) {
    out.push('', `### Not assessed (${notAssessed.length})`, '', notAssessed.map((c) => `\`${c.criterion}\``).join(', '));
  }
  const notApplicable = result.criteria.filter((c) => c.outcome === 'not-applicable');
  if (notApplicable.length) {
    out.push('', `### Not applicable (${notApplicable.length})`, '');
    // A public result has no reasons (check --public): the criteria alone.
    const withReasons = notApplicable.some((c) => c.notApplicable !== null);
    out.push(
      markdownTable(
        withReasons ? ['Criterion', 'Reason'] : ['Criterion'],
        notApplicable.map((c) => [`\`${c.criterion}\` ${esc(oneLine(c.text))}`, ...(withReasons ? [esc(oneLine(c.notApplicable ?? ''))] : [])]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
