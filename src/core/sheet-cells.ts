/**
 * A worksheet's cells as the core sees them, whatever program wrote the workbook: typed values
 * only. A formula is never evaluated and its cached result never trusted, so it is just a
 * formula; an error value (#N/A, #REF!) is kept as such, to be reported.
 */
export type CellValue =
  /** `link`: the address of a hyperlink on the cell (a web page, a document, mailto:), where it has one. */
  | { kind: 'text'; text: string; link?: string }
  /** A number, with the cell's number format (`0%`, `£#,##0.00`) where it has one. */
  | { kind: 'number'; value: number; format?: string }
  /** A number in a date format: the calendar date, YYYY-MM-DD (any time of day dropped), the number itself, and the format. */
  | { kind: 'date'; date: string; serial?: number; format?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'formula' }
  | { kind: 'error'; error: string };

/** Row number → column number → value, both 1-based; empty cells are absent. */
export type SheetCells = ReadonlyMap<number, ReadonlyMap<number, CellValue>>;

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `Return!E14`; a sheet name that is not a plain word is quoted, as Excel writes it. */
export function cellRef(sheet: string, column: number, row: number): string {
  return `${sheetRef(sheet)}!${columnLetter(column)}${row}`;
}

export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Text from a user's file made safe to print in a message: control characters (terminal escape
 * sequences among them) shown as �, and cut short.
 */
export function quoteForMessage(text: string, max = 40): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max - 1)}…` : clean);
}
