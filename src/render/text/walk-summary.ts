/**
 * The close of `audit start` and `audit resume`: the gap summary, what is still to do, and
 * the commands that come next.
 */
import type { GapAnalysis } from '../../core/gap-analysis.js';
import type { Style } from '../style.js';
import { renderGapTable } from '../table/gap.js';
import { prose } from '../text-wrap.js';

export interface WalkSummary {
  analysis: GapAnalysis;
  /** The audit file as the user should type it. */
  file: string;
  /** Criteria skipped in this session and still not rated. */
  skipped: string[];
  /** Rated criteria that have no evidence. */
  withoutEvidence: string[];
}

export function renderWalkSummary(summary: WalkSummary, style: Style, width?: number): string {
  const { analysis, file } = summary;
  const shell = quoteForShell(file);
  const out: string[] = ['', renderGapTable(analysis, { style, ...(width !== undefined ? { width } : {}) }).trimEnd(), ''];

  if (summary.skipped.length) {
    out.push(prose(`Skipped this time (${summary.skipped.length}): ${summary.skipped.join(', ')}`, width, '  '));
  }
  if (summary.withoutEvidence.length) {
    out.push(prose(`Rated without evidence (${summary.withoutEvidence.length}): ${summary.withoutEvidence.join(', ')}`, width, '  '));
  }
  const noAction = analysis.gaps.filter((gap) => !gap.action).map((gap) => gap.criterion);
  if (noAction.length) {
    out.push(
      prose(
        `Below target with no improvement action yet (${noAction.length}): ${noAction.join(', ')}; the plan shows ${noAction.length === 1 ? 'it' : 'them'} as needing one`,
        width,
        '  ',
      ),
    );
  }
  if (out[out.length - 1] !== '') out.push('');

  out.push(style.bold('Next:'));
  const next: [string, string][] = [];
  if (analysis.notAssessed.length) {
    const n = analysis.notAssessed.length;
    next.push([`audit resume ${shell}`, n === 1 ? 'rate the criterion not yet rated' : `rate the ${n} criteria not yet rated`]);
  }
  if (summary.withoutEvidence.length || noAction.length) next.push([`audit resume ${shell} --review`, 'go over the rated criteria again']);
  next.push([`audit plan ${shell}`, 'the improvement plan: actions, owners, due dates']);
  next.push([`audit report ${shell}`, 'the report for Cabinet, as a PDF']);
  next.push([`audit gap ${shell} --format markdown`, 'this gap analysis as a document']);
  const commandWidth = Math.max(...next.map(([command]) => command.length));
  // Side by side when they fit, else each command with what it does under it.
  const sideBySide = width === undefined || next.every(([command, what]) => 2 + commandWidth + 3 + what.length <= width);
  for (const [command, what] of next) {
    if (sideBySide) out.push(`  ${command.padEnd(commandWidth)}   ${style.dim(what)}`);
    else out.push(prose(`  ${command}`, width, '  '), style.dim(prose(`      ${what}`, width)));
  }
  return `${out.join('\n')}\n`;
}

/** A file name as it can be pasted into a shell: quoted only when it needs to be. */
export function quoteForShell(file: string): string {
  return /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
