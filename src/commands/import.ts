/**
 * `audit import RETURN.xlsx [-o FILE.yaml | --into FILE.yaml]`: a filled return read back, as a
 * new audit file laid out as `audit new` writes one, or recorded into an existing audit with
 * the text-preserving save `audit rate` uses. The whole workbook is checked first: any fault
 * and nothing is written.
 */
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { checkAuditRules, type Action, type Audit, type Response } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { countCriteria, type Framework } from '../core/framework.js';
import type { ReturnAnswer } from '../core/return-form.js';
import { InputError, UsageError } from '../errors.js';
import { newAuditText, patchResponse, type ResponsePatch, type StartingAnswer } from '../io/audit-document.js';
import { editAudit, type LoadedAudit } from '../io/audit-file.js';
import { standardsDirs, type LoadedFramework } from '../io/framework-files.js';
import { resolveFramework } from '../io/framework-library.js';
import { readReturn, type ReadReturn } from '../io/return-file.js';
import { validateWithSchema } from '../io/schema-validation.js';
import { loadYamlFast } from '../io/yaml-fast.js';
import { YamlSource } from '../io/yaml-source.js';
import type { CommandContext } from './context.js';
import { defaultFileName, exists, portablePath, writeNewAudit } from './new.js';

export interface ImportOptions {
  output?: string;
  into?: string;
  framework?: string;
  force?: boolean;
}

export async function runImport(file: string, options: ImportOptions, ctx: CommandContext): Promise<number> {
  if (options.output !== undefined && options.into !== undefined) {
    throw new UsageError('-o writes a new audit and --into records into an existing one: give one or the other');
  }
  if (options.into !== undefined && options.framework !== undefined) {
    throw new UsageError('--framework is for a new audit; with --into the audit names its framework');
  }
  for (const [flag, path] of [['-o', options.output], ['--into', options.into]] as const) {
    if (path !== undefined && !/\.ya?ml$/i.test(path)) throw new UsageError(`${flag} names an audit file, so it must end in .yaml (not "${path}")`);
  }
  const workbook = resolve(ctx.cwd, file);
  return options.into !== undefined ? importInto(file, workbook, options.into, ctx) : importAsNew(file, workbook, options, ctx);
}

async function importAsNew(shownFile: string, workbook: string, options: ImportOptions, ctx: CommandContext): Promise<number> {
  const given = options.framework === undefined ? undefined : await resolveFramework(options.framework, ctx.cwd, ctx.env);
  const read = await readReturn(workbook, ctx.env, given ? { framework: given } : {});
  noteAbout(read, shownFile, ctx);
  const framework = read.framework.framework;
  const m = read.metadata;

  const output = resolve(ctx.cwd, options.output ?? defaultFileName(m.organisation, framework.id, m.period));
  if (!options.force && (await exists(output))) {
    throw new InputError('already exists: record the return into it with --into, choose another file with -o, or pass --force to replace it', {
      file: options.output ?? relative(ctx.cwd, output),
    });
  }
  // A criterion left blank stays an empty key, as `audit new` writes it.
  const answers = new Map<string, StartingAnswer>(
    read.answers.map((a) => [a.criterion, startingAnswer(a)] as const).filter(([, answer]) => Object.keys(answer).length > 0),
  );
  const assessor = read.completedBy ?? m.assessor;
  const text = newAuditText(
    framework,
    {
      framework: frameworkReference(read.framework, output, ctx.env),
      organisation: m.organisation,
      period: m.period,
      ...(assessor ? { assessor } : {}),
      ...(m.target !== undefined ? { target: m.target } : {}),
      importedFrom: { file: basename(workbook), date: toIsoDate(ctx.now) },
    },
    answers,
  );
  // What is written must read back as a valid audit: checked before the file exists.
  assertValidAudit(text, framework, output);
  // Holding the new file's lock: a session working on an audit of that name is never replaced.
  await writeNewAudit(output, text, options.force);

  const shown = relative(ctx.cwd, output) || output;
  ctx.out(`Read ${shownFile}: ${describeAnswers(framework, read.answers)}.\nWrote ${shown}. Next: audit gap ${shown}\n`);
  return 0;
}

async function importInto(shownFile: string, workbook: string, into: string, ctx: CommandContext): Promise<number> {
  // The audit's lock is held from reading it to saving it (editAudit), as for every edit.
  const { read, framework, changed, kept } = await editAudit(resolve(ctx.cwd, into), ctx.env, (loaded) => recordReturn(shownFile, workbook, into, loaded, ctx));
  const shownInto = relative(ctx.cwd, resolve(ctx.cwd, into)) || into;
  ctx.out(
    `Read ${shownFile}: ${describeAnswers(framework, read.answers)}.\n` +
      (changed ? `Recorded into ${shownInto}: ${changed} ${changed === 1 ? 'criterion' : 'criteria'} changed.\n` : `${shownInto} already holds every answer; nothing changed.\n`) +
      (kept ? `${kept} ${kept === 1 ? 'answer' : 'answers'} left blank in the return ${kept === 1 ? 'was' : 'were'} kept as ${shownInto} had ${kept === 1 ? 'it' : 'them'}.\n` : ''),
  );
  return 0;
}

/** The return's answers patched into the loaded audit (saved by editAudit if any changed). */
async function recordReturn(shownFile: string, workbook: string, into: string, loaded: LoadedAudit, ctx: CommandContext) {
  const read = await readReturn(workbook, ctx.env, { framework: loaded.framework, existing: loaded.audit.responses });
  noteAbout(read, shownFile, ctx);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (!same(read.metadata.organisation, loaded.audit.organisation) || read.metadata.period !== loaded.audit.period) {
    throw new InputError(
      `this return is from ${read.metadata.organisation} for ${read.metadata.period}, but ${into} is the audit of ` +
        `${loaded.audit.organisation} for ${loaded.audit.period}: nothing was recorded`,
      { file: shownFile, cell: 'Metadata' },
    );
  }

  const framework = loaded.framework.framework;
  let changed = 0;
  let kept = 0;
  for (const answer of read.answers) {
    const existing = loaded.audit.responses[answer.criterion] ?? {};
    const patch = changesFrom(answer, existing);
    kept += blanksOver(answer, existing);
    if (Object.keys(patch).length === 0) continue;
    patchResponse(loaded.source, framework, answer.criterion, patch);
    changed++;
  }
  return { read, framework, changed, kept };
}

/** The fields the return gives that differ from the audit's; a blank cell changes nothing. */
function changesFrom(answer: ReturnAnswer, existing: Response): ResponsePatch {
  const patch: ResponsePatch = {};
  if (answer.rating !== undefined && answer.rating !== existing.rating) patch.rating = answer.rating;
  // A rating replaces a not-applicable answer, as `audit rate --rating` does: the two never stand together.
  if (patch.rating !== undefined && typeof existing.notApplicable === 'string') patch.notApplicable = null;
  if (answer.evidence !== undefined && answer.evidence !== existing.evidence) patch.evidence = answer.evidence;
  if (answer.action) {
    const action: Partial<Action> = {};
    for (const key of ['text', 'owner', 'due', 'status'] as const) {
      const value = answer.action[key];
      if (value !== undefined && value !== existing.action?.[key]) (action as Record<string, string>)[key] = value;
    }
    if (Object.keys(action).length) patch.action = action;
  }
  return patch;
}

/** How many of the audit's answers the return left blank (and so were kept). */
function blanksOver(answer: ReturnAnswer, existing: Response): number {
  let n = 0;
  if (answer.rating === undefined && typeof existing.rating === 'number') n++;
  if (answer.evidence === undefined && existing.evidence) n++;
  for (const key of ['text', 'owner', 'due', 'status'] as const) if (answer.action?.[key] === undefined && existing.action?.[key]) n++;
  return n;
}

function startingAnswer(answer: ReturnAnswer): StartingAnswer {
  return {
    ...(answer.rating !== undefined ? { rating: answer.rating } : {}),
    ...(answer.evidence !== undefined ? { evidence: answer.evidence } : {}),
    ...(answer.action?.text !== undefined ? { action: { ...answer.action, text: answer.action.text } } : {}),
  };
}

/**
 * A framework from the library (bundled or AUDIT_STANDARDS_PATH) is named by id; any other, by
 * its path from the new audit, so the two can move together.
 */
function frameworkReference(loaded: LoadedFramework, output: string, env: NodeJS.ProcessEnv): string {
  const inLibrary = standardsDirs(env).some((dir) => resolve(dir) === dirname(resolve(loaded.file)));
  return inLibrary ? loaded.framework.id : portablePath(relative(dirname(output), loaded.file));
}

/** The new audit's text read back through the schema and the rules: a bug here must never reach a file. */
function assertValidAudit(text: string, framework: Framework, file: string): void {
  // The fast parser declines what it is unsure of; the strict one then decides.
  const data = loadYamlFast(text) ?? YamlSource.parse(file, text).toData();
  const faults = validateWithSchema('audit', data);
  const rules = faults.length ? [] : checkAuditRules({ ...(data as Audit), period: String((data as Audit).period) }, framework);
  const first = faults[0] ?? rules[0];
  if (first) throw new Error(`the audit made from the return is not valid (${first.message}); nothing was written`);
}

function describeAnswers(framework: Framework, answers: readonly ReturnAnswer[]): string {
  const total = countCriteria(framework);
  const rated = answers.filter((a) => a.rating !== undefined).length;
  const actions = answers.filter((a) => a.action?.text !== undefined).length;
  return `${framework.id} (edition ${framework.version}), ${total} criteria: ${rated} rated, ${total - rated} not assessed, ${actions} ${actions === 1 ? 'action' : 'actions'}`;
}

function noteAbout(read: ReadReturn, shownFile: string, ctx: CommandContext): void {
  if (read.macros || extname(shownFile).toLowerCase() === '.xlsm') {
    ctx.err(`note: ${shownFile} is macro-enabled; only its cells were read, and no macro was run\n`);
  }
  for (const note of read.notes) ctx.err(`note: ${shownFile}: ${note}\n`);
}
