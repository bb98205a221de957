/**
 * What every workbook audit writes shares: exceljs loaded only when a workbook is wanted, text
 * made safe for it, the house style (header row, RAG fills that read with black text, wrapped
 * cells), A4 landscape printing with the header row repeated, and the bytes.
 */
import type { DataValidation, Fill, Style, Workbook, Worksheet } from 'exceljs';
import type { Rag } from '../../core/gap-analysis.js';
import { writeZip, ZipArchive } from '../../io/zip-archive.js';
import { documentText } from '../safe-text.js';

export type { Style, Workbook, Worksheet };

export async function newWorkbook(options: { title: string; created: Date; creator: string }): Promise<Workbook> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook.js');
  const workbook = new Workbook();
  workbook.creator = documentText(options.creator);
  workbook.title = documentText(options.title);
  workbook.created = options.created;
  workbook.modified = options.created;
  return workbook;
}

/**
 * The workbook's bytes. exceljs compresses with a JavaScript deflate (pako), a third of the time
 * of a 1,000-row export; it stores the parts instead, and node's zlib compresses them.
 */
export async function workbookBytes(workbook: Workbook): Promise<Uint8Array> {
  const stored = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as object));
  const archive = ZipArchive.open(stored, { entries: 10_000, partBytes: 2 ** 31, totalBytes: 2 ** 32 });
  return new Uint8Array(writeZip(new Map(archive.names().map((name) => [name, archive.read(name)!])), { deflate: true }));
}

/** The most characters an Excel cell holds: longer text makes Excel offer to "repair" the file. */
const MAX_CELL_CHARACTERS = 32_767;

/**
 * Text as a cell must hold it. Control characters are removed and line breaks made line feeds,
 * as on a PDF page (src/render/safe-text.ts): a bidirectional override or a C1 control would
 * reorder or hide what a reader sees. OOXML escapes characters as `_xHHHH_`, so text that
 * contains such a sequence literally must escape its underscore (`_x005F_`); exceljs does not,
 * and its own reader (and Excel's) would turn `_x0041_` into `A`. Text longer than a cell holds
 * is cut, saying how much more the audit file has, as a PDF's cell does: a gap analysis or plan
 * is read, not read back (a return refuses such text before it is written).
 */
export function cellText(text: string): string {
  const escaped = documentText(text).replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (escaped.length <= MAX_CELL_CHARACTERS) return escaped;
  const more = (n: number) => `… [${n.toLocaleString('en-GB')} more characters in the audit file]`;
  let kept = escaped.slice(0, MAX_CELL_CHARACTERS - more(escaped.length).length).replace(/[\ud800-\udbff]$/, '');
  // An escape cut in half would read as other text.
  kept = kept.replace(/_x[0-9A-Fa-f]{0,4}$/, '');
  return kept + more(escaped.length - kept.length);
}

const fill = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** Light fills, so black text on them keeps a contrast above 7:1; the word is always there too. */
export const RAG_FILLS: Record<Rag, Fill> = {
  red: fill('FFF4B6B6'),
  amber: fill('FFFFE0A3'),
  green: fill('FFC6E9C0'),
  unrated: fill('FFE7E6E6'),
};
export const RAG_WORDS: Record<Rag, string> = { red: 'RED', amber: 'AMBER', green: 'GREEN', unrated: 'Not rated' };
/** Where nothing applies: pale blue, set apart from the grey of "not rated". */
const NOT_APPLICABLE_COLOUR = 'FFDDEBF7';
const NOT_APPLICABLE_FILL = fill(NOT_APPLICABLE_COLOUR);
/** Fills of conditional formats, which Excel takes from the background colour. */
const conditionalFill = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', bgColor: { argb } });
/** A row of a return marked Not applicable. */
export const NOT_APPLICABLE_MARK = conditionalFill(NOT_APPLICABLE_COLOUR);
/** A cell of a return the agency must mend: the light red of a red RAG. */
export const FAULT_MARK = conditionalFill('FFF4B6B6');

export const HEADER_STYLE: Partial<Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: fill('FF1F3864'),
  alignment: { vertical: 'top', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF000000' } } },
};
export const LOCKED_FILL = fill('FFF2F2F2');
/** Where the agency types: the usual pale yellow of an input cell. */
export const ANSWER_FILL = fill('FFFFF8DC');
export const WRAP_TOP = { vertical: 'top', wrapText: true } as const;

/** The header row in the house style, frozen, repeated on every printed page. */
export function headerRow(sheet: Worksheet, headers: readonly string[], widths: readonly number[], freezeColumns = 0): void {
  sheet.columns = headers.map((header, i) => ({ header: cellText(header), key: String(i), width: widths[i] ?? 14 }));
  sheet.getRow(1).eachCell((cell) => (cell.style = { ...HEADER_STYLE }));
  sheet.getRow(1).height = wrappedRowHeight(headers, widths);
  sheet.views = [{ state: 'frozen', xSplit: freezeColumns, ySplit: 1, activeCell: 'A2' }];
  sheet.pageSetup.printTitlesRow = '1:1';
}

/** A4 landscape, every column on one page's width, as many pages down as needed. */
export function printA4Landscape(sheet: Worksheet, header: string): void {
  Object.assign(sheet.pageSetup, {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  // & starts a code in a page header: a literal ampersand is written &&.
  sheet.headerFooter.oddHeader = `&L${documentText(header).replace(/\n/g, ' ').replace(/&/g, '&&')}`;
  sheet.headerFooter.oddFooter = '&LPrinted &D&RPage &P of &N';
}

/**
 * One validation for a whole range, written as one rule. exceljs has this (`dataValidations.add`)
 * but leaves it out of its types; setting it cell by cell would write a rule per cell.
 */
export function validateRange(sheet: Worksheet, range: string, validation: DataValidation): void {
  (sheet as unknown as { dataValidations: { add(address: string, v: DataValidation): void } }).dataValidations.add(range, validation);
}

/** Excel's largest row height, in points. */
const MAX_ROW_HEIGHT = 409;

/**
 * A row height that shows every line of wrapped text, estimated from text length and column
 * widths. Excel and LibreOffice do not always size rows of wrapped text themselves when they
 * open a file (LibreOffice's print then overlaps the lines), so the height is written.
 */
export function wrappedRowHeight(texts: readonly (string | null | undefined)[], widths: readonly number[], lineHeight = 15): number {
  let lines = 1;
  texts.forEach((text, i) => {
    if (!text) return;
    // A column of width w holds about w characters of the default font; wrapping at word ends loses some.
    const perLine = Math.max(1, Math.floor((widths[i] ?? 10) * 1.2) - 1);
    const n = text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(MAX_ROW_HEIGHT, lines * lineHeight + 3);
}

/**
 * A mean on its RAG colour, the RAG also in words through the number format (`3.50 Amber`): the
 * cell stays a number, to sort and filter by.
 */
export function meanCell(cell: { value: unknown; fill: Fill; numFmt: string }, mean: number | null, rag: Rag): void {
  cell.value = mean;
  cell.fill = RAG_FILLS[rag];
  cell.numFmt = `0.00" ${RAG_WORDS[rag]}"`;
  if (mean === null) cell.value = RAG_WORDS[rag];
}

/** A RAG cell: the word, on its colour. */
export function ragCell(cell: { value: unknown; fill: Fill }, rag: Rag): void {
  cell.value = RAG_WORDS[rag];
  cell.fill = RAG_FILLS[rag];
}

/** N/A on its own colour: nothing there applies, which is neither a RAG nor "not rated". */
export function notApplicableCell(cell: { value: unknown; fill: Fill }): void {
  cell.value = 'N/A';
  cell.fill = NOT_APPLICABLE_FILL;
}

/** Rows of values under a header row, wrapped and top-aligned; text made safe for the cell. */
export function addRows(sheet: Worksheet, rows: readonly (readonly (string | number | Date | null)[])[]): void {
  for (const values of rows) {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? cellText(v) : v)));
    row.alignment = WRAP_TOP;
  }
}

/** A calendar date (YYYY-MM-DD) as the date cell Excel sorts and filters by. */
export function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/** Filters on the header row over every row written. */
export function filterAll(sheet: Worksheet, columns: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: columns } };
}
