/// <reference types="pdfkit" />
/**
 * Drawing on a tagged pdfkit document: every mark on a page is either content inside a
 * structure element (headings, paragraphs, lists, tables, figures) or an artifact (rules,
 * backgrounds, running headers and page numbers), so that a screen reader meets the text in
 * the order of the page and skips the decoration. Also keeps headings with what follows them
 * and records where each heading landed, for the contents page and the bookmarks.
 */
import { installFontFallback, noteFace } from './font-fallback.js';
import { pdfFont } from './fonts.js';
import { batchPageContent, cacheWordMeasures } from './pdfkit-tuning.js';
import type { FontName } from '../../assets.js';
import type { ListNumbering } from '../../core/report-document.js';
import { drawableText } from './text-layout.js';
import { COLOURS, contentWidth, PAGE, pageSize, SPACE, type PageLayout, type TypeScale } from './theme.js';

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
  /** Every bookmark with where its heading is, to point it there at the end. */
  private readonly outline: { item: PDFKit.PDFOutline; page: number; y: number }[] = [];
  private colour: string = COLOURS.text;
  /** How the pages being drawn are set; text that runs on to a new page keeps it. */
  layout: PageLayout = 'portrait';

  /** `fallbackFonts`: the text has characters Noto Sans lacks, drawn in the fallback fonts (font-fallback.ts). */
  constructor(doc: Doc, readonly type: TypeScale, fallbackFonts = false) {
    this.doc = doc;
    if (fallbackFonts) installFontFallback(doc);
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    // A new page starts with black: pdfkit does not carry the fill colour over when text runs
    // on to the next page, so set it again.
    doc.on('pageAdded', () => {
      batchPageContent(doc.page);
      doc.fillColor(this.colour);
    });
    batchPageContent(doc.page);
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

  font(which: FontName, size: number, colour: string = COLOURS.text): this {
    this.colour = colour;
    const { font, family } = pdfFont(which);
    this.doc.font(font as unknown as string, family).fontSize(size).fillColor(colour);
    noteFace(this.doc, which);
    cacheWordMeasures((this.doc as unknown as { _font: unknown })._font);
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

  /**
   * A heading, drawn from phrases so that a part in another language (a framework's English
   * title in a Welsh report) is its own Span with its language. `keep`: room to keep below the
   * heading, for what must not be parted from it. `sizeOverride`: a size other than the level's
   * (a cover's title made to fit its page).
   */
  heading(level: 1 | 2 | 3, given: { text: string; lang?: string }[], parent: StructElement, id?: string, keep: number = SPACE.keepWithHeading, sizeOverride?: number): void {
    const doc = this.doc;
    // Text from a file is drawn, never obeyed: control characters left out (text-layout.ts).
    const phrases = given.map((p) => ({ ...p, text: drawableText(p.text) }));
    const text = phrases.map((p) => p.text).join('');
    const size = sizeOverride ?? (level === 1 ? this.type.h1 : level === 2 ? this.type.h2 : this.type.h3);
    this.font('bold', size, COLOURS.heading);
    const height = doc.heightOfString(text, { width: this.width, lineGap: this.type.lineGap });
    if (doc.y > this.top) doc.y += level === 2 ? SPACE.beforeH2 : SPACE.beforeH3;
    this.ensure(height + keep);
    if (id && (level === 2 || level === 3)) {
      doc.addNamedDestination(id, 'XYZ', null, doc.y, null);
      this.headings.push({ id, text, level, page: this.pageIndex });
      const item = level === 2 ? doc.outline.addItem(text) : (this.outlineParent ?? doc.outline).addItem(text);
      if (level === 2) this.outlineParent = item;
      this.outline.push({ item, page: this.pageIndex, y: doc.y });
    }
    const element = this.group(`H${level}`, parent);
    const y = doc.y;
    phrases.forEach((phrase, i) => {
      const options = { width: this.width, lineGap: this.type.lineGap, continued: i < phrases.length - 1 };
      const draw = () => {
        this.font('bold', size, COLOURS.heading);
        if (i === 0) doc.text(phrase.text, this.left, y, options);
        else doc.text(phrase.text, options);
      };
      // With a phrase in another language, every phrase is a Span, so that the heading holds
      // elements alone, in order; otherwise the heading holds its text directly.
      if (phrases.length > 1 && phrases.some((p) => p.lang)) this.tag('Span', element, draw, phrase.lang ? { lang: phrase.lang } : undefined);
      else this.mark(element, `H${level}`, draw);
    });
    element.end();
    doc.x = this.left;
    doc.y += level === 2 ? SPACE.afterH2 : SPACE.afterH3;
  }

  /**
   * Bookmarks open at their heading (pdfkit's put them at the page's right edge and top), and
   * say how many they hold, closed (ISO 32000-1, 12.3.3: a negative /Count).
   */
  finishOutline(): void {
    for (const { item, page, y } of this.outline) {
      const data = (item as unknown as { outlineData: Record<string, unknown>; children: unknown[] }).outlineData;
      const children = (item as unknown as { children: unknown[] }).children;
      this.doc.switchToPage(page);
      data.Dest = [this.doc.page.dictionary, 'XYZ', null, this.doc.page.height - y, null];
      if (children.length) data.Count = -children.length;
    }
  }

  /**
   * A paragraph; `number` (1.1, 1.2 …) hangs in the left margin of the text, followed by a
   * space in the text a screen reader is given. `lang`: the paragraph's language, when not the
   * document's.
   */
  paragraph(raw: string, parent: StructElement, options: { number?: string; note?: boolean; indent?: number; lang?: string } = {}): void {
    const doc = this.doc;
    const text = drawableText(raw);
    const indent = (options.indent ?? 0) + (options.number ? SPACE.numberIndent : 0);
    const x = this.left + indent;
    const width = this.width - indent;
    if (options.note) this.font('italic', this.type.body, COLOURS.muted);
    else this.font('regular', this.type.body);
    const height = doc.heightOfString(text, { width, lineGap: this.type.lineGap });
    // Never leave a single line at the foot of a page.
    this.ensure(Math.min(height, doc.currentLineHeight(true) * 2 + this.type.lineGap));
    this.tag(
      'P',
      parent,
      () => {
        const y = doc.y;
        if (options.number) {
          doc.text(`${options.number} `, this.left + (options.indent ?? 0), y, { width: SPACE.numberIndent + 4, lineBreak: false });
        }
        doc.text(text, x, y, { width, lineGap: this.type.lineGap });
      },
      options.lang ? { lang: options.lang } : undefined,
    );
    doc.x = this.left;
    doc.y += SPACE.paragraph;
  }

  /**
   * A list; each item's label ("•", "(a)", "1.") is tagged Lbl and its text LBody, and the list
   * says how it is numbered (ListNumbering), so that a screen reader can announce it.
   */
  list(items: { label: string; text: string; lang?: string }[], parent: StructElement, indent = 0, numbering: ListNumbering = 'Disc'): void {
    const doc = this.doc;
    const list = this.group('L', parent);
    setAttributes(list, { O: 'List', ListNumbering: numbering });
    this.font('regular', this.type.body);
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
      this.tag(
        'LBody',
        li,
        () => {
          doc.text(drawableText(item.text), x, y, { width, lineGap: this.type.lineGap });
        },
        item.lang ? { lang: item.lang } : undefined,
      );
      li.end();
      doc.y += 3;
    }
    list.end();
    doc.x = this.left;
    doc.y += SPACE.paragraph - 3;
  }
}

/** Sets a structure element's attribute dictionary (/A), which pdfkit has no option for. */
export function setAttributes(element: StructElement, attributes: Record<string, unknown>): void {
  (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = attributes;
}
