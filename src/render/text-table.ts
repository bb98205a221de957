/**
 * Aligned columns for terminal output, measured by display width (so accented and wide
 * characters and colour codes do not break alignment).
 */
// fast-string-width, not string-width: string-width makes an Intl.Segmenter as it loads, which
// costs a tenth of a bare node start on every table printed (ARCHITECTURE.md, start-up).
import stringWidth from 'fast-string-width';

/**
 * Characters one column wide each, with no combining marks among them: printable ASCII and
 * Latin-1, the Latin, Greek and Cyrillic letters (Welsh ŵ and é in Climbié), dashes, quotes and
 * bullets, arrows, and the box and block characters of the bars.
 */
const NARROW = /^[\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u21ff\u2500-\u259f]*$/;

/** Display width; text of narrow characters only (most cells) is measured without a walk through it. */
function width(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** The one column that shrinks (truncated with …) when the table is wider than the terminal. */
  flexible?: boolean;
}

/**
 * `notes[i]`, when given, is printed on its own line (or lines) under row i, indented to the
 * second column (e.g. the action under a gap).
 */
export function formatTable(columns: Column[], rows: string[][], maxWidth?: number, notes?: (string | undefined)[]): string {
  const gap = 2;
  const widths = columns.map((column, i) => rows.reduce((max, row) => Math.max(max, width(row[i] ?? '')), width(column.header)));
  const flexible = columns.findIndex((column) => column.flexible);
  if (maxWidth !== undefined && flexible >= 0) {
    const total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
    if (total > maxWidth) widths[flexible] = Math.max(12, widths[flexible]! - (total - maxWidth));
  }
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const room = widths[i]!;
        const fitted = width(cell) > room ? truncate(cell, room) : cell;
        const pad = ' '.repeat(Math.max(0, room - width(fitted)));
        return columns[i]!.align === 'right' ? pad + fitted : i === cells.length - 1 ? fitted : fitted + pad;
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const noteIndent = ' '.repeat((widths[0] ?? 0) + gap);
  const body = rows.flatMap((row, i) => {
    const note = notes?.[i];
    if (note === undefined) return [line(row)];
    const room = maxWidth === undefined ? undefined : maxWidth - noteIndent.length;
    // A note of several lines (action, then moderation) keeps each line under the row.
    const noteLines = note.split('\n').map((text) => noteIndent + (room !== undefined && width(text) > room ? truncate(text, room) : text));
    return [line(row), ...noteLines];
  });
  return [line(columns.map((column) => column.header)), ...body].join('\n');
}

/** Cuts plain text to `width` display columns, ending in an ellipsis. */
export function truncate(text: string, room: number): string {
  if (width(text) <= room) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = width(char);
    if (used + w > room - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** A horizontal bar of `width` cells filled in proportion to `fraction` (0–1). */
export function bar(fraction: number, width = 10): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
