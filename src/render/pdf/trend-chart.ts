/// <reference types="pdfkit" />
/**
 * The direction of travel: a small line chart per standard, two to a row, over the same periods
 * and scale, so that they read side by side. Each is its standard's mean rating in each period,
 * the points in their RAG colour with the value written above them, a dashed line at the target
 * and a gap where a period has no rating. Each chart is tagged as one Figure whose alternative
 * text gives every figure it shows; the caption and the key are text before them, and a table
 * of the same figures, with the RAG ratings in words, follows in the report.
 */
import type { Rag } from '../../core/gap-analysis.js';
import type { TrendChart } from '../../core/report-document.js';
import type { StructElement, TaggedWriter } from './tagged-writer.js';
import { COLOURS, SPACE } from './theme.js';

export interface PdfTrend {
  caption: string;
  key: string;
  periods: string[];
  scale: { min: number; max: number };
  targetLabel: string;
  charts: TrendChart[];
}

const LAYOUT = {
  columns: 2,
  gutter: 18,
  plotHeight: 86,
  /** Room left of the plot for the scale's numbers. */
  axisWidth: 16,
  /** Room below the plot for the periods. */
  periodsHeight: 16,
  pointRadius: 2.6,
  gapAfter: 12,
};

export function drawTrendCharts(w: TaggedWriter, parent: StructElement, trend: PdfTrend): void {
  const doc = w.doc;
  w.font('bold', w.type.small);
  const captionHeight = doc.heightOfString(trend.caption, { width: w.width });
  w.font('regular', w.type.small);
  const keyHeight = doc.heightOfString(trend.key, { width: w.width });
  const chartWidth = (w.width - LAYOUT.gutter * (LAYOUT.columns - 1)) / LAYOUT.columns;
  const titleHeight = Math.max(...trend.charts.map((c) => doc.heightOfString(c.label, { width: chartWidth })), w.type.small * 1.3);
  const chartHeight = titleHeight + 4 + LAYOUT.plotHeight + periodsHeight(w);
  // The caption and key stay with the first row of charts.
  w.ensure(captionHeight + keyHeight + 8 + chartHeight);

  w.tag('P', parent, () => {
    w.font('bold', w.type.small, COLOURS.text);
    doc.text(trend.caption, w.left, doc.y, { width: w.width });
  });
  doc.y += 2;
  w.tag('P', parent, () => {
    w.font('regular', w.type.small, COLOURS.muted);
    doc.text(trend.key, w.left, doc.y, { width: w.width });
  });
  doc.y += 6;

  for (let i = 0; i < trend.charts.length; i += LAYOUT.columns) {
    w.ensure(chartHeight);
    const top = doc.y;
    trend.charts.slice(i, i + LAYOUT.columns).forEach((chart, column) => {
      drawOne(w, parent, trend, chart, w.left + column * (chartWidth + LAYOUT.gutter), top, chartWidth, titleHeight);
    });
    doc.x = w.left;
    doc.y = top + chartHeight + LAYOUT.gapAfter;
  }
  doc.y += SPACE.paragraph - LAYOUT.gapAfter;
}

function drawOne(w: TaggedWriter, parent: StructElement, trend: PdfTrend, chart: TrendChart, left: number, top: number, width: number, titleHeight: number): void {
  const doc = w.doc;
  const plotLeft = left + LAYOUT.axisWidth;
  const plotWidth = width - LAYOUT.axisWidth - 6;
  const plotTop = top + titleHeight + 4;
  const plotBottom = plotTop + LAYOUT.plotHeight;
  const { min, max } = trend.scale;
  const span = Math.max(1, max - min);
  // A little room above the top of the scale for the values written over the points.
  const yOf = (value: number) => plotBottom - ((Math.min(Math.max(value, min), max) - min) / span) * (LAYOUT.plotHeight - 12);
  const n = trend.periods.length;
  // The first and last points stand in far enough for their periods to be centred under them
  // within the plot (large print's periods are wider than the 10 pt once kept).
  w.font('regular', w.type.small);
  const labelWidth = Math.max(...trend.periods.map((p) => doc.widthOfString(p)));
  const inset = Math.min(plotWidth / 2, Math.max(10, labelWidth / 2 + 2));
  const xOf = (index: number) => (n === 1 ? plotLeft + plotWidth / 2 : plotLeft + inset + (index * (plotWidth - 2 * inset)) / (n - 1));

  const figure = w.group('Figure', parent, {
    alt: chart.alt,
    bbox: [left, top, left + width, plotBottom + periodsHeight(w)],
    placement: 'Block',
  });
  w.mark(figure, 'Figure', () => {
    w.font('bold', w.type.small, COLOURS.text);
    doc.text(chart.label, left, top, { width, height: titleHeight, ellipsis: true });
    // The scale: a line at each point, numbered on the left.
    const step = span <= 10 ? 1 : Math.ceil(span / 10);
    for (let v = min; v <= max; v += step) {
      const y = yOf(v);
      doc.moveTo(plotLeft, y).lineTo(plotLeft + plotWidth, y).lineWidth(0.4).stroke(COLOURS.rule);
      w.font('regular', w.type.small, COLOURS.muted);
      doc.text(String(v), left, y - w.type.small * 0.55, { width: LAYOUT.axisWidth - 4, align: 'right', lineBreak: false });
    }
    // The target, dashed.
    const ty = yOf(chart.target);
    doc.save();
    doc.moveTo(plotLeft, ty).lineTo(plotLeft + plotWidth, ty).lineWidth(1.2).dash(3, { space: 2 }).stroke(COLOURS.text);
    doc.undash();
    doc.restore();
    // The periods under the plot: every one that fits, always the first and the last.
    w.font('regular', w.type.small, COLOURS.muted);
    const every = Math.max(1, Math.ceil((labelWidth + 4) / Math.max(1, (plotWidth - 2 * inset) / Math.max(1, n - 1))));
    trend.periods.forEach((period, i) => {
      if (i % every !== 0 && i !== n - 1) return;
      doc.text(period, xOf(i) - labelWidth / 2 - 2, plotBottom + 3, { width: labelWidth + 4, align: 'center', lineBreak: false });
    });
    // The line, broken where a period has no rating, then the points over it.
    doc.lineWidth(1.5);
    let drawing = false;
    chart.points.forEach((point, i) => {
      if (point.mean === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xOf(i), yOf(point.mean));
      else doc.moveTo(xOf(i), yOf(point.mean));
      drawing = true;
    });
    doc.stroke(COLOURS.heading);
    chart.points.forEach((point, i) => {
      if (point.mean === null) return;
      const x = xOf(i);
      const y = yOf(point.mean);
      doc.circle(x, y, LAYOUT.pointRadius).fill(colour(point.rag));
      w.font('bold', w.type.small, colour(point.rag));
      // Above the point, unless the target's line runs there: then below it.
      const above = y - w.type.small - 4;
      const clash = ty > above - 1 && ty < y;
      doc.text(point.mean.toFixed(1), x - 12, clash ? y + 4 : above, { width: 24, align: 'center', lineBreak: false });
    });
  });
  figure.end();
}

/** Room under a plot for its periods: a line of the type in use, large print's too. */
function periodsHeight(w: TaggedWriter): number {
  return Math.max(LAYOUT.periodsHeight, w.type.small * 1.4 + 3);
}

function colour(rag: Rag): string {
  return COLOURS.rag[rag];
}
