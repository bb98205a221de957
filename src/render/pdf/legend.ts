/// <reference types="pdfkit" />
/**
 * What the colours of a heat map mean: a caption, then one line per RAG rating with a swatch
 * of its colour (an artifact) and its meaning in words (a list a screen reader reads).
 */
import type { ReportBlock } from '../../core/report-document.js';
import type { StructElement, TaggedWriter } from './tagged-writer.js';
import { COLOURS, HEAT_MAP, SPACE, TYPE } from './theme.js';

type LegendBlock = Extract<ReportBlock, { kind: 'legend' }>;

const SWATCH = { width: 22, height: 11, gap: 8 };

export function drawLegend(w: TaggedWriter, parent: StructElement, block: LegendBlock): void {
  const doc = w.doc;
  w.font('regular', TYPE.small);
  const lineHeight = doc.currentLineHeight(true) + 4;
  w.ensure(lineHeight * (block.items.length + 1) + 4);
  w.tag('P', parent, () => {
    w.font('bold', TYPE.small, COLOURS.text);
    doc.text(block.caption, w.left, doc.y, { width: w.width });
  });
  doc.y += 3;
  const list = w.group('L', parent);
  for (const item of block.items) {
    const y = doc.y;
    w.artifact(() => {
      doc.rect(w.left, y, SWATCH.width, SWATCH.height).fill(COLOURS.ragFill[item.rag]);
      doc.rect(w.left, y, HEAT_MAP.strip, SWATCH.height).fill(COLOURS.rag[item.rag]);
    });
    const li = w.group('LI', list);
    w.tag('LBody', li, () => {
      w.font('regular', TYPE.small, COLOURS.text);
      doc.text(item.text, w.left + SWATCH.width + SWATCH.gap, y, { width: w.width - SWATCH.width - SWATCH.gap });
    });
    li.end();
    doc.y = Math.max(doc.y, y + SWATCH.height) + 3;
  }
  list.end();
  doc.x = w.left;
  doc.y += SPACE.paragraph;
}
