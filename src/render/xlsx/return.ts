/**
 * `audit export --format xlsx`: the return workbook an agency fills in. Sheets, in order:
 * Instructions (who it is for, its kind of organisation, how to fill it in, the scale, who to
 * send it to), Return (one row per criterion: locked question cells, open answer cells with
 * drop-downs and a date cell, and the reason for a criterion marked Not applicable), and two
 * hidden, protected sheets: Lists (the drop-downs' choices) and Metadata (what `audit import`
 * checks the workbook against). Sheets are protected without a password, so nothing is changed
 * by accident and anyone can lift it on purpose.
 */
import { ukDate } from '../../core/dates.js';
import {
  COLUMN,
  COMPLETED_BY,
  COMPLETED_BY_NOTE,
  DETAIL_ROWS,
  INSTRUCTIONS_SHEET,
  KIND_CELL,
  LISTS_SHEET,
  METADATA_SHEET,
  NOT_APPLICABLE_CHOICE,
  REASON_HEADER,
  RETURN_COLUMNS,
  RETURN_SHEET,
  type ReturnForm,
} from '../../core/return-form.js';
import {
  ANSWER_FILL,
  cellText,
  FAULT_MARK,
  headerRow,
  LOCKED_FILL,
  NOT_APPLICABLE_MARK,
  newWorkbook,
  printA4Landscape,
  validateRange,
  workbookBytes,
  wrappedRowHeight,
  WRAP_TOP,
  type Style,
  type Worksheet,
} from './workbook.js';

const RETURN_WIDTHS = [14, 10, 30, 32, 16, 36, 24, 14, 11, 11, 30];
/** Wide enough for "Kind of organisation" in bold. */
const INSTRUCTION_WIDTHS = [21, 30, 70] as const;

/**
 * The styles of the Return sheet's cells, one object each, shared by every row: exceljs turns
 * a cell's style into XML to find its number, unless it has met that very object before, and
 * doing so for 10,000 cells was a third of a 1,000-criterion export. Frozen: a cell's style is
 * replaced, never changed, or every cell sharing it would change with it.
 */
const ROW_BORDER = { bottom: { style: 'hair', color: { argb: 'FFBFBFBF' } } } as const;
const LOCKED_CELL = Object.freeze({ alignment: WRAP_TOP, fill: LOCKED_FILL, border: ROW_BORDER }) as Partial<Style>;
const ANSWER_CELL = Object.freeze({ alignment: WRAP_TOP, fill: ANSWER_FILL, border: ROW_BORDER, protection: { locked: false } }) as Partial<Style>;
const DUE_CELL = Object.freeze({ ...ANSWER_CELL, numFmt: 'dd/mm/yyyy' }) as Partial<Style>;

/**
 * What reports made for publication print of a return, as `audit report --public`, `audit check
 * --public`, `audit gap --public` and `audit plan --public` do: the ratings and the improvement
 * plan (action, owner, due date, status), and the report's cover the name in Completed by (the
 * assessor), never the evidence or the reasons a criterion does not apply.
 */
const PUBLISHED_HEADING = 'What is published';
const PUBLISHED_NOTES = [
  'Published: your Ratings, and each Action with its Owner, Due date and Status. The improvement plan prints them, in reports made for publication (Part 1) and wherever the plan is shared. Do not name children, families or members of staff in them: write what will be done, and give the Owner as a role (for example "Designated Safeguarding Lead"), not a name. The name in Completed by is published too, as who made the self-audit.',
  'Not published: Evidence and Why not applicable are left out of every report made for publication. They are read in private (Part 2, not for publication) reports by the committee and the partnership, so even there refer to a child as "Child A", not by name.',
];

/** The input message of each free-text answer column: whether a public report prints it (at most 32 and 255 characters). */
const COLUMN_PROMPTS: Partial<Record<keyof typeof COLUMN, { title: string; prompt: string }>> = {
  Evidence: { title: 'Evidence: not published', prompt: 'Left out of public (Part 1) reports, but read in private ones: refer to a child as "Child A", not by name.' },
  Action: { title: 'Action: published', prompt: 'Printed in public (Part 1) reports: do not name children, families or members of staff.' },
  Owner: { title: 'Owner: published', prompt: 'Printed in public (Part 1) reports: give a role (for example "Designated Safeguarding Lead"), not a person\'s name.' },
};

/** Options for sheet protection: cells selectable, columns and rows resizable, nothing else. */
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true };

export async function renderReturnWorkbook(form: ReturnForm, options: { created: Date; creator: string }): Promise<Uint8Array> {
  const title = `${form.framework.title}: return for ${form.details.organisation}, ${form.details.period}`;
  const workbook = await newWorkbook({ title, created: options.created, creator: options.creator });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF1F3864' } } });
  const returnSheet = workbook.addWorksheet(RETURN_SHEET);
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const metadata = workbook.addWorksheet(METADATA_SHEET, { state: 'hidden' });

  await fillInstructions(instructions, form);
  await fillReturn(returnSheet, form);
  await fillLists(lists, form, workbook);
  await fillMetadata(metadata, form);
  return workbookBytes(workbook);
}

async function fillInstructions(sheet: Worksheet, form: ReturnForm): Promise<void> {
  const d = form.details;
  sheet.columns = INSTRUCTION_WIDTHS.map((width) => ({ width }));
  const line = (values: (string | Date | null)[], style?: { bold?: boolean; size?: number }) => {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? cellText(v) : v)));
    row.alignment = WRAP_TOP;
    if (style) row.font = style;
    return row;
  };
  line([`${form.framework.title}: return`], { bold: true, size: 14 });
  sheet.mergeCells('A1:C1');
  line([]);
  // audit import compares these two with the Metadata (DETAIL_ROWS), so they keep their rows.
  if (line(['For', d.organisation]).number !== DETAIL_ROWS.organisation) throw new Error('the For row has moved');
  if (line(['Period', d.period]).number !== DETAIL_ROWS.period) throw new Error('the Period row has moved');
  line(['Framework', `${form.framework.title} (${form.framework.id}, edition ${form.framework.version})`]);
  line(['Return to', d.returnTo ?? 'The person who sent you this workbook']);
  line(['Return by', d.returnBy ? isoToDate(d.returnBy) : 'As asked when it was sent']);
  const completedRow = line(['Completed by', d.assessor ?? null]);
  // audit import reads the assessor and the kind from these cells; the layout above must keep them there.
  if (completedRow.number !== COMPLETED_BY.row) throw new Error('the Completed by row has moved');
  const asksKind = form.kindChoices.length > 0;
  if (asksKind && line([KIND_CELL.label, d.kind?.label ?? null]).number !== KIND_CELL.row) throw new Error('the kind row has moved');
  const detailRows = asksKind ? [3, 4, 5, 6, 7, 8, 9] : [3, 4, 5, 6, 7, 8];
  for (const r of detailRows) {
    sheet.getCell(`A${r}`).font = { bold: true };
    sheet.mergeCells(`B${r}:C${r}`);
  }
  sheet.getCell('B7').numFmt = 'dd/mm/yyyy';
  sheet.getCell('B7').alignment = { horizontal: 'left', vertical: 'top' };
  const completedBy = sheet.getCell(COMPLETED_BY.row, COMPLETED_BY.column);
  completedBy.protection = { locked: false };
  completedBy.fill = ANSWER_FILL;
  completedBy.note = COMPLETED_BY_NOTE;
  if (asksKind) {
    const kind = sheet.getCell(KIND_CELL.row, KIND_CELL.column);
    kind.protection = { locked: false };
    kind.fill = ANSWER_FILL;
    validateRange(sheet, kind.address, {
      type: 'list',
      allowBlank: true,
      formulae: ['KindChoices'],
      showInputMessage: true,
      promptTitle: KIND_CELL.label,
      prompt: 'Choose the kind of organisation you are. Criteria that do not apply to it are marked Not applicable on the Return sheet.',
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Not a kind of organisation',
      error: 'Choose a kind from the list.',
    });
  }

  line([]);
  const heading = (text: string) => {
    const row = line([text], { bold: true, size: 12 });
    sheet.mergeCells(`A${row.number}:C${row.number}`);
  };
  heading('How to fill in this return');
  const steps = [
    `Open the ${RETURN_SHEET} sheet. Each row is one criterion. The grey columns (Standard, Criterion, Statement, Guidance) say what is asked and are locked; the yellow ones are yours.`,
    `Rating: choose a level from the drop-down (or type its number, ${form.scaleText}). The scale is below. Leave it blank if you have not assessed the criterion.`,
    `Not applicable: if a criterion does not apply to your organisation, choose ${NOT_APPLICABLE_CHOICE} as its Rating and say why in the last column, ${REASON_HEADER}; a reason is needed.` +
      (form.kindChoices.length
        ? ` Criteria that do not apply to your kind of organisation (above) are marked so already, with the reason: to answer one, choose a rating and clear its reason.`
        : ''),
    'Evidence: say what shows the rating is deserved: policies, minutes, audits, data, with dates. Alt+Enter starts a new line in a cell.',
    'Where a rating falls short of the target, write an Action that will close the gap, its Owner, the date it is Due (for example 31/03/2027) and its Status.',
    `Do not delete or add rows, change the Criterion column, or rename the sheets: the return is read back automatically, and a changed one will be sent back to you. Sorting and filtering are fine.`,
    `Save it as an Excel Workbook (.xlsx) and send it to: ${d.returnTo ?? 'the person who sent it to you'}${d.returnBy ? ` by ${ukDate(d.returnBy)}` : ''}.`,
  ];
  steps.forEach((step, i) => {
    const row = line([`${i + 1}.`, step]);
    sheet.mergeCells(`B${row.number}:C${row.number}`);
    row.height = wrappedRowHeight(['', step], [INSTRUCTION_WIDTHS[0], 100]);
  });

  line([]);
  heading(PUBLISHED_HEADING);
  PUBLISHED_NOTES.forEach((note) => {
    const row = line(['', note]);
    sheet.mergeCells(`B${row.number}:C${row.number}`);
    row.height = wrappedRowHeight(['', note], [INSTRUCTION_WIDTHS[0], 100]);
  });

  line([]);
  heading('The rating scale');
  const head = line(['Level', 'Choice', 'What it means']);
  head.eachCell((cell) => (cell.font = { bold: true }));
  for (const level of form.scale) {
    const row = line([String(level.value), level.choice, level.description]);
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'top' };
    row.height = wrappedRowHeight(['', '', level.description], INSTRUCTION_WIDTHS);
  }
  const meaning = 'The criterion does not apply to your organisation: say why in the last column. It counts in no score.';
  line(['', NOT_APPLICABLE_CHOICE, meaning]).height = wrappedRowHeight(['', '', meaning], INSTRUCTION_WIDTHS);
  if (d.target !== undefined) line([`Target: level ${d.target} for every criterion.`]);

  printPortraitInstructions(sheet);
  await sheet.protect('', PROTECTION);
}

function printPortraitInstructions(sheet: Worksheet): void {
  Object.assign(sheet.pageSetup, { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
}

async function fillReturn(sheet: Worksheet, form: ReturnForm): Promise<void> {
  headerRow(sheet, RETURN_COLUMNS, RETURN_WIDTHS, 2);
  for (const r of form.rows) {
    const row = sheet.addRow([
      r.standard,
      r.criterion,
      r.statement,
      r.guidance,
      r.rating,
      r.evidence,
      r.action,
      r.owner,
      r.due ? isoToDate(r.due) : null,
      r.status,
      r.notApplicable,
    ].map((v) => (typeof v === 'string' ? cellText(v) : v)));
    row.alignment = WRAP_TOP;
    for (let c = 1; c <= RETURN_COLUMNS.length; c++) {
      row.getCell(c).style = c === COLUMN.Due ? DUE_CELL : c >= COLUMN.Rating ? ANSWER_CELL : LOCKED_CELL;
    }
    row.height = wrappedRowHeight([r.standard, r.criterion, r.statement, r.guidance, r.rating, r.evidence, r.action, r.owner, null, null, r.notApplicable], RETURN_WIDTHS);
  }
  const last = form.rows.length + 1;
  const column = (name: keyof typeof COLUMN) => sheet.getColumn(COLUMN[name]).letter;
  if (form.rows.length) {
    const range = (name: keyof typeof COLUMN) => `${column(name)}2:${column(name)}${last}`;
    // A warning, not a stop: a typed number (3) is a rating too, and the import checks every cell.
    validateRange(sheet, range('Rating'), {
      type: 'list',
      allowBlank: true,
      formulae: ['RatingChoices'],
      showInputMessage: true,
      promptTitle: 'Rating',
      prompt: `Choose a level, ${form.scaleText}, or ${NOT_APPLICABLE_CHOICE} (say why in the last column); leave blank if not assessed`,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Not a level of the scale',
      error: `Choose a level from the list (${form.scaleText}), or ${NOT_APPLICABLE_CHOICE}.`,
    });
    validateRange(sheet, range('Status'), {
      type: 'list',
      allowBlank: true,
      formulae: ['StatusChoices'],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Not a status',
      error: `Choose ${form.statusChoices.join(', ')}.`,
    });
    validateRange(sheet, range('Due'), {
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1))],
      showInputMessage: true,
      promptTitle: 'Due',
      prompt: 'The date the action is due, e.g. 31/03/2027',
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Not a date',
      error: 'Type a date, e.g. 31/03/2027.',
    });
    // Said where each answer is typed, as well as on the Instructions sheet: what a public report prints.
    for (const [name, { title, prompt }] of Object.entries(COLUMN_PROMPTS)) {
      // Any value (exceljs writes no type), with a message: exceljs knows 'any' though its typings do not.
      const anyValue = { type: 'any', allowBlank: true, showInputMessage: true, promptTitle: title, prompt } as unknown as Parameters<typeof validateRange>[2];
      validateRange(sheet, range(name as keyof typeof COLUMN), anyValue);
    }
    markNotApplicable(sheet, form.rows.length);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(last, 1), column: RETURN_COLUMNS.length } };
  printA4Landscape(sheet, `${form.details.organisation} · ${form.framework.title} · ${form.details.period}`);
  await sheet.protect('', PROTECTION);
}

/**
 * What the agency sees as it works: a row marked Not applicable on a pale blue, and a reason
 * cell that disagrees with its rating (Not applicable without a reason, a reason beside a level)
 * on the red of a fault, before the return is sent. The import checks every cell regardless.
 */
function markNotApplicable(sheet: Worksheet, rows: number): void {
  const last = rows + 1;
  const col = (name: keyof typeof COLUMN) => sheet.getColumn(COLUMN[name]).letter;
  const [rating, reason] = [col('Rating'), col(REASON_HEADER)];
  const isNotApplicable = `$${rating}2="${NOT_APPLICABLE_CHOICE}"`;
  const hasReason = `LEN(TRIM($${reason}2))>0`;
  validateRange(sheet, `${reason}2:${reason}${last}`, {
    type: 'custom',
    allowBlank: true,
    formulae: [`OR(LEN($${rating}2)=0,${isNotApplicable})`],
    showInputMessage: true,
    promptTitle: REASON_HEADER,
    prompt: `Only for a criterion whose Rating is ${NOT_APPLICABLE_CHOICE}: why it does not apply to your organisation. Never printed in a public (Part 1) report.`,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'The rating is not Not applicable',
    error: `A reason goes with the rating ${NOT_APPLICABLE_CHOICE}: choose it as the rating, or leave this cell blank.`,
  });
  sheet.addConditionalFormatting({
    ref: `${reason}2:${reason}${last}`,
    rules: [{ type: 'expression', priority: 1, formulae: [`OR(AND(${isNotApplicable},NOT(${hasReason})),AND(LEN($${rating}2)>0,NOT(${isNotApplicable}),${hasReason}))`], style: { fill: FAULT_MARK } }],
  });
  sheet.addConditionalFormatting({
    ref: `A2:${reason}${last}`,
    rules: [{ type: 'expression', priority: 2, formulae: [isNotApplicable], style: { fill: NOT_APPLICABLE_MARK } }],
  });
}

async function fillLists(sheet: Worksheet, form: ReturnForm, workbook: Worksheet['workbook']): Promise<void> {
  const ratings = [...form.scale.map((level) => level.choice), NOT_APPLICABLE_CHOICE];
  ratings.forEach((choice, i) => (sheet.getCell(i + 1, 1).value = cellText(choice)));
  form.statusChoices.forEach((status, i) => (sheet.getCell(i + 1, 2).value = status));
  form.kindChoices.forEach((kind, i) => (sheet.getCell(i + 1, 3).value = cellText(kind)));
  workbook.definedNames.add(`'${LISTS_SHEET}'!$A$1:$A$${ratings.length}`, 'RatingChoices');
  workbook.definedNames.add(`'${LISTS_SHEET}'!$B$1:$B$${form.statusChoices.length}`, 'StatusChoices');
  if (form.kindChoices.length) workbook.definedNames.add(`'${LISTS_SHEET}'!$C$1:$C$${form.kindChoices.length}`, 'KindChoices');
  await sheet.protect('', {});
}

async function fillMetadata(sheet: Worksheet, form: ReturnForm): Promise<void> {
  sheet.columns = [{ width: 22 }, { width: 60 }];
  for (const [key, value] of form.metadata) sheet.addRow([key, cellText(value)]);
  sheet.addRow([]);
  sheet.addRow(['note', 'audit import reads this sheet to check the return belongs to its framework: do not edit it.']);
  await sheet.protect('', {});
}

/** A calendar date as Excel holds one: midnight UTC, which exceljs writes as the whole-day serial. */
function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
