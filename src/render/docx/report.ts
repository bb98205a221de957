import type { ReportDocument } from '../../core/report-document.js';
export async function renderReportDocx(_report: ReportDocument, _options: { creationDate: Date; creator: string; largePrint: boolean }): Promise<Uint8Array> {
  throw new Error('not yet');
}
