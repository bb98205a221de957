/**
 * `audit check --format junit`: the audit as a test report CI servers display (GitLab's
 * `artifacts:reports:junit`, Jenkins, Azure DevOps, GitHub test-report actions).
 *
 * One <testsuite> per standard, one <testcase> per criterion. A criterion below target is a
 * <failure> whose message gives rating, target and action; one rated below the gate's
 * minimum is a failure too. A criterion not assessed is <skipped>, or a failure when the gate
 * requires a complete audit. A criterion not applicable is <skipped> whatever the gate, its
 * message giving the organisation's reason.
 */
import type { CheckedCriterion, CheckResult } from '../../core/check.js';
import { rowsByStandard } from '../../core/gap-analysis.js';
import { oneLine } from '../not-applicable.js';
import { moderationNote, ratingLabel } from '../rating-label.js';
import { xmlTag, xmlText } from './xml.js';

export function renderCheckJunit(result: CheckResult): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const cases = result.criteria.map((c) => ({ standard: c.standard, criterion: c, verdict: verdictOf(c, result) }));
  const totals = tally(cases.map((c) => c.verdict));
  out.push(
    xmlTag('testsuites', {
      name: `Safeguarding audit: ${result.organisation}, ${result.period} (${result.framework.id})`,
      tests: cases.length,
      failures: totals.failures,
      errors: 0,
      skipped: totals.skipped,
      time: 0,
    }),
  );
  const byStandard = rowsByStandard(cases);
  result.standards.forEach((standard, i) => {
    const own = byStandard.get(standard.id) ?? [];
    const t = tally(own.map((c) => c.verdict));
    out.push(
      `  ${xmlTag('testsuite', {
        name: `${i + 1}. ${standard.title}`,
        tests: own.length,
        failures: t.failures,
        errors: 0,
        skipped: t.skipped,
        time: 0,
      })}`,
    );
    out.push('    <properties>');
    const properties: [string, string][] = [
      ['standard', standard.id],
      ['rag', standard.rag],
      ['meanRating', standard.meanRating === null ? '' : standard.meanRating.toFixed(2)],
      ['belowTarget', String(standard.belowTarget)],
      ['notAssessed', String(standard.notAssessed)],
      ['notApplicable', String(standard.notApplicable)],
    ];
    for (const [name, value] of properties) out.push(`      ${xmlTag('property', { name, value }, true)}`);
    out.push('    </properties>');
    for (const { criterion: c, verdict } of own) {
      const open = xmlTag('testcase', { name: `${c.criterion}: ${oneLine(c.text)}`, classname: `${result.framework.id}.${c.standard}`, time: 0 }, verdict.kind === 'pass');
      if (verdict.kind === 'pass') {
        out.push(`    ${open}`);
        continue;
      }
      out.push(`    ${open}`);
      if (verdict.kind === 'skipped') out.push(`      ${xmlTag('skipped', { message: verdict.message }, true)}`);
      else out.push(`      ${xmlTag('failure', { message: verdict.message, type: verdict.type })}${xmlText(details(c))}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

type Verdict = { kind: 'pass' } | { kind: 'skipped'; message: string } | { kind: 'failure'; type: string; message: string };

/** Most criteria pass: one verdict for them all. */
const PASS: Verdict = Object.freeze({ kind: 'pass' });

function verdictOf(c: CheckedCriterion, result: CheckResult): Verdict {
  if (c.outcome === 'not-applicable') return { kind: 'skipped', message: c.notApplicable === null ? 'not applicable' : `not applicable: ${oneLine(c.notApplicable)}` };
  if (c.outcome === 'not-assessed') {
    return result.gate.requireComplete
      ? { kind: 'failure', type: 'not-assessed', message: 'not assessed; this gate requires every criterion to be assessed' }
      : { kind: 'skipped', message: 'not assessed' };
  }
  const below = c.outcome === 'below-target';
  if (!below && !c.belowMinRating) return PASS;
  const parts = [`rated ${ratingLabel(c)}`];
  if (below) parts[0] += `, target ${c.target} (gap ${c.gap}, ${c.priority} priority)`;
  if (c.belowMinRating) parts.push(`below the minimum rating of ${result.gate.minRating}`);
  const type = below ? 'below-target' : 'below-minimum';
  parts.push(c.action ? `action: ${describeAction(c.action)}` : 'no improvement action yet');
  return { kind: 'failure', type, message: parts.join('; ') };
}

function tally(verdicts: Verdict[]): { failures: number; skipped: number } {
  let failures = 0;
  let skipped = 0;
  for (const v of verdicts) {
    if (v.kind === 'failure') failures++;
    else if (v.kind === 'skipped') skipped++;
  }
  return { failures, skipped };
}

function describeAction(action: NonNullable<CheckedCriterion['action']>): string {
  const about = [action.owner && `owner ${action.owner}`, action.due && `due ${action.due}`, action.status].filter(Boolean).join(', ');
  return `${oneLine(action.text)}${about ? ` (${about})` : ''}`;
}

function details(c: CheckedCriterion): string {
  const lines = [`${c.criterion}: ${oneLine(c.text)}`, `Rating: ${ratingLabel(c)}; target ${c.target}`];
  if (c.moderation && c.selfRating !== c.rating) lines.push(moderationNote(c.moderation));
  if (c.action) lines.push(`Action: ${describeAction(c.action)}`);
  if (c.evidence) lines.push(`Evidence: ${c.evidence.trim()}`);
  return lines.join('\n');
}
