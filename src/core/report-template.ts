/**
 * The Cabinet report's template (templates/cabinet-report.yaml and a council's own copy of
 * it): its keys, its labels, the wording by kind of organisation, and the placeholders each of
 * its strings may use. The text machinery itself (placeholders, text blocks, merging) is
 * src/core/template-text.ts.
 */
import type { Rag } from './gap-analysis.js';
import {
  checkTemplateText,
  DOCUMENT_COLUMN_KEYS,
  DOCUMENT_LABEL_KEYS,
  DOCUMENT_LABEL_PLACEHOLDERS,
  placeholderRules,
  type ByNation,
  type DeepPartial,
  type DocumentTemplate,
  type ItemsSection,
  type PlaceholderRules,
  type TemplateFault,
  type TemplateKind,
  type TemplateSection,
} from './template-text.js';

export const LABEL_KEYS = [
  ...DOCUMENT_LABEL_KEYS,
  'officerLabel', 'assessorLabel', 'moderationNote', 'evidenceOmitted', 'noEvidence', 'notAssessed', 'noGaps', 'noPlan',
  'standardSummary', 'standardHeading', 'standardTitle', 'moderatedBy', 'previousPeriod', 'planStandard',
  'summaryTableSummary', 'gapTableSummary', 'planTableSummary', 'ratingsTableSummary', 'ratingsTableSummaryEvidence',
  'trendCaption', 'trendKey', 'trendAlt', 'trendAltItem', 'trendAltPoint', 'trendAltNone', 'trendEdition', 'trendViaCrosswalk',
  'trendViaIds', 'trendOverall', 'trendTableSummary',
  'notApplicable', 'allNotApplicable', 'standardNotApplicable', 'notApplicableShort',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

export const COLUMN_KEYS = [
  ...DOCUMENT_COLUMN_KEYS,
  'rating', 'selfRating', 'moderated', 'previous', 'gap', 'priority', 'action', 'owner', 'due', 'status', 'evidence', 'change',
  'notApplicable',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type ReportLabels = Record<LabelKey, string> & {
  rag: Record<Rag, string>;
  priority: { high: string; medium: string };
  status: { open: string; 'in-progress': string; done: string; overdue: string; needsAction: string; awaitingReassessment: string };
  columns: Record<ColumnKey, string>;
  nations: DocumentTemplate['labels']['nations'];
};

/** The sections the Cabinet report builds from its figures; any other key is a section of text alone. */
export const CABINET_SECTIONS = [
  'purpose', 'recommendations', 'summary', 'directionOfTravel', 'gapAnalysis', 'improvementPlan', 'childrensVoice', 'consultation',
  'otherOptions', 'reasons', 'implications', 'backgroundPapers',
] as const;
export const CABINET_APPENDICES = ['ratings', 'method'] as const;

export interface ImplicationsSection extends TemplateSection {
  /** The sub-sections, in order: keys of this section. */
  parts: string[];
  [part: string]: TemplateSection | string | string[] | TemplateSection['earlier'];
}

export interface ReportSections {
  purpose: TemplateSection;
  recommendations: ItemsSection;
  summary: TemplateSection;
  /** The direction of travel over earlier periods: only with audit report --history. */
  directionOfTravel: TemplateSection;
  gapAnalysis: TemplateSection;
  improvementPlan: TemplateSection;
  childrensVoice: TemplateSection;
  consultation: TemplateSection;
  otherOptions: TemplateSection;
  reasons: TemplateSection;
  implications: ImplicationsSection;
  backgroundPapers: TemplateSection;
  /** A council's own sections: text alone. */
  [custom: string]: TemplateSection;
}

/** How the wording names one kind of organisation, and how its private reports are marked. */
export interface OrganisationWords {
  /** "the council", "the force": {body}. */
  body: string;
  /** Who the report is of, by default. */
  officer: string;
  committee: string;
  /** The label of the member who holds the portfolio: "Cabinet member (portfolio holder)". */
  portfolioHolder: string;
  publicItem?: string;
  exemptItem?: string;
  /** The notice on a private report, by nation for a council (whose law differs). */
  exemptNotice?: string | ByNation;
  /** Wording that replaces the template's for this kind of organisation. */
  sections?: DeepPartial<ReportSections>;
  /** Cover lines for this kind only, after the template's own (a council's "Wards affected"). */
  cover?: { rows: { label: string; value: string }[] };
}

export interface ReportTemplate extends DocumentTemplate {
  /** The kind of organisation when the audit does not say and no option does. */
  organisationKind: string;
  organisations: Record<string, OrganisationWords>;
  sections: ReportSections;
  appendices: { ratings: TemplateSection & { publicHeading?: string; publicText?: string }; method: TemplateSection; [custom: string]: TemplateSection };
  labels: ReportLabels;
}

/** Facts of the audit itself: all that the report title, committee and officer may use. */
export const FACT_PLACEHOLDERS = ['organisation', 'period', 'framework', 'frameworkEdition', 'assessor'] as const;

/** {sectionGapAnalysis} → "4": the number a built-in section has in this report. */
export const sectionPlaceholder = (key: string) => `section${key[0]!.toUpperCase()}${key.slice(1)}`;
/** {appendixRatings} → "A". */
export const appendixPlaceholder = (key: string) => `appendix${key[0]!.toUpperCase()}${key.slice(1)}`;

/** Counts a recommendation may be made conditional on (`when:`). */
export const CABINET_CONDITIONS = ['gaps', 'highGaps', 'mediumGaps', 'needsAction', 'overdue', 'notAssessed', 'moderatedChanges', 'redStandards', 'amberStandards'] as const;

/** Everything the report's wording may use. */
export const GENERAL_PLACEHOLDERS = [
  ...FACT_PLACEHOLDERS,
  'committee', 'theCommittee', 'meetingDate', 'officer', 'reportTitle', 'part', 'asOf', 'body', 'nation', 'legalBasis',
  'overallRag', 'overallJudgement', 'standards', 'criteria', 'rated', 'notAssessed', 'meanRating',
  'scaleMin', 'scaleMax', 'gaps', 'highGaps', 'mediumGaps', 'withAction', 'needsAction', 'overdue',
  'moderatedChanges', 'signoff', 'priorityRule', 'redStandards', 'amberStandards', 'greenStandards', 'notApplicable',
  // Standards with nothing rated, and those none of whose criteria applies: with the three above, every standard.
  'unratedStandards', 'notApplicableStandards',
  // The direction of travel's periods (audit report --history); "–" in a report without it.
  'historyFirst', 'historyLast', 'historyPeriods', 'earlierPeriods',
  ...CABINET_SECTIONS.map(sectionPlaceholder),
  ...CABINET_APPENDICES.map(appendixPlaceholder),
] as const;
export type GeneralPlaceholder = (typeof GENERAL_PLACEHOLDERS)[number];

/** Labels filled where they are used, with values of their own (a page number, a standard). */
export const LABEL_PLACEHOLDERS: Partial<Record<LabelKey, readonly string[]>> = {
  ...DOCUMENT_LABEL_PLACEHOLDERS,
  standardSummary: ['rated', 'criteria', 'mean', 'target', 'belowTarget'],
  standardHeading: ['number', 'title', 'rag'],
  standardTitle: ['number', 'title'],
  planStandard: ['number', 'title'],
  gapTableSummary: ['number'],
  ratingsTableSummary: ['number'],
  ratingsTableSummaryEvidence: ['number'],
  moderatedBy: ['by'],
  previousPeriod: ['period', 'rating'],
  trendAltItem: ['standard', 'points', 'target'],
  trendAltPoint: ['period', 'mean', 'rag'],
  trendAltNone: ['period'],
  trendEdition: ['period', 'edition', 'via', 'equal', 'criteria'],
  standardNotApplicable: ['count', 'list'],
};

const rules = placeholderRules({
  general: GENERAL_PLACEHOLDERS,
  only: { reportTitle: FACT_PLACEHOLDERS, committee: FACT_PLACEHOLDERS, officer: FACT_PLACEHOLDERS },
  labels: LABEL_PLACEHOLDERS,
  notIn: {
    judgements: ['overallJudgement'],
    'labels.priorityRule': ['priorityRule', 'overallJudgement'],
    'labels.priorityRuleGapOnly': ['priorityRule', 'overallJudgement'],
  },
});
const FACTS = new Set<string>(FACT_PLACEHOLDERS);

/**
 * The placeholders allowed in the template string at `path`. Values that are themselves made
 * from template text (the judgement, the priority rule, the title) may not refer to themselves.
 * An organisation kind's words are read as the keys they stand for: its body, officer and
 * committee as the command line's defaults are, its sections as sections, its notice as a label.
 */
export const placeholdersAllowedAt: PlaceholderRules = (path) => {
  if (path[0] !== 'organisations') return rules(path);
  const field = path[2];
  if (field === 'sections') return rules(['sections', ...path.slice(3)]);
  if (field === 'cover') return rules(['cover', ...path.slice(3)]);
  if (field === 'publicItem' || field === 'exemptItem' || field === 'exemptNotice') return rules(['labels', field]);
  return FACTS;
};

/** Every placeholder fault in a (possibly partial) Cabinet report template. */
export function checkTemplate(template: unknown): TemplateFault[] {
  return checkTemplateText(template, placeholdersAllowedAt);
}

export const CABINET_REPORT_TEMPLATE: TemplateKind<ReportTemplate> = {
  base: 'cabinet-report',
  schema: 'report-template',
  schemaFile: 'report-template.schema.json',
  noun: 'report template',
  command: 'audit report',
  placeholdersAllowedAt,
  builtInSections: { sections: CABINET_SECTIONS, appendices: CABINET_APPENDICES },
};
