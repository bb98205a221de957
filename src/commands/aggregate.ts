/** `audit aggregate FILE...|DIR`: the partnership view of many agencies' audits of one framework. */
import { relative } from 'node:path';
import { aggregateAudits, repeatedOrganisations, type AgencyAudit } from '../core/aggregate.js';
import { InputError } from '../errors.js';
import { readAudit, type FrameworkCache, type ReadAudit } from '../io/audit-file.js';
import { expandAuditPaths, type AuditPath } from '../io/audit-paths.js';
import { readUserFile } from '../io/read-user-file.js';
import { YamlSource } from '../io/yaml-source.js';
import { renderAggregateCsv } from '../render/csv/aggregate.js';
import { renderJson } from '../render/json.js';
import { renderAggregateMarkdown } from '../render/markdown/aggregate.js';
import { renderAggregateTable } from '../render/table/aggregate.js';
import type { CommandContext } from './context.js';

export const AGGREGATE_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type AggregateFormat = (typeof AGGREGATE_FORMATS)[number];

export async function runAggregate(args: string[], options: { format: AggregateFormat }, ctx: CommandContext): Promise<number> {
  const paths = await expandAuditPaths(args, ctx.cwd);
  const frameworks: FrameworkCache = new Map();
  const loaded: { path: AuditPath; audit: ReadAudit }[] = [];
  // One at a time: the first bad file stops the run, named, before any output. Only the data is
  // kept: a thousand parsed YAML documents held at once would cost more than reading them.
  for (const path of paths) {
    try {
      loaded.push({ path, audit: await readAudit(path.absolute, ctx.env, { frameworks }) });
    } catch (err) {
      if (path.listed && err instanceof InputError && (await isFrameworkFile(path.absolute))) {
        ctx.err(`note: skipped ${path.shown}: it is a framework file, not an audit\n`);
        continue;
      }
      throw renamed(err, path);
    }
  }
  if (!loaded.length) throw new InputError('no audit files to aggregate', { file: args[0] ?? ctx.cwd });

  refuseMixedFrameworks(loaded);
  const framework = loaded[0]!.audit.framework.framework;
  const older = loaded.filter((l) => l.audit.audit.frameworkVersion !== undefined && l.audit.audit.frameworkVersion !== framework.version);
  if (older.length) {
    ctx.err(
      `warning: ${older.length} of ${loaded.length} audits were made against another edition of ${framework.id} ` +
        `(${listFiles(older.map((l) => l.path.shown))}); they are read here against edition ${framework.version}\n`,
    );
  }

  const entries: AgencyAudit[] = loaded.map((l) => ({ file: relative(ctx.cwd, l.path.absolute) || l.path.shown, audit: l.audit.audit }));
  const view = aggregateAudits(framework, entries);

  if (view.periods.length > 1) {
    const byPeriod = view.periods.map((p) => `${p} (${view.agencies.filter((a) => a.period === p).length})`);
    ctx.err(`warning: the audits cover more than one period: ${byPeriod.join(', ')}\n`);
  }
  for (const repeat of repeatedOrganisations(view)) {
    ctx.err(`warning: ${repeat.organisation} has more than one audit: ${repeat.files.join(', ')}\n`);
  }

  switch (options.format) {
    case 'json':
      ctx.out(renderJson(view));
      break;
    case 'markdown':
      ctx.out(renderAggregateMarkdown(view));
      break;
    case 'csv':
      ctx.out(renderAggregateCsv(view));
      break;
    case 'table':
      ctx.out(renderAggregateTable(view, { style: await ctx.style(), width: ctx.width }));
      break;
  }
  return 0;
}

/** Audits of different frameworks, or of different editions of one, cannot share one heat map. */
function refuseMixedFrameworks(loaded: { path: AuditPath; audit: ReadAudit }[]): void {
  const groups = new Map<string, string[]>();
  for (const l of loaded) {
    const f = l.audit.framework.framework;
    const key = `${f.id} edition ${f.version}`;
    groups.set(key, [...(groups.get(key) ?? []), l.path.shown]);
  }
  if (groups.size < 2) return;
  const ids = new Set(loaded.map((l) => l.audit.framework.framework.id));
  const what = ids.size > 1 ? 'audits of different frameworks' : `audits of different editions of ${[...ids][0]}`;
  const detail = [...groups].map(([key, files]) => `${ids.size > 1 ? key.replace(/ edition .*/, '') : key}: ${listFiles(files)}`).join('; ');
  throw new InputError(`cannot aggregate ${what}: ${detail}. Aggregate each framework's audits separately`);
}

function listFiles(files: string[], most = 5): string {
  return files.length <= most ? files.join(', ') : `${files.slice(0, most).join(', ')} and ${files.length - most} more`;
}

/** An error about a file found in a folder names it as folder/name, as the user knows it. */
function renamed(err: unknown, path: AuditPath): unknown {
  if (!(err instanceof InputError) || err.position?.file !== path.absolute) return err;
  return new InputError(err.message, { ...err.position, file: path.shown }, err.more);
}

/** A framework file kept beside the audits is not an audit; skipping it is what the user meant. */
async function isFrameworkFile(file: string): Promise<boolean> {
  try {
    const data = YamlSource.parse(file, await readUserFile(file)).toData() as Record<string, unknown> | null;
    return data !== null && typeof data === 'object' && 'standards' in data && 'scale' in data && !('responses' in data);
  } catch {
    return false;
  }
}
