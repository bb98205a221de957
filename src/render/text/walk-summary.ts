/**
 * The close of `audit start` and `audit resume`: the gap summary, what is still to do, and
 * the commands that come next.
 */
import type { GapAnalysis } from '../../core/gap-analysis.js';
import type { Style } from '../style.js';
import { renderGapTable } from '../table/gap.js';

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
    out.push(`Skipped this time (${summary.skipped.length}): ${summary.skipped.join(', ')}`);
  }
  if (summary.withoutEvidence.length) {
    out.push(`Rated without evidence (${summary.withoutEvidence.length}): ${summary.withoutEvidence.join(', ')}`);
  }
  const noAction = analysis.gaps.filter((gap) => !gap.action).map((gap) => gap.criterion);
  if (noAction.length) {
    out.push(`Below target with no improvement action yet (${noAction.length}): ${noAction.join(', ')}; the plan shows them as needing one`);
  }
  if (out[out.length - 1] !== '') out.push('');

  out.push(style.bold('Next:'));
  const next: [string, string][] = [];
  if (analysis.notAssessed.length) next.push([`audit resume ${shell}`, `rate the ${analysis.notAssessed.length} criteria not yet rated`]);
  if (summary.withoutEvidence.length || noAction.length) next.push([`audit resume ${shell} --review`, 'go over the rated criteria again']);
  next.push([`audit plan ${shell}`, 'the improvement plan: actions, owners, due dates']);
  next.push([`audit report ${shell}`, 'the report for Cabinet, as a PDF']);
  next.push([`audit gap ${shell} --format markdown`, 'this gap analysis as a document']);
  const commandWidth = Math.max(...next.map(([command]) => command.length));
  for (const [command, what] of next) out.push(`  ${command.padEnd(commandWidth)}   ${style.dim(what)}`);
  return `${out.join('\n')}\n`;
}

/** A file name as it can be pasted into a shell: quoted only when it needs to be. */
export function quoteForShell(file: string): string {
  return /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
