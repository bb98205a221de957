/** `audit check` for a person reading a terminal or a CI log. */
import type { CheckGate, CheckResult } from '../../core/check.js';
import type { Style } from '../style.js';
import { oneLine, unratedCounts } from '../not-applicable.js';
import { count } from '../plural.js';
import { formatMean } from '../rating-label.js';

/**
 * `wrap`: a paragraph wrapped at words to the terminal's width, with a hanging indent (text-wrap's
 * prose, which the caller loads only for a terminal); for a CI log or a file, the lines whole.
 */
export function renderCheckText(result: CheckResult, style: Style, file: string, wrap: (text: string, indent: string) => string): string {
  const out: string[] = [];
  const verdict = result.passed ? style.green('PASS') : style.red('FAIL');
  out.push(wrap(`${style.bold(verdict)}  ${file}: ${result.organisation}, ${result.period} (${result.framework.id}, edition ${result.framework.version})`, '  '));
  out.push(wrap(`Gate: ${describeGate(result.gate)}`, '  '));
  for (const reason of result.reasons) out.push(wrap(`  ${style.red('✗')} ${reason.message}`, '  '));
  out.push(wrap(summaryLine(result, style), '  '));
  const notApplicable = result.criteria.filter((c) => c.outcome === 'not-applicable');
  if (notApplicable.length) {
    // Grouped by reason: the criteria a kind does not answer share one, and a CI log should not repeat it.
    // A public result has no reasons (check --public): the criteria alone.
    const byReason = new Map<string, string[]>();
    for (const c of notApplicable) {
      const reason = c.notApplicable === null ? '' : oneLine(c.notApplicable);
      byReason.set(reason, [...(byReason.get(reason) ?? []), c.criterion]);
    }
    out.push(wrap(`Not applicable (${notApplicable.length}): ${[...byReason].map(([reason, ids]) => `${ids.join(', ')}${reason ? ` (${reason})` : ''}`).join('; ')}`, '  '));
  }
  if (result.passed) {
    const below = result.summary.belowTarget;
    if (below) out.push(style.dim(wrap(`${below} ${below === 1 ? 'criterion is' : 'criteria are'} below target but within this gate; see audit gap ${file}`, '  ')));
    if (result.summary.rated === 0) out.push(style.dim('Note: no criterion is rated yet; add --require-complete to fail on that'));
  }
  return `${out.join('\n')}\n`;
}

export function summaryLine(result: CheckResult, style: Style): string {
  const s = result.summary;
  return (
    `Overall ${style.rag(s.rag)}: ${s.rated} of ${count(s.criteria, 'criterion')} rated` +
    unratedCounts(s) +
    `, mean ${formatMean(s.meanRating)} on ${result.scale.min}–${result.scale.max}; ${s.belowTarget} below target, ${s.meetingTarget} meeting it`
  );
}

export function describeGate(gate: { failOn: CheckGate['failOn']; minRating: number | null; requireComplete: boolean }): string {
  const rules = [
    {
      red: 'fail on any red standard',
      amber: 'fail on any amber or red standard',
      gap: 'fail on any criterion below target',
      none: 'no RAG rule',
    }[gate.failOn],
  ];
  if (gate.minRating !== null) rules.push(`every rated criterion at least ${gate.minRating}`);
  if (gate.requireComplete) rules.push('every criterion assessed');
  return rules.join('; ');
}
