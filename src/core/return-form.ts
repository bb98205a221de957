/**
 * The agency's return workbook as data: what `audit export` lays out, and how `audit import`
 * maps a filled return's rows back to an audit's responses. Pure: the workbook itself is drawn
 * by src/render/xlsx/return.ts and read by src/io/return-file.ts.
 *
 * The `Return` sheet has a header row, then one row per criterion in framework order. Rows are
 * matched to criteria by the id in the Criterion column, so rows sorted or filtered by the
 * agency still read rightly; a row deleted, duplicated or with its id changed is a fault.
 */
import { createHash } from 'node:crypto';
import { ACTION_STATUSES, type ActionStatus, type Audit, type Response } from './audit.js';
import { isIsoDate } from './dates.js';
import { countCriteria, describeScale, indexCriteria, type Framework, type ScaleLevel } from './framework.js';
import { cellRef, quoteForMessage, sheetRef, type CellValue, type SheetCells } from './sheet-cells.js';

export const RETURN_SHEET = 'Return';
export const INSTRUCTIONS_SHEET = 'Instructions';
export const METADATA_SHEET = 'Metadata';
export const LISTS_SHEET = 'Lists';

/** The Return sheet's header row, in order (the issue fixes these words). */
export const RETURN_HEADERS = ['Standard', 'Criterion', 'Statement', 'Guidance', 'Rating', 'Evidence', 'Action', 'Owner', 'Due', 'Status'] as const;
export type ReturnColumn = (typeof RETURN_HEADERS)[number];
/** 1-based column of each header. */
export const COLUMN = Object.fromEntries(RETURN_HEADERS.map((h, i) => [h, i + 1])) as Record<ReturnColumn, number>;
const ANSWER_COLUMNS: ReturnColumn[] = ['Rating', 'Evidence', 'Action', 'Owner', 'Due', 'Status'];

/** Marks a workbook as a return made by `audit export`; the version changes with its layout. */
export const RETURN_FORMAT = 'safeguarding-audit return';
export const RETURN_FORMAT_VERSION = '1';

/** What the Status drop-down shows for each action status. */
export const STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done' };

/** Where the Instructions sheet asks who completed the return; read back as the assessor. */
export const COMPLETED_BY = { row: 8, column: 2 } as const;

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
}

export interface ReturnDetails {
  organisation: string;
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
  rows: ReturnRow[];
  /** Key and value pairs of the Metadata sheet, in order. */
  metadata: [string, string][];
}

/** The return for one organisation and period, pre-filled with the answers already given. */
export function buildReturnForm(framework: Framework, details: ReturnDetails, responses: Audit['responses'] = {}): ReturnForm {
  const levels = new Map(framework.scale.map((level) => [level.value, level]));
  const rows: ReturnRow[] = framework.standards.flatMap((standard) =>
    standard.criteria.map((criterion) => {
      const response: Response | null | undefined = responses[criterion.id];
      const rating = typeof response?.rating === 'number' ? levels.get(response.rating) : undefined;
      const action = response?.action ?? undefined;
      return {
        standard: standard.title,
        criterion: criterion.id,
        statement: criterion.text,
        guidance: guidanceText(criterion.guidance, criterion.evidenceExamples, criterion.reference),
        rating: rating ? ratingChoice(rating) : null,
        evidence: response?.evidence || null,
        action: action?.text || null,
        owner: action?.owner || null,
        due: action?.due || null,
        status: action?.status ? STATUS_LABELS[action.status] : null,
      };
    }),
  );
  const metadata: [string, string][] = [
    ['format', RETURN_FORMAT],
    ['formatVersion', RETURN_FORMAT_VERSION],
    ['framework', framework.id],
    ['frameworkVersion', framework.version],
    ['frameworkTitle', framework.title],
    ['frameworkFingerprint', frameworkFingerprint(framework)],
    ['criteria', String(countCriteria(framework))],
    ['organisation', details.organisation],
    ['period', details.period],
    ...(details.assessor ? [['assessor', details.assessor] as [string, string]] : []),
    ...(details.target !== undefined ? [['target', String(details.target)] as [string, string]] : []),
    ...(details.returnTo ? [['returnTo', details.returnTo] as [string, string]] : []),
    ...(details.returnBy ? [['returnBy', details.returnBy] as [string, string]] : []),
    ['createdBy', details.createdBy],
    ['created', details.created],
  ];
  return {
    framework: { id: framework.id, title: framework.title, version: framework.version },
    details,
    scale: framework.scale.map((level) => ({ ...level, choice: ratingChoice(level) })),
    scaleText: describeScale(framework),
    statusChoices: ACTION_STATUSES.map((s) => STATUS_LABELS[s]),
    rows,
    metadata,
  };
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
    for (const key of ['statement', 'guidance', 'evidence', 'action', 'owner'] as const) {
      const text = row[key];
      if (text && text.length > MAX_CELL_TEXT) {
        faults.push(`the ${key} of ${row.criterion} is ${text.length.toLocaleString('en-GB')} characters, more than an Excel cell holds (${MAX_CELL_TEXT.toLocaleString('en-GB')})`);
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
  framework: string;
  frameworkVersion: string;
  fingerprint: string | undefined;
  organisation: string;
  period: string;
  assessor: string | undefined;
  target: number | undefined;
}

/**
 * The Metadata sheet's pairs (key in column A, value in B), checked to be a return of this tool.
 * Returns faults rather than metadata when it is not one.
 */
export function readReturnMetadata(cells: SheetCells): { metadata: ReturnMetadata } | { faults: ReturnFault[] } {
  const values = new Map<string, string>();
  for (const row of cells.values()) {
    const key = row.get(1);
    const value = row.get(2);
    if (key?.kind === 'text' && value) values.set(key.text.trim(), plainValue(value));
  }
  const where = METADATA_SHEET;
  if (values.get('format') !== RETURN_FORMAT) {
    return { faults: [{ where, message: `the ${METADATA_SHEET} sheet does not mark this workbook as a return made by audit export` }] };
  }
  const version = values.get('formatVersion');
  if (version !== RETURN_FORMAT_VERSION) {
    return { faults: [{ where, message: `the return is in layout ${quoteForMessage(version ?? '')}, which this version of audit does not know (it reads layout ${RETURN_FORMAT_VERSION}): use a newer audit` }] };
  }
  const missing = ['framework', 'frameworkVersion', 'organisation', 'period'].filter((key) => !values.get(key));
  if (missing.length) return { faults: [{ where, message: `the ${METADATA_SHEET} sheet has lost its ${missing.join(', ')}` }] };
  // The id is looked up among framework files: it must be an id, never a path to some other file.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(values.get('framework')!)) {
    return { faults: [{ where, message: `the framework named, ${quoteForMessage(values.get('framework')!)}, is not a framework id` }] };
  }
  const target = values.get('target');
  return {
    metadata: {
      framework: values.get('framework')!,
      frameworkVersion: values.get('frameworkVersion')!,
      fingerprint: values.get('frameworkFingerprint'),
      organisation: values.get('organisation')!,
      period: values.get('period')!,
      assessor: values.get('assessor'),
      target: target !== undefined && /^-?\d+$/.test(target) ? Number(target) : undefined,
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
  evidence?: string;
  action?: { text?: string; owner?: string; due?: string; status?: ActionStatus };
}

export interface ReturnReading {
  answers: ReturnAnswer[];
  faults: ReturnFault[];
  /** Things not wrong but not read (a column added by the agency), for a note. */
  notes: string[];
}

/** Reads the Return sheet's rows against the framework, collecting every fault. */
export function readReturnAnswers(framework: Framework, cells: SheetCells, sheet = RETURN_SHEET): ReturnReading {
  const faults: ReturnFault[] = [];
  const notes: string[] = [];
  const at = (column: number, row: number) => cellRef(sheet, column, row);

  const header = cells.get(1) ?? new Map<number, CellValue>();
  RETURN_HEADERS.forEach((expected, i) => {
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
  if (faults.length) return { answers: [], faults, notes };

  const known = indexCriteria(framework);
  const seen = new Map<string, number>();
  const answers: ReturnAnswer[] = [];
  const extraColumns = new Set<number>();
  const rowNumbers = [...cells.keys()].filter((r) => r > 1).sort((a, b) => a - b);

  for (const r of rowNumbers) {
    const row = cells.get(r)!;
    for (const column of row.keys()) if (column > RETURN_HEADERS.length) extraColumns.add(column);
    const idCell = row.get(COLUMN.Criterion);
    const hasAnswers = ANSWER_COLUMNS.some((c) => row.has(COLUMN[c]));
    if (!idCell) {
      if (hasAnswers) faults.push({ where: at(COLUMN.Criterion, r), message: 'this row has answers but no criterion id' });
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
    answers.push(readAnswerRow(framework, id, r, row, (column, message) => faults.push({ where: at(column, r), message })));
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
  return { answers, faults, notes };
}

type FaultAt = (column: number, message: string) => void;

function readAnswerRow(framework: Framework, criterion: string, row: number, cells: ReadonlyMap<number, CellValue>, fault: FaultAt): ReturnAnswer {
  const answer: ReturnAnswer = { criterion, row };
  const get = (column: ReturnColumn) => cells.get(COLUMN[column]);

  const rating = get('Rating');
  if (rating && usable(rating, COLUMN.Rating, 'rating', fault)) {
    const parsed = parseRatingCell(rating, framework);
    if (typeof parsed === 'number') answer.rating = parsed;
    else fault(COLUMN.Rating, parsed.fault);
  }
  const evidence = textOf(get('Evidence'), COLUMN.Evidence, 'evidence', fault);
  if (evidence !== undefined) answer.evidence = evidence.replace(/\s+$/, '');

  const action: NonNullable<ReturnAnswer['action']> = {};
  const text = textOf(get('Action'), COLUMN.Action, 'action', fault);
  if (text !== undefined) action.text = text.trim();
  const owner = textOf(get('Owner'), COLUMN.Owner, 'owner', fault);
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

/** Free text from any kind of cell; line breaks kept as \n, control characters dropped. */
function textOf(value: CellValue | undefined, column: number, what: string, fault: FaultAt): string | undefined {
  if (!value || !usable(value, column, what, fault)) return undefined;
  const text = plainValue(value);
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

const DASHES = /\s*[-–—‒:.)]\s*/;

/** A rating as typed or chosen: 3, "3", "3 – Mostly met", or the label "Mostly met". */
export function parseRatingCell(value: CellValue, framework: Framework): number | { fault: string } {
  const scale = describeScale(framework);
  const offScale = (shown: string) => ({ fault: `rating ${shown} is not on the scale ${scale}` });
  if (value.kind === 'number') {
    return framework.scale.some((l) => l.value === value.value) ? value.value : offScale(String(value.value));
  }
  if (value.kind !== 'text') {
    return { fault: `the rating is ${value.kind === 'date' ? 'a date' : value.kind === 'boolean' ? 'TRUE or FALSE' : 'not text'}, not a level of the scale ${scale}` };
  }
  const text = value.text.trim().replace(/\s+/g, ' ');
  const numbered = /^(-?\d+)(?:\s*$|(?:\s*[-–—‒:.)]\s*|\s+)(.*)$)/.exec(text);
  if (numbered) {
    const level = framework.scale.find((l) => l.value === Number(numbered[1]));
    if (!level) return offScale(numbered[2] ? quoteForMessage(text) : numbered[1]!);
    const label = numbered[2]?.trim();
    if (label && !sameLabel(label, level.label)) {
      return { fault: `rating ${quoteForMessage(text)} gives level ${level.value} the label of another: level ${level.value} is ${ratingChoice(level)}` };
    }
    return level.value;
  }
  const byLabel = framework.scale.find((l) => sameLabel(text.replace(DASHES, ' '), l.label) || sameLabel(text, l.label));
  if (byLabel) return byLabel.value;
  return {
    fault: `rating ${quoteForMessage(text)} is not on the scale ${scale}: choose from the list (${framework.scale.map(ratingChoice).join(', ')})`,
  };
}

function sameLabel(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Excel serial numbers of 2000-01-01 and 2099-12-31: a bare number in that range is a date that lost its format. */
const SERIAL_RANGE = [36526, 73050] as const;

/** A due date: an Excel date, or text such as 31/03/2027, 31-3-27, 2027-03-31 or 31 March 2027. */
export function parseDueCell(value: CellValue): { date: string; fault?: undefined } | { date?: undefined; fault: string } {
  const notDate = (shown: string) => ({ fault: `due date ${shown} is not a date: give one such as 31/03/2027` });
  if (value.kind === 'date') return isIsoDate(value.date) ? { date: value.date } : notDate(value.date);
  if (value.kind === 'number') {
    if (Number.isInteger(value.value) && value.value >= SERIAL_RANGE[0] && value.value <= SERIAL_RANGE[1]) {
      return { date: new Date(Date.UTC(1899, 11, 30) + value.value * 86_400_000).toISOString().slice(0, 10) };
    }
    return notDate(String(value.value));
  }
  if (value.kind !== 'text') return notDate(value.kind === 'boolean' ? (value.value ? 'TRUE' : 'FALSE') : 'in that cell');
  const text = value.text.trim();
  const shown = quoteForMessage(text);
  let year: number, month: number, day: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text))) {
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/i.exec(text))) {
    const token = m[2]!.toLowerCase();
    const monthIndex = token === 'sept' ? 8 : MONTHS.findIndex((name) => token.length >= 3 && name.startsWith(token));
    if (monthIndex < 0) return notDate(shown);
    [day, month, year] = [Number(m[1]), monthIndex + 1, Number(m[3])];
  } else {
    return notDate(shown);
  }
  if (year < 100) year += 2000;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? { date: iso } : notDate(shown);
}

export function parseStatusCell(value: CellValue): { status: ActionStatus; fault?: undefined } | { status?: undefined; fault: string } {
  const text = value.kind === 'text' ? value.text.trim().toLowerCase().replace(/[\s_-]+/g, ' ') : '';
  const found = ACTION_STATUSES.find((s) => s.replace('-', ' ') === text);
  if (found) return { status: found };
  const shown = value.kind === 'text' ? quoteForMessage(value.text.trim()) : plainValue(value) || 'that';
  return { fault: `status ${shown} is not one of ${ACTION_STATUSES.map((s) => STATUS_LABELS[s]).join(', ')}` };
}

/**
 * Each answer's action must have its text, in the return or (for answers recorded into an
 * existing audit) already in the audit.
 */
export function checkActionTexts(answers: readonly ReturnAnswer[], existing: Audit['responses'] = {}, sheet = RETURN_SHEET): ReturnFault[] {
  return answers
    .filter((a) => a.action && a.action.text === undefined && !existing[a.criterion]?.action?.text)
    .map((a) => ({
      where: cellRef(sheet, COLUMN.Action, a.row),
      message: `an owner, due date or status is given for ${a.criterion} but no action: write the action itself here`,
    }));
}

/** The responses of a new audit made from a return. */
export function responsesFromAnswers(framework: Framework, answers: readonly ReturnAnswer[]): Audit['responses'] {
  const byId = new Map(answers.map((a) => [a.criterion, a]));
  const responses: Audit['responses'] = {};
  for (const id of indexCriteria(framework).keys()) {
    const answer = byId.get(id);
    const response: Response = {};
    if (answer?.rating !== undefined) response.rating = answer.rating;
    if (answer?.evidence !== undefined) response.evidence = answer.evidence;
    if (answer?.action?.text !== undefined) response.action = { ...answer.action, text: answer.action.text };
    responses[id] = Object.keys(response).length ? response : null;
  }
  return responses;
}
