/**
 * What the docx library cannot write, written into the document it packed:
 * - each table's alternative text (Table Properties, Alt Text: `w:tblCaption`, `w:tblDescription`),
 *   last in the table's `w:tblPr`, as the schema orders them (ECMA-376 Part 1, 17.4.60 CT_TblPr:
 *   … tblLook, tblCaption, tblDescription, tblPrChange);
 * - the line series of a chart of columns drawn as markers alone (`<a:ln><a:noFill/></a:ln>`):
 *   the library always gives a line series a line, and there the line series is the targets,
 *   which are points, not a trend (a white line of no width, the old way round, is drawn by
 *   Word and LibreOffice as a hairline across the bars, and LibreOffice drew the markers white).
 * Each part is read with an XML parser (saxes), which finds where the elements begin and end;
 * what is written is built from escaped text, and the archive is written again by node's zlib
 * (io/zip-archive.ts, as the workbooks are).
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
const CHART = /^word\/charts\/chart\d+\.xml$/;

/**
 * The .docx `packed`, with `tables[i]` written into the i-th table of its main part, in the
 * order of the document, and its charts' line series drawn as markers alone. Every table must
 * have a description: a count that differs is a bug, not input.
 */
export function finishDocx(packed: Uint8Array, tables: readonly TableAltText[]): Uint8Array {
  // The docx library's own archive, of parts it has just written: no limits to guard.
  const archive = ZipArchive.open(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength), { entries: 10_000, partBytes: 2 ** 31, totalBytes: 2 ** 32 });
  const parts = new Map(archive.names().map((name) => [name, archive.read(name)!]));
  const document = parts.get(DOCUMENT);
  if (!document) throw new Error(`the Word document has no ${DOCUMENT}`);
  parts.set(DOCUMENT, Buffer.from(withTableAltText(document.toString('utf8'), tables), 'utf8'));
  for (const [name, bytes] of parts) {
    if (CHART.test(name)) parts.set(name, Buffer.from(withLineSeriesAsMarkers(bytes.toString('utf8')), 'utf8'));
  }
  return new Uint8Array(writeZip(parts, { deflate: true }));
}

/** An edit of a part: the text from `start` to `end` replaced. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(xml: string, edits: readonly Edit[]): string {
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += xml.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + xml.slice(from);
}

/**
 * Walks the elements of `xml`, telling `visit` of each element's start and end: its path of
 * names from the root, where its start tag begins, and (at its end) where its end tag begins
 * and where the element ends. A self-closed element's end tag is its own "/>".
 */
function walkElements(
  xml: string,
  visit: {
    open?(path: readonly string[], tagStart: number): void;
    close?(path: readonly string[], endTagStart: number, end: number, selfClosing: boolean): void;
  },
): void {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  parser.on('opentagstart', (tag) => {
    path.push(tag.name);
    // The tag's name has just been read: its "<" is the last one before it.
    visit.open?.(path, xml.lastIndexOf('<', parser.position - 1));
  });
  parser.on('closetag', (tag) => {
    // The parser stands just past the tag's ">"; an end tag holds no other "<".
    const end = parser.position;
    visit.close?.(path, tag.isSelfClosing ? end - 2 : xml.lastIndexOf('</', end), end, Boolean(tag.isSelfClosing));
    path.pop();
  });
  parser.write(xml).close();
}

const isTableProperties = (path: readonly string[]) => path.at(-1) === 'w:tblPr' && path.at(-2) === 'w:tbl';

/** The document with each table's alternative text last in its own properties. */
function withTableAltText(xml: string, tables: readonly TableAltText[]): string {
  const edits: Edit[] = [];
  let changeAt: number | undefined;
  walkElements(xml, {
    open(path, tagStart) {
      if (isTableProperties(path)) changeAt = undefined;
      if (!isTableProperties(path.slice(0, -1))) return;
      const name = path.at(-1);
      if (name === 'w:tblCaption' || name === 'w:tblDescription') throw new Error('the Word document already gives a table alternative text');
      if (name === 'w:tblPrChange') changeAt ??= tagStart;
    },
    close(path, endTagStart, end, selfClosing) {
      if (!isTableProperties(path)) return;
      const table = tables[edits.length];
      const altText = table ? altTextXml(table) : '';
      // A self-closed <w:tblPr/> becomes a start tag and an end tag around them.
      if (selfClosing) edits.push({ start: endTagStart, end, text: `>${altText}</w:tblPr>` });
      else edits.push({ start: changeAt ?? endTagStart, end: changeAt ?? endTagStart, text: altText });
    },
  });
  if (edits.length !== tables.length) {
    throw new Error(`the Word document has ${edits.length} tables, but ${tables.length} table descriptions were made`);
  }
  return applyEdits(xml, edits);
}

function altTextXml(table: TableAltText): string {
  const title = table.title ? `<w:tblCaption w:val="${escapeAttribute(table.title)}"/>` : '';
  return `${title}<w:tblDescription w:val="${escapeAttribute(table.description)}"/>`;
}

/**
 * The chart with the lines taken away from the line series of a plot that also has bars, their
 * markers kept: the report's column charts carry their targets so. A chart of lines alone (the
 * direction of travel) keeps its lines.
 */
export function withLineSeriesAsMarkers(xml: string): string {
  const edits: (Edit & { plot: number })[] = [];
  const plotsWithBars = new Set<number>();
  let plot = 0;
  let start = 0;
  const isSeriesLine = (path: readonly string[]) => path.length >= 4 && path.at(-1) === 'a:ln' && path.at(-2) === 'c:spPr' && path.at(-3) === 'c:ser' && path.at(-4) === 'c:lineChart';
  walkElements(xml, {
    open(path, tagStart) {
      if (path.at(-1) === 'c:plotArea') plot++;
      if (path.at(-1) === 'c:barChart' && path.at(-2) === 'c:plotArea') plotsWithBars.add(plot);
      if (isSeriesLine(path)) start = tagStart;
    },
    close(path, _endTagStart, end) {
      if (isSeriesLine(path)) edits.push({ start, end, text: '<a:ln><a:noFill/></a:ln>', plot });
    },
  });
  return applyEdits(
    xml,
    edits.filter((edit) => plotsWithBars.has(edit.plot)),
  );
}

/**
 * Text as an XML attribute value: markup characters escaped, white space kept as characters
 * (a parser would turn a raw line break into a space), and what XML 1.0 cannot hold left out.
 */
export function escapeAttribute(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
