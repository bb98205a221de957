/**
 * Workbooks in tests: read with SheetJS, a second reader independent of the exceljs that writes
 * them, so a file only its own writer understands fails; and filled in as an agency would, by
 * opening the workbook in another program (exceljs), typing into cells and saving it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';

export interface SheetView {
  names: string[];
  /** Sheet name → 0 visible, 1 hidden, 2 very hidden. */
  hidden: Record<string, number>;
  /** Rows of cell values (SheetJS's reading; dates as Date), including the header. */
  rows(sheet: string): unknown[][];
  cell(sheet: string, address: string): XLSX.CellObject | undefined;
  workbook: XLSX.WorkBook;
}

export function readWithSheetJS(file: string): SheetView {
  const workbook = XLSX.read(readFileSync(file), { cellDates: true, cellStyles: true });
  const hidden = Object.fromEntries((workbook.Workbook?.Sheets ?? []).map((s, i) => [workbook.SheetNames[i]!, s.Hidden ?? 0]));
  return {
    names: workbook.SheetNames,
    hidden,
    rows: (sheet) => XLSX.utils.sheet_to_json(workbook.Sheets[sheet]!, { header: 1, blankrows: false, defval: null }),
    cell: (sheet, address) => workbook.Sheets[sheet]?.[address] as XLSX.CellObject | undefined,
    workbook,
  };
}

/** A value typed into a cell: text, a number, a date, or a formula (with the result Excel cached). */
export type Typed = string | number | Date | boolean | null | { formula: string; result?: unknown } | { error: string };

export interface Fill {
  /** `Return!E14` → what is typed there. */
  cells?: Record<string, Typed>;
  /** Rows of the Return sheet deleted (as Excel's Delete Row does: the rows below move up). */
  deleteRows?: number[];
  /** A row of the Return sheet copied to the end, as a duplicate. */
  duplicateRow?: number;
  renameSheet?: [from: string, to: string];
}

/** Opens the workbook in exceljs, makes the changes an agency might, and saves it. */
export async function fillWorkbook(file: string, fill: Fill, out = file): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  for (const [ref, value] of Object.entries(fill.cells ?? {})) {
    const [sheet, address] = ref.split('!') as [string, string];
    const cell = workbook.getWorksheet(sheet)!.getCell(address);
    cell.value = value as ExcelJS.CellValue;
    if (value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
  }
  const ret = workbook.getWorksheet('Return')!;
  if (fill.duplicateRow !== undefined) {
    const values = ret.getRow(fill.duplicateRow).values as ExcelJS.CellValue[];
    ret.addRow(values.slice(1));
  }
  for (const row of [...(fill.deleteRows ?? [])].sort((a, b) => b - a)) ret.spliceRows(row, 1);
  if (fill.renameSheet) workbook.getWorksheet(fill.renameSheet[0])!.name = fill.renameSheet[1];
  writeFileSync(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** Saves the workbook again through SheetJS, as another program would (styles and validations lost). */
export function resaveWithSheetJS(file: string, out = file, edit?: (workbook: XLSX.WorkBook) => void): void {
  const workbook = XLSX.read(readFileSync(file), { cellDates: true });
  edit?.(workbook);
  writeFileSync(out, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
