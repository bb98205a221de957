/**
 * `audit standards map --format csv`: one row per pair of counterparts, then one per criterion
 * that nothing maps (relationship `none` where the crosswalk says so, `not-mapped` where no row
 * names it), for a spreadsheet.
 */
import type { CrosswalkView } from '../../core/crosswalk-view.js';
import { toCsv } from './csv.js';

const HEADER = ['from', 'from_standard', 'from_text', 'relationship', 'to', 'to_standard', 'to_text', 'rationale'];

export function renderCrosswalkCsv(view: CrosswalkView): string {
  const rows = [
    ...view.pairs.map((p) => ({
      from: p.from,
      from_standard: p.fromStandard,
      from_text: p.fromText,
      relationship: p.relationship,
      to: p.to,
      to_standard: p.toStandard,
      to_text: p.toText,
      rationale: p.rationale ?? '',
    })),
    ...view.unmatched.from.map((c) => ({
      from: c.criterion,
      from_standard: c.standard,
      from_text: c.text,
      relationship: c.declared ? 'none' : 'not-mapped',
      rationale: c.rationale ?? '',
    })),
    ...view.unmatched.to.map((c) => ({
      relationship: c.declared ? 'none' : 'not-mapped',
      to: c.criterion,
      to_standard: c.standard,
      to_text: c.text,
      rationale: c.rationale ?? '',
    })),
  ];
  return toCsv(rows, HEADER);
}
