/**
 * Reading a report details file (--details): the facts of one committee report the audit does
 * not hold. Checked as every user file is: YAML, then schema, then the rules a schema cannot
 * state (a meeting date that is a real date); faults at their line and column.
 */
import { isIsoDate } from '../core/dates.js';
import type { ReportDetails } from '../core/report-details.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { YamlSource } from './yaml-source.js';

export async function loadReportDetails(file: string): Promise<ReportDetails> {
  const text = await readUserFile(file, 'report details file');
  const source = YamlSource.parse(file, text);
  const data = source.toData();
  const faults = validateWithSchema('report-details', data);
  if (faults.length) throw source.errorForAll(faults);
  const details = (data ?? {}) as ReportDetails;
  if (details.meetingDate !== undefined && !isIsoDate(details.meetingDate)) {
    throw source.errorAt(['meetingDate'], `meetingDate "${details.meetingDate}" is not a real date in the form YYYY-MM-DD`);
  }
  return details;
}
