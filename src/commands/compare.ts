/** `audit compare OLD NEW`: direction of travel between two periods' audits of one framework. */
import { resolve } from 'node:path';
import { compareAudits } from '../core/compare.js';
import { InputError } from '../errors.js';
import { readAudit } from '../io/audit-file.js';
import { renderJson } from '../render/json.js';
import { renderCompareMarkdown } from '../render/markdown/compare.js';
import { renderCompareTable } from '../render/table/compare.js';
import type { CommandContext } from './context.js';
import type { CompareFormat } from './formats.js';

export async function runCompare(oldFile: string, newFile: string, options: { format: CompareFormat }, ctx: CommandContext): Promise<number> {
  // Last period's audit may be of an earlier edition: its answers to criteria since removed are kept aside, not refused.
  const before = await readAudit(resolve(ctx.cwd, oldFile), ctx.env, { allowRetiredCriteria: true });
  const after = await readAudit(resolve(ctx.cwd, newFile), ctx.env);
  const oldId = before.framework.framework.id;
  const newId = after.framework.framework.id;
  if (oldId !== newId) {
    throw new InputError(
      `cannot compare audits of different frameworks: ${oldFile} is an audit of ${oldId}, ${newFile} of ${newId}`,
    );
  }
  if (before.audit.organisation.trim().toLowerCase() !== after.audit.organisation.trim().toLowerCase()) {
    ctx.err(`warning: comparing different organisations: ${before.audit.organisation} (${oldFile}) and ${after.audit.organisation} (${newFile})\n`);
  }
  if (before.audit.period === after.audit.period) {
    ctx.err(`warning: both audits are of the period ${after.audit.period}\n`);
  }

  const comparison = compareAudits(
    {
      file: oldFile,
      framework: before.framework.framework,
      audit: before.audit,
      ...(before.retired ? { retired: Object.keys(before.retired) } : {}),
    },
    { file: newFile, framework: after.framework.framework, audit: after.audit },
  );
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
