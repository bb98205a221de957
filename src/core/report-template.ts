/**
 * The Cabinet report's template (templates/cabinet-report.yaml and a council's own copy of
 * it): its keys, its labels, and the placeholders each of its strings may use. The text
 * machinery itself (placeholders, text blocks, merging) is src/core/template-text.ts.
 */
import type { Rag } from './gap-analysis.js';
import {
  checkTemplateText,
  DOCUMENT_COLUMN_KEYS,
  DOCUMENT_LABEL_KEYS,
  DOCUMENT_LABEL_PLACEHOLDERS,
  placeholderRules,
  type DocumentTemplate,
  type TemplateFault,
  type TemplateKind,
  type TemplateSection,
} from './template-text.js';

export const LABEL_KEYS = [
  ...DOCUMENT_LABEL_KEYS,
  'officerLabel', 'assessorLabel', 'moderationNote', 'evidenceOmitted', 'noEvidence', 'notAssessed', 'noGaps', 'noPlan',
  'standardSummary', 'standardHeading', 'moderatedBy', 'previousPeriod', 'overdueSince',
  'notApplicable', 'allNotApplicable', 'standardNotApplicable',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

export const COLUMN_KEYS = [
  ...DOCUMENT_COLUMN_KEYS,
  'rating', 'selfRating', 'moderated', 'previous', 'gap', 'priority', 'action', 'owner', 'due', 'status', 'evidence',
  'notApplicable',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type ReportLabels = Record<LabelKey, string> & {
  rag: Record<Rag, string>;
  priority: { high: string; medium: string };
  status: { open: string; 'in-progress': string; done: string; needsAction: string; awaitingReassessment: string };
  columns: Record<ColumnKey, string>;
};

export interface ReportTemplate extends DocumentTemplate {
  sections: {
    purpose: TemplateSection;
    recommendations: TemplateSection;
    summary: TemplateSection;
    gapAnalysis: TemplateSection;
    improvementPlan: TemplateSection;
    implications: TemplateSection & {
      financial: TemplateSection;
      legal: TemplateSection;
      risk: TemplateSection;
      equalities: TemplateSection;
    };
  };
  appendices: { ratings: TemplateSection; method: TemplateSection };
  labels: ReportLabels;
}

/** Facts of the audit itself: all that the report title, committee and officer may use. */
export const FACT_PLACEHOLDERS = ['organisation', 'period', 'framework', 'frameworkEdition', 'assessor'] as const;

/** Everything the report's wording may use. */
export const GENERAL_PLACEHOLDERS = [
  ...FACT_PLACEHOLDERS,
  'committee', 'meetingDate', 'officer', 'reportTitle', 'part', 'asOf',
  'overallRag', 'overallJudgement', 'standards', 'criteria', 'rated', 'notAssessed', 'meanRating',
  'scaleMin', 'scaleMax', 'gaps', 'highGaps', 'mediumGaps', 'withAction', 'needsAction', 'overdue',
  'moderatedChanges', 'signoff', 'priorityRule', 'notApplicable',
] as const;
export type GeneralPlaceholder = (typeof GENERAL_PLACEHOLDERS)[number];

/** Labels filled where they are used, with values of their own (a page number, a standard). */
export const LABEL_PLACEHOLDERS: Partial<Record<LabelKey, readonly string[]>> = {
  ...DOCUMENT_LABEL_PLACEHOLDERS,
  standardSummary: ['rated', 'criteria', 'mean', 'target', 'belowTarget'],
  standardHeading: ['number', 'title', 'rag'],
  moderatedBy: ['by'],
  previousPeriod: ['period', 'rating'],
  overdueSince: ['due'],
  standardNotApplicable: ['count', 'list'],
};

/**
 * The placeholders allowed in the template string at `path`. Values that are themselves made
 * from template text (the judgement, the priority rule, the title) may not refer to themselves.
 */
export const placeholdersAllowedAt = placeholderRules({
  general: GENERAL_PLACEHOLDERS,
  only: { reportTitle: FACT_PLACEHOLDERS, committee: FACT_PLACEHOLDERS, officer: FACT_PLACEHOLDERS },
  labels: LABEL_PLACEHOLDERS,
  notIn: {
    judgements: ['overallJudgement'],
    'labels.priorityRule': ['priorityRule', 'overallJudgement'],
    'labels.priorityRuleGapOnly': ['priorityRule', 'overallJudgement'],
  },
});

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
};
