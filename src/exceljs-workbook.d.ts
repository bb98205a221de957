// exceljs's Workbook class on its own (src/render/xlsx/workbook.ts, src/io/xlsx-reader.ts): the
// package's main module also loads its streaming reader and writer, which audit never uses and
// which cost more to load than the rest of it. The types are the package's own.
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';

  const WorkbookClass: new () => Workbook;
  export default WorkbookClass;
}
