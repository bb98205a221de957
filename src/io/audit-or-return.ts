/**
 * Reading what a partnership holds as an agency's audit: a YAML audit file, or a filled return
 * workbook (.xlsx, .xlsm; any other spreadsheet is refused as import refuses it) read as one.
 * exceljs is loaded only when a workbook is met, so a command over YAML audits starts as fast
 * as before.
 */
import { extname } from 'node:path';
import { readAudit, type LoadAuditOptions, type ReadAudit } from './audit-file.js';

export interface ReadAuditOrReturnOptions extends LoadAuditOptions {
  /** Where a note for the user goes (a workbook's macros were not run; what of it was not read). */
  note?: (text: string) => void;
  /** The file as the user named it, for the note. */
  shown?: string;
}

/**
 * Files a partner agency may return a spreadsheet as. Each is read as a return workbook rather
 * than as YAML, so that one saved in another format (.xls, .ods, .csv …) is refused with the
 * message `audit import` gives it (say how to save it as .xlsx), and one merely misnamed is read.
 */
const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.xltx', '.xltm', '.xls', '.xlsb', '.xlt', '.ods', '.fods', '.ots', '.numbers', '.csv', '.tsv'];

/**
 * Whether a file is read as a return workbook. Here rather than with the listing of folders
 * (audit-paths.ts), which `audit check` of one file need not load.
 */
export function isSpreadsheetPath(file: string): boolean {
  return SPREADSHEET_EXTENSIONS.includes(extname(file).toLowerCase());
}

export async function readAuditOrReturn(file: string, env: NodeJS.ProcessEnv, options: ReadAuditOrReturnOptions = {}): Promise<ReadAudit> {
  if (!isSpreadsheetPath(file)) return readAudit(file, env, options);
  const { readReturn, returnAsAudit } = await import('./return-file.js');
  const read = await readReturn(file, env, options.frameworks ? { frameworks: options.frameworks } : {});
  if (read.macros) options.note?.(`note: ${options.shown ?? file} is macro-enabled; only its cells were read, and no macro was run\n`);
  // What the agency wrote that is not read (a column, a comment, a sheet of its own), as import names it.
  for (const text of read.notes) options.note?.(`note: ${options.shown ?? file}: ${text}\n`);
  return returnAsAudit(read);
}
