/**
 * Returned files that `audit aggregate --skip-unreadable` left out, as the partnership's outputs
 * (the report, the workbook) describe them. Such a file could not be read, so nothing is known of
 * it but its name: which organisation sent it is unknown, and every output speaks of it as a
 * file, never as an agency. What kind of file it is, is told by its name's ending (a file that
 * could be read whatever its name is never left out).
 */

/** What a file left out is, by its name: each a way a partner agency commonly saves a return. */
export const UNREADABLE_FILE_KINDS = ['xls', 'xlsb', 'ods', 'numbers', 'csv', 'workbook', 'audit'] as const;
export type UnreadableFileKind = (typeof UNREADABLE_FILE_KINDS)[number];

export interface UnreadableFile {
  /** Its name as the partnership saved it (no folder). */
  file: string;
  kind: UnreadableFileKind;
}

/** The returned files left out of a partnership's outputs, this period's and last period's (with --previous). */
export interface LeftOutFiles {
  current: readonly UnreadableFile[];
  previous: readonly UnreadableFile[];
}

export const NOTHING_LEFT_OUT: LeftOutFiles = { current: [], previous: [] };

const BY_ENDING: Readonly<Record<string, UnreadableFileKind>> = {
  xls: 'xls',
  xlt: 'xls',
  xlsb: 'xlsb',
  ods: 'ods',
  fods: 'ods',
  ots: 'ods',
  numbers: 'numbers',
  csv: 'csv',
  tsv: 'csv',
  xlsx: 'workbook',
  xlsm: 'workbook',
  xltx: 'workbook',
  xltm: 'workbook',
};

/** The kind of a file by its name's ending: a spreadsheet format, or else an audit file (.yaml). */
export function unreadableFileKind(name: string): UnreadableFileKind {
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_ENDING[name.slice(dot + 1).toLowerCase()]) || 'audit';
}

/** A file's name without its folders, whichever separator the system wrote. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
