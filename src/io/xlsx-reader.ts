/**
 * Reading the cells of an .xlsx workbook a user handed us, within bounds of time and memory.
 *
 * The file is checked before any library sees it: a regular file of sane size, a ZIP (not an
 * encrypted or old-format OLE file, an OpenDocument or a binary .xlsb), whose parts inflate to
 * what they declare (src/io/zip-archive.ts). Only the parts needed are unpacked: the workbook,
 * its relationships, shared strings, styles and the sheets asked for (with their relationships,
 * for comments and the addresses of hyperlinks, which exceljs is not given); macros (an .xlsm's
 * vbaProject.bin), images and external links are never touched. No XML part may carry a DTD, so
 * no entity is ever expanded or fetched.
 *
 * exceljs 4.4.0 then reads the cells, from a rebuilt archive holding only those parts, each
 * sheet cut down to its cell data. That is because exceljs expands every range it meets into one
 * entry per cell: a 10 KB workbook with `<mergeCell ref="K1:XFD1048576"/>` exhausts its heap, and
 * a data validation on a whole column (as LibreOffice writes one) costs it a second and 200 MB.
 * It also misses `date1904="true"`, so the date system is read here.
 */
import { columnLetter, sheetRef, type CellValue, type SheetCells } from '../core/sheet-cells.js';
import { InputError, InputErrors } from '../errors.js';
import { writeZip, ZipArchive, ZipFault, type ZipLimits } from './zip-archive.js';
import { readUserBytes } from './read-user-file.js';

/** A return with images pasted in may be large; none approaches this. */
export const MAX_WORKBOOK_BYTES = 32 * 1024 * 1024;
const ZIP_LIMITS: ZipLimits = { entries: 2000, partBytes: 48 * 1024 * 1024, totalBytes: 96 * 1024 * 1024 };
/** A 1,000-criterion return has 1,001 rows and 10,010 cells. */
const MAX_ROWS = 20_000;
const MAX_CELLS = 250_000;
const MAX_SHARED_STRINGS = 250_000;
/** More hyperlinks than any return could hold cells are not looked at. */
const MAX_HYPERLINKS = 20_000;

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  name: string;
  state: SheetState;
  /** The part holding it, or undefined for a chart sheet or a dangling reference. */
  part: string | undefined;
}

export interface WorkbookFile {
  file: string;
  sheets: SheetInfo[];
  /** Holds a VBA project (an .xlsm): read as data, never run. */
  macros: boolean;
  /** The cells of the named sheets (which must be among `sheets`), by name. */
  loadSheets(names: readonly string[]): Promise<Map<string, SheetCells>>;
  /** The cells of a sheet that carry a comment (a note, or a threaded comment), each with its text. */
  comments(name: string): CellComment[];
}

export interface CellComment {
  /** `F3`. */
  ref: string;
  text: string;
}


const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
/** Excel's notes (comments), and the threaded comments of Excel 365. */
const COMMENT_TYPES = new Set([`${REL_TYPE}comments`, 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment']);

export async function openWorkbook(file: string): Promise<WorkbookFile> {
  const bytes = await readWorkbookBytes(file);
  const fault = (message: string) => new InputError(message, { file });
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    // Excel's "Encrypt with Password" wraps the workbook in an OLE file, as the old .xls format is.
    throw fault(
      bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))
        ? 'the workbook is encrypted with a password: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it, then import that'
        : 'is an Excel 97-2003 workbook (.xls): open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then import that',
    );
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw fault(
      looksLikeDelimitedText(file, bytes)
        ? "is a CSV (text) file, not an Excel workbook: a CSV holds one sheet's cells and cannot carry the return's details (its Metadata and Instructions sheets), so it cannot be imported: open the workbook the return was sent as in Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and import (or send) that"
        : 'is not an Excel workbook (.xlsx)',
    );
  }

  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(bytes, ZIP_LIMITS);
  } catch (err) {
    if (err instanceof ZipFault) throw fault(`cannot be read as a workbook: ${err.message}`);
    throw err;
  }
  const part = (name: string): string | undefined => {
    try {
      const data = zip.read(name);
      return data === undefined ? undefined : xmlText(data, name);
    } catch (err) {
      if (err instanceof ZipFault) throw fault(`cannot be read as a workbook: ${err.message}`);
      if (err instanceof PartFault) throw fault(err.message);
      throw err;
    }
  };

  const mimetype = zip.read('mimetype');
  if (mimetype?.toString('latin1').startsWith('application/vnd.oasis.opendocument')) {
    throw fault('is an OpenDocument spreadsheet (.ods): save it as an Excel Workbook (.xlsx) and import that');
  }
  if (zip.has('xl/workbook.bin')) throw fault('is an Excel Binary Workbook (.xlsb): save it as an Excel Workbook (.xlsx) and import that');
  const workbookXml = part('xl/workbook.xml');
  if (workbookXml === undefined) throw fault('is not an Excel workbook (.xlsx): it has no xl/workbook.xml');
  if (workbookXml.includes('http://purl.oclc.org/ooxml/')) {
    throw fault('is saved as "Strict Open XML", which audit cannot read: save it as an Excel Workbook (.xlsx) and import that');
  }

  const rels = relationships(part('xl/_rels/workbook.xml.rels') ?? '');
  const sheets = sheetList(workbookXml, rels);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const macros = zip.has('xl/vbaProject.bin') || zip.names().some((n) => /vbaProject\.bin$/i.test(n));
  /** A sheet part's folder and its relationships (its comments, its hyperlinks' targets). */
  const sheetRelationships = (sheetPart: string) => {
    const folder = sheetPart.slice(0, sheetPart.lastIndexOf('/') + 1);
    return { folder, rels: relationships(part(`${folder}_rels/${sheetPart.slice(folder.length)}.rels`) ?? '', true) };
  };
  const partFor = (type: string, fallback: string) => {
    const target = [...rels.values()].find((r) => r.type === REL_TYPE + type)?.target;
    return target ? resolvePart(target) : fallback;
  };

  return {
    file,
    sheets,
    macros,
    comments: (name) => {
      const sheet = sheets.find((s) => s.name === name);
      if (sheet?.part === undefined) return [];
      const { folder, rels } = sheetRelationships(sheet.part);
      const found = new Map<string, string>();
      for (const rel of rels.values()) {
        if (!COMMENT_TYPES.has(rel.type)) continue;
        const xml = part(resolveFrom(folder, rel.target)) ?? '';
        for (const m of xml.matchAll(/<(?:\w+:)?(?:comment|threadedComment)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?(?:comment|threadedComment)>)/g)) {
          const ref = attributes(m[1]!).ref;
          const text = [...(m[2] ?? '').matchAll(/<(?:\w+:)?t\b[^>]*>([^<]*)</g)].map((t) => unescapeXml(t[1]!)).join('');
          if (ref && !found.has(ref)) found.set(ref, text);
        }
      }
      return [...found].map(([ref, text]) => ({ ref, text }));
    },
    loadSheets: async (names) => {
      const chosen = names.map((name) => sheets.find((s) => s.name === name)!);
      const parts = new Map<string, Buffer>();
      parts.set('xl/workbook.xml', Buffer.from(minimalWorkbook(chosen, date1904)));
      parts.set('xl/_rels/workbook.xml.rels', Buffer.from(minimalRelationships(chosen)));
      const shared = part(partFor('sharedStrings', 'xl/sharedStrings.xml'));
      if (shared !== undefined) {
        if (count(shared, /<(?:\w+:)?si[\s>/]/g) > MAX_SHARED_STRINGS) throw fault('holds more text than any return could (over 250,000 pieces)');
        parts.set('xl/sharedStrings.xml', Buffer.from(withUpperCaseEscapes(shared)));
      }
      const styles = part(partFor('styles', 'xl/styles.xml'));
      if (styles !== undefined) parts.set('xl/styles.xml', Buffer.from(styles));
      const sharedTexts = shared === undefined ? [] : sharedTextStarts(shared);
      /** Each sheet's cells that hold something, by the XML: exceljs must give every one back. */
      const written = new Map<string, string[]>();
      const links = new Map<string, HyperlinkRange[]>();
      chosen.forEach((sheet, i) => {
        const xml = sheet.part === undefined ? undefined : part(sheet.part);
        if (xml === undefined) throw fault(`its sheet "${sheet.name}" cannot be read (it is a chart sheet, or missing from the file)`);
        links.set(sheet.name, hyperlinks(xml, sheetRelationships(sheet.part!).rels));
        const data = plainCells(cellDataOnly(xml, sheet.name, fault), date1904);
        refuseBrokenCells(data, sheet, sharedTexts.length, file);
        parts.set(`xl/worksheets/sheet${i + 1}.xml`, Buffer.from(data));
        written.set(sheet.name, cellsWithContent(data));
      });
      // Text the sheets read that XML forbids: named where a person can find it, the cell using it.
      const bad = shared === undefined ? -1 : shared.search(XML_FORBIDDEN);
      if (bad >= 0) {
        const index = sharedTexts.filter((start) => start <= bad).length - 1;
        throw brokenPart(shared!, bad, `its part ${partFor('sharedStrings', 'xl/sharedStrings.xml')} (text number ${index}${usedIn(parts, chosen, index)})`, file);
      }
      const cells = await readCells(writeZip(parts, { deflate: false }), chosen, fault, date1904);
      refuseUnreadCells(cells, written, file);
      for (const [name, ranges] of links) attachLinks(cells.values.get(name), ranges);
      return cells.values;
    },
  };
}

/** A CSV or tab-separated file, by its name or its first line (text with two or more commas, semicolons or tabs). */
function looksLikeDelimitedText(file: string, bytes: Buffer): boolean {
  if (/\.(csv|tsv|tab)$/i.test(file)) return true;
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  const firstLine = head.toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0]!;
  return !firstLine.trimStart().startsWith('<') && [',', ';', '\t'].some((sep) => firstLine.split(sep).length > 2);
}

/** The workbook's bytes, read as every user's file is (src/io/read-user-file.ts): a regular file only, within the limit. */
async function readWorkbookBytes(file: string): Promise<Buffer> {
  const bytes = await readUserBytes(file, 'workbook', { maxBytes: MAX_WORKBOOK_BYTES });
  if (bytes.length === 0) throw new InputError('is empty', { file });
  return bytes;
}

class PartFault extends Error {}

function xmlText(data: Buffer, name: string): string {
  if (data[0] === 0xff || data[0] === 0xfe) throw new PartFault(`its part ${name} is UTF-16 XML, which Excel never writes: save the workbook again from Excel or LibreOffice`);
  const text = new TextDecoder('utf-8').decode(data);
  // A DTD could declare entities: expanded, they multiply (a "billion laughs") or fetch other files.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new PartFault(`its part ${name} declares a DTD, which no workbook needs; it was not read`);
  return text;
}

interface Relationship {
  type: string;
  target: string;
  /** TargetMode="External": an address outside the file, never a part of it. */
  external?: boolean;
}

/** A part's relationships by id; those to outside the file (a hyperlink's address) only when asked for. */
function relationships(xml: string, external = false): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const outside = a.TargetMode === 'External';
    if (a.Id && a.Target && (!outside || external)) map.set(a.Id, { type: a.Type ?? '', target: a.Target, external: outside });
  }
  return map;
}

/** Cells (a range such as `F2` or `F2:F9`) that link to an address outside the workbook. */
interface HyperlinkRange {
  first: { row: number; column: number };
  last: { row: number; column: number };
  target: string;
}

/**
 * The sheet's hyperlinks to addresses outside the workbook (a web page, a document on the
 * intranet, an email address): a link pasted into Evidence is where the evidence is, and the
 * reading of cells keeps only the text it shows. A link within the workbook (`location`) says
 * nothing an answer needs.
 */
function hyperlinks(xml: string, rels: Map<string, Relationship>): HyperlinkRange[] {
  const found: HyperlinkRange[] = [];
  const block = /<(?:\w+:)?hyperlinks\b[^>]*>([\s\S]*?)<\/(?:\w+:)?hyperlinks>/.exec(xml)?.[1] ?? '';
  for (const m of block.matchAll(/<(?:\w+:)?hyperlink\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    const id = a['r:id'] ?? Object.entries(a).find(([k]) => /(^|:)id$/.test(k))?.[1];
    const rel = id === undefined ? undefined : rels.get(id);
    const range = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(a.ref ?? '');
    // A target `#Sheet!A1` (as exceljs writes a link within the workbook) is no address either.
    if (!rel?.external || rel.target.startsWith('#') || !range || found.length >= MAX_HYPERLINKS) continue;
    const first = { row: Number(range[2]), column: columnNumber(range[1]!) };
    const last = range[3] ? { row: Number(range[4]), column: columnNumber(range[3]) } : first;
    found.push({ first, last, target: rel.target.slice(0, 2000) });
  }
  return found;
}

/**
 * Each text cell under a hyperlink carries its address (`link`), for the reading of answers to
 * keep. A link is almost always on one cell: those are looked up by cell, and only the few that
 * span a range (at most MAX_LINK_RANGES, so a hostile file cannot make every cell search
 * thousands) are searched.
 */
function attachLinks(cells: SheetCells | undefined, ranges: readonly HyperlinkRange[]): void {
  if (!cells || !ranges.length) return;
  const single = new Map<string, string>();
  const spans: HyperlinkRange[] = [];
  for (const h of ranges) {
    if (h.first.row === h.last.row && h.first.column === h.last.column) single.set(`${h.first.row}:${h.first.column}`, h.target);
    else if (spans.length < MAX_LINK_RANGES) spans.push(h);
  }
  for (const [r, row] of cells) {
    for (const [c, value] of row) {
      if (value.kind !== 'text') continue;
      const link = single.get(`${r}:${c}`) ?? spans.find((h) => r >= h.first.row && r <= h.last.row && c >= h.first.column && c <= h.last.column)?.target;
      if (link !== undefined) (row as Map<number, CellValue>).set(c, { ...value, link });
    }
  }
}

const MAX_LINK_RANGES = 200;

function sheetList(workbookXml: string, rels: Map<string, Relationship>): SheetInfo[] {
  const sheets: SheetInfo[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    if (a.name === undefined) continue;
    const rel = rels.get(a['r:id'] ?? Object.entries(a).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1] ?? '');
    const state: SheetState = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
    sheets.push({ name: a.name, state, part: rel && rel.type === `${REL_TYPE}worksheet` ? resolvePart(rel.target) : undefined });
  }
  return sheets;
}

/** A relationship target of the workbook, as a part name: relative to xl/, or absolute. */
function resolvePart(target: string): string {
  return resolveFrom('xl/', target);
}

/** A relationship target of a part in `folder` (`xl/worksheets/`), as a part name. */
function resolveFrom(folder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${folder}${target}`;
  const out: string[] = [];
  for (const piece of path.split('/')) {
    if (piece === '..') out.pop();
    else if (piece !== '.' && piece !== '') out.push(piece);
  }
  return out.join('/');
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()]!;
  });
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function minimalWorkbook(sheets: SheetInfo[], date1904: boolean): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${MAIN_NS} ${REL_NS}>${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${list}</sheets></workbook>`;
}

function minimalRelationships(sheets: SheetInfo[]): string {
  const list = sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list}</Relationships>`;
}

/**
 * The sheet's root element and its cell data, nothing else: merged ranges, validations,
 * conditional formats and hyperlinks go, since exceljs would expand each range cell by cell.
 */
function cellDataOnly(xml: string, name: string, fault: (message: string) => InputError): string {
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (!root) throw fault(`its sheet "${name}" is written in a form audit cannot read: open the workbook in Excel or LibreOffice, save it, and import that`);
  const open = xml.indexOf('<sheetData');
  const close = xml.indexOf('</sheetData>');
  const data = open < 0 ? '' : close < 0 ? xml.slice(open).replace(/^(<sheetData\b[^>]*\/>)[\s\S]*$/, '$1') : xml.slice(open, close + '</sheetData>'.length);
  if (count(data, /<row[\s>/]/g) > MAX_ROWS || count(data, /<c[\s>/]/g) > MAX_CELLS) {
    throw fault(`its sheet "${name}" has more rows or cells than any return (over ${MAX_ROWS.toLocaleString('en-GB')} rows or ${MAX_CELLS.toLocaleString('en-GB')} cells)`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root[0]}${data}</worksheet>`;
}

/**
 * Each cell cut to what holds its value: its formula (`<f>`), value (`<v>`) and inline text
 * (`<is>`). exceljs loses a cell holding any other element (an `<extLst>` of some program's own,
 * a phonetic guide `<rPh>` in inline text) and every row after it, so nothing else reaches it.
 * Inline text becomes one plain `<t>`: the text of its `<t>` elements run by run, without
 * phonetic guides, as the shared strings are read. A date written as a date (`t="d"`, ISO text),
 * which exceljs reads as its year, becomes the serial number Excel itself writes.
 */
function plainCells(data: string, date1904: boolean): string {
  // Rows hold cells only (exceljs loses the rest of the sheet after any other element in a row).
  const rows = data.replace(ROW, (whole, attrs: string, body: string | undefined) => {
    if (body === undefined) return whole;
    const p = /^<(\w+:)?/.exec(whole)![1] ?? '';
    return `<${p}row${attrs}>${[...body.matchAll(CELL)].map((m) => m[0]).join('')}</${p}row>`;
  });
  return rows.replace(CELL, (whole, attrs: string, body: string | undefined) => {
    if (body === undefined) return whole;
    const p = /^<(\w+:)?/.exec(whole)![1] ?? '';
    const elements = [...body.matchAll(/<((?:\w+:)?)(f|v|is)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1\2>)/g)];
    const inline = (text: string) => `<${p}is><${p}t xml:space="preserve">${escapedText(text)}</${p}t></${p}is>`;
    // Text held in the cell (`t="str"`, as SheetJS writes every string) is read as inline text is:
    // exceljs reads its escapes as neither Excel nor any other reader does (see escapedText).
    if (attributes(attrs).t === 'str' && !elements.some((m) => m[2] === 'f')) {
      const value = elements.find((m) => m[2] === 'v')?.[4] ?? '';
      return `<${p}c${attrs.replace(/\st\s*=\s*["']str["']/, ' t="inlineStr"')}>${inline(value)}</${p}c>`;
    }
    // LibreOffice saves a TRUE or FALSE typed into a cell as the formula TRUE() or FALSE(): the
    // value typed, not a formula to refuse.
    const typedBoolean = attributes(attrs).t === 'b' && elements.some((m) => m[2] === 'f' && /^\s*(?:TRUE|FALSE)\(\)\s*$/i.test(m[4] ?? ''));
    const kept = elements.filter((m) => !(typedBoolean && m[2] === 'f')).map((m) => (m[2] === 'is' ? inline(inlineText(m[4] ?? '')) : m[0]));
    if (attributes(attrs).t === 'd') {
      const serial = serialOf(/<(?:\w+:)?v>([^<]*)</.exec(kept.join(''))?.[1] ?? '', date1904);
      if (serial !== undefined) return `<${p}c${attrs.replace(/\st\s*=\s*["']d["']/, '')}><${p}v>${serial}</${p}v></${p}c>`;
    }
    return `<${p}c${attrs}>${kept.join('')}</${p}c>`;
  });
}

/**
 * OOXML writes a character as `_xHHHH_` (ECMA-376's ST_Xstring: a line break typed in a cell is
 * `_x000D_`, and `_x005F_` escapes a literal underscore), in any text, with hex digits in either
 * case. exceljs decodes upper-case escapes in shared strings only: inline text it keeps as
 * written, a `t="str"` cell's too (and XML-decodes a second time, turning a typed `&lt;` into
 * `<`), and `_x000d_`, as SheetJS writes it, nowhere. So inline text (still XML-escaped) is
 * decoded here, once, left to right, and handed on as plain inline text that exceljs keeps as it
 * is. A character XML cannot hold (a C0 control) is dropped, as the import drops it from any
 * cell (documentText).
 */
function escapedText(xmlText: string): string {
  const text = unescapeXml(xmlText).replace(ESCAPED_CHARACTER, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return escapeXml(text.replace(new RegExp(XML_FORBIDDEN.source, 'g'), '')).replace(/\r/g, '&#13;');
}

/** Shared strings, which exceljs decodes itself, with every escape's hex in the upper case it reads. */
function withUpperCaseEscapes(shared: string): string {
  return shared.replace(ESCAPED_CHARACTER, (_, hex: string) => `_x${hex.toUpperCase()}_`);
}

const ESCAPED_CHARACTER = /_x([0-9A-Fa-f]{4})_/g;

/** The text of inline text's `<t>` elements (still XML-escaped), phonetic guides left out. */
function inlineText(inner: string): string {
  const text = inner
    .replace(/<(?:\w+:)?rPh\b[^>]*\/>/g, '')
    .replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '')
    .replace(/<(?:\w+:)?phoneticPr\b[^>]*\/?>/g, '');
  return [...text.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)].map((m) => m[1] ?? '').join('');
}

/** An ISO date (and time) as Excel's serial number of days, in the workbook's date system. */
function serialOf(iso: string, date1904: boolean): number | undefined {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?Z?\s*$/.exec(iso);
  if (!m) return undefined;
  const time = Date.parse(`${m[1]}T${m[2] ?? '00:00'}Z`);
  if (Number.isNaN(time)) return undefined;
  return time / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
}

/**
 * The cells of the sheet data that hold a value, a formula or inline text, as `F4`: where a cell
 * has no `r`, its place follows the one before, as in Excel's reading.
 */
function cellsWithContent(data: string): string[] {
  const found: string[] = [];
  let rowNumber = 0;
  for (const row of data.matchAll(ROW)) {
    const r = Number(attributes(row[1]!).r);
    rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
    let column = 0;
    for (const cell of (row[2] ?? '').matchAll(CELL)) {
      const ref = /^([A-Z]{1,3})(\d+)$/.exec(attributes(cell[1]!).r ?? '');
      column = ref ? columnNumber(ref[1]!) : column + 1;
      const body = cell[2] ?? '';
      const holds = /<(?:\w+:)?f\b/.test(body) || /<(?:\w+:)?v>\s*[^<\s]/.test(body) || /<(?:\w+:)?t\b[^>]*>[^<]+</.test(body);
      if (holds) found.push(`${columnLetter(column)}${ref ? ref[2] : rowNumber}`);
    }
  }
  return found;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * A cell the XML holds that exceljs gave nothing for (an element it did not expect, which can
 * make it skip the rest of a sheet) is refused, naming the cell: never a silent loss that later
 * reads as "rows deleted".
 */
function refuseUnreadCells(read: { values: Map<string, SheetCells>; seen: Map<string, Set<string>> }, written: Map<string, string[]>, file: string): void {
  const errors: InputError[] = [];
  for (const [sheet, refs] of written) {
    const seen = read.seen.get(sheet) ?? new Set<string>();
    // The first is the cell at fault; those after it were lost with it.
    const [first, ...after] = refs.filter((r) => !seen.has(r));
    if (first === undefined) continue;
    const lost = after.length ? ` (nor ${after.length === 1 ? 'the cell' : `the ${after.length} cells`} after it that hold something)` : '';
    errors.push(
      new InputError(`this cell is written in a form audit cannot read, so it was not read${lost}: open the workbook in Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and import that`, {
        file,
        cell: `${sheetRef(sheet)}!${first}`,
      }),
    );
  }
  if (errors.length) throw new InputErrors(errors as [InputError, ...InputError[]]);
}

/** Characters XML 1.0 forbids even in text: every C0 control but tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;

/** Where each shared text (`<si>`) starts in the shared-strings part; its index is its number. */
function sharedTextStarts(shared: string): number[] {
  return [...shared.matchAll(/<(?:\w+:)?si[\s>/]/g)].map((m) => m.index!);
}

/**
 * Cells exceljs would fail on with its own words ("Cannot read properties of undefined", "2:208:
 * disallowed character"): one naming shared text the workbook does not hold, and a character
 * XML forbids. Refused here naming the sheet and cell.
 */
function refuseBrokenCells(data: string, sheet: SheetInfo, sharedCount: number, file: string): void {
  const bad = data.search(XML_FORBIDDEN);
  if (bad >= 0) throw brokenPart(data, bad, `its sheet "${sheet.name}"${cellAround(data, bad)}`, file);
  for (const m of data.matchAll(CELL)) {
    const a = attributes(m[1]!);
    if (a.t !== 's') continue;
    const raw = /<(?:\w+:)?v>\s*([^<]*?)\s*</.exec(m[2] ?? '')?.[1];
    if (raw === undefined) continue;
    const index = Number(raw);
    if (Number.isInteger(index) && index >= 0 && index < sharedCount) continue;
    throw new InputError(
      `refers to shared text number ${raw.slice(0, 20)}, but the workbook holds ${sharedCount} (numbered from 0): the file is damaged; open it in Excel or LibreOffice, save it, and import that`,
      { file, cell: `${sheetRef(sheet.name)}!${a.r ?? '?'}` },
    );
  }
}

function brokenPart(text: string, at: number, where: string, file: string): InputError {
  const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  return new InputError(
    `${where} holds the control character U+${code}, which a workbook's XML may not hold: the file is damaged or was not written by a spreadsheet program; open it in Excel or LibreOffice, save it, and import that`,
    { file },
  );
}

/** ", cell F4" for the cell element holding offset `at` of the sheet data, if there is one. */
function cellAround(data: string, at: number): string {
  const start = Math.max(data.lastIndexOf('<c ', at), data.lastIndexOf('<c>', at));
  const r = start < 0 ? undefined : /^<(?:\w+:)?c\b[^>]*?\br\s*=\s*["']([A-Z]{1,3}\d{1,7})["']/.exec(data.slice(start, at))?.[1];
  return r ? `, cell ${r},` : '';
}

/** " , used in Return!F4" for the first cell of the chosen sheets showing shared text `index`. */
function usedIn(parts: Map<string, Buffer>, chosen: SheetInfo[], index: number): string {
  for (let i = 0; i < chosen.length; i++) {
    const data = parts.get(`xl/worksheets/sheet${i + 1}.xml`)?.toString('utf8') ?? '';
    for (const m of data.matchAll(CELL)) {
      const a = attributes(m[1]!);
      if (a.t === 's' && Number(/<(?:\w+:)?v>\s*([^<]*?)\s*</.exec(m[2] ?? '')?.[1]) === index) return `, shown in ${sheetRef(chosen[i]!.name)}!${a.r ?? '?'}`;
    }
  }
  return ', shown in no cell read';
}

function count(text: string, pattern: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}

/** Excel's cell types, as exceljs numbers them (ValueType). */
const enum ValueType {
  Null = 0,
  Merge = 1,
  Number = 2,
  String = 3,
  Date = 4,
  Hyperlink = 5,
  Formula = 6,
  SharedString = 7,
  RichText = 8,
  Boolean = 9,
  Error = 10,
}

async function readCells(
  archive: Buffer,
  sheets: SheetInfo[],
  fault: (message: string) => InputError,
  date1904: boolean,
): Promise<{ values: Map<string, SheetCells>; seen: Map<string, Set<string>> }> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook.js');
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(archive as unknown as ArrayBuffer);
  } catch (err) {
    throw fault(`cannot be read as a workbook: ${String((err as Error).message).split('\n')[0]}`);
  }
  const out = new Map<string, SheetCells>();
  const seenBySheet = new Map<string, Set<string>>();
  for (const sheet of sheets) {
    const worksheet = workbook.getWorksheet(sheet.name);
    const rows = new Map<number, Map<number, CellValue>>();
    const seen = new Set<string>();
    seenBySheet.set(sheet.name, seen);
    worksheet?.eachRow({ includeEmpty: false }, (row, r) => {
      const cells = new Map<number, CellValue>();
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.value !== undefined) seen.add(`${columnLetter(c)}${r}`);
        const value = withFormat(cellValue(cell.type as number, cell.value, date1904), cell.numFmt);
        if (value) cells.set(c, value);
      });
      if (cells.size) rows.set(r, cells);
    });
    out.set(sheet.name, rows);
  }
  return { values: out, seen: seenBySheet };
}

/** A number's or date's number format, kept so that text columns read as the cell shows. */
function withFormat(value: CellValue | undefined, format: unknown): CellValue | undefined {
  if ((value?.kind === 'number' || value?.kind === 'date') && typeof format === 'string' && format.trim() && !/^general$/i.test(format.trim())) return { ...value, format };
  return value;
}

function cellValue(type: number, value: unknown, date1904: boolean): CellValue | undefined {
  switch (type) {
    case ValueType.Null:
    case ValueType.Merge:
      return undefined;
    case ValueType.Number:
      return { kind: 'number', value: value as number };
    case ValueType.String:
    case ValueType.SharedString:
      return value === '' || value === undefined ? undefined : { kind: 'text', text: String(value) };
    case ValueType.RichText: {
      const text = ((value as { richText: { text: string }[] }).richText ?? []).map((run) => run.text ?? '').join('');
      return text === '' ? undefined : { kind: 'text', text };
    }
    case ValueType.Hyperlink: {
      const text = (value as { text?: unknown }).text;
      const plain = typeof text === 'object' && text !== null && 'richText' in text ? (text as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(text ?? '');
      return plain === '' ? undefined : { kind: 'text', text: plain };
    }
    case ValueType.Date: {
      const date = value as Date;
      if (Number.isNaN(date.getTime())) return { kind: 'error', error: 'an impossible date' };
      // Excel dates have no zone; exceljs reads them as UTC, so the UTC date is the one typed.
      // The number the cell holds, as exceljs turned it into a date (25569: 1970-01-01), to quote it.
      const serial = Math.round((date.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0)) * 1e6) / 1e6;
      return { kind: 'date', date: date.toISOString().slice(0, 10), serial };
    }
    case ValueType.Boolean:
      return { kind: 'boolean', value: Boolean(value) };
    case ValueType.Formula:
      return { kind: 'formula' };
    case ValueType.Error:
      return { kind: 'error', error: String((value as { error?: unknown }).error ?? '#VALUE!') };
    default:
      return undefined;
  }
}
