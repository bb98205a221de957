/**
 * Reading what a partnership holds as an agency's audit: a YAML audit file, or a filled return
 * workbook (.xlsx, .xlsm) read as one. exceljs is loaded only when a workbook is met, so a
 * command over YAML audits starts as fast as before.
 */
import { extname } from 'node:path';
import { readAudit, type LoadAuditOptions, type ReadAudit } from './audit-file.js';

export interface ReadAuditOrReturnOptions extends LoadAuditOptions {
  /** Where a note for the user goes (a workbook's macros were not run). */
  note?: (text: string) => void;
  /** The file as the user named it, for the note. */
  shown?: string;
}

/**
 * Files read as filled return workbooks rather than YAML audits. Here rather than with the
 * listing of folders (audit-paths.ts), which `audit check` of one file need not load.
 */
function isWorkbookPath(file: string): boolean {
  return ['.xlsx', '.xlsm'].includes(extname(file).toLowerCase());
}

export async function readAuditOrReturn(file: string, env: NodeJS.ProcessEnv, options: ReadAuditOrReturnOptions = {}): Promise<ReadAudit> {
  if (!isWorkbookPath(file)) return readAudit(file, env, options);
  const { readReturn, returnAsAudit } = await import('./return-file.js');
  const read = await readReturn(file, env, options.frameworks ? { frameworks: options.frameworks } : {});
  if (read.macros) options.note?.(`note: ${options.shown ?? file} is macro-enabled; only its cells were read, and no macro was run\n`);
  return returnAsAudit(read);
}
