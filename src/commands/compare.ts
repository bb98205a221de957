/**
 * `audit compare OLD NEW`: direction of travel between two periods' audits of one framework,
 * or across the crosswalk that joins their editions or frameworks.
 */
import { resolve } from 'node:path';
import { sameOrganisation } from '../core/audit.js';
import { compareAudits } from '../core/compare.js';
import { editionOf, sameEdition, type Bridge } from '../core/crosswalk.js';
import { InputError } from '../errors.js';
import { readAudit, type ReadAudit } from '../io/audit-file.js';
import { bridgeBetween, noCrosswalkMessage, shownCrosswalkFile } from '../io/crosswalk-files.js';
import { renderJson } from '../render/json.js';
import { renderCompareMarkdown } from '../render/markdown/compare.js';
import { renderCompareTable } from '../render/table/compare.js';
import type { CommandContext } from './context.js';
import type { CompareFormat } from './formats.js';

export async function runCompare(oldFile: string, newFile: string, options: { format: CompareFormat }, ctx: CommandContext): Promise<number> {
  // Last period's audit may be of an earlier edition: its answers to criteria since removed are kept aside, not refused.
  const before = await readAudit(resolve(ctx.cwd, oldFile), ctx.env, { allowRetiredCriteria: true });
  const after = await readAudit(resolve(ctx.cwd, newFile), ctx.env);
  const bridge = await crosswalkBetween(before, after, oldFile, newFile, ctx.env);
  if (!sameOrganisation(before.audit, after.audit)) {
    ctx.err(`warning: comparing different organisations: ${before.audit.organisation} (${oldFile}) and ${after.audit.organisation} (${newFile})\n`);
  }
  if (before.audit.period === after.audit.period) {
    ctx.err(`warning: both audits are of the period ${after.audit.period}\n`);
  } else if (isLaterPeriod(before.audit.period, after.audit.period)) {
    // Given the wrong way round, every improvement reads as a decline.
    ctx.err(
      `warning: ${oldFile} (${before.audit.period}) is of a later period than ${newFile} (${after.audit.period}), ` +
        `so what improved shows as declined: give last period's first, audit compare ${newFile} ${oldFile}\n`,
    );
  }

  const comparison = compareAudits(
    {
      file: oldFile,
      framework: before.framework.framework,
      audit: before.audit,
      ...(before.retired ? { retired: Object.keys(before.retired) } : {}),
    },
    { file: newFile, framework: after.framework.framework, audit: after.audit },
    bridge,
  );
  if (comparison.reworded.length) {
    ctx.err(
      `warning: the two audits' frameworks word ${comparison.reworded.join(', ')} differently (${before.framework.framework.id} edition ${before.framework.framework.version}, ` +
        `read from ${before.audit.framework} and ${after.audit.framework}), so their ratings answer different requirements and are not compared\n`,
    );
  }
  if (comparison.crosswalk) comparison.crosswalk.file = shownCrosswalkFile(comparison.crosswalk.file, ctx.cwd);
  switch (options.format) {
    case 'json':
      ctx.out(renderJson(comparison));
      break;
    case 'markdown':
      ctx.out(renderCompareMarkdown(comparison));
      break;
    case 'table':
      ctx.out(renderCompareTable(comparison, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}

/**
 * The crosswalk joining the two audits' editions, when they differ and one does. Editions of
 * one framework without one are compared by criterion id (undefined here); different
 * frameworks without one are refused.
 */
async function crosswalkBetween(before: ReadAudit, after: ReadAudit, oldFile: string, newFile: string, env: NodeJS.ProcessEnv): Promise<Bridge | undefined> {
  const a = before.framework.framework;
  const b = after.framework.framework;
  if (sameEdition(editionOf(a), editionOf(b))) return undefined;
  // Last period's edition may be unavailable, and the audit read against the current one: nothing to check a crosswalk against.
  const editionKnown = (before.audit.frameworkVersion ?? a.version) === a.version;
  const bridge = editionKnown ? await bridgeBetween(a, b, env) : undefined;
  if (!bridge && a.id !== b.id) {
    throw new InputError(
      `cannot compare audits of different frameworks: ${oldFile} is an audit of ${a.id}, ${newFile} of ${b.id}, and ${noCrosswalkMessage(editionOf(a), editionOf(b), env)}`,
    );
  }
  return bridge?.via.kind === 'crosswalk' ? bridge : undefined;
}

/**
 * Whether period `a` is later than `b`, where both begin with a year (2025-26, 2025/26, 2025 Q3):
 * other names (Spring term) cannot be put in order, so are never said to be out of it.
 */
function isLaterPeriod(a: string, b: string): boolean {
  const year = /^\s*(\d{4})/;
  if (!year.test(a) || !year.test(b)) return false;
  return new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' }).compare(a.trim(), b.trim()) > 0;
}
