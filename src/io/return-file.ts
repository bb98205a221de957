/**
 * Reading a filled return workbook (`audit export --format xlsx`, filled in by an agency) as
 * an audit: the workbook checked and its cells read (src/io/xlsx-reader.ts), its framework found
 * from the Metadata sheet, and its rows mapped to responses by the pure core
 * (src/core/return-form.ts). Every fault in the workbook is collected and thrown at once,
 * each naming its sheet and cell.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkAuditRules, type Audit } from '../core/audit.js';
import {
  checkReturnBelongs,
  checkReturnFramework,
  commentNote,
  COMPLETED_BY,
  INSTRUCTIONS_SHEET,
  METADATA_SHEET,
  orderFaults,
  readReturnAnswers,
  readReturnKind,
  readReturnMetadata,
  readOtherSheets,
  instructionsNotes,
  RETURN_SHEET,
  RETURN_SHEETS,
  type ReturnFault,
  type ReturnMetadata,
} from '../core/return-form.js';
import { settleReturn, type SettledReturn } from '../core/return-record.js';
import { quoteForMessage } from '../core/sheet-cells.js';
import { InputError, InputErrors } from '../errors.js';
import type { FrameworkCache, ReadAudit } from './audit-file.js';
import { loadFrameworkFile, type LoadedFramework } from './framework-files.js';
import { resolveFramework, UnknownEditionError, UnknownFrameworkError } from './framework-library.js';
import { openWorkbook } from './xlsx-reader.js';
import { readUserFile } from './read-user-file.js';

export interface ReadReturn {
  file: string;
  framework: LoadedFramework;
  metadata: ReturnMetadata;
  /** The kind of organisation chosen on the Instructions sheet, if any. */
  kind: string | undefined;
  /** The answers settled against the audit they go into (or a new one): what will stand, what changes. */
  settled: SettledReturn;
  /** Who the Instructions sheet says completed the return, if anyone. */
  completedBy: string | undefined;
  /** Things read past rather than wrong (a column the agency added), for a note. */
  notes: string[];
  /** The workbook holds macros (.xlsm); they were never run. */
  macros: boolean;
}

export interface ReadReturnOptions {
  /** The framework to read it against: given with --framework, or the audit's for --into. */
  framework?: LoadedFramework;
  frameworks?: FrameworkCache;
  /** The audit the return is recorded into (--into): its organisation, period, answers and kind. */
  into?: Pick<Audit, 'organisation' | 'period' | 'responses' | 'kind'>;
  /** How the audit of `into` is named in messages. */
  intoName?: string;
}

export async function readReturn(file: string, env: NodeJS.ProcessEnv, options: ReadReturnOptions = {}): Promise<ReadReturn> {
  const workbook = await openWorkbook(file);
  const fail = (faults: ReturnFault[]): never => {
    const errors = faults.map((f) => new InputError(f.message, { file, cell: f.where }));
    throw new InputErrors(errors as [InputError, ...InputError[]]);
  };

  const names = workbook.sheets.map((s) => s.name);
  const missing = [RETURN_SHEET, METADATA_SHEET].filter((name) => !names.includes(name));
  if (missing.includes(METADATA_SHEET) && missing.includes(RETURN_SHEET)) {
    throw new InputError('is not a return made by audit export: it has neither a Return nor a Metadata sheet', { file });
  }
  if (missing.length) {
    const found = names.map((n) => quoteForMessage(n)).join(', ');
    fail(
      missing.map((name) => ({
        where: name,
        // The Metadata sheet is hidden: an agency never renamed it, but may have copied the Return
        // sheet into a workbook of its own, which leaves it behind.
        message:
          name === METADATA_SHEET
            ? `the hidden sheet ${name}, which says whose return this is and against which framework, is missing (the workbook has ${found}): the ${RETURN_SHEET} sheet was probably copied into a new workbook; copy its answers back into the workbook as it was sent (or a new one from audit export), and import that`
            : `the sheet ${name} is missing (the workbook has ${found}): if it was renamed, name it ${name} again`,
      })),
    );
  }

  const wanted = [RETURN_SHEET, METADATA_SHEET, ...(names.includes(INSTRUCTIONS_SHEET) ? [INSTRUCTIONS_SHEET] : [])];
  // The agency's own sheets are read only to tell a copy of the Return sheet from notes of its own.
  const others = workbook.sheets.filter((s) => !RETURN_SHEETS.includes(s.name));
  const cells = await workbook.loadSheets([...wanted, ...others.filter((s) => s.part !== undefined).map((s) => s.name)]);
  const meta = readReturnMetadata(cells.get(METADATA_SHEET)!);
  if ('faults' in meta) return fail(meta.faults);
  const metadata = meta.metadata;
  // Whose return it is comes first: another agency's answers clash with this audit's for no fault of their cells.
  if (options.into) {
    const stranger = checkReturnBelongs(metadata, options.into, options.intoName ?? 'the audit');
    if (stranger) fail([stranger]);
  }

  const framework = options.framework ?? (await frameworkOf(metadata, file, env, options.frameworks));
  const frameworkFaults = checkReturnFramework(metadata, framework.framework);
  if (frameworkFaults.length) fail(frameworkFaults);

  const reading = readReturnAnswers(framework.framework, cells.get(RETURN_SHEET)!, metadata.layout);
  const chosen = readReturnKind(cells.get(INSTRUCTIONS_SHEET), framework.framework, metadata);
  // Every row is settled, those with a faulty cell too, so that the rules over a row's answers
  // (an open action beside Not applicable) are reported with the cells' own faults, all at once.
  // A row's rule that lands on a cell already at fault says nothing the cell's fault does not.
  const settled = settleReturn(
    framework.framework,
    { answers: reading.answers, kind: chosen.kind, sent: { kind: metadata.kind, notApplicable: metadata.sentNotApplicable, answers: metadata.sentAnswers } },
    options.into,
  );
  const faulted = new Set(reading.faults.map((f) => f.where));
  const rowFaults = settled.faults.filter((f) => !faulted.has(f.where));
  const otherSheets = readOtherSheets(
    framework.framework,
    others.map((s) => ({ name: s.name, hidden: s.state !== 'visible', cells: cells.get(s.name) })),
    reading.answers,
    metadata.layout,
  );
  const faults = [...(chosen.fault ? [chosen.fault] : []), ...reading.faults, ...rowFaults, ...otherSheets.faults];
  if (faults.length) fail(orderFaults(faults));
  const comments = commentNote(wanted.filter((name) => name !== METADATA_SHEET).flatMap((sheet) => workbook.comments(sheet).map((c) => ({ sheet, ...c }))));
  const notes = [...reading.notes, ...instructionsNotes(cells.get(INSTRUCTIONS_SHEET), metadata), ...(comments ? [comments] : []), ...otherSheets.notes];

  const completed = cells.get(INSTRUCTIONS_SHEET)?.get(COMPLETED_BY.row)?.get(COMPLETED_BY.column);
  const completedBy = completed?.kind === 'text' && completed.text.trim() ? completed.text.trim().replace(/\s+/g, ' ') : undefined;
  return { file, framework, metadata, kind: chosen.kind, settled, completedBy, notes, macros: workbook.macros };
}

/** The return as an audit, for commands that report on many (aggregate, check). */
export function returnAsAudit(read: ReadReturn): ReadAudit {
  const framework = read.framework.framework;
  const assessor = read.completedBy ?? read.metadata.assessor;
  const audit: Audit = {
    framework: framework.id,
    frameworkVersion: framework.version,
    organisation: read.metadata.organisation,
    ...(read.metadata.formerNames?.length ? { formerNames: read.metadata.formerNames } : {}),
    ...(read.settled.kind !== undefined ? { kind: read.settled.kind } : {}),
    period: read.metadata.period,
    ...(assessor ? { assessor } : {}),
    ...(read.metadata.target !== undefined ? { target: read.metadata.target } : {}),
    responses: read.settled.responses,
  };
  const faults = checkAuditRules(audit, framework);
  if (faults.length) throw new InputError(faults[0]!.message, { file: read.file, cell: METADATA_SHEET });
  return { audit, framework: read.framework, file: read.file };
}

/**
 * The framework the Metadata sheet names: bundled, in AUDIT_STANDARDS_PATH, or a framework file
 * of that id kept beside the workbook (as a partnership keeps its own framework with its returns).
 */
async function frameworkOf(metadata: ReturnMetadata, file: string, env: NodeJS.ProcessEnv, cache?: FrameworkCache): Promise<LoadedFramework> {
  // Keyed as src/io/audit-file.ts keys audits' frameworks, so returns and audits share one load.
  const key = `id:${metadata.framework}\0${metadata.frameworkVersion}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const loading = findFramework(metadata, file, env);
  cache?.set(key, loading);
  loading.catch(() => cache?.delete(key));
  return loading;
}

async function findFramework(metadata: ReturnMetadata, file: string, env: NodeJS.ProcessEnv): Promise<LoadedFramework> {
  const dir = dirname(resolve(file));
  try {
    return await resolveFramework(metadata.framework, dir, env, metadata.frameworkVersion);
  } catch (err) {
    if (!(err instanceof UnknownFrameworkError || err instanceof UnknownEditionError)) throw err;
    const beside = await frameworkBeside(metadata, dir);
    if (beside) return beside;
    const missing =
      err instanceof UnknownEditionError
        ? `edition ${metadata.frameworkVersion} of ${metadata.framework}, which is not available here (available: ${err.available})`
        : `the framework ${metadata.framework} (edition ${metadata.frameworkVersion}), which is not bundled, in AUDIT_STANDARDS_PATH or beside the workbook`;
    throw new InputError(`this return is for ${missing}: give its file with --framework PATH`, { file, cell: METADATA_SHEET });
  }
}

async function frameworkBeside(metadata: ReturnMetadata, dir: string): Promise<LoadedFramework | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const idLine = new RegExp(`^id:[ \\t]*["']?${metadata.framework}["']?[ \\t]*(#.*)?$`, 'm');
  for (const name of names.filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort()) {
    // Files nobody named: any fault in them is passed over in silence, never printed. Only a
    // file that says it has this id is parsed (audits beside the workbook are not).
    const text = await readUserFile(join(dir, name), 'framework file').catch(() => '');
    if (!idLine.test(text)) continue;
    const loaded = await loadFrameworkFile(join(dir, name)).catch(() => undefined);
    if (loaded?.framework.id === metadata.framework && loaded.framework.version === metadata.frameworkVersion) return loaded;
  }
  return undefined;
}
