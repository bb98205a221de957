/** `audit standards map` for a person at a terminal: the pairs, how comparable, what nothing maps. */
import type { CrosswalkView, UnmatchedCriterion } from '../../core/crosswalk-view.js';
import type { Style } from '../style.js';
import { formatTable } from '../text-table.js';
import { hanging, prose } from '../text-wrap.js';
import type { TableOptions } from './gap.js';

export function renderCrosswalkTable(view: CrosswalkView, { style, width }: TableOptions): string {
  const from = `${view.from.framework}@${view.from.version}`;
  const to = `${view.to.framework}@${view.to.version}`;
  const out: string[] = [];
  out.push(style.bold(prose(`Crosswalk: ${from} → ${to}`, width, '  ')));
  out.push(prose(`${view.from.title} → ${view.to.title}`, width, '  '));
  out.push(prose(describeSource(view), width, '  '));
  out.push('');
  out.push(...comparability(view, style).map((line) => prose(line, width, '  ')));
  out.push('');
  if (!view.pairs.length) out.push(prose('No criterion has a counterpart.', width));
  else {
    out.push(
      formatTable(
        [{ header: 'From' }, { header: 'Relationship' }, { header: 'To' }, { header: 'Rationale', flexible: true }],
        view.pairs.map((p) => [p.from, p.relationship, p.to, (p.rationale ?? '').replace(/\s+/g, ' ')]),
        width,
      ),
    );
  }
  out.push(...unmatched(`Nothing in ${to} for these criteria of ${from}`, view.unmatched.from, width));
  out.push(...unmatched(`Nothing in ${from} maps to these criteria of ${to}`, view.unmatched.to, width));
  return `${out.join('\n')}\n`;
}

export function describeSource(view: CrosswalkView): string {
  if (!view.crosswalk) return `No crosswalk file joins these editions of ${view.to.framework}: criteria are matched by id (an id kept between editions is the same statement).`;
  return `From ${view.crosswalk.file}${view.crosswalk.reversed ? ', read in reverse (it maps the other way)' : ''}.`;
}

function comparability(view: CrosswalkView, style: Style): string[] {
  const c = view.coverage;
  const p = c.pairs;
  const lines = [
    `Comparable: ${c.from.equal} of ${c.from.criteria} criteria of ${view.from.framework}@${view.from.version} and ${c.to.equal} of ${c.to.criteria} of ` +
      `${view.to.framework}@${view.to.version} have an equal counterpart${view.ratingsCross ? ' (their ratings carry across)' : ''}.`,
    `Pairs: ${p.equal} equal, ${p.subset} subset, ${p.superset} superset, ${p.intersects} intersects.`,
  ];
  if (!view.ratingsCross) lines.push(style.amber('The two use different rating scales: no rating carries across, only evidence and actions.'));
  return lines;
}

function unmatched(title: string, criteria: readonly UnmatchedCriterion[], width: number | undefined): string[] {
  if (!criteria.length) return [];
  const declared = criteria.filter((c) => c.declared);
  const open = criteria.filter((c) => !c.declared);
  const lines = ['', prose(`${title} (${criteria.length}):`, width, '  ')];
  for (const c of declared) lines.push(hanging(`  ${c.criterion}  `, c.rationale ? c.rationale.replace(/\s+/g, ' ') : 'no counterpart', width));
  if (open.length) lines.push(hanging('  not in the crosswalk: ', open.map((c) => c.criterion).join(', '), width, '    '));
  return lines;
}
