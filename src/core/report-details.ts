/**
 * The facts of one committee report that the audit does not hold (who wrote it and whom to
 * contact, the cabinet member, the meeting, the background papers, what the consultation and
 * children and families said), as a report details file (--details) and the command line give
 * them. The command line wins over the file.
 */
import type { Nation } from './template-text.js';

export interface Person {
  name: string;
  role?: string;
  telephone?: string;
  email?: string;
}

export interface ReportDetails {
  title?: string;
  committee?: string;
  /** YYYY-MM-DD. */
  meetingDate?: string;
  /** Whose report it is ("Report of"). */
  officer?: string;
  /** The partnership's name (the partnership report). */
  partnership?: string;
  portfolioHolder?: string;
  organisationKind?: string;
  nation?: Nation;
  author?: Person;
  /** The contact officer; the author when not given. */
  contact?: Person;
  /** Undefined: not said; []: none. */
  backgroundPapers?: string[];
  otherOptions?: string;
  reasons?: string;
  consultation?: string;
  childrensVoice?: string;
}

/** The file's details with every fact the command line gives laid over them. */
export function mergeDetails(file: ReportDetails, options: ReportDetails): ReportDetails {
  const merged: ReportDetails = { ...file };
  for (const [key, value] of Object.entries(options) as [keyof ReportDetails, unknown][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** A person as a cover shows them: name and role, then how to reach them, one item a line. */
export function personLines(person: Person, labels: { telephoneLabel: string; emailLabel: string }): string {
  return [
    [person.name, person.role].filter(Boolean).join(', '),
    ...(person.telephone ? [`${labels.telephoneLabel}: ${person.telephone}`] : []),
    ...(person.email ? [`${labels.emailLabel}: ${person.email}`] : []),
  ].join('\n');
}
