/** CSV (RFC 4180) for spreadsheets, with a guard against formula injection. */
import { stringify } from 'csv-stringify/sync';
import { visible } from '../safe-text.js';

type Cell = string | number | boolean | null;

/** Excel reads a CSV without one as the system's code page, so ’, é and ŵ come out garbled. */
const BYTE_ORDER_MARK = '\ufeff';

/** Any line break in a field: `visible` has already made NEL, U+2028 and U+2029 line feeds. */
const LINE_BREAK = /[\r\n]/;

/**
 * Rows of records with the same keys; the keys of the first row are the header. The text
 * begins with a UTF-8 byte-order mark.
 * Text starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of running it.
 */
export function toCsv(rows: Record<string, Cell>[], header?: string[]): string {
  const columns = header ?? Object.keys(rows[0] ?? {});
  return BYTE_ORDER_MARK + stringify(
    rows.map((row) => columns.map((key) => defuse(row[key] ?? ''))),
    // csv-stringify quotes a field for a line break only when it holds the record delimiter
    // itself (\r\n here), so a lone \n or \r went out bare and split the row, letting a second
    // line start a record of its own (adaltas/node-csv#467; test/render/csv.test.ts proves it).
    { header: true, columns, record_delimiter: 'windows', quoted_match: LINE_BREAK },
  );
}

/** Line endings as line feeds and control characters as signs (safe-text.ts), then the formula guard. */
function defuse(cell: Cell): Cell {
  if (typeof cell !== 'string') return cell;
  const text = visible(cell);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
