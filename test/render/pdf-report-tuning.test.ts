/**
 * The Cabinet report drawn with pdfkit's own code and with the work-rounds for its speed
 * (src/render/pdf/pdfkit-tuning.ts): the same file byte for byte, but for the repeated fill
 * colours left out; and with those left out, the same drawing: every operator the same, and
 * every run of text and every filled shape in the same colour.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReportDocument } from '../../src/core/report-document.js';
import { buildReportModel } from '../../src/core/report-model.js';
import { readAudit } from '../../src/io/audit-file.js';
import { loadReportTemplate } from '../../src/io/report-template.js';
import { renderReportPdf } from '../../src/render/pdf/report.js';
import { ROOT } from '../helpers/cli.js';

const tuning = vi.hoisted(() => ({ on: true, colours: true }));

vi.mock('../../src/render/pdf/pdfkit-tuning.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/render/pdf/pdfkit-tuning.js')>();
  return {
    ...actual,
    cacheWordMeasures: (font: unknown) => tuning.on && actual.cacheWordMeasures(font),
    batchPageContent: (page: unknown) => tuning.on && actual.batchPageContent(page),
    collectOutput: (doc: PDFKit.PDFDocument) => (tuning.on ? actual.collectOutput(doc) : { bytes: () => Buffer.alloc(0) }),
    drawTextLine: (doc: PDFKit.PDFDocument, text: string, x: number, y: number) =>
      tuning.on ? actual.drawTextLine(doc, text, x, y) : doc.text(text, x, y, { lineBreak: false }),
    skipRepeatedFillColours: (doc: PDFKit.PDFDocument) => tuning.colours && actual.skipRepeatedFillColours(doc),
  };
});

const WELSH = ['language: cy', 'nation: wales', 'labels:', '  contents: Cynnwys', '  pageOf: "Tudalen {page} o {pages}"'].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'audit-pdf-tuning-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reports: { name: string; model: ReportDocument; largePrint?: boolean }[] = [];
beforeAll(async () => {
  writeFileSync(join(dir, 'cymraeg.yaml'), WELSH);
  const { audit, framework } = await readAudit(join(ROOT, 'examples/borsetshire-climbie-2003-04.yaml'));
  const details = { meetingDate: '2004-07-21', backgroundPapers: ['Self-audit working papers'] };
  for (const [name, templateRef, isPublic] of [
    ['English, full', undefined, false],
    ['Welsh, public', join(dir, 'cymraeg.yaml'), true],
  ] as const) {
    const { template } = await loadReportTemplate(templateRef);
    const model = buildReportModel(framework.framework, audit, { template, isPublic, asOf: '2004-07-21', details, kind: template.organisationKind });
    reports.push({ name, model });
  }
  reports.push({ name: 'English, large print', model: reports[0]!.model, largePrint: true });
}, 60_000);

async function render(report: (typeof reports)[number], on: boolean, colours: boolean): Promise<Buffer> {
  tuning.on = on;
  tuning.colours = colours;
  try {
    return Buffer.from(await renderReportPdf(report.model, { creationDate: new Date(Date.UTC(2026, 0, 1)), creator: 'test', largePrint: report.largePrint ?? false }));
  } finally {
    tuning.on = true;
    tuning.colours = true;
  }
}

/**
 * What each page's content stream draws: every operator but the fill colour's, each text
 * shown and each shape filled with the fill colour in effect (followed through q and Q).
 */
function drawing(pdf: Buffer): string[][] {
  const text = pdf.toString('latin1');
  const pages: string[][] = [];
  for (const match of text.matchAll(/\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, text.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue;
    }
    if (!/ (Tf|re)\n/.test(content)) continue;
    const ops: string[] = [];
    let fill = '0 g';
    const stack: string[] = [];
    for (const line of content.split('\n')) {
      if (/ cs$/.test(line)) continue;
      if (/ scn$/.test(line)) {
        fill = line;
        continue;
      }
      if (line === 'q') stack.push(fill);
      if (line === 'Q') fill = stack.pop() ?? '0 g';
      ops.push(/ TJ$|^f\*?$|^[Bb]\*?$/.test(line) ? `${line} in ${fill}` : line);
    }
    pages.push(ops);
  }
  return pages;
}

describe('the Cabinet report, drawn with the work-rounds for pdfkit’s speed', () => {
  it('is the same file byte for byte as pdfkit’s own drawing, but for the colours left out', async () => {
    for (const report of reports) {
      const own = await render(report, false, false);
      const tuned = await render(report, true, false);
      expect(tuned.equals(own), report.name).toBe(true);
    }
  });

  it('with repeated fill colours left out, draws every page the same, in the same colours', async () => {
    for (const report of reports) {
      const own = drawing(await render(report, false, false));
      const tuned = drawing(await render(report, true, true));
      expect(own.length, report.name).toBeGreaterThan(10);
      expect(tuned, report.name).toEqual(own);
    }
  });
});
