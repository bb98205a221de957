/** CSV (RFC 4180) for spreadsheets, with a guard against formula injection. */
import { stringify } from 'csv-stringify/sync';

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

function defuse(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
