/** `audit plan --format markdown`: for a report, a wiki page or a CI job summary. */
import type { Plan } from '../../core/plan.js';
import { describePlanStatus } from '../plan-status.js';
import { oneLine } from '../not-applicable.js';
import { escapeMarkdown as esc, markdownTable } from './markdown.js';
import { count, noun } from '../plural.js';

export function renderPlanMarkdown(plan: Plan): string {
  const { summary } = plan;
  const out: string[] = [];
  out.push(`# Improvement plan: ${esc(plan.organisation)}, ${esc(plan.period)}`);
  out.push('');
  out.push(`${esc(plan.framework.title)} (\`${plan.framework.id}\`, edition ${esc(plan.framework.version)}). Status as of ${plan.asOf}.`);
  out.push('');
  if (summary.gaps === 0) {
    out.push(summary.notAssessed ? `No gaps among the rated criteria; ${summary.notAssessed} not assessed.` : 'No gaps: nothing to plan.');
    out.push(...notApplicableSection(plan));
    return `${out.join('\n')}\n`;
  }
  out.push(
    `**${count(summary.gaps, 'gap')}** (${summary.high} high priority, ${summary.medium} medium): ${summary.withAction} with an action, ` +
      `${summary.needsAction} needing one, ${summary.overdue} overdue` +
      (summary.awaitingReassessment ? `, ${summary.awaitingReassessment} done but not yet re-rated` : '') +
      '.',
  );
  out.push('');
  out.push(
    markdownTable(
      ['Priority', 'Standard', 'Criterion', 'Rating', 'Target', 'Action', 'Owner', 'Due', 'Status'],
      plan.actions.map((a) => [
        a.priority === 'high' ? '**High**' : 'Medium',
        esc(a.standardTitle),
        `\`${a.criterion}\` ${esc(a.text)}`,
        String(a.rating),
        String(a.target),
        a.action === null ? '**_Needs an action_**' : esc(a.action),
        a.owner === null ? '–' : esc(a.owner),
        a.due ?? '–',
        a.overdue ? `**${describePlanStatus(a)}**` : describePlanStatus(a),
      ]),
      ['left', 'left', 'left', 'right', 'right', 'left', 'left', 'left', 'left'],
    ),
  );
  if (summary.notAssessed) {
    out.push('');
    out.push(`${count(summary.notAssessed, 'criterion')} ${noun(summary.notAssessed, 'is')} not assessed yet; ${summary.notAssessed === 1 ? 'it' : 'they'} may need actions once rated.`);
  }
  out.push(...notApplicableSection(plan));
  return `${out.join('\n')}\n`;
}

/** The criteria left out of the plan because they do not apply, with the reasons. */
function notApplicableSection(plan: Plan): string[] {
  if (!plan.notApplicable.length) return [];
  return [
    '',
    `## Not applicable (${plan.notApplicable.length})`,
    '',
    'These criteria do not apply to the organisation: they are no gap and need no action.',
    '',
    // A public plan (--public) has no reasons: the organisation's words, left out.
    plan.notApplicable.some((n) => n.reason === null)
      ? markdownTable(['Criterion', 'Statement'], plan.notApplicable.map((n) => [`\`${n.criterion}\``, esc(oneLine(n.text))]))
      : markdownTable(
          ['Criterion', 'Statement', 'Reason'],
          plan.notApplicable.map((n) => [`\`${n.criterion}\``, esc(oneLine(n.text)), esc(oneLine(n.reason ?? ''))]),
        ),
  ];
}
