/** `audit standards map --format markdown`: a crosswalk for a briefing pack or a wiki. */
import type { CrosswalkView, UnmatchedCriterion } from '../../core/crosswalk-view.js';
import { describeSource } from '../table/crosswalk.js';
import { escapeMarkdown as esc, markdownTable } from './markdown.js';

export function renderCrosswalkMarkdown(view: CrosswalkView): string {
  const from = `${view.from.framework}@${view.from.version}`;
  const to = `${view.to.framework}@${view.to.version}`;
  const c = view.coverage;
  const out: string[] = [`# Crosswalk: \`${from}\` → \`${to}\``, ''];
  out.push(`${esc(view.from.title)} → ${esc(view.to.title)}.`, '', esc(describeSource(view)));
  if (view.crosswalk?.sources.length) {
    out.push('', '**Written from:**', '');
    for (const s of view.crosswalk.sources) {
      out.push(`- ${esc(s.title)}${s.publisher ? `, ${esc(s.publisher)}` : ''}${s.year ? ` (${s.year})` : ''}${s.url ? ` <${s.url}>` : ''}${s.citation ? `: ${esc(s.citation)}` : ''}`);
    }
  }
  if (view.crosswalk?.method) out.push('', `**Method:** ${esc(view.crosswalk.method.replace(/\s+/g, ' ').trim())}`);
  out.push(
    '',
    `**Comparable:** ${c.from.equal} of ${c.from.criteria} criteria of \`${from}\` and ${c.to.equal} of ${c.to.criteria} of \`${to}\` have an equal counterpart` +
      `${view.ratingsCross ? ', so their ratings carry across' : '; the two use different rating scales, so no rating carries across'}. ` +
      `Pairs: ${c.pairs.equal} equal, ${c.pairs.subset} subset, ${c.pairs.superset} superset, ${c.pairs.intersects} intersects.`,
  );
  out.push('', '## Counterparts', '');
  out.push(
    markdownTable(
      ['From', 'Statement', 'Relationship', 'To', 'Statement', 'Rationale'],
      view.pairs.map((p) => [`\`${p.from}\``, esc(p.fromText), p.relationship, `\`${p.to}\``, esc(p.toText), esc(p.rationale ?? '')]),
    ),
  );
  out.push(...unmatched(`Nothing in \`${to}\` for these criteria of \`${from}\``, view.unmatched.from));
  out.push(...unmatched(`Nothing in \`${from}\` maps to these criteria of \`${to}\``, view.unmatched.to));
  return `${out.join('\n')}\n`;
}

function unmatched(title: string, criteria: readonly UnmatchedCriterion[]): string[] {
  if (!criteria.length) return [];
  return [
    '',
    `## ${title}`,
    '',
    markdownTable(
      ['Criterion', 'Statement', 'Why'],
      criteria.map((c) => [`\`${c.criterion}\``, esc(c.text), c.declared ? esc(c.rationale ?? 'No counterpart.') : 'Not in the crosswalk.']),
    ),
  ];
}
