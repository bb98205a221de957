/**
 * The text of a report that its PDF cannot print (font-coverage.ts), found before a page is
 * drawn: every text a page shows (cover, headings, paragraphs, lists, table cells, chart and
 * heat-map labels, page furniture), not what only a screen reader is given (alternative text,
 * table summaries, which the PDF holds as text of any script). The command refuses such a
 * report unless asked for markers (commands/unprintable-check.ts); then each unprintable
 * stretch is replaced by a marker saying what it was and where its text is kept.
 *
 * Imports fontkit and the fonts' files but not pdfkit, so a refusal costs no PDF library.
 */
import { documentText } from '../../core/document-text.js';
import type { ReportDocument } from '../../core/report-document.js';
import { beyondPlain, describeRun, unprintableRuns } from './font-coverage.js';

/** Keys whose text is never drawn on a page: names, languages, and what only screen readers get. */
const NOT_DRAWN = new Set(['id', 'lang', 'alt', 'summary', 'expansion', 'numbering', 'kind', 'metadata', 'title', 'appendixLabel', 'language']);

/** The parts of a report a page draws from (its `title` is the document's metadata; the cover's is drawn). */
function drawnParts(report: ReportDocument): Record<string, unknown> {
  const { runningHeader, pageOf, contentsHeading, cover, sections } = report;
  return { runningHeader, pageOf, contentsHeading, cover: { ...cover, heading: cover.title }, sections };
}

/** Every string a page draws, with the key it is under. */
function visitDrawn(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) visitDrawn(item, visit);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) if (!NOT_DRAWN.has(key)) visitDrawn(record[key], visit);
  }
}

/** Text as the page gets it: composed (NFC) and without control characters (as report.ts and text-layout.ts draw it). */
export function pageText(text: string): string {
  return documentText(text.normalize('NFC'));
}

/** The strings a page draws that hold a character beyond the plain ones every face of Noto Sans has: what may need another font, or none. */
export function drawnTextsBeyondPlain(report: ReportDocument): string[] {
  const found: string[] = [];
  visitDrawn(drawnParts(report), (text) => {
    if (beyondPlain(text)) found.push(text);
  });
  return found;
}

/** Every stretch of text the report's pages would draw and no font of the report can. */
export function findUnprintable(report: ReportDocument): string[] {
  const found = new Set<string>();
  for (const text of drawnTextsBeyondPlain(report)) for (const run of unprintableRuns(pageText(text))) found.add(run);
  return [...found];
}

/** The marker put where a stretch of text cannot be printed: what it was, and where it is kept. */
export function unprintableMarker(run: string): string {
  return `[${describeRun(run)} not printable in PDF: see the Word version or the audit]`;
}

/** The report with each unprintable stretch of drawn text replaced by its marker; what needs none is kept as it is. */
export function markUnprintable(report: ReportDocument): ReportDocument {
  if (findUnprintable(report).length === 0) return report;
  const mark = (value: unknown, key?: string): unknown => {
    if (key !== undefined && NOT_DRAWN.has(key)) return value;
    if (typeof value === 'string') {
      const runs = unprintableRuns(pageText(value));
      if (runs.length === 0) return value;
      let text = pageText(value);
      // Longest first, so that a run inside a longer one is not marked twice.
      for (const run of runs.sort((a, b) => b.length - a.length)) text = text.split(run).join(unprintableMarker(run));
      return text;
    }
    if (Array.isArray(value)) return value.map((item) => mark(item));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v, k)]));
    return value;
  };
  const { cover, sections, runningHeader, pageOf, contentsHeading } = report;
  const coverTitle = mark(cover.title) as string;
  return {
    ...report,
    runningHeader: mark(runningHeader) as string,
    pageOf: mark(pageOf) as string,
    contentsHeading: mark(contentsHeading) as string,
    cover: { ...(mark(cover) as ReportDocument['cover']), title: coverTitle },
    sections: mark(sections) as ReportDocument['sections'],
  };
}
