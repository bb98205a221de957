/**
 * Aligned columns for terminal output, measured by display width (so accented and wide
 * characters and colour codes do not break alignment), fitted to the terminal's width.
 *
 * When a table is wider than the terminal, the columns that hold prose (`wrap`: a statement,
 * an action, an owner, a title) wrap at word boundaries onto further lines of the row; the
 * others (ids, ratings, dates, figures, names that identify a row) keep their width and are
 * never cut. When even that cannot fit, each row is shown as a block of "Column: value" lines.
 * Nothing is truncated: what a row says is all there.
 */
import { oneLine } from './safe-text.js';
import { breakWord, displayWidth, wrapWords } from './text-wrap.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Prose that may wrap onto several lines of its row when the table is too wide. */
  wrap?: boolean;
  /** The same as `wrap` (the name the tables used when such a column was truncated instead). */
  flexible?: boolean;
}

const GAP = 2;
/** A wrapping column narrower than this is no longer readable: show the rows as blocks instead. */
const MIN_WRAP_WIDTH = 8;
/** A wrapping column is kept at least as wide as its longest word, up to this. */
const WORD_WIDTH_KEPT = 12;

/**
 * A cell's text and the colour codes around it, so that each wrapped line is coloured alike,
 * and the text's display width, measured once: the widths of the columns, whether to wrap and
 * the padding all need it.
 */
interface Cell {
  open: string;
  text: string;
  close: string;
  width: number;
}

const STYLED = /^((?:\x1b\[[0-9;]*m)+)([^\x1b]*)((?:\x1b\[[0-9;]*m)+)$/;

function parseCell(raw: string): Cell {
  const match = raw.includes('\x1b') ? STYLED.exec(raw) : null;
  if (match) return cellOf(match[1]!, oneLine(match[2]!), match[3]!);
  return cellOf('', raw.includes('\x1b') ? raw : oneLine(raw), '');
}

const cellOf = (open: string, text: string, close: string): Cell => ({ open, text, close, width: displayWidth(text) });

const styled = (cell: Cell, text: string) => (text ? cell.open + text + cell.close : '');

function longestWord(text: string): number {
  let longest = 0;
  for (const word of text.split(/ +/)) longest = Math.max(longest, displayWidth(word));
  return longest;
}

/**
 * `notes[i]`, when given, is printed on its own line (or lines) under row i, indented to the
 * second column (e.g. the action under a gap), wrapped at words to the width.
 */
export function formatTable(columns: Column[], rows: string[][], maxWidth?: number, notes?: (string | undefined)[]): string {
  const cells = rows.map((row) => columns.map((_, i) => parseCell(row[i] ?? '')));
  const headers = columns.map((column) => parseCell(column.header));
  const natural = columns.map((_, i) => cells.reduce((max, row) => Math.max(max, row[i]!.width), headers[i]!.width));
  const widths = maxWidth === undefined ? natural : fitWidths(columns, cells, headers, natural, maxWidth);
  if (widths === undefined) return formatBlocks(columns, cells, headers, maxWidth!, notes);
  const table = formatColumns(columns, cells, headers, widths, maxWidth, notes);
  if (widths === natural) return table;
  // Squeezed: a column of prose a few words wide makes rows tall, and blocks read better; a
  // table a little taller than the blocks is still the easier to scan.
  const blocks = formatBlocks(columns, cells, headers, maxWidth!, notes);
  return lineCount(table) <= lineCount(blocks) * 1.25 ? table : blocks;
}

const lineCount = (text: string) => text.split('\n').length;

function formatColumns(columns: Column[], cells: Cell[][], headers: Cell[], widths: number[], maxWidth: number | undefined, notes?: (string | undefined)[]): string {
  const wraps = (i: number) => Boolean(columns[i]!.wrap || columns[i]!.flexible);
  const renderRow = (row: Cell[]) => {
    const parts = row.map((cell, i) => (wraps(i) && cell.width > widths[i]! ? wrapWords(cell.text, widths[i]!) : [cell.text]));
    const height = Math.max(...parts.map((p) => p.length));
    const out: string[] = [];
    for (let line = 0; line < height; line++) {
      const text = row
        .map((cell, i) => {
          const piece = parts[i]![line] ?? '';
          const pad = ' '.repeat(Math.max(0, widths[i]! - (piece === cell.text ? cell.width : displayWidth(piece))));
          const shown = styled(cell, piece);
          return columns[i]!.align === 'right' ? pad + shown : i === row.length - 1 ? shown : shown + pad;
        })
        .join(' '.repeat(GAP))
        .trimEnd();
      out.push(text);
    }
    return out;
  };

  const noteIndent = ' '.repeat((widths[0] ?? 0) + GAP);
  const body = cells.flatMap((row, i) => {
    const note = notes?.[i];
    const lines = renderRow(row);
    if (note === undefined) return lines;
    // A note of several lines (action, then moderation) keeps each line under the row.
    for (const text of note.split('\n')) {
      if (maxWidth === undefined) lines.push(noteIndent + oneLine(text));
      else lines.push(...wrapWords(oneLine(text), maxWidth, { first: noteIndent, indent: `${noteIndent}  ` }));
    }
    return lines;
  });
  return [...renderRow(headers), ...body].join('\n');
}

/**
 * Column widths that fit `maxWidth`: fixed columns at their natural width, wrapping columns
 * sharing what is left in proportion to how much they hold. Undefined when the wrapping
 * columns would be left too narrow to read.
 */
function fitWidths(columns: Column[], cells: Cell[][], headers: Cell[], natural: number[], maxWidth: number): number[] | undefined {
  const total = natural.reduce((a, b) => a + b, 0) + GAP * (columns.length - 1);
  if (total <= maxWidth) return natural;
  const wrapping = columns.map((column, i) => (column.wrap || column.flexible ? i : -1)).filter((i) => i >= 0);
  if (!wrapping.length) return undefined;
  const fixed = natural.reduce((sum, w, i) => (wrapping.includes(i) ? sum : sum + w), 0);
  let room = maxWidth - fixed - GAP * (columns.length - 1);
  const minimum = wrapping.map((i) =>
    Math.min(
      natural[i]!,
      Math.max(MIN_WRAP_WIDTH, longestWord(headers[i]!.text), Math.min(WORD_WIDTH_KEPT, cells.reduce((max, row) => Math.max(max, longestWord(row[i]!.text)), 0))),
    ),
  );
  if (minimum.reduce((a, b) => a + b, 0) > room) return undefined;
  // Fair shares, narrowest want first: a short column (a status, an owner) keeps its whole
  // width where it can, and the longest prose takes what is left.
  const widths = [...natural];
  const byWant = wrapping.map((i, k) => ({ i, min: minimum[k]! })).sort((a, b) => natural[a.i]! - natural[b.i]!);
  let minimaLeft = minimum.reduce((a, b) => a + b, 0);
  byWant.forEach(({ i, min }, n) => {
    minimaLeft -= min;
    const share = Math.floor(room / (byWant.length - n));
    widths[i] = Math.min(Math.max(min, Math.min(natural[i]!, share)), room - minimaLeft);
    room -= widths[i]!;
  });
  return widths;
}

/** Each row as a block: its fixed columns on one line, then each wrapping column as "Header: value". */
function formatBlocks(columns: Column[], cells: Cell[][], headers: Cell[], maxWidth: number, notes?: (string | undefined)[]): string {
  const wraps = (i: number) => Boolean(columns[i]!.wrap || columns[i]!.flexible);
  const blocks = cells.map((row, r) => {
    const lines: string[] = [];
    // The first column names the row, so it leads the block, also where it wraps (an agency's
    // name before its figures); other figures say what they are.
    const name = row[0]!;
    const named = wraps(0) && Boolean(name.text);
    if (named) {
      lines.push(...wrapWords(name.text, maxWidth, { indent: '  ' }).map((line, k) => (k === 0 ? styled(name, line) : `  ${styled(name, line.slice(2))}`)));
    }
    const head = row
      .map((cell, i) => (wraps(i) || !cell.text ? '' : i === 0 ? styled(cell, cell.text) : `${headers[i]!.text} ${styled(cell, cell.text)}`))
      .filter(Boolean)
      .join(' · ');
    if (head) lines.push(...wrapWords(head, maxWidth, named ? { first: '  ', indent: '    ' } : { indent: '  ' }));
    row.forEach((cell, i) => {
      if (i === 0 || !wraps(i) || !cell.text) return;
      const label = `${headers[i]!.text}: `;
      const wrapped = wrapWords(cell.text, maxWidth, { first: `  ${label}`, indent: '    ' });
      // Colour each line's text, not the label.
      lines.push(...wrapped.map((line, k) => (k === 0 ? `  ${label}${styled(cell, line.slice(2 + label.length))}` : `    ${styled(cell, line.slice(4))}`)));
    });
    for (const text of notes?.[r]?.split('\n') ?? []) lines.push(...wrapWords(oneLine(text), maxWidth, { first: '  ', indent: '    ' }));
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}

/** Cuts plain text to `width` display columns, ending in an ellipsis. */
export function truncate(text: string, room: number): string {
  if (displayWidth(text) <= room) return text;
  const [head = ''] = breakWord(text, Math.max(1, room - 1), room);
  return `${head}…`;
}

/** A horizontal bar of `width` cells filled in proportion to `fraction` (0–1). */
export function bar(fraction: number, width = 10): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
