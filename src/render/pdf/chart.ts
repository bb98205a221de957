/// <reference types="pdfkit" />
/**
 * The summary chart: one horizontal bar per standard, its mean rating against a marker at its
 * target, with the value and the RAG rating written beside it (RAG never by colour alone).
 * Tagged as one Figure whose alternative text gives every figure the chart shows; a table of
 * the same figures follows it in the report.
 */
import type { ChartBar } from '../../core/report-document.js';
import type { StructElement, TaggedWriter } from './tagged-writer.js';
import { CHART, COLOURS, SPACE, TYPE } from './theme.js';

export interface PdfChart {
  caption: string;
  alt: string;
  scale: { min: number; max: number };
  targetLabel: string;
  meanLabel: string;
  bars: ChartBar[];
}

export function drawChart(w: TaggedWriter, parent: StructElement, chart: PdfChart): void {
  const doc = w.doc;
  const captionHeight = (w.font('bold', TYPE.small), doc.heightOfString(chart.caption, { width: w.width })) + 4;
  // The legend's two keys side by side, or the target's under the mean's when they do not fit.
  w.font('regular', TYPE.small);
  const plotLeft = w.left + CHART.labelWidth;
  const markerX = plotLeft + 18 + doc.widthOfString(chart.meanLabel) + 20;
  const legendWraps = markerX + 6 + doc.widthOfString(chart.targetLabel) > w.left + w.width;
  const fixed = CHART.axisHeight + CHART.legendHeight * (legendWraps ? 2 : 1);
  // A row is as tall as its label needs (a long standard title runs to two lines), and
  // shrinks only when there are so many standards that the chart would not fit on a page.
  w.font('regular', TYPE.small);
  const labelHeights = chart.bars.map((bar) => doc.heightOfString(bar.label, { width: CHART.labelWidth - 8 }));
  const wanted = labelHeights.map((h) => Math.max(CHART.rowHeight, h + 8));
  const room = w.bottom - w.top - captionHeight - fixed;
  const total = wanted.reduce((a, b) => a + b, 0);
  const rowHeights = total > room ? wanted.map((h) => (h * room) / total) : wanted;
  const rowTops = rowHeights.map((_, i) => rowHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const height = rowHeights.reduce((a, b) => a + b, 0) + fixed;
  w.ensure(captionHeight + height);

  w.tag('P', parent, () => {
    w.font('bold', TYPE.small, COLOURS.text);
    doc.text(chart.caption, w.left, doc.y, { width: w.width });
  });
  doc.y += 4;

  const top = doc.y;
  const plotWidth = w.width - CHART.labelWidth - CHART.valueWidth;
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
      w.font('regular', TYPE.small, COLOURS.muted);
      doc.text(String(v), x - 10, plotBottom + 4, { width: 20, align: 'center', lineBreak: false });
    }
    chart.bars.forEach((bar, i) => {
      const rowTop = top + rowTops[i]!;
      const middle = rowTop + rowHeights[i]! / 2;
      w.font('regular', TYPE.small, COLOURS.text);
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
      w.font(bar.mean === null ? 'italic' : 'bold', TYPE.small, bar.mean === null ? COLOURS.muted : COLOURS.rag[bar.rag]);
      doc.text(bar.valueText, plotLeft + plotWidth + 8, middle - TYPE.small * 0.7, { lineBreak: false });
    });
    // Legend: what the bar and the marker mean.
    const legendY = plotBottom + CHART.axisHeight;
    doc.rect(plotLeft, legendY + 2, 14, 7).fill(COLOURS.muted);
    w.font('regular', TYPE.small, COLOURS.text);
    doc.text(chart.meanLabel, plotLeft + 18, legendY, { lineBreak: false });
    const [targetX, targetY] = legendWraps ? [plotLeft + 7, legendY + CHART.legendHeight] : [markerX, legendY];
    doc.moveTo(targetX, targetY - 1).lineTo(targetX, targetY + 11).lineWidth(2).stroke(COLOURS.text);
    doc.text(chart.targetLabel, legendWraps ? plotLeft + 18 : targetX + 6, targetY, { lineBreak: false });
  });
  figure.end();
  doc.x = w.left;
  doc.y = top + height + SPACE.paragraph;
}
