/**
 * The agency's return workbook as data: what `audit export` lays out, and how `audit import`
 * maps a filled return's rows back to an audit's responses. Pure: the workbook itself is drawn
 * by src/render/xlsx/return.ts and read by src/io/return-file.ts.
 *
 * The `Return` sheet has a header row, then one row per criterion in framework order. Rows are
 * matched to criteria by the id in the Criterion column, so rows sorted or filtered by the
 * agency still read rightly; a row deleted, duplicated or with its id changed is a fault.
 *
 * A criterion that does not apply to the organisation is answered "Not applicable" in the
 * Rating column, with its reason in the column after the ten the issue fixes (layout 2); the
 * organisation's kind is chosen on the Instructions sheet. Returns of layout 1, made before
 * either existed, are still read.
 */
import { createHash } from 'node:crypto';
import { ACTION_STATUSES, notApplicableReason, type ActionStatus, type Audit, type Response } from './audit.js';
import { readTypedDate, ukDate } from './dates.js';
import { documentText } from './document-text.js';
import { formatNumber } from './number-format.js';
import { countCriteria, describeScale, indexCriteria, type Framework, type OrganisationKind, type ScaleLevel } from './framework.js';
import { cellRef, quoteForMessage, sheetRef, type CellValue, type SheetCells } from './sheet-cells.js';
import { acceptedStatusWords, levelFromRagLetter, ragLettersOf, statusFromWord, STATUS_LABELS } from './typed-words.js';

export const RETURN_SHEET = 'Return';
export const INSTRUCTIONS_SHEET = 'Instructions';
export const METADATA_SHEET = 'Metadata';
export const LISTS_SHEET = 'Lists';

/** The Return sheet's header row, in order (the issue fixes these words). */
export const RETURN_HEADERS = ['Standard', 'Criterion', 'Statement', 'Guidance', 'Rating', 'Evidence', 'Action', 'Owner', 'Due', 'Status'] as const;
/** The column after the ten (layout 2): why a criterion answered "Not applicable" does not apply. */
export const REASON_HEADER = 'Why not applicable';
/** Every column of the Return sheet, in order. */
export const RETURN_COLUMNS = [...RETURN_HEADERS, REASON_HEADER] as const;
export type ReturnColumn = (typeof RETURN_COLUMNS)[number];
/** 1-based column of each header. */
export const COLUMN = Object.fromEntries(RETURN_COLUMNS.map((h, i) => [h, i + 1])) as Record<ReturnColumn, number>;
const ANSWER_COLUMNS: ReturnColumn[] = ['Rating', 'Evidence', 'Action', 'Owner', 'Due', 'Status', REASON_HEADER];

/** Marks a workbook as a return made by `audit export`; the version changes with its layout. */
export const RETURN_FORMAT = 'safeguarding-audit return';
/** Layout 2 adds "Not applicable" with its reason, and the organisation's kind. */
export const RETURN_FORMAT_VERSION = '2';
export type ReturnLayout = 1 | 2;
const LAYOUTS: Record<string, ReturnLayout> = { '1': 1, '2': 2 };
/** The columns of the Return sheet in each layout. */
export function returnColumns(layout: ReturnLayout): readonly ReturnColumn[] {
  return layout === 1 ? RETURN_HEADERS : RETURN_COLUMNS;
}

/** The Rating drop-down's choice, after the scale's levels, for a criterion that does not apply. */
export const NOT_APPLICABLE_CHOICE = 'Not applicable';
/** What an agency may type for it, compared without case or punctuation. */
const NOT_APPLICABLE_WORDS = new Set(['notapplicable', 'na', 'doesnotapply', 'notapply']);

export { STATUS_LABELS } from './typed-words.js';

/** Where the Instructions sheet asks who completed the return; read back as the assessor. */
export const COMPLETED_BY = { row: 8, column: 2 } as const;
/** The note (cell comment) on that cell: ours, so never noted as the agency's on import. */
export const COMPLETED_BY_NOTE = 'Your name and role';
/**
 * Where it asks the organisation's kind (layout 2, a framework that declares kinds): the label
 * in column A, the kind (a drop-down of the kinds' labels) in B. Below Completed by, so that
 * layout 1's cells stay where they were.
 */
export const KIND_CELL = { row: 9, column: 2, label: 'Kind of organisation' } as const;

/** Excel holds at most this many characters in a cell. */
export const MAX_CELL_TEXT = 32_767;

/** `3 – Mostly met`: how a level shows in the Rating drop-down. */
export function ratingChoice(level: ScaleLevel): string {
  return `${level.value} – ${level.label}`;
}

/**
 * A digest of what a return depends on in its framework: id, edition, scale and criterion ids.
 * Two copies of one edition that agree on these accept each other's returns; wording may differ.
 */
export function frameworkFingerprint(framework: Framework): string {
  const shape = [
    framework.id,
    framework.version,
    framework.scale.map((level) => [level.value, level.label]),
    framework.standards.flatMap((s) => s.criteria.map((c) => c.id)),
  ];
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32);
}

// ── Export ────────────────────────────────────────────────────────────────────

export interface ReturnRow {
  standard: string;
  criterion: string;
  statement: string;
  guidance: string;
  rating: string | null;
  evidence: string | null;
  action: string | null;
  owner: string | null;
  /** YYYY-MM-DD. */
  due: string | null;
  status: string | null;
  /** Why the criterion does not apply, when the rating is NOT_APPLICABLE_CHOICE. */
  notApplicable: string | null;
}

export interface ReturnDetails {
  organisation: string;
  /** Names the organisation audited under before (the audit's formerNames), carried through the return. */
  formerNames?: string[];
  /** The organisation's kind, one of the framework's. */
  kind?: OrganisationKind;
  period: string;
  assessor?: string;
  target?: number;
  /** Who the completed return goes to: a name, a team, an email address. */
  returnTo?: string;
  /** YYYY-MM-DD. */
  returnBy?: string;
  /** The tool and its version, recorded for whoever reads the workbook later. */
  createdBy: string;
  /** YYYY-MM-DD. */
  created: string;
}

export interface ReturnForm {
  framework: { id: string; title: string; version: string };
  details: ReturnDetails;
  scale: (ScaleLevel & { choice: string })[];
  scaleText: string;
  statusChoices: string[];
  /** The framework's kinds of organisation, by label, for the Instructions sheet's drop-down; empty when it declares none. */
  kindChoices: string[];
  rows: ReturnRow[];
  /** Key and value pairs of the Metadata sheet, in order. */
  metadata: [string, string][];
}

/**
 * The return for one organisation and period, pre-filled with the answers already given: a
 * criterion answered not applicable (challenged by a panel or not: the answer is the
 * organisation's) goes out as "Not applicable" with its reason.
 */
export function buildReturnForm(framework: Framework, details: ReturnDetails, responses: Audit['responses'] = {}): ReturnForm {
  const levels = new Map(framework.scale.map((level) => [level.value, level]));
  const rows: ReturnRow[] = framework.standards.flatMap((standard) =>
    standard.criteria.map((criterion) => {
      const response: Response | null | undefined = responses[criterion.id];
      const rating = typeof response?.rating === 'number' ? levels.get(response.rating) : undefined;
      const reason = notApplicableReason(response);
      const action = response?.action ?? undefined;
      return {
        standard: standard.title,
        criterion: criterion.id,
        statement: criterion.text,
        guidance: guidanceText(criterion.guidance, criterion.evidenceExamples, criterion.reference),
        rating: reason !== undefined ? NOT_APPLICABLE_CHOICE : rating ? ratingChoice(rating) : null,
        evidence: response?.evidence || null,
        action: action?.text || null,
        owner: action?.owner || null,
        due: action?.due || null,
        status: action?.status ? STATUS_LABELS[action.status] : null,
        notApplicable: reason ?? null,
      };
    }),
  );
  const sent = rows.filter((r) => r.notApplicable !== null).map((r) => `${r.criterion}:${reasonDigest(r.notApplicable!)}`);
  const prefilled = rows.flatMap((row) => sentAnswers(row).map(([field, value]) => `${row.criterion}:${field}:${answerDigest(value)}`));
  const metadata: [string, string][] = [
    ['format', RETURN_FORMAT],
    ['formatVersion', RETURN_FORMAT_VERSION],
    ['framework', framework.id],
    ['frameworkVersion', framework.version],
    ['frameworkTitle', framework.title],
    ['frameworkFingerprint', frameworkFingerprint(framework)],
    ['criteria', String(countCriteria(framework))],
    ['organisation', details.organisation],
    // As JSON: a name may hold any character a separator could be.
    ...(details.formerNames?.length ? [['formerNames', JSON.stringify(details.formerNames)] as [string, string]] : []),
    ...(details.kind ? [['kind', details.kind.id] as [string, string]] : []),
    ['period', details.period],
    ...(details.assessor ? [['assessor', details.assessor] as [string, string]] : []),
    ...(details.target !== undefined ? [['target', String(details.target)] as [string, string]] : []),
    ...(details.returnTo ? [['returnTo', details.returnTo] as [string, string]] : []),
    ...(details.returnBy ? [['returnBy', details.returnBy] as [string, string]] : []),
    ['createdBy', details.createdBy],
    ['created', details.created],
    // The criteria that went out marked not applicable: one whose mark the agency clears applies after all.
    ...chunkIds(sent).map((ids) => [SENT_NOT_APPLICABLE, ids] as [string, string]),
    // What each pre-filled answer cell held: a cell the agency empties is then told from one left blank.
    ...(prefilled.length ? chunkIds(prefilled) : [NOTHING_SENT]).map((cells) => [SENT_ANSWERS, cells] as [string, string]),
  ];
  return {
    framework: { id: framework.id, title: framework.title, version: framework.version },
    details,
    scale: framework.scale.map((level) => ({ ...level, choice: ratingChoice(level) })),
    scaleText: describeScale(framework),
    statusChoices: ACTION_STATUSES.map((s) => STATUS_LABELS[s]),
    kindChoices: (framework.kinds ?? []).map((kind) => kind.label),
    rows,
    metadata,
  };
}

/**
 * The Metadata key, repeated as needed, listing the criteria that went out marked not applicable,
 * each with the digest of its reason (`W-2:3f2a9c1b04de`).
 */
const SENT_NOT_APPLICABLE = 'notApplicableSent';

/**
 * The Metadata key, repeated as needed, recording each answer cell that went out pre-filled, as
 * `COM-2:evidence:3f2a9c1b04de` (criterion, field, digest of what the cell held), or `none`.
 * Returns made before it have no such key: a blank cell there keeps the audit's answer.
 */
const SENT_ANSWERS = 'answersSent';
const NOTHING_SENT = 'none';

/** The answer fields of a row, as a return records what went out and reads what comes back. */
export const SENT_FIELDS = ['rating', 'evidence', 'action', 'owner', 'due', 'status'] as const;
export type SentField = (typeof SENT_FIELDS)[number];

/** The answer cells a row went out with, each as the text its digest is taken of (a rating beside Not applicable is no rating). */
function sentAnswers(row: ReturnRow): [SentField, string][] {
  const rating = row.notApplicable === null && row.rating !== null ? /^-?\d+/.exec(row.rating)?.[0] : undefined;
  const values: Record<SentField, string | null | undefined> = {
    rating,
    evidence: row.evidence,
    action: row.action,
    owner: row.owner,
    due: row.due,
    status: row.status === null ? null : statusFromWord(row.status),
  };
  return SENT_FIELDS.flatMap((field) => (values[field] ? [[field, values[field]!] as [SentField, string]] : []));
}

/** A short digest of an answer as a cell shows it, read back by the import's own policy, ends trimmed. */
export function answerDigest(value: string): string {
  return createHash('sha256').update(cellTextAsRead(value).trim()).digest('hex').slice(0, 12);
}

/** Words separated by spaces, in values well within what a cell holds. */
function chunkIds(ids: readonly string[], most = 8_000): string[] {
  const chunks: string[] = [];
  for (const id of ids) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length + 1 + id.length <= most) chunks[chunks.length - 1] = `${last} ${id}`;
    else chunks.push(id);
  }
  return chunks;
}

function guidanceText(guidance: string | undefined, examples: string[] | undefined, reference: string | undefined): string {
  return [
    guidance?.trim(),
    examples?.length ? `Evidence might include: ${examples.join('; ')}.` : undefined,
    reference ? `Source: ${reference}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Texts too long for an Excel cell, which Excel would cut: refused rather than lost. */
export function overlongCells(form: ReturnForm): string[] {
  const faults: string[] = [];
  for (const row of form.rows) {
    for (const key of ['statement', 'guidance', 'evidence', 'action', 'owner', 'notApplicable'] as const) {
      const text = row[key];
      if (text && text.length > MAX_CELL_TEXT) {
        faults.push(`the ${key === 'notApplicable' ? 'reason it does not apply' : key} of ${row.criterion} is ${text.length.toLocaleString('en-GB')} characters, more than an Excel cell holds (${MAX_CELL_TEXT.toLocaleString('en-GB')})`);
      }
    }
  }
  return faults;
}

// ── Import ────────────────────────────────────────────────────────────────────

/** A fault in a return: where (`Return!E14`, or a sheet) and what. */
export interface ReturnFault {
  where: string;
  message: string;
}

export interface ReturnMetadata {
  layout: ReturnLayout;
  framework: string;
  frameworkVersion: string;
  fingerprint: string | undefined;
  organisation: string;
  /** Names the organisation audited under before, as the audit exported recorded them. */
  formerNames: string[] | undefined;
  /** The kind the return went out for; the agency's own choice is on the Instructions sheet. */
  kind: string | undefined;
  period: string;
  assessor: string | undefined;
  target: number | undefined;
  /** The criteria that went out marked not applicable, each with the digest of its reason. */
  sentNotApplicable: ReadonlyMap<string, string | undefined>;
  /**
   * The answer cells that went out pre-filled, by criterion, each with the digest of what it held
   * (answerDigest); undefined for a return made before they were recorded.
   */
  sentAnswers: ReadonlyMap<string, ReadonlyMap<SentField, string>> | undefined;
}

/**
 * The Metadata sheet's pairs (key in column A, value in B), checked to be a return of this tool.
 * Returns faults rather than metadata when it is not one.
 */
export function readReturnMetadata(cells: SheetCells): { metadata: ReturnMetadata } | { faults: ReturnFault[] } {
  const values = new Map<string, string>();
  const sent = new Map<string, string | undefined>();
  let answersSent: Map<string, Map<SentField, string>> | undefined;
  for (const row of cells.values()) {
    const key = row.get(1);
    const value = row.get(2);
    if (key?.kind !== 'text' || !value) continue;
    if (key.text.trim() === SENT_NOT_APPLICABLE) {
      for (const [id, digest] of plainValue(value).split(/\s+/).map((word) => word.split(':'))) sent.set(id!, digest);
    } else if (key.text.trim() === SENT_ANSWERS) {
      answersSent ??= new Map();
      for (const word of plainValue(value).split(/\s+/)) {
        const [id, field, digest] = word.split(':');
        if (id && digest && (SENT_FIELDS as readonly string[]).includes(field!)) {
          if (!answersSent.has(id)) answersSent.set(id, new Map());
          answersSent.get(id)!.set(field as SentField, digest);
        }
      }
    } else values.set(key.text.trim(), plainValue(value));
  }
  const where = METADATA_SHEET;
  if (values.get('format') !== RETURN_FORMAT) {
    return { faults: [{ where, message: `the ${METADATA_SHEET} sheet does not mark this workbook as a return made by audit export` }] };
  }
  const version = values.get('formatVersion');
  const layout = version === undefined ? undefined : LAYOUTS[version];
  if (layout === undefined) {
    const known = Object.keys(LAYOUTS).join(' and ');
    return { faults: [{ where, message: `the return is in layout ${quoteForMessage(version ?? '')}, which this version of audit does not know (it reads layouts ${known}): use a newer audit` }] };
  }
  const missing = ['framework', 'frameworkVersion', 'organisation', 'period'].filter((key) => !values.get(key));
  if (missing.length) return { faults: [{ where, message: `the ${METADATA_SHEET} sheet has lost its ${missing.join(', ')}` }] };
  // The id is looked up among framework files: it must be an id, never a path to some other file.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(values.get('framework')!)) {
    return { faults: [{ where, message: `the framework named, ${quoteForMessage(values.get('framework')!)}, is not a framework id` }] };
  }
  const kind = values.get('kind');
  if (kind !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(kind)) {
    return { faults: [{ where, message: `the kind recorded, ${quoteForMessage(kind)}, is not a kind id` }] };
  }
  const target = values.get('target');
  return {
    metadata: {
      layout,
      framework: values.get('framework')!,
      frameworkVersion: values.get('frameworkVersion')!,
      fingerprint: values.get('frameworkFingerprint'),
      organisation: values.get('organisation')!,
      formerNames: formerNamesOf(values.get('formerNames')),
      kind,
      period: values.get('period')!,
      assessor: values.get('assessor'),
      target: target !== undefined && /^-?\d+$/.test(target) ? Number(target) : undefined,
      sentNotApplicable: sent,
      sentAnswers: answersSent,
    },
  };
}

function plainValue(value: CellValue): string {
  switch (value.kind) {
    case 'text':
      return value.text.trim();
    case 'number':
      return String(value.value);
    case 'date':
      return value.date;
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

/** Whether the return is the organisation's and period's whose audit it is recorded into (`audit` named `auditName`). */
export function checkReturnBelongs(metadata: ReturnMetadata, audit: Pick<Audit, 'organisation' | 'period'>, auditName: string): ReturnFault | undefined {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (same(metadata.organisation, audit.organisation) && metadata.period === String(audit.period)) return undefined;
  return {
    where: METADATA_SHEET,
    message: `this return is from ${metadata.organisation} for ${metadata.period}, but ${auditName} is the audit of ${audit.organisation} for ${audit.period}: nothing was recorded`,
  };
}

/** Whether the return was made from this framework: same id, edition, scale and criteria. */
export function checkReturnFramework(metadata: ReturnMetadata, framework: Framework): ReturnFault[] {
  const where = METADATA_SHEET;
  if (metadata.framework !== framework.id) {
    return [{ where, message: `this is a return for ${quoteForMessage(metadata.framework)}, not ${framework.id}` }];
  }
  if (metadata.frameworkVersion !== framework.version) {
    return [{ where, message: `this return was made for edition ${quoteForMessage(metadata.frameworkVersion)} of ${framework.id}, not edition ${framework.version}` }];
  }
  if (metadata.fingerprint !== undefined && metadata.fingerprint !== frameworkFingerprint(framework)) {
    return [{ where, message: `this return was made from a different copy of ${framework.id} edition ${framework.version}: its scale or criteria differ from the one here` }];
  }
  return [];
}

/** One criterion's answers as the return gives them; blank cells give nothing. */
export interface ReturnAnswer {
  criterion: string;
  row: number;
  rating?: number;
  /**
   * Why the criterion does not apply: given when the rating is "Not applicable" (empty when
   * its reason was left blank), or beside a rating (which the rules of answers refuse).
   */
  notApplicable?: string;
  evidence?: string;
  action?: { text?: string; owner?: string; due?: string; status?: ActionStatus };
}

export interface ReturnReading {
  answers: ReturnAnswer[];
  faults: ReturnFault[];
  /** The rows with a fault in a cell of their own. */
  faultyRows: ReadonlySet<number>;
  /** Things not wrong but not read (a column added by the agency), for a note. */
  notes: string[];
}

/** Reads the Return sheet's rows against the framework, collecting every fault. */
export function readReturnAnswers(framework: Framework, cells: SheetCells, layout: ReturnLayout = 2, sheet = RETURN_SHEET): ReturnReading {
  const faults: ReturnFault[] = [];
  const faultyRows = new Set<number>();
  const notes: string[] = [];
  const at = (column: number, row: number) => cellRef(sheet, column, row);
  const columns = returnColumns(layout);

  const header = cells.get(1) ?? new Map<number, CellValue>();
  columns.forEach((expected, i) => {
    const found = header.get(i + 1);
    const text = found?.kind === 'text' ? found.text.trim() : found ? plainValue(found) : '';
    if (text.toLowerCase() !== expected.toLowerCase()) {
      faults.push({
        where: at(i + 1, 1),
        message: `the header should read "${expected}", not ${text ? quoteForMessage(text) : 'nothing'} (were columns moved, inserted or deleted?)`,
      });
    }
  });
  // Answers cannot be told apart from one another once the columns have moved.
  if (faults.length) return { answers: [], faults, faultyRows, notes };

  const known = indexCriteria(framework);
  const seen = new Map<string, number>();
  const answers: ReturnAnswer[] = [];
  const extraColumns = new Set<number>();
  const questions = questionTexts(framework);
  const changedQuestions: { column: number; ref: string }[] = [];
  /** Cells typed in a row of no criterion (an "Overall comments" line under the last row). */
  const stray: string[] = [];
  const rowNumbers = [...cells.keys()].filter((r) => r > 1).sort((a, b) => a - b);

  for (const r of rowNumbers) {
    const row = cells.get(r)!;
    for (const column of row.keys()) if (column > columns.length) extraColumns.add(column);
    const idCell = row.get(COLUMN.Criterion);
    const hasAnswers = ANSWER_COLUMNS.some((c) => COLUMN[c] <= columns.length && row.has(COLUMN[c]));
    if (!idCell) {
      if (hasAnswers) faults.push({ where: at(COLUMN.Criterion, r), message: 'this row has answers but no criterion id' });
      else stray.push(...[...row.keys()].filter((c) => c <= columns.length).sort((a, b) => a - b).map((c) => at(c, r)));
      continue;
    }
    if (idCell.kind === 'formula' || idCell.kind === 'error') {
      faults.push({ where: at(COLUMN.Criterion, r), message: idCell.kind === 'formula' ? 'the criterion id is a formula; it must be the id as exported' : `the criterion id is the error ${quoteForMessage(idCell.error)}` });
      continue;
    }
    const id = plainValue(idCell);
    if (!known.has(id)) {
      faults.push({
        where: at(COLUMN.Criterion, r),
        message: `criterion ${quoteForMessage(id)} is not in ${framework.id} (edition ${framework.version}): the Criterion column must keep the ids as exported`,
      });
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      faults.push({ where: at(COLUMN.Criterion, r), message: `criterion ${id} appears twice, in rows ${first} and ${r}: keep one` });
      continue;
    }
    seen.set(id, r);
    changedQuestions.push(...changedQuestionCells(questions.get(id)!, row).map((column) => ({ column, ref: at(column, r) })));
    answers.push(
      readAnswerRow(
        framework,
        layout,
        id,
        r,
        row,
        (column, message) => {
          faults.push({ where: at(column, r), message });
          faultyRows.add(r);
        },
        (column, message) => notes.push(`${at(column, r)}: ${message}`),
      ),
    );
  }

  const missing = [...known.keys()].filter((id) => !seen.has(id));
  if (missing.length) {
    const shown = missing.length > 12 ? `${missing.slice(0, 12).join(', ')} and ${missing.length - 12} more` : missing.join(', ');
    faults.push({
      where: sheetRef(sheet),
      message: `${missing.length === 1 ? `the row of criterion ${shown} is` : `the rows of ${missing.length} criteria (${shown}) are`} missing: were rows deleted? Every criterion needs its row, even unanswered`,
    });
  }
  for (const column of extraColumns) {
    notes.push(`column ${cellRef(sheet, column, 1).replace(/\d+$/, '')} is not part of the return and was not read`);
  }
  if (stray.length) {
    notes.push(`${listCells(stray, 'the cell', 'the cells')} ${stray.length === 1 ? 'is' : 'are'} in no criterion's row, so not part of the return, and ${stray.length === 1 ? 'was' : 'were'} not read`);
  }
  // A column that differs in most rows is a framework worded otherwise than when the return
  // went out (its fingerprint allows that), not an agency writing in it: not noted.
  const typedIn = changedQuestions.filter((c) => changedQuestions.filter((d) => d.column === c.column).length * 2 <= seen.size).map((c) => c.ref);
  if (typedIn.length) {
    notes.push(
      `${listCells(typedIn, 'the question cell', 'the question cells')} ${typedIn.length === 1 ? 'holds' : 'hold'} text other than the framework's, which is not part of the return and was not read (a comment on a criterion belongs in its Evidence)`,
    );
  }
  return { answers, faults, faultyRows, notes };
}

/** The question columns of a criterion's row, as the export writes them. */
type QuestionTexts = Partial<Record<ReturnColumn, string>>;
const QUESTION_COLUMNS = ['Standard', 'Statement', 'Guidance'] as const;

function questionTexts(framework: Framework): Map<string, QuestionTexts> {
  return new Map(
    framework.standards.flatMap((standard) =>
      standard.criteria.map((c) => [c.id, { Standard: standard.title, Statement: c.text, Guidance: guidanceText(c.guidance, c.evidenceExamples, c.reference) }] as const),
    ),
  );
}

/**
 * The question cells (Standard, Statement, Guidance) of a row that hold text other than the
 * framework's: the sheet's protection has no password, and an agency that lifts it may write its
 * caveat there, which the import never reads; it is named rather than lost without a word. A
 * cell cleared is no loss. Compared by words, so that wrapping or spacing is no change.
 */
function changedQuestionCells(expected: QuestionTexts, row: ReadonlyMap<number, CellValue>): number[] {
  const words = (text: string) => cellTextAsRead(text).replace(/\s+/g, ' ').trim();
  return QUESTION_COLUMNS.filter((column) => {
    const value = row.get(COLUMN[column]);
    const text = value && value.kind !== 'formula' && value.kind !== 'error' ? words(plainValue(value)) : '';
    return text !== '' && text !== words(expected[column] ?? '');
  }).map((column) => COLUMN[column]);
}

/** "the cell Return!D6" or "the cells Return!C6, Return!D6 and 3 more". */
function listCells(refs: readonly string[], one: string, many: string, most = 8): string {
  if (refs.length === 1) return `${one} ${refs[0]}`;
  const shown = refs.length > most ? `${refs.slice(0, most).join(', ')} and ${refs.length - most} more` : `${refs.slice(0, -1).join(', ')} and ${refs[refs.length - 1]}`;
  return `${many} ${shown}`;
}

/**
 * Text the agency typed on the Instructions sheet where the export wrote nothing: beside the
 * details (their cells merge columns B and C, so C holds nothing of ours), in the blank row under
 * the title, or right of column C. Noted by cell, as the Return sheet's extra columns are; the
 * Completed by and kind cells are read.
 */
export function instructionsNotes(cells: SheetCells | undefined, metadata: Pick<ReturnMetadata, 'organisation' | 'period'>): string[] {
  const notes = detailChanges(cells, metadata);
  const refs: string[] = [];
  for (const [r, row] of [...(cells ?? new Map<number, ReadonlyMap<number, CellValue>>())].sort((a, b) => a[0] - b[0])) {
    for (const column of [...row.keys()].sort((a, b) => a - b)) {
      const ours = column <= 2 || (column === 3 && r > KIND_CELL.row);
      if (!ours || (r === 2 && column <= 3)) refs.push(cellRef(INSTRUCTIONS_SHEET, column, r));
    }
  }
  if (refs.length) notes.push(`${listCells(refs, 'the cell', 'the cells')} ${refs.length === 1 ? 'is' : 'are'} not part of the return and ${refs.length === 1 ? 'was' : 'were'} not read`);
  return notes;
}

/** The Instructions rows naming whom and which period the return is for (src/render/xlsx/return.ts). */
export const DETAIL_ROWS = { organisation: 3, period: 4 } as const;

/**
 * The organisation or period typed over on the Instructions sheet (a school correcting its
 * name): the return is recorded as its Metadata says, which the import checks it against, so the
 * change is named rather than passed over.
 */
function detailChanges(cells: SheetCells | undefined, metadata: Pick<ReturnMetadata, 'organisation' | 'period'>): string[] {
  const words = (text: string) => text.replace(/\s+/g, ' ').trim();
  return (['organisation', 'period'] as const).flatMap((field) => {
    const value = cells?.get(DETAIL_ROWS[field])?.get(2);
    const typed = value && value.kind !== 'formula' && value.kind !== 'error' ? words(cellTextAsRead(plainValue(value))) : '';
    if (typed === '' || typed === words(metadata[field])) return [];
    return [
      `${cellRef(INSTRUCTIONS_SHEET, 2, DETAIL_ROWS[field])} gives the ${field} as ${quoteForMessage(typed, 80)}, but the return went out for ${quoteForMessage(metadata[field], 80)} and is recorded as that: the change was not read (to rename an audit, edit its file)`,
    ];
  });
}

type FaultAt = (column: number, message: string) => void;

function readAnswerRow(framework: Framework, layout: ReturnLayout, criterion: string, row: number, cells: ReadonlyMap<number, CellValue>, fault: FaultAt, note: FaultAt): ReturnAnswer {
  const answer: ReturnAnswer = { criterion, row };
  const get = (column: ReturnColumn) => cells.get(COLUMN[column]);
  const textOf = (value: CellValue | undefined, column: number, what: string, fault: FaultAt) => textIn(value, column, what, fault, note);
  /** Evidence and reasons, read only in private: a hyperlink's address is kept beside the text it shows. */
  const privateTextOf = (value: CellValue | undefined, column: number, what: string) => withLink(textOf(value, column, what, fault), value);
  /** Actions and owners are published: an address the agency linked, but did not write, is named, not printed. */
  const publishedTextOf = (value: CellValue | undefined, column: number, what: string) => {
    if (value?.kind === 'text' && value.link !== undefined && !showsLink(value.text, value.link)) {
      note(column, `the ${what} links to ${quoteForMessage(value.link, 80)}, which was not read: public reports print the ${what}, so write an address there only if it may be published`);
    }
    return textOf(value, column, what, fault);
  };

  const rating = get('Rating');
  let markedNotApplicable = false;
  if (rating && usable(rating, COLUMN.Rating, 'rating', fault)) {
    const parsed = parseRatingCell(rating, framework);
    if (parsed === NOT_APPLICABLE) markedNotApplicable = true;
    else if (typeof parsed === 'number') answer.rating = parsed;
    else fault(COLUMN.Rating, parsed.fault);
  }
  if (layout >= 2) {
    const reason = privateTextOf(get(REASON_HEADER), COLUMN[REASON_HEADER], 'reason it does not apply')?.trim();
    // Beside a rating the reason is kept, so that the rules of answers refuse the two together.
    if (markedNotApplicable || (reason && answer.rating !== undefined)) answer.notApplicable = reason ?? '';
    else if (reason && rating === undefined) {
      fault(COLUMN[REASON_HEADER], `a reason ${criterion} does not apply is given, but its rating is not "${NOT_APPLICABLE_CHOICE}": choose ${NOT_APPLICABLE_CHOICE} as its rating, or clear this cell if it applies`);
    }
  } else if (markedNotApplicable) {
    fault(
      COLUMN.Rating,
      `${criterion} is marked not applicable, but this return (layout 1, from an earlier version of audit) has no column for the reason: leave the rating blank and record it with audit rate --not-applicable, or send a new return`,
    );
  }
  const evidence = privateTextOf(get('Evidence'), COLUMN.Evidence, 'evidence');
  if (evidence !== undefined) answer.evidence = evidence.replace(/\s+$/, '');

  const action: NonNullable<ReturnAnswer['action']> = {};
  const text = publishedTextOf(get('Action'), COLUMN.Action, 'action');
  if (text !== undefined) action.text = text.trim();
  const owner = publishedTextOf(get('Owner'), COLUMN.Owner, 'owner');
  if (owner !== undefined) action.owner = owner.trim().replace(/\s*\n\s*/g, ' ');
  const due = get('Due');
  if (due && usable(due, COLUMN.Due, 'due date', fault)) {
    const parsed = parseDueCell(due);
    if (parsed.fault === undefined) action.due = parsed.date;
    else fault(COLUMN.Due, parsed.fault);
  }
  const status = get('Status');
  if (status && usable(status, COLUMN.Status, 'status', fault)) {
    const parsed = parseStatusCell(status);
    if (parsed.fault === undefined) action.status = parsed.status;
    else fault(COLUMN.Status, parsed.fault);
  }
  for (const key of ['text', 'owner'] as const) if (action[key] === '') delete action[key];
  if (Object.keys(action).length) answer.action = action;
  if (answer.evidence === '') delete answer.evidence;
  return answer;
}

/** False (with a fault) for a formula or an error value where an answer should be. */
function usable(value: CellValue, column: number, what: string, fault: FaultAt): boolean {
  if (value.kind === 'formula') {
    fault(column, `the ${what} is a formula; formulas are never calculated on import: type the answer itself`);
    return false;
  }
  if (value.kind === 'error') {
    fault(column, `the ${what} cell holds the error ${quoteForMessage(value.error)}: type the answer itself`);
    return false;
  }
  return true;
}

/**
 * Free text from any kind of cell; line breaks kept as \n, control characters dropped. A number
 * or date reads as the cell shows it through its number format (`95%`, not 0.95); one in a
 * format not rendered faithfully keeps its value, with a note naming the cell.
 */
function textIn(value: CellValue | undefined, column: number, what: string, fault: FaultAt, note: FaultAt): string | undefined {
  if (!value || !usable(value, column, what, fault)) return undefined;
  if ((value.kind === 'number' || value.kind === 'date') && value.format !== undefined) {
    // A date as the 1900 date system counts it (its calendar date, and the time of day its number holds), whatever the workbook's system.
    const number = value.kind === 'number' ? value.value : Date.parse(value.date) / 86_400_000 + 25569 + ((value.serial ?? 0) % 1);
    const shown = number === undefined ? undefined : formatNumber(number, value.format);
    if (shown !== undefined) return cellTextAsRead(shown);
    note(column, `the ${what} is a ${value.kind} in the format ${quoteForMessage(value.format)}, which audit does not reproduce: read as ${plainValue(value)}`);
  }
  return cellTextAsRead(plainValue(value));
}

/**
 * A cell's text with the address of the hyperlink on it, where the text does not show it already
 * ("Safeguarding policy (https://intranet/policy.pdf)"): the link is where the evidence is, and
 * the text alone would lose it.
 */
function withLink(text: string | undefined, value: CellValue | undefined): string | undefined {
  if (text === undefined || value?.kind !== 'text' || value.link === undefined || showsLink(text, value.link)) return text;
  return `${text.replace(/\s+$/, '')} (${cellTextAsRead(value.link.replace(/^mailto:/i, ''))})`;
}

/** Whether the text already shows the address (as Excel links a typed URL or email address to itself). */
function showsLink(text: string, link: string): boolean {
  const bare = (s: string) => s.replace(/^(mailto:|https?:\/\/)/i, '').replace(/\/+$/, '').toLowerCase();
  return bare(text).includes(bare(link));
}

/**
 * Text as the import reads it from a cell: the policy the cells are written by (documentText),
 * so that text that went out comes back as it was sent.
 */
function cellTextAsRead(text: string): string {
  return documentText(text);
}

/**
 * A short digest of a reason as it went out, recorded in the Metadata sheet: a reason that comes
 * back unchanged beside a rating is the one the return went out with, not the agency's word.
 */
export function reasonDigest(reason: string): string {
  return createHash('sha256').update(cellTextAsRead(reason).trim()).digest('hex').slice(0, 12);
}

const DASHES = /\s*[-–—‒:.)]\s*/;

/** What parseRatingCell gives for "Not applicable" (or N/A, Does not apply). */
export const NOT_APPLICABLE = 'not-applicable';

/** A rating as typed or chosen: 3, "3", "3 – Mostly met", the label "Mostly met", or "Not applicable". */
export function parseRatingCell(value: CellValue, framework: Framework): number | typeof NOT_APPLICABLE | { fault: string } {
  if (value.kind === 'text' && NOT_APPLICABLE_WORDS.has(value.text.toLowerCase().replace(/[^a-z]/g, ''))) return NOT_APPLICABLE;
  const scale = describeScale(framework);
  const offScale = (shown: string) => ({ fault: `rating ${shown} is not on the scale ${scale}` });
  const choices = `${framework.scale.map(ratingChoice).join(', ')}, or ${NOT_APPLICABLE_CHOICE}`;
  const notWhole = (shown: string) => ({ fault: `rating ${shown} is not on the scale ${scale}: a rating is one whole level, so choose from the list (${choices})` });
  if (value.kind === 'number') {
    if (!Number.isInteger(value.value)) return notWhole(String(value.value));
    return framework.scale.some((l) => l.value === value.value) ? value.value : offScale(String(value.value));
  }
  if (value.kind !== 'text') {
    return { fault: `the rating is ${value.kind === 'date' ? 'a date' : value.kind === 'boolean' ? 'TRUE or FALSE' : 'not text'}, not a level of the scale ${scale}` };
  }
  const text = value.text.trim().replace(/\s+/g, ' ');
  if (/^-?\d+[.,]\d+$/.test(text)) return notWhole(quoteForMessage(text));
  const numbered = /^(-?\d+)(?:\s*$|(?:\s*[-–—‒:.)]\s*|\s+)(.*)$)/.exec(text);
  if (numbered) {
    const level = framework.scale.find((l) => l.value === Number(numbered[1]));
    if (!level) return offScale(numbered[2] ? quoteForMessage(text) : numbered[1]!);
    const label = numbered[2]?.trim();
    if (label && !labelNames(label, level)) {
      const other = framework.scale.find((l) => labelNames(label, l));
      return {
        fault: other
          ? `rating ${quoteForMessage(text)} gives level ${level.value} the label of level ${other.value} (${ratingChoice(other)}): level ${level.value} is ${ratingChoice(level)}`
          : `rating ${quoteForMessage(text)}: level ${level.value} of the scale is called ${quoteForMessage(level.label)}, not ${quoteForMessage(label)}; choose from the list (${choices})`,
      };
    }
    return level.value;
  }
  const lettered = levelFromRagLetter(text, framework.scale);
  if (lettered) return lettered.value;
  const named = framework.scale.filter((l) => labelNames(text.replace(DASHES, ' '), l) || labelNames(text, l));
  const exact = named.filter((l) => sameLabel(text, l.label) || sameLabel(text.replace(DASHES, ' '), l.label));
  if (exact.length === 1 || named.length === 1) return (exact[0] ?? named[0])!.value;
  if (named.length > 1) {
    return { fault: `rating ${quoteForMessage(text)} could be any of ${named.map(ratingChoice).join(', ')}: give the number, or more of the label` };
  }
  const letters = ragLettersOf(framework.scale);
  const short = letters.length ? `; ${letters.join(', ')} for short` : '';
  return {
    fault: `rating ${quoteForMessage(text)} is not on the scale ${scale}: choose from the list (${framework.scale.map(ratingChoice).join(', ')}, or ${NOT_APPLICABLE_CHOICE}${short})`,
  };
}

/**
 * Whether typed words name a level: its whole label, or the label's first words (`Green` or
 * `green` for "Green (fully in place)", `Partly` for "Partly met"), in any case and punctuation,
 * as people write a RAG in a cell. Whether they name only one level is the caller's to judge.
 */
function labelNames(typed: string, level: ScaleLevel): boolean {
  const words = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
  const said = words(typed);
  const label = words(level.label);
  return said !== '' && (label === said || label.startsWith(`${said} `));
}

function sameLabel(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** Excel serial numbers of 2000-01-01 and 2099-12-31: a bare number in that range is a date that lost its format. */
const SERIAL_RANGE = [36526, 73050] as const;

/**
 * A due date: an Excel date, or text as readTypedDate reads it (31/03/2027, 31-3-27, 2027-03-31,
 * 31 March 2027). A fault quotes what the cell holds, as the agency typed it.
 */
export function parseDueCell(value: CellValue): { date: string; fault?: undefined } | { date?: undefined; fault: string } {
  const notDate = (shown: string) => ({ fault: `due date ${shown} is not a date: give one such as 31/03/2027` });
  const checked = (iso: string, shown: string) => (plausibleDue(iso) ? { date: iso } : outOfRange(shown));
  if (value.kind === 'date') {
    // Before 1900 Excel shows no date at all (####): what was typed was a number.
    if (value.serial !== undefined && value.date < '1900-01-01') return { fault: `the due date cell holds the number ${value.serial}, which is no date (Excel shows it as ####): give one such as 31/03/2027` };
    return checked(value.date, ukDate(value.date));
  }
  if (value.kind === 'number') {
    if (Number.isInteger(value.value) && value.value >= SERIAL_RANGE[0] && value.value <= SERIAL_RANGE[1]) {
      return { date: new Date(Date.UTC(1899, 11, 30) + value.value * 86_400_000).toISOString().slice(0, 10) };
    }
    return notDate(String(value.value));
  }
  if (value.kind !== 'text') return notDate(value.kind === 'boolean' ? (value.value ? 'TRUE' : 'FALSE') : 'in that cell');
  const shown = quoteForMessage(value.text.trim());
  const { date } = readTypedDate(value.text);
  return date === undefined ? notDate(shown) : checked(date, shown);
}

/**
 * The years a due date may fall in. Excel counts days from 1900 (a negative or zero "date" is a
 * typing slip shown as ######), and no improvement action is due centuries from now.
 */
const DUE_YEARS = [1900, 2199] as const;

function plausibleDue(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= DUE_YEARS[0] && year <= DUE_YEARS[1];
}

function outOfRange(shown: string): { fault: string } {
  return { fault: `due date ${shown} is not a plausible date for an action (before ${DUE_YEARS[0]} or after ${DUE_YEARS[1]}): give one such as 31/03/2027` };
}

export function parseStatusCell(value: CellValue): { status: ActionStatus; fault?: undefined } | { status?: undefined; fault: string } {
  const found = value.kind === 'text' ? statusFromWord(value.text) : undefined;
  if (found) return { status: found };
  const shown = value.kind === 'text' ? quoteForMessage(value.text.trim()) : plainValue(value) || 'that';
  return { fault: `status ${shown} is not one of ${acceptedStatusWords()}` };
}

/**
 * The kind chosen on the Instructions sheet (layout 2): undefined when the cell is blank. A
 * sheet without the kind's row (a framework without kinds) keeps the kind the return went out for.
 */
export function readReturnKind(cells: SheetCells | undefined, framework: Framework, metadata: ReturnMetadata): { kind: string | undefined; fault?: ReturnFault } {
  if (metadata.layout < 2) return { kind: undefined };
  const row = cells?.get(KIND_CELL.row);
  const label = row?.get(1);
  if (label?.kind !== 'text' || label.text.trim() !== KIND_CELL.label) return { kind: metadata.kind };
  const value = row!.get(KIND_CELL.column);
  if (!value || (value.kind === 'text' && !value.text.trim())) return { kind: undefined };
  const parsed = parseKindCell(value, framework);
  if (parsed.fault !== undefined) return { kind: undefined, fault: { where: cellRef(INSTRUCTIONS_SHEET, KIND_CELL.column, KIND_CELL.row), message: parsed.fault } };
  return { kind: parsed.kind };
}

/** Faults in the order a reader of the workbook meets them: sheet by sheet, row by row, then those of a whole sheet. */
export function orderFaults(faults: readonly ReturnFault[]): ReturnFault[] {
  const sheets = [INSTRUCTIONS_SHEET, RETURN_SHEET];
  const key = (fault: ReturnFault): [number, number, number] => {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(fault.where);
    if (!m) return [sheets.length, Number.MAX_SAFE_INTEGER, 0];
    const column = [...m[2]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const sheet = sheets.indexOf(m[1]!);
    return [sheet < 0 ? sheets.length : sheet, Number(m[3]), column];
  };
  return faults
    .map((fault, i) => ({ fault, i, k: key(fault) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map((x) => x.fault);
}

/**
 * The kind of organisation chosen on the Instructions sheet: a kind's label (as the drop-down
 * gives it) or its id, in any case.
 */
export function parseKindCell(value: CellValue, framework: Framework): { kind: string; fault?: undefined } | { kind?: undefined; fault: string } {
  const kinds = framework.kinds ?? [];
  const choices = kinds.map((kind) => kind.label).join('; ');
  if (value.kind === 'formula') return { fault: 'the kind of organisation is a formula; formulas are never calculated on import: choose the kind from the list' };
  if (value.kind === 'error') return { fault: `the kind of organisation cell holds the error ${quoteForMessage(value.error)}: choose the kind from the list` };
  const text = plainValue(value);
  if (!kinds.length) return { fault: `${framework.id} declares no kinds of organisation, so a return of it records none: clear this cell` };
  const squash = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/[^a-z0-9']/g, '');
  const found = kinds.find((kind) => squash(kind.label) === squash(text) || kind.id === text.trim().toLowerCase());
  if (found) return { kind: found.id };
  return { fault: `kind of organisation ${quoteForMessage(text)} is not one that ${framework.id} declares: choose from the list (${choices})` };
}

// ── What the reading passes over ──────────────────────────────────────────────

/** A cell comment (an Excel note or threaded comment) in a sheet the import reads. */
export interface SheetComment {
  sheet: string;
  ref: string;
  text: string;
}

/**
 * The note for cell comments: the import reads cells, never comments, and a DSL's caveat
 * ("check with Mrs Kaur re Child E") must not vanish without a word. Our own note on the
 * Completed by cell is no answer.
 */
export function commentNote(comments: readonly SheetComment[]): string | undefined {
  const ours = cellRef(INSTRUCTIONS_SHEET, COMPLETED_BY.column, COMPLETED_BY.row);
  const refs = comments.map((c) => ({ where: cellRef(c.sheet, 1, 1).replace(/A1$/, c.ref), text: c.text })).filter((c) => !(c.where === ours && c.text.trim() === COMPLETED_BY_NOTE));
  if (!refs.length) return undefined;
  const cells = refs.map((c) => c.where);
  const list = cells.length === 1 ? cells[0]! : `${cells.slice(0, -1).join(', ')} and ${cells[cells.length - 1]}`;
  return cells.length === 1
    ? `the comment (note) on cell ${list} is not part of the return and was not read`
    : `the comments (notes) on cells ${list} are not part of the return and were not read`;
}

/** A sheet of the workbook that is none of the return's own. */
export interface OtherSheet {
  name: string;
  hidden: boolean;
  /** Its cells, or undefined for a chart sheet. */
  cells: SheetCells | undefined;
}

/** The sheets audit export writes: every other sheet is the agency's own. */
export const RETURN_SHEETS: readonly string[] = [INSTRUCTIONS_SHEET, RETURN_SHEET, LISTS_SHEET, METADATA_SHEET];

/**
 * Sheets the agency added. A copy of the Return sheet holding answers other than the Return's
 * is refused: only the Return sheet is read, and a trust that copied it for its second school
 * would lose that school's answers. Any other sheet (and a copy that holds the same answers, a
 * backup) is noted, never read.
 */
export function readOtherSheets(framework: Framework, sheets: readonly OtherSheet[], answers: readonly ReturnAnswer[], layout: ReturnLayout): { faults: ReturnFault[]; notes: string[] } {
  const faults: ReturnFault[] = [];
  const notes: string[] = [];
  const same = new Map(answers.map((a) => [a.criterion, answerKey(a)]));
  for (const sheet of sheets) {
    const shown = quoteForMessage(sheet.name, 60);
    const kind = sheet.hidden ? 'hidden sheet' : 'sheet';
    if (sheet.cells && looksLikeReturn(sheet.cells)) {
      const copy = readReturnAnswers(framework, sheet.cells, layout, sheet.name);
      const differs = copy.answers.some((a) => (same.get(a.criterion) ?? answerKey({ criterion: a.criterion, row: 0 })) !== answerKey(a));
      if (differs || copy.faults.some((f) => !/^the rows? of/.test(f.message))) {
        faults.push({
          where: sheetRef(sheet.name),
          message: `the ${kind} ${shown} looks like a second Return sheet (it has the Return's columns) and holds answers the Return sheet does not: only the sheet named ${RETURN_SHEET} is read, so they would be lost. A return holds one organisation's answers: copy these into the ${RETURN_SHEET} sheet, or send each organisation its own return (audit export), and delete this sheet`,
        });
        continue;
      }
      notes.push(`${kind} ${shown} is a copy of the ${RETURN_SHEET} sheet holding the same answers; it is not part of the return and was not read`);
      continue;
    }
    notes.push(`${kind} ${shown} is not part of the return and was not read`);
  }
  return { faults, notes };
}

/** The Return sheet's header row, or near enough: its Criterion and Rating columns. */
function looksLikeReturn(cells: SheetCells): boolean {
  const header = [...(cells.get(1)?.values() ?? [])].map((v) => (v.kind === 'text' ? v.text.trim().toLowerCase() : ''));
  return header.includes('criterion') && header.includes('rating');
}

/** An answer's content, without its row, to compare two sheets' answers. */
function answerKey(a: ReturnAnswer): string {
  return JSON.stringify([a.rating, a.notApplicable, a.evidence, a.action?.text, a.action?.owner, a.action?.due, a.action?.status]);
}

/** The former names a return's Metadata sheet records (a JSON list of names); a value that is not one is left unread. */
function formerNamesOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  try {
    const names: unknown = JSON.parse(value);
    if (Array.isArray(names) && names.every((name) => typeof name === 'string' && name.trim() !== '')) return names as string[];
  } catch {
    // Not JSON: the hidden sheet was edited by hand; the names are not needed to read the return.
  }
  return undefined;
}
