/** CSV (RFC 4180) for spreadsheets, with a guard against formula injection. */
import { stringify } from 'csv-stringify/sync';
import { visible } from '../safe-text.js';

type Cell = string | number | boolean | null;

/**
 * Rows of records with the same keys; the keys of the first row are the header.
 * Text starting with = + - @ is prefixed with ' so a spreadsheet shows it instead of running it.
 */
export function toCsv(rows: Record<string, Cell>[], header?: string[]): string {
  const columns = header ?? Object.keys(rows[0] ?? {});
  return stringify(
    rows.map((row) => columns.map((key) => defuse(row[key] ?? ''))),
    { header: true, columns, record_delimiter: 'windows' },
  );
}

/** Line endings as line feeds and control characters as signs (safe-text.ts), then the formula guard. */
function defuse(cell: Cell): Cell {
  if (typeof cell !== 'string') return cell;
  const text = visible(cell);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
