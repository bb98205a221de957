/// <reference types="pdfkit" />
/**
 * Drawing on a tagged pdfkit document: every mark on a page is either content inside a
 * structure element (headings, paragraphs, lists, tables, figures) or an artifact (rules,
 * backgrounds, running headers and page numbers), so that a screen reader meets the text in
 * the order of the page and skips the decoration. Also keeps headings with what follows them
 * and records where each heading landed, for the contents page and the bookmarks.
 */
import { pdfFont } from './fonts.js';
import { COLOURS, contentWidth, FONTS, PAGE, pageSize, SPACE, TYPE, type PageLayout } from './theme.js';
import { drawableText } from './text-layout.js';

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

/** What pdfkit's struct() accepts (its type definitions lag: scope and bbox are missing). */
export interface StructOptions {
  title?: string;
  lang?: string;
  alt?: string;
  actual?: string;
  /** What an abbreviation stands for (a numbered column header). */
  expanded?: string;
  /** Of a table header cell. */
  scope?: 'Row' | 'Column' | 'Both';
  /** Of a figure: [left, top, right, bottom] on the page. */
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
}

export interface HeadingPlace {
  id: string;
  text: string;
  level: 2 | 3;
  /** 0-based page index. */
  page: number;
}

export class TaggedWriter {
  readonly doc: Doc;
  /** The structure tree's one top element. */
  readonly root: StructElement;
  readonly headings: HeadingPlace[] = [];
  private outlineParent: PDFKit.PDFOutline | undefined;
  private colour: string = COLOURS.text;
  /** How the pages being drawn are set; text that runs on to a new page keeps it. */
  layout: PageLayout = 'portrait';

  constructor(doc: Doc) {
    this.doc = doc;
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    // A new page starts with black: pdfkit does not carry the fill colour over when text runs
    // on to the next page, so set it again.
    doc.on('pageAdded', () => doc.fillColor(this.colour));
  }

  get left(): number {
    return PAGE.margins.left;
  }

  get width(): number {
    return contentWidth(this.layout);
  }

  get top(): number {
    return PAGE.margins.top;
  }

  get bottom(): number {
    return pageSize(this.layout).height - PAGE.margins.bottom;
  }

  /** Index of the page being drawn on (pages are buffered, so it is always the last). */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  remaining(): number {
    return this.bottom - this.doc.y;
  }

  /** A new page, set as the last one was unless `layout` says otherwise. */
  newPage(layout: PageLayout = this.layout): void {
    this.layout = layout;
    this.doc.addPage({ size: PAGE.size, layout, margins: PAGE.margins });
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Goes back to a page already drawn (to fill in the contents, to add page furniture). */
  switchToPage(index: number): void {
    this.doc.switchToPage(index);
    this.layout = this.doc.page.width > this.doc.page.height ? 'landscape' : 'portrait';
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top) this.newPage();
  }

  font(which: keyof typeof FONTS, size: number, colour: string = COLOURS.text): this {
    this.colour = colour;
    const { font, family } = pdfFont(which);
    this.doc.font(font as unknown as string, family).fontSize(size).fillColor(colour);
    return this;
  }

  /** A new structure element of `type` under `parent`, holding what `draw` puts on the page. */
  tag(type: string, parent: StructElement, draw: () => void, options?: StructOptions): StructElement {
    const element = this.doc.struct(type, (options ?? {}) as PDFKit.Mixins.StructureElementOptions);
    parent.add(element);
    this.mark(element, type, draw);
    element.end();
    return element;
  }

  /** Adds what `draw` puts on the page to an existing element (a cell drawn in two parts). */
  mark(element: StructElement, type: string, draw: () => void): void {
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    element.add(content);
  }

  /** Decoration a screen reader should skip: rules, fills, and page furniture. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  /** Structure element that groups others (Sect, L, Table …), attached to `parent`. */
  group(type: string, parent: StructElement, options?: StructOptions): StructElement {
    const element = this.doc.struct(type, (options ?? {}) as PDFKit.Mixins.StructureElementOptions);
    parent.add(element);
    return element;
  }

  /** `keep`: room to keep below the heading, for what must not be parted from it. */
  heading(level: 1 | 2 | 3, raw: string, parent: StructElement, id?: string, keep: number = SPACE.keepWithHeading): void {
    const doc = this.doc;
    const text = drawableText(raw);
    const size = level === 1 ? TYPE.h1 : level === 2 ? TYPE.h2 : TYPE.h3;
    this.font('bold', size, COLOURS.heading);
    const height = doc.heightOfString(text, { width: this.width, lineGap: TYPE.lineGap });
    if (doc.y > this.top) doc.y += level === 2 ? SPACE.beforeH2 : SPACE.beforeH3;
    this.ensure(height + keep);
    if (id && (level === 2 || level === 3)) {
      doc.addNamedDestination(id, 'XYZ', null, doc.y, null);
      this.headings.push({ id, text, level, page: this.pageIndex });
      if (level === 2) this.outlineParent = doc.outline.addItem(text, { expanded: false });
      else (this.outlineParent ?? doc.outline).addItem(text);
    }
    this.tag(`H${level}`, parent, () => {
      this.font('bold', size, COLOURS.heading);
      doc.text(text, this.left, doc.y, { width: this.width, lineGap: TYPE.lineGap });
    });
    doc.x = this.left;
    doc.y += level === 2 ? SPACE.afterH2 : SPACE.afterH3;
  }

  /** A paragraph; `number` (1.1, 1.2 …) hangs in the left margin of the text. */
  paragraph(raw: string, parent: StructElement, options: { number?: string; note?: boolean; indent?: number } = {}): void {
    const doc = this.doc;
    const text = drawableText(raw);
    const indent = (options.indent ?? 0) + (options.number ? SPACE.numberIndent : 0);
    const x = this.left + indent;
    const width = this.width - indent;
    if (options.note) this.font('italic', TYPE.body, COLOURS.muted);
    else this.font('regular', TYPE.body);
    const height = doc.heightOfString(text, { width, lineGap: TYPE.lineGap });
    // Never leave a single line at the foot of a page.
    this.ensure(Math.min(height, doc.currentLineHeight(true) * 2 + TYPE.lineGap));
    this.tag('P', parent, () => {
      const y = doc.y;
      if (options.number) {
        doc.text(options.number, this.left + (options.indent ?? 0), y, { width: SPACE.numberIndent - 4, lineBreak: false });
      }
      doc.text(text, x, y, { width, lineGap: TYPE.lineGap });
    });
    doc.x = this.left;
    doc.y += SPACE.paragraph;
  }

  /** A list; each item's label ("•", "(a)", "1.") is tagged Lbl and its text LBody. */
  list(items: { label: string; text: string }[], parent: StructElement, indent = 0): void {
    const doc = this.doc;
    const list = this.group('L', parent);
    this.font('regular', TYPE.body);
    const labelWidth = Math.max(SPACE.listIndent, ...items.map((item) => doc.widthOfString(item.label) + 8));
    const x = this.left + indent + labelWidth;
    const width = this.width - indent - labelWidth;
    for (const item of items) {
      this.ensure(doc.currentLineHeight(true) * 2);
      const li = this.group('LI', list);
      const y = doc.y;
      this.tag('Lbl', li, () => {
        doc.text(item.label, this.left + indent, y, { width: labelWidth, lineBreak: false });
      });
      this.tag('LBody', li, () => {
        doc.text(drawableText(item.text), x, y, { width, lineGap: TYPE.lineGap });
      });
      li.end();
      doc.y += 3;
    }
    list.end();
    doc.x = this.left;
    doc.y += SPACE.paragraph - 3;
  }
}
