/**
 * Word's alternative text for tables (Table Properties, Alt Text: the `w:tblCaption` and
 * `w:tblDescription` of each table's `w:tblPr`), which the docx library has no option for.
 * They are added to the packed document: its main part is read with an XML parser (saxes),
 * which finds where each table's properties end, and the two elements, their text escaped,
 * go there, the last of the properties as the schema orders them (ECMA-376 Part 1, 17.4.60
 * CT_TblPr: ... tblLook, tblCaption, tblDescription, tblPrChange).
 */
import { SaxesParser } from 'saxes';
import { writeZip, ZipArchive } from '../../io/zip-archive.js';

export interface TableAltText {
  /** Word's "Title": shown with the table in Word's lists; a caption, when the table has one. */
  title?: string;
  /** Word's "Description": what the table is, read by screen readers. */
  description: string;
}

const DOCUMENT = 'word/document.xml';

/**
 * The .docx `packed` with `tables[i]` written into the i-th table of its main part, in the
 * order of the document. Every table must have one: a count that differs is a bug, not input.
 */
export function addTableAltText(packed: Uint8Array, tables: readonly TableAltText[]): Uint8Array {
  // The docx library's own archive, of parts it has just written: no limits to guard.
  const archive = ZipArchive.open(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength), { entries: 10_000, partBytes: 2 ** 31, totalBytes: 2 ** 32 });
  const parts = new Map(archive.names().map((name) => [name, archive.read(name)!]));
  const document = parts.get(DOCUMENT);
  if (!document) throw new Error(`the Word document has no ${DOCUMENT}`);
  const xml = document.toString('utf8');
  const places = tablePropertiesEnds(xml);
  if (places.length !== tables.length) {
    throw new Error(`the Word document has ${places.length} tables, but ${tables.length} table descriptions were made`);
  }
  let out = '';
  let from = 0;
  places.forEach((place, i) => {
    out += xml.slice(from, place.at) + (place.selfClosing ? `>${altTextXml(tables[i]!)}</w:tblPr>` : altTextXml(tables[i]!));
    from = place.selfClosing ? place.at + 2 : place.at;
  });
  out += xml.slice(from);
  // The other parts as they were, in the same order; deflated by node's zlib.
  parts.set(DOCUMENT, Buffer.from(out, 'utf8'));
  return new Uint8Array(writeZip(parts, { deflate: true }));
}

/** Where the new elements go in each table's properties: before `</w:tblPr>`, or before a tblPrChange. */
interface Place {
  at: number;
  /** `<w:tblPr/>`: `at` is where its "/>" begins, which becomes a start and an end tag. */
  selfClosing: boolean;
}

function tablePropertiesEnds(xml: string): Place[] {
  const parser = new SaxesParser({ position: true });
  const places: Place[] = [];
  // The elements open around the parser; in a table's own properties, where a tblPrChange begins.
  const open: string[] = [];
  let changeAt: number | undefined;
  const inTableProperties = () => open.at(-1) === 'w:tblPr' && open.at(-2) === 'w:tbl';
  parser.on('opentagstart', (tag) => {
    if (inTableProperties()) {
      if (tag.name === 'w:tblCaption' || tag.name === 'w:tblDescription') throw new Error('the Word document already gives a table alternative text');
      // The tag's name has just been read: its "<" is the last before it.
      if (tag.name === 'w:tblPrChange' && changeAt === undefined) changeAt = xml.lastIndexOf('<', parser.position - 1);
    }
    if (tag.name === 'w:tblPr' && open.at(-1) === 'w:tbl') changeAt = undefined;
    open.push(tag.name);
  });
  parser.on('closetag', (tag) => {
    const tableProperties = inTableProperties();
    open.pop();
    if (!tableProperties || tag.name !== 'w:tblPr') return;
    // The parser stands just past the tag's ">"; an end tag holds no other "<".
    if (tag.isSelfClosing) places.push({ at: xml.lastIndexOf('/>', parser.position), selfClosing: true });
    else places.push({ at: changeAt ?? xml.lastIndexOf('</', parser.position), selfClosing: false });
  });
  parser.write(xml).close();
  return places;
}

function altTextXml(table: TableAltText): string {
  const title = table.title ? `<w:tblCaption w:val="${escapeAttribute(table.title)}"/>` : '';
  return `${title}<w:tblDescription w:val="${escapeAttribute(table.description)}"/>`;
}

/**
 * Text as an XML attribute value: markup characters escaped, white space kept as characters
 * (a parser would turn a raw line break into a space), and what XML 1.0 cannot hold left out.
 */
export function escapeAttribute(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
