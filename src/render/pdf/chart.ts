/// <reference types="pdfkit" />
/**
 * The summary chart: one horizontal bar per standard, its mean rating against a marker at its
 * target, with the value and the RAG rating written beside it (RAG never by colour alone).
 * Tagged as one Figure whose alternative text gives every figure the chart shows; a table of
 * the same figures follows it in the report.
 */
import type { Rag } from '../../core/gap-analysis.js';
import type { ChartBar } from '../../core/report-document.js';
import type { StructElement, TaggedWriter } from './tagged-writer.js';
import { wrapText } from './text-layout.js';
import { CHART, COLOURS, SPACE } from './theme.js';

export interface PdfChart {
  caption: string;
  alt: string;
  scale: { min: number; max: number };
  targetLabel: string;
  meanLabel: string;
  ragKey: { rag: Rag; text: string }[];
  targetNote?: string;
  bars: ChartBar[];
}

export function drawChart(w: TaggedWriter, parent: StructElement, chart: PdfChart): void {
  const doc = w.doc;
  const captionHeight = (w.font('bold', w.type.small), doc.heightOfString(chart.caption, { width: w.width })) + 4;
  // The legend says what the bars are and names each colour they take, then the target's
  // marker; on two lines when one will not hold it.
  w.font('regular', w.type.small);
  const plotLeft = w.left + CHART.labelWidth;
  const legend = legendLayout(w, chart, plotLeft);
  const fixed = CHART.axisHeight + legend.height;
  // A row is as tall as its label needs (a long standard title runs to two lines), and
  // shrinks only when there are so many standards that the chart would not fit on a page.
  w.font('regular', w.type.small);
  const labelHeights = chart.bars.map((bar) => doc.heightOfString(bar.label, { width: CHART.labelWidth - 8 }));
  const wanted = labelHeights.map((h) => Math.max(CHART.rowHeight, h + 8));
  const room = w.bottom - w.top - captionHeight - fixed;
  const total = wanted.reduce((a, b) => a + b, 0);
  const rowHeights = total > room ? wanted.map((h) => (h * room) / total) : wanted;
  const rowTops = rowHeights.map((_, i) => rowHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const height = rowHeights.reduce((a, b) => a + b, 0) + fixed;
  w.ensure(captionHeight + height);

  w.tag('P', parent, () => {
    w.font('bold', w.type.small, COLOURS.text);
    doc.text(chart.caption, w.left, doc.y, { width: w.width });
  });
  doc.y += 4;

  const top = doc.y;
  // Room for the widest value after the plot ("3.75 · Amber" in large print is wider than the
  // room set for it), so that no value runs past the margin.
  w.font('bold', w.type.small);
  const valueWidth = Math.max(CHART.valueWidth, CHART.valueGap + Math.max(0, ...chart.bars.map((bar) => doc.widthOfString(bar.valueText))) + 2);
  const plotWidth = w.width - CHART.labelWidth - valueWidth;
  // Bars start at zero (or the bottom of a scale below zero), so a mean of 1 is a bar, not nothing.
  const axisMin = Math.min(0, chart.scale.min);
  const span = Math.max(1, chart.scale.max - axisMin);
  const xOf = (value: number) => plotLeft + ((Math.min(Math.max(value, axisMin), chart.scale.max) - axisMin) / span) * plotWidth;
  const plotBottom = top + height - fixed;
  const barHeight = Math.min(CHART.barHeight, Math.min(...rowHeights, CHART.rowHeight) * 0.6);

  const figure = w.group('Figure', parent, {
    alt: chart.alt,
    bbox: [w.left, top, w.left + w.width, top + height],
    placement: 'Block',
  });
  w.mark(figure, 'Figure', () => {
    // Grid: a line at every point of the scale, numbered under the plot.
    const step = span <= 10 ? 1 : Math.ceil(span / 10);
    for (let v = axisMin; v <= chart.scale.max; v += step) {
      const x = xOf(v);
      doc.moveTo(x, top).lineTo(x, plotBottom).lineWidth(0.4).stroke(COLOURS.rule);
      w.font('regular', w.type.small, COLOURS.muted);
      doc.text(String(v), x - 10, plotBottom + 4, { width: 20, align: 'center', lineBreak: false });
    }
    chart.bars.forEach((bar, i) => {
      const rowTop = top + rowTops[i]!;
      const middle = rowTop + rowHeights[i]! / 2;
      w.font('regular', w.type.small, COLOURS.text);
      doc.text(bar.label, w.left, middle - Math.min(labelHeights[i]!, rowHeights[i]!) / 2, {
        width: CHART.labelWidth - 8,
        height: rowHeights[i]!,
        ellipsis: true,
      });
      if (bar.mean !== null) {
        const x0 = xOf(axisMin);
        doc.rect(x0, middle - barHeight / 2, Math.max(1, xOf(bar.mean) - x0), barHeight).fill(COLOURS.rag[bar.rag]);
      }
      const tx = xOf(bar.target);
      doc.moveTo(tx, middle - barHeight / 2 - 3).lineTo(tx, middle + barHeight / 2 + 3).lineWidth(2).stroke(COLOURS.text);
      w.font(bar.mean === null ? 'italic' : 'bold', w.type.small, bar.mean === null ? COLOURS.muted : COLOURS.rag[bar.rag]);
      // Clear of a target marker at the top of the scale, so that the two do not read as one ("| 3.00").
      doc.text(bar.valueText, plotLeft + plotWidth + CHART.valueGap, middle - w.type.small * 0.7, { lineBreak: false });
    });
    // Legend: what the bars mean, each colour named, and the marker.
    const legendY = plotBottom + CHART.axisHeight;
    w.font('regular', w.type.small, COLOURS.text);
    for (const item of legend.items) {
      const y = legendY + item.line * legend.lineHeight;
      if (item.rag) doc.rect(item.x, y + 2, 14, 7).fill(COLOURS.rag[item.rag]);
      if (item.marker) doc.moveTo(item.x + 7, y - 1).lineTo(item.x + 7, y + 11).lineWidth(2).stroke(COLOURS.text);
      w.font('regular', w.type.small, COLOURS.text);
      doc.text(item.text, item.x + (item.rag || item.marker ? 18 : 0), y, { lineBreak: false });
    }
  });
  figure.end();
  doc.x = w.left;
  doc.y = top + height + SPACE.paragraph;
  // Why a marker falls between points of the scale: read as text, not only in the figure's alternative text.
  if (chart.targetNote) {
    w.tag('P', parent, () => {
      w.font('italic', w.type.small, COLOURS.muted);
      doc.text(chart.targetNote!, w.left, doc.y, { width: w.width });
    });
    doc.x = w.left;
    doc.y += SPACE.paragraph;
  }
}

interface LegendItem {
  text: string;
  x: number;
  line: number;
  rag?: Rag;
  marker?: boolean;
}

/**
 * Where each item of the legend goes: in one row from the plot's left when it all fits; else
 * what the bars are on a line of its own and the keys (each colour, then the marker) together
 * on the next, wrapping between keys, never between a swatch and its word.
 */
function legendLayout(w: TaggedWriter, chart: PdfChart, left: number): { items: LegendItem[]; height: number; lineHeight: number } {
  const doc = w.doc;
  const right = w.left + w.width;
  const lineHeight = Math.max(CHART.legendHeight, w.type.small * 1.6);
  const keys: Omit<LegendItem, 'x' | 'line'>[] = [...chart.ragKey.map((k) => ({ text: k.text, rag: k.rag })), { text: chart.targetLabel, marker: true }];
  const widthOf = (entry: Omit<LegendItem, 'x' | 'line'>) => doc.widthOfString(entry.text) + (entry.rag || entry.marker ? 18 : 0);
  const gap = 14;
  const oneRow = [chart.meanLabel, ...keys].length * gap + widthOf({ text: chart.meanLabel }) + keys.reduce((sum, k) => sum + widthOf(k), 0) - gap;
  // What the bars are starts under the plot; when it is too long for that (large print, a
  // longer language) it starts at the margin, and wraps there, never running off the page.
  const meanLeft = widthOf({ text: chart.meanLabel }) <= right - left ? left : w.left;
  const meanLines = wrapText(doc, chart.meanLabel, right - meanLeft, 0).lines;
  const items: LegendItem[] = meanLines.map((text, i) => ({ text, x: meanLeft, line: i }));
  let line = oneRow <= right - left ? 0 : meanLines.length;
  let x = line === 0 ? left + widthOf({ text: chart.meanLabel }) + gap : left;
  for (const key of keys) {
    const width = widthOf(key);
    if (x > left && x + width > right) {
      line++;
      x = left;
    }
    items.push({ ...key, x, line });
    x += width + gap;
  }
  return { items, height: (line + 1) * lineHeight, lineHeight };
}
