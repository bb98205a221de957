/// <reference types="pdfkit" />
/**
 * What a heat map's colours and numbers mean, set compactly in columns across the page so that
 * they sit on the same page as the heat map. The legend: a swatch of each RAG colour (an
 * artifact) and its meaning in words. The key: what each numbered column stands for. Both are
 * tagged lists, read in order: down the first column, then the next.
 */
import type { Rag } from '../../core/gap-analysis.js';
import type { ReportBlock } from '../../core/report-document.js';
import { setAttributes, type StructElement, type TaggedWriter } from './tagged-writer.js';
import { COLOURS, HEAT_MAP, SPACE } from './theme.js';

type LegendBlock = Extract<ReportBlock, { kind: 'legend' }>;
type KeyBlock = Extract<ReportBlock, { kind: 'key' }>;

const SWATCH = { width: 22, height: 10 };

export function drawLegend(w: TaggedWriter, parent: StructElement, block: LegendBlock): void {
  drawColumns(w, parent, block.caption, block.items, { minColumn: 330, markWidth: SWATCH.width + 6 });
}

export function drawKey(w: TaggedWriter, parent: StructElement, block: KeyBlock): void {
  drawColumns(w, parent, block.caption, block.items, { minColumn: 180, markWidth: 20 });
}

interface ColumnItem {
  text: string;
  /** A number, drawn as the item's label (Lbl). */
  label?: string;
  /** A colour swatch, drawn as decoration. */
  rag?: Rag;
  /** The text's language, when not the document's. */
  lang?: string;
}

function drawColumns(w: TaggedWriter, parent: StructElement, caption: string, items: ColumnItem[], layout: { minColumn: number; markWidth: number }): void {
  const doc = w.doc;
  w.font('regular', w.type.small);
  // As many columns as fit, or fewer when fewer make the list shorter (long items wrap less).
  const most = Math.max(1, Math.min(items.length, Math.floor(w.width / layout.minColumn)));
  let best: ReturnType<typeof arrange> | undefined;
  for (let columns = 1; columns <= most; columns++) {
    const arranged = arrange(w, items, columns, layout.markWidth);
    if (!best || arranged.height < best.height - 0.5) best = arranged;
  }
  const { perColumn, columnWidth, textWidth, rowTops, height } = best!;
  w.font('bold', w.type.small);
  const captionHeight = doc.heightOfString(caption, { width: w.width }) + 3;
  w.ensure(captionHeight + height);

  w.tag('P', parent, () => {
    w.font('bold', w.type.small, COLOURS.text);
    doc.text(caption, w.left, doc.y, { width: w.width });
  });
  doc.y += 3;
  const top = doc.y;
  const list = w.group('L', parent);
  setAttributes(list, { O: 'List', ListNumbering: items.some((item) => item.label !== undefined) ? 'Decimal' : 'None' });
  items.forEach((item, i) => {
    const x = w.left + Math.floor(i / perColumn) * columnWidth;
    const y = top + rowTops[i % perColumn]!;
    const li = w.group('LI', list);
    if (item.rag) {
      const rag = item.rag;
      w.artifact(() => {
        doc.rect(x, y, SWATCH.width, SWATCH.height).fill(COLOURS.ragFill[rag]);
        doc.rect(x, y, HEAT_MAP.strip, SWATCH.height).fill(COLOURS.rag[rag]);
      });
    }
    if (item.label !== undefined) {
      w.tag('Lbl', li, () => {
        w.font('bold', w.type.small, COLOURS.text);
        doc.text(item.label!, x, y, { width: layout.markWidth - 4, align: 'right', lineBreak: false });
      });
    }
    w.tag(
      'LBody',
      li,
      () => {
        w.font('regular', w.type.small, COLOURS.text);
        doc.text(item.text, x + layout.markWidth + 4, y, { width: textWidth });
      },
      item.lang ? { lang: item.lang } : undefined,
    );
    li.end();
  });
  list.end();
  doc.x = w.left;
  doc.y = top + height + SPACE.paragraph;
}

/** Items down `columns` columns: each row as tall as its tallest item. */
function arrange(w: TaggedWriter, items: ColumnItem[], columns: number, markWidth: number) {
  const perColumn = Math.ceil(items.length / columns);
  const columnWidth = w.width / columns;
  const textWidth = columnWidth - markWidth - 12;
  const heights = items.map((item) => w.doc.heightOfString(item.text, { width: textWidth }) + 3);
  const rowHeights = Array.from({ length: perColumn }, (_, r) =>
    Math.max(...Array.from({ length: columns }, (_, c) => heights[c * perColumn + r] ?? 0)),
  );
  const rowTops = rowHeights.map((_, r) => rowHeights.slice(0, r).reduce((a, b) => a + b, 0));
  return { perColumn, columnWidth, textWidth, rowTops, height: rowHeights.reduce((a, b) => a + b, 0) };
}
