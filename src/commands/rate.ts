/** `audit rate FILE CRITERION`: records one answer without prompts, for scripts and quick edits. */
import { text as readStream } from 'node:stream/consumers';
import type { Action, Audit, Response } from '../core/audit.js';
import { indexCriteria, scaleLevel, type Framework } from '../core/framework.js';
import { scoreCriteria } from '../core/gap-analysis.js';
import { InputError, UsageError } from '../errors.js';
import { patchResponse, type ResponsePatch } from '../io/audit-document.js';
import { loadAudit, saveAudit } from '../io/audit-file.js';
import type { CommandContext } from './context.js';
import { parseDate, parseRating, parseStatus } from './options.js';

export interface RateOptions {
  rating?: string;
  evidence?: string;
  action?: string;
  owner?: string;
  due?: string;
  status?: string;
}

export async function runRate(file: string, criterionId: string, options: RateOptions, ctx: CommandContext): Promise<number> {
  if (Object.values(options).every((value) => value === undefined)) {
    throw new UsageError('nothing to record: give --rating, and optionally --evidence and --action (see audit rate --help)');
  }
  const loaded = await loadAudit(file, ctx.env);
  const framework = loaded.framework.framework;
  const place = indexCriteria(framework).get(criterionId);
  if (!place) {
    throw new InputError(`${framework.id} has no criterion "${criterionId}" (see audit standards show ${framework.id})`, {
      file,
    });
  }

  const existing: Response = loaded.audit.responses[criterionId] ?? {};
  const patch: ResponsePatch = {};
  if (options.rating !== undefined) patch.rating = parseRating(options.rating, framework);
  if (options.evidence !== undefined) patch.evidence = await evidenceText(options.evidence);
  const actionPatch = parseActionOptions(options);
  if (actionPatch) {
    if (actionPatch.text === undefined && !existing.action) {
      throw new InputError(`${criterionId} has no improvement action yet: give its text with --action`);
    }
    patch.action = actionPatch;
  }

  patchResponse(loaded.source, framework, criterionId, patch);
  await saveAudit(loaded);

  const updated: Response = {
    ...existing,
    ...(patch.rating !== undefined ? { rating: patch.rating } : {}),
    ...(patch.evidence !== undefined ? { evidence: patch.evidence } : {}),
    ...(actionPatch ? { action: { ...existing.action, ...actionPatch } as Action } : {}),
  };
  ctx.out(describeOutcome(loaded.audit, updated, criterionId, loaded.framework.framework));
  return 0;
}

function parseActionOptions(options: RateOptions): Partial<Action> | undefined {
  const action: Partial<Action> = {};
  if (options.action !== undefined) {
    if (!options.action.trim()) throw new InputError('--action must not be empty');
    action.text = options.action.trim();
  }
  if (options.owner !== undefined) action.owner = options.owner.trim();
  if (options.due !== undefined) action.due = parseDate(options.due);
  if (options.status !== undefined) action.status = parseStatus(options.status);
  return Object.keys(action).length ? action : undefined;
}

/** `--evidence -` reads the evidence from standard input, for long notes in scripts. */
async function evidenceText(value: string): Promise<string> {
  const text = value === '-' ? await readStream(process.stdin) : value;
  return text.replace(/\s+$/, '');
}

function describeOutcome(audit: Audit, response: Response, id: string, framework: Framework): string {
  const after: Audit = { ...audit, responses: { ...audit.responses, [id]: response } };
  const result = scoreCriteria(framework, after).find((r) => r.criterion === id)!;
  if (result.rating === undefined) return `${id}: not yet rated\n`;
  const label = scaleLevel(framework, result.rating)?.label;
  const head = `${id} rated ${result.rating} (${label})`;
  if (result.gap === 0) return `${head}: meets its target of ${result.target}\n`;
  const action = response.action
    ? `action: ${response.action.text.replace(/[.;\s]+$/, '')}` +
      (response.action.owner ? ` (owner ${response.action.owner}${response.action.due ? `, due ${response.action.due}` : ''})` : response.action.due ? ` (due ${response.action.due})` : '')
    : 'no improvement action yet (add one with --action TEXT --owner NAME --due YYYY-MM-DD)';
  return `${head}: ${result.gap} below its target of ${result.target}, ${result.priority} priority; ${action}\n`;
}
