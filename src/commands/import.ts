/**
 * `audit import RETURN.xlsx [-o FILE.yaml | --into FILE.yaml]`: a filled return read back, as a
 * new audit file laid out as `audit new` writes one, or recorded into an existing audit with
 * the text-preserving save `audit rate` uses. The whole workbook is checked first: any fault
 * and nothing is written.
 */
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { checkAuditRules, standingOf, type Audit, type Response } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { countCriteria, type Framework } from '../core/framework.js';
import { findKind, kindPhrase } from '../core/kinds.js';
import { InputError, UsageError } from '../errors.js';
import { newAuditText, patchResponse, setAssessor, setKind, type StartingAnswer } from '../io/audit-document.js';
import { refuseInputAsOutput } from '../io/atomic-write.js';
import { editAudit, type LoadedAudit } from '../io/audit-file.js';
import { exists } from '../io/exists.js';
import { standardsDirs, type LoadedFramework } from '../io/framework-files.js';
import { resolveFramework } from '../io/framework-library.js';
import { readReturn, type ReadReturn } from '../io/return-file.js';
import type { AnswerCell } from '../core/return-record.js';
import { validateWithSchema } from '../io/schema-validation.js';
import { loadYamlFast } from '../io/yaml-fast.js';
import { YamlSource } from '../io/yaml-source.js';
import { count, noun } from '../render/plural.js';
import type { CommandContext } from './context.js';
import { noteSharedAnswers, warnIfSignedOff } from './edit-notes.js';
import { defaultFileName, frameworkPathFrom, writeNewAudit } from './new-audit-file.js';

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
  await refuseInputAsOutput(output, [
    { file: workbook, what: 'the return' },
    { file: read.framework.file, what: "the return's framework file" },
  ]);
  if (!options.force && (await exists(output))) {
    throw new InputError('already exists: record the return into it with --into, choose another file with -o, or pass --force to replace it', {
      file: options.output ?? relative(ctx.cwd, output),
    });
  }
  // A criterion left blank stays an empty key, as `audit new` writes it.
  const answers = new Map<string, StartingAnswer>(
    Object.entries(read.settled.responses).flatMap(([id, response]) => (response ? [[id, startingAnswer(response)] as const] : [])),
  );
  const assessor = read.completedBy ?? m.assessor;
  const kind = read.settled.kind;
  const text = newAuditText(
    framework,
    {
      framework: frameworkReference(read.framework, output, ctx.env),
      organisation: m.organisation,
      ...(m.formerNames?.length ? { formerNames: m.formerNames } : {}),
      ...(kind !== undefined ? { kind } : {}),
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
  ctx.say(`Read ${shownFile}: ${describeAnswers(framework, read.settled.responses)}.\n${describeKind(framework, read)}Wrote ${shown}. Next: audit gap ${shown}\n`);
  return 0;
}

async function importInto(shownFile: string, workbook: string, into: string, ctx: CommandContext): Promise<number> {
  // The audit's lock is held from reading it to saving it (editAudit), as for every edit.
  const recorded = await editAudit(resolve(ctx.cwd, into), ctx.env, (loaded) => recordReturn(shownFile, workbook, into, loaded, ctx));
  const { read, framework, was, assessor } = recorded;
  const { changes, kept, removed, nowApplicable } = read.settled;
  const changed = changes.size;
  const shownInto = relative(ctx.cwd, resolve(ctx.cwd, into)) || into;
  if (recorded.signedOff) warnIfSignedOff(recorded.signedOff, into, ctx);
  for (const [id, sharers] of recorded.sharers) noteSharedAnswers(id, sharers, ctx);
  const overtaken = kept.filter((k) => k.why === 'changed');
  for (const k of overtaken) {
    const what = `${k.criterion}'s ${FIELD_NAMES[k.field]}`;
    ctx.err(
      `warning: ${shownFile}: ${k.where}: ${what} was ${k.cleared ? 'cleared' : 'changed'} in the return, but ${shownInto} has changed it since the return went out: ` +
        `kept as ${shownInto} has it${k.cleared ? '' : ", and the return's not recorded"}\n`,
    );
  }
  const blanks = kept.filter((k) => k.why === 'blank');
  const recordsSent = read.metadata.sentAnswers !== undefined;
  ctx.say(
    `Read ${shownFile}: ${framework.id} (edition ${framework.version}), ${count(countCriteria(framework), 'criterion')}.\n` +
      (recorded.kindChanged ? `Kind of organisation recorded: ${kindLabel(framework, read.settled.kind!)}${was ? ` (was ${kindLabel(framework, was)})` : ''}.\n` : '') +
      (assessor ? `Completed by ${assessor.now}: recorded as the assessor${assessor.was ? ` (was ${assessor.was})` : ''}.\n` : '') +
      describeKind(framework, read) +
      (nowApplicable.length ? `Marked not applicable when sent, and applying now (not assessed until rated): ${nowApplicable.join(', ')}.\n` : '') +
      (changed ? `Recorded into ${shownInto}: ${count(changed, 'criterion')} changed.\n` : recorded.kindChanged || assessor ? '' : `${shownInto} already holds every answer; nothing changed.\n`) +
      (removed.length ? `Cleared in the return, so removed from ${shownInto}: ${answersByCriterion(removed)}.\n` : '') +
      (blanks.length
        ? `Left blank in the return${recordsSent ? '' : ' (made before returns recorded what went out)'}, so kept as ${shownInto} had ${blanks.length === 1 ? 'it' : 'them'}: ${answersByCriterion(blanks)}.\n`
        : '') +
      (overtaken.length ? `Changed in ${shownInto} since the return went out, so kept (see the warnings): ${answersByCriterion(overtaken)}.\n` : '') +
      `${shownInto} now holds: ${describeStanding(framework, read.settled.responses)}.\n`,
  );
  return 0;
}

/** How the answers of a row are named in messages. */
const FIELD_NAMES: Record<AnswerCell['field'], string> = { rating: 'rating', evidence: 'evidence', action: 'action', owner: 'owner', due: 'due date', status: 'status' };

/** "COM-1 (action, owner, due date), COM-2 (evidence)". */
function answersByCriterion(cells: readonly AnswerCell[]): string {
  const byId = new Map<string, string[]>();
  for (const cell of cells) byId.set(cell.criterion, [...(byId.get(cell.criterion) ?? []), FIELD_NAMES[cell.field]]);
  return [...byId].map(([id, fields]) => `${id} (${fields.join(', ')})`).join(', ');
}

/** The return's answers and kind patched into the loaded audit (saved by editAudit if any changed). */
async function recordReturn(shownFile: string, workbook: string, into: string, loaded: LoadedAudit, ctx: CommandContext) {
  // The return's organisation and period are checked against the audit's before any of its cells.
  const read = await readReturn(workbook, ctx.env, { framework: loaded.framework, into: loaded.audit, intoName: into });
  noteAbout(read, shownFile, ctx);

  const framework = loaded.framework.framework;
  // What shared an answer through a YAML alias, by what was edited (src/io/yaml-aliases.ts).
  const sharers = new Map<string, string[]>();
  const shared = (what: string, names: string[]) => void (names.length && sharers.set(what, names));
  for (const [id, change] of read.settled.changes) shared(`${id}'s answer`, patchResponse(loaded.source, framework, id, change));
  const kindChanged = read.settled.kind !== undefined && read.settled.kind !== loaded.audit.kind;
  if (kindChanged) shared('the kind', setKind(loaded.source, read.settled.kind!));
  // Whoever completed the return made this assessment: recorded as the audit's assessor, as a new audit from it would.
  const completedBy = read.completedBy;
  const assessorChanged = completedBy !== undefined && completedBy !== loaded.audit.assessor;
  if (assessorChanged) shared('the assessor', setAssessor(loaded.source, completedBy));
  return {
    read,
    framework,
    kindChanged,
    was: loaded.audit.kind,
    assessor: assessorChanged ? { now: completedBy, was: loaded.audit.assessor } : undefined,
    signedOff: loaded.source.isEdited && loaded.audit.signoff ? loaded.audit : undefined,
    sharers,
  };
}

/** What a new audit starts with for one criterion: its answer as the return gives it. */
function startingAnswer(response: Response): StartingAnswer {
  return {
    ...(typeof response.rating === 'number' ? { rating: response.rating } : {}),
    ...(typeof response.notApplicable === 'string' ? { notApplicable: response.notApplicable } : {}),
    ...(typeof response.evidence === 'string' ? { evidence: response.evidence } : {}),
    ...(response.action ? { action: response.action } : {}),
  };
}

function kindLabel(framework: Framework, id: string): string {
  return findKind(framework, id)?.label ?? id;
}

/** The criteria marked not applicable for the kind chosen in the workbook, which the rows did not say. */
function describeKind(framework: Framework, read: ReadReturn): string {
  const kind = read.kind === undefined ? undefined : findKind(framework, read.kind);
  const n = read.settled.byKind.length;
  if (!kind || !n) return '';
  return `The return names its kind as ${kindPhrase(kind)}: ${count(n, 'criterion')} left blank that ${n === 1 ? 'does' : 'do'} not apply to it ${noun(n, 'is')} marked not applicable (${read.settled.byKind.join(', ')}).\n`;
}

/**
 * A framework from the library (bundled or AUDIT_STANDARDS_PATH) is named by id; any other, by
 * its path from the new audit, so the two can move together.
 */
function frameworkReference(loaded: LoadedFramework, output: string, env: NodeJS.ProcessEnv): string {
  const inLibrary = standardsDirs(env).some((dir) => resolve(dir) === dirname(resolve(loaded.file)));
  return inLibrary ? loaded.framework.id : frameworkPathFrom(output, loaded.file);
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

/** The answers as they stand once read: rated (self-rated), not applicable, not assessed, and actions. */
function describeAnswers(framework: Framework, responses: Audit['responses']): string {
  return `${framework.id} (edition ${framework.version}), ${countCriteria(framework)} criteria: ${describeStanding(framework, responses)}`;
}

/** "65 rated, 1 not applicable, 0 not assessed, 36 actions": every action counted is one the audit holds, with its text. */
function describeStanding(framework: Framework, responses: Audit['responses']): string {
  const total = countCriteria(framework);
  const answers = Object.values(responses);
  const rated = answers.filter((r) => typeof r?.rating === 'number').length;
  const notApplicable = answers.filter((r) => standingOf(r).status === 'not-applicable').length;
  const actions = answers.filter((r) => r?.action?.text !== undefined).length;
  return `${rated} rated, ${notApplicable ? `${notApplicable} not applicable, ` : ''}${total - rated - notApplicable} not assessed, ${actions} ${actions === 1 ? 'action' : 'actions'}`;
}

function noteAbout(read: ReadReturn, shownFile: string, ctx: CommandContext): void {
  if (read.macros || extname(shownFile).toLowerCase() === '.xlsm') {
    ctx.err(`note: ${shownFile} is macro-enabled; only its cells were read, and no macro was run\n`);
  }
  for (const note of read.notes) ctx.err(`note: ${shownFile}: ${note}\n`);
}
