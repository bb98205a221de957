/// <reference types="pdfkit" />
/**
 * A committee report as a tagged, accessible PDF (Public Sector Bodies Accessibility
 * Regulations 2018), whichever report it is (the Cabinet report, the partnership report):
 * title and language set, headings as a heading structure, tables with header cells, charts
 * with alternative text, bookmarks, a linked contents page, and page furniture marked as
 * artifacts so that the reading order is the order of the page.
 *
 * It draws a ReportDocument and calculates nothing. pdfkit is imported here and only here, so
 * only the commands that write a PDF pay for loading it.
 */
import type { ReportBlock, ReportDocument, ReportSection } from '../../core/report-document.js';
import { drawChart } from './chart.js';
import { drawHeatMap, heatMapFits } from './heat-map.js';
import { drawKey, drawLegend } from './legend.js';
import { collectOutput, skipRepeatedFillColours } from './pdfkit-tuning.js';
import { drawTable, tableHeight, type PdfTable } from './table.js';
import { drawTrendCharts } from './trend-chart.js';
import { TaggedWriter, type StructElement } from './tagged-writer.js';
import { beyondPlain } from './font-coverage.js';
import { markUnprintable } from './unprintable-text.js';
import { drawableText } from './text-layout.js';
import { COLOURS, PAGE, SPACE, typeScale } from './theme.js';

export interface PdfOptions {
  /** Stamped in the document information; passed in so output depends only on its inputs. */
  creationDate: Date;
  /** e.g. "safeguarding-audit 0.1.0". */
  creator: string;
  /** Text at 12 pt and above. */
  largePrint?: boolean;
  /** Put a marker in place of text no font of the report can print (unprintable-text.ts). */
  markUnprintable?: boolean;
}

export async function renderReportPdf(report: ReportDocument, options: PdfOptions): Promise<Uint8Array> {
  const text = { beyondPlain: false };
  const model = options.markUnprintable ? markUnprintable(composed(report, text)) : composed(report, text);
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margins,
    bufferPages: true,
    tagged: true,
    lang: model.language,
    displayTitle: true,
    pdfVersion: '1.7',
    // Claims PDF/UA-1 in the XMP metadata (pdfuaid:part 1): the checks in test/tools prove the claim.
    subset: 'PDF/UA',
    // No default font: pdfkit would load Helvetica, and a font opened before ours under another
    // name makes pdfkit re-open ours on every switch (its cache is by the name first given).
    font: null,
    info: {
      Title: model.metadata.title,
      Author: model.metadata.author,
      Subject: model.metadata.subject,
      Keywords: model.metadata.keywords,
      Creator: options.creator,
      CreationDate: options.creationDate,
    },
  } as unknown as PDFKit.PDFDocumentOptions);
  escapeXmpInfo(doc);
  // pdfkit writes the file's header as it is made; the rest is collected as it is written.
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const output = collectOutput(doc);
  skipRepeatedFillColours(doc);
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const w = new TaggedWriter(doc, typeScale(Boolean(options.largePrint)), text.beyondPlain);
  drawCover(w, model);

  // The contents page is laid out now, in its place in the reading order, and filled in at
  // the end, when the page of every section is known.
  w.newPage();
  const contentsSect = w.group('Sect', w.root);
  w.heading(2, [{ text: model.contentsHeading }], contentsSect);
  const contents = { page: w.pageIndex, y: doc.y, element: w.group('TOC', contentsSect) };

  for (const [i, section] of model.sections.entries()) {
    const isAppendix = section.appendix;
    // A section with a heat map too wide for a portrait page is set on landscape pages.
    const layout = sectionLayout(section);
    if (i === 0 || isAppendix || layout !== w.layout) w.newPage(layout);
    const sect = w.group('Sect', w.root);
    w.heading(2, [{ text: section.heading }], sect, section.id);
    const indent = section.blocks.some((b) => b.kind === 'paragraph' && b.number) ? SPACE.numberIndent : 0;
    section.blocks.forEach((block, b) => drawBlock(w, sect, block, indent, keepBelow(section.blocks.slice(b + 1, b + 3))));
    sect.end();
  }

  drawContents(w, model, contents);
  contentsSect.end();
  drawPageFurniture(w, model);
  w.finishOutline();

  doc.end();
  await finished;
  return Buffer.concat([...chunks, output.bytes()]);
}

/**
 * Room a subheading keeps below it: a short summary and the start of the table that follow it
 * go on the same page as the heading, not the next.
 */
function keepBelow(next: ReportBlock[]): number {
  let keep = SPACE.keepWithHeading;
  if (next[0]?.kind === 'paragraph') keep += 24;
  if (next[0]?.kind === 'list') keep += 20 * next[0].items.length;
  if (next.some((b) => b.kind === 'table')) keep += 56;
  return keep;
}

/** Landscape for a section whose heat map needs the width; portrait for every other. */
function sectionLayout(section: ReportSection): 'portrait' | 'landscape' {
  const wide = section.blocks.some((b) => b.kind === 'heatmap' && !heatMapFits(b, 'portrait'));
  return wide ? 'landscape' : 'portrait';
}

function drawBlock(w: TaggedWriter, parent: StructElement, block: ReportBlock, indent: number, keep: number): void {
  switch (block.kind) {
    case 'paragraph':
      w.paragraph(block.text, parent, {
        ...(block.number ? { number: block.number } : { indent }),
        ...(block.note ? { note: true } : {}),
        ...(block.lang ? { lang: block.lang } : {}),
      });
      break;
    case 'list':
      w.list(block.items, parent, indent, block.numbering);
      break;
    case 'subheading': {
      const number = block.number ? `${block.number} ` : '';
      const phrases = block.phrases ? [{ text: number }, ...block.phrases] : [{ text: `${number}${block.text}` }];
      w.heading(3, phrases, parent, block.id, keep);
      break;
    }
    case 'table':
      drawTable(w, parent, block);
      break;
    case 'chart':
      drawChart(w, parent, block);
      break;
    case 'trend':
      drawTrendCharts(w, parent, block);
      break;
    case 'heatmap':
      drawHeatMap(w, parent, block);
      break;
    case 'legend':
      drawLegend(w, parent, block);
      break;
    case 'key':
      drawKey(w, parent, block);
      break;
  }
}

function drawCover(w: TaggedWriter, model: ReportDocument): void {
  const doc = w.doc;
  const cover = w.group('Sect', w.root);
  const facts: PdfTable = {
    columns: [
      { header: '', kind: 'text' },
      { header: '', kind: 'long' },
    ],
    rows: model.cover.rows.map((row) => [{ text: row.label }, { text: row.value }]),
    rowHeader: 0,
    noHeader: true,
    widths: [w.width * 0.3, w.width * 0.7],
    summary: model.cover.summary,
  };
  const nameWidth = w.width * 0.62;

  // The item's status, boxed at the top right, where a clerk looks for it.
  w.font('bold', w.type.body);
  const boxWidth = w.width * 0.34;
  const boxX = w.left + w.width - boxWidth;
  const boxHeight = doc.heightOfString(model.cover.part, { width: boxWidth - 16 }) + 14;

  // A cover is one page: a long name, a long sign-off or large print would push its last facts
  // (Wards affected, Key decision) onto the next page, so the organisation's name and the space
  // under it give way first, then the title (coverFit).
  const sizes = coverFit(w, model, nameWidth, boxHeight, tableHeight(w, facts));

  w.tag('P', cover, () => {
    w.font('bold', sizes.name, COLOURS.heading);
    doc.text(model.cover.organisation, w.left, w.top, { width: nameWidth });
  });
  const afterOrganisation = doc.y;

  w.font('bold', w.type.body, model.cover.isPublic ? COLOURS.text : COLOURS.rag.red);
  w.artifact(() => {
    doc.rect(boxX, w.top, boxWidth, boxHeight).lineWidth(1.2).stroke(model.cover.isPublic ? COLOURS.heading : COLOURS.rag.red);
  });
  w.tag('P', cover, () => {
    w.font('bold', w.type.body, model.cover.isPublic ? COLOURS.heading : COLOURS.rag.red);
    doc.text(model.cover.part, boxX + 8, w.top + 7, { width: boxWidth - 16, align: 'center' });
  });

  doc.y = Math.max(afterOrganisation, w.top + boxHeight) + sizes.gap;
  w.artifact(() => {
    doc.moveTo(w.left, doc.y - 14).lineTo(w.left + w.width, doc.y - 14).lineWidth(2).stroke(COLOURS.heading);
  });
  w.heading(1, [{ text: model.cover.title }], cover, undefined, SPACE.keepWithHeading, sizes.title);
  doc.y += 10;

  drawTable(w, cover, facts);

  if (model.cover.notice) {
    doc.y += 8;
    w.font('regular', w.type.body);
    const height = doc.heightOfString(model.cover.notice, { width: w.width - 24, lineGap: w.type.lineGap }) + 20;
    w.ensure(height);
    const y = doc.y;
    w.artifact(() => {
      doc.rect(w.left, y, w.width, height).fill(COLOURS.band);
      doc.rect(w.left, y, 4, height).fill(COLOURS.rag.red);
    });
    w.tag('P', cover, () => {
      w.font('regular', w.type.body);
      doc.text(model.cover.notice!, w.left + 14, y + 10, { width: w.width - 24, lineGap: w.type.lineGap });
    });
    doc.y = y + height;
  }
  cover.end();
}

/**
 * The sizes of the organisation's name and of the title on the cover, and the space under the
 * name, at which the cover's facts fit on its page: the type scale's sizes and 36 pt while they
 * fit; else the name gives way first, down to body size, then the title, down to a section
 * heading's size (what still does not fit runs on).
 */
function coverFit(w: TaggedWriter, model: ReportDocument, nameWidth: number, boxHeight: number, factsHeight: number): CoverSizes {
  const doc = w.doc;
  const title = drawableText(model.cover.title);
  const fits = ({ name, title: titleSize, gap }: CoverSizes) => {
    w.font('bold', name);
    const nameHeight = doc.heightOfString(model.cover.organisation, { width: nameWidth });
    w.font('bold', titleSize);
    const titleHeight = doc.heightOfString(title, { width: w.width, lineGap: w.type.lineGap }) + SPACE.beforeH3 + SPACE.afterH3 + 10;
    return w.top + Math.max(nameHeight, boxHeight) + gap + titleHeight + factsHeight <= w.bottom;
  };
  const { coverOrganisation, h1, h2, body } = w.type;
  const tries: CoverSizes[] = [{ name: coverOrganisation, title: h1, gap: 36 }];
  for (let name = coverOrganisation; name >= body; name -= 1) tries.push({ name, title: h1, gap: 22 });
  for (let size = h1 - 1; size >= h2; size -= 1) tries.push({ name: body, title: size, gap: 22 });
  return tries.find(fits) ?? tries[tries.length - 1]!;
}

interface CoverSizes {
  name: number;
  title: number;
  gap: number;
}

function drawContents(
  w: TaggedWriter,
  model: ReportDocument,
  contents: { page: number; y: number; element: StructElement },
): void {
  const doc = w.doc;
  w.switchToPage(contents.page);
  doc.y = contents.y;
  const numberWidth = 40;
  for (const place of w.headings.filter((h) => h.level === 2)) {
    const item = w.group('TOCI', contents.element);
    const y = doc.y;
    const pageText = String(place.page + 1);
    w.font('regular', w.type.body);
    const textWidth = w.width - numberWidth - 12;
    const height = doc.heightOfString(place.text, { width: textWidth, lineGap: w.type.lineGap });
    const link = w.group('Link', item);
    w.mark(link, 'Link', () => {
      w.font('regular', w.type.body, COLOURS.heading);
      doc.text(place.text, w.left, y, { width: textWidth, lineGap: w.type.lineGap });
    });
    doc.goTo(w.left, y, w.width, height, place.id, {
      structParent: link,
      Contents: new String(place.text),
    } as unknown as Record<string, unknown>);
    link.end();
    // Dot leaders are decoration; the page number is content.
    const lastLineWidth = Math.min(textWidth, doc.widthOfString(place.text.split('\n').pop() ?? ''));
    w.artifact(() => {
      const dotsFrom = w.left + (height > doc.currentLineHeight(true) * 1.5 ? 0 : lastLineWidth) + 6;
      const lineY = y + height - w.type.body * 0.45;
      doc.moveTo(dotsFrom, lineY).lineTo(w.left + w.width - numberWidth, lineY).dash(1, { space: 3 }).lineWidth(0.8).stroke(COLOURS.muted);
      doc.undash();
    });
    w.tag('Reference', item, () => {
      w.font('regular', w.type.body);
      doc.text(pageText, w.left + w.width - numberWidth, y + height - doc.currentLineHeight(true) - w.type.lineGap, { width: numberWidth, align: 'right', lineBreak: false });
    });
    item.end();
    doc.y = y + height + 6;
  }
  contents.element.end();
}

/** Running header and "Page X of Y" on every page; the cover has only the page number. */
function drawPageFurniture(w: TaggedWriter, model: ReportDocument): void {
  const doc = w.doc;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    w.switchToPage(i);
    // Tab through links in the order of the structure tree (PDF/UA asks this of every page).
    (doc.page.dictionary as unknown as { data: Record<string, unknown> }).data.Tabs = 'S';
    // Writing below the bottom margin would make pdfkit start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    // This page's own width: a portrait page after a landscape one is narrower.
    const width = doc.page.width - w.left - doc.page.margins.right;
    w.artifact(() => {
      w.font('regular', w.type.furniture, COLOURS.muted);
      if (i > start && model.runningHeader) {
        oneLine(w, model.runningHeader, w.left, 36, width);
        doc.moveTo(w.left, 50).lineTo(w.left + width, 50).lineWidth(0.5).stroke(COLOURS.rule);
      }
      const footerY = doc.page.height - 40;
      const pageOf = model.pageOf.replace(/\{page\}/g, String(i - start + 1)).replace(/\{pages\}/g, String(count));
      const pageOfWidth = doc.widthOfString(pageOf);
      doc.text(pageOf, w.left, footerY, { width, align: 'right', lineBreak: false });
      w.font('bold', w.type.furniture, model.cover.isPublic ? COLOURS.muted : COLOURS.rag.red);
      oneLine(w, model.cover.part, w.left, footerY, width - pageOfWidth - 12);
    }, 'Pagination');
    doc.page.margins.bottom = margin;
  }
}

/**
 * Page furniture on one line, whatever the names in it: at its own size (the type scale's
 * floor: nothing is set smaller, least of all in large print), with its longest part (a long
 * board's name, between " · ") shortened with an ellipsis when it does not fit, so that the date
 * or page number after it stays.
 */
function oneLine(w: TaggedWriter, text: string, x: number, y: number, width: number): void {
  const doc = w.doc;
  let fitted = text;
  if (doc.widthOfString(fitted) > width) {
    const parts = text.split(' · ');
    for (let guard = 0; doc.widthOfString(fitted) > width && guard < 2000; guard++) {
      const longest = parts.reduce((at, part, i) => (part.length > parts[at]!.length ? i : at), 0);
      const shorter = parts[longest]!.replace(/…$/, '').slice(0, -1).trimEnd();
      if (!shorter) break;
      parts[longest] = `${shorter}…`;
      fitted = parts.join(' · ');
    }
  }
  doc.text(fitted, x, y, { width: Math.max(width, doc.widthOfString(fitted)), lineBreak: false });
}

/**
 * Every text in composed form (Unicode NFC): fonts are drawn without OpenType shaping (see
 * fonts.ts), so an "e" followed by a combining accent must become "é" before it is drawn. Notes
 * in `seen` whether any text has characters beyond those Noto Sans always has, which the
 * fallback fonts may draw (font-fallback.ts).
 */
function composed<T>(value: T, seen: { beyondPlain: boolean }): T {
  if (typeof value === 'string') {
    if (!seen.beyondPlain && beyondPlain(value)) seen.beyondPlain = true;
    return (NEEDS_COMPOSING.test(value) ? value.normalize('NFC') : value) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  // A copy only where something in it changed: a long report is mostly plain text.
  if (Array.isArray(value)) {
    let changed: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = composed(item, seen);
      if (next !== item) (changed ??= [...value])[i] = next;
    }
    return (changed ?? value) as T;
  }
  let changed: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const next = composed(item, seen);
    if (next !== item) (changed ??= { ...record })[key] = next;
  }
  return (changed ?? value) as T;
}

/** Text that NFC could change: combining marks, and the scripts whose syllables compose (Hangul). */
const NEEDS_COMPOSING = /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u1100-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]/;

/**
 * pdfkit writes the document information into the XMP metadata as it stands, so a title with
 * "&" or "<" would make the metadata invalid XML. Its metadata writer is given escaped copies;
 * the document information dictionary keeps the text as it is.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const internal = doc as unknown as { info: Record<string, unknown>; _addInfo(): void };
  const addInfo = internal._addInfo.bind(doc);
  internal._addInfo = () => {
    const original = internal.info;
    internal.info = Object.fromEntries(Object.entries(original).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    try {
      addInfo();
    } finally {
      internal.info = original;
    }
  };
}

function escapeXml(text: string): string {
  // Element content: only these three need escaping.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
