/** `audit plan` for a person at a terminal. */
import type { Plan, PlanAction } from '../../core/plan.js';
import { describePlanStatus } from '../plan-status.js';
import type { Style } from '../style.js';
import { oneLine } from '../not-applicable.js';
import { formatTable } from '../text-table.js';
import { prose } from '../text-wrap.js';
import type { TableOptions } from './gap.js';

export function renderPlanTable(plan: Plan, { style, width }: TableOptions): string {
  const { summary } = plan;
  const out: string[] = [];
  out.push(prose(style.bold(`Improvement plan: ${plan.organisation}, ${plan.period}`), width));
  out.push(prose(`${plan.framework.title} (${plan.framework.id}, edition ${plan.framework.version}); as of ${plan.asOf}`, width));
  out.push('');
  if (summary.gaps === 0) {
    out.push(prose(summary.notAssessed ? `No gaps among the rated criteria (${summary.notAssessed} not assessed).` : style.green('No gaps: nothing to plan.'), width));
    out.push(...notApplicableLines(plan, style, width));
    return `${out.join('\n')}\n`;
  }
  out.push(prose(
    `${summary.gaps} gap${summary.gaps === 1 ? '' : 's'} (${summary.high} high, ${summary.medium} medium): ` +
      [
        `${summary.withAction} with an action`,
        summary.needsAction ? style.red(`${summary.needsAction} needing one`) : undefined,
        summary.overdue ? style.red(`${summary.overdue} overdue`) : undefined,
        summary.awaitingReassessment ? style.amber(`${summary.awaitingReassessment} done but not re-rated`) : undefined,
      ]
        .filter(Boolean)
        .join(', '),
    width,
  ));
  out.push('');
  out.push(
    formatTable(
      [
        { header: 'Priority' },
        { header: 'Criterion' },
        { header: 'Rating' },
        { header: 'Due' },
        { header: 'Status', wrap: true },
        { header: 'Owner', wrap: true },
        { header: 'Action', wrap: true },
      ],
      plan.actions.map((a) => [
        a.priority === 'high' ? style.red('HIGH') : style.amber('medium'),
        a.criterion,
        `${a.rating} → ${a.target}`,
        a.due ?? '–',
        statusCell(a, style),
        a.owner ?? '–',
        a.action === null ? style.red('NONE: needs an action') : a.action.replace(/\s+/g, ' '),
      ]),
      width,
    ),
  );
  if (summary.notAssessed) {
    out.push('');
    out.push(prose(`${summary.notAssessed} ${summary.notAssessed === 1 ? 'criterion' : 'criteria'} not assessed: rate ${summary.notAssessed === 1 ? 'it' : 'them'} to know whether ${summary.notAssessed === 1 ? 'it needs an action' : 'they need actions'} (audit gap lists them).`, width));
  }
  out.push(...notApplicableLines(plan, style, width));
  return `${out.join('\n')}\n`;
}

/** The criteria left out of the plan because they do not apply, with the reasons. */
function notApplicableLines(plan: Plan, style: Style, width: number | undefined): string[] {
  if (!plan.notApplicable.length) return [];
  return [
    '',
    style.bold(`Not applicable (${plan.notApplicable.length}): no gap, so no action`),
    // A public plan (--public) gives the statement in place of the organisation's reason.
    plan.notApplicable.some((n) => n.reason === null)
      ? formatTable([{ header: 'Criterion' }, { header: 'Statement', flexible: true }], plan.notApplicable.map((n) => [n.criterion, oneLine(n.text)]), width)
      : formatTable([{ header: 'Criterion' }, { header: 'Reason', flexible: true }], plan.notApplicable.map((n) => [n.criterion, oneLine(n.reason ?? '')]), width),
  ];
}

function statusCell(action: PlanAction, style: Style): string {
  const words = describePlanStatus(action);
  if (action.needsAction || action.overdue) return style.red(words);
  if (action.awaitingReassessment) return style.amber(words);
  return words;
}
