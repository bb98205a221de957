/**
 * The partnership report's template (templates/partnership-report.yaml and a partnership's own
 * copy of it): its keys, its labels, and the placeholders each of its strings may use. The
 * text machinery and the keys every report shares are in src/core/template-text.ts.
 */
import {
  checkTemplateText,
  DOCUMENT_COLUMN_KEYS,
  DOCUMENT_LABEL_KEYS,
  DOCUMENT_LABEL_PLACEHOLDERS,
  placeholderRules,
  type ByNation,
  type DocumentTemplate,
  type ItemsSection,
  type TemplateFault,
  type TemplateKind,
  type TemplateSection,
} from './template-text.js';
import type { Framework } from './framework.js';
import { vocabularyKind } from './organisation-kinds.js';
import { appendixPlaceholder, sectionPlaceholder } from './report-template.js';
import type { UnreadableFileKind } from './unreadable-files.js';

export const PARTNERSHIP_LABEL_KEYS = [
  ...DOCUMENT_LABEL_KEYS,
  'agenciesLabel', 'returnsSignedOffLabel', 'periodsNote', 'editionsNote', 'heatMapCaption', 'heatMapSummary', 'heatMapSummaryAgency', 'heatMapPart',
  'keyCaption', 'legendCaption', 'legendRed', 'legendAmber', 'legendGreen', 'legendUnrated', 'partnershipRow',
  'belowTargetRow', 'countOf', 'noShortfalls', 'noWidespreadShortfalls', 'otherShortfalls',
  'noRedAgencies', 'highGapCriterion', 'agencyHeading', 'agencySummary', 'agencyReturn', 'agencyAssessor', 'moderationLabel',
  'moderatedNone', 'moderatedSome', 'portfolioHolderLabel', 'standardsTableSummary', 'shortfallsTableSummary',
  'redAgenciesTableSummary', 'profileTableSummary', 'heatMapChange', 'heatMapSummaryChange',
  'notApplicableNote', 'notApplicableTableSummary', 'agencyNotForKind', 'agencyNotApplicable', 'notApplicableCell', 'legendNotApplicable',
  'notInEditionCell', 'legendNotInEdition', 'agencyNotInEdition',
  'unreadableLabel', 'unreadableNote', 'unreadableNotePublic', 'unreadableFile', 'unreadablePreviousNote',
] as const;
export type PartnershipLabelKey = (typeof PARTNERSHIP_LABEL_KEYS)[number];

export const PARTNERSHIP_COLUMN_KEYS = [
  ...DOCUMENT_COLUMN_KEYS,
  'agency', 'overall', 'partnershipMean', 'worstRag', 'agenciesByRag', 'agenciesBelowTarget', 'redStandards',
  'notApplicable', 'agenciesNotApplicable', 'agenciesNotForKind', 'agenciesJudgedNotApplicable', 'agenciesByRagUnrated',
] as const;
export type PartnershipColumnKey = (typeof PARTNERSHIP_COLUMN_KEYS)[number];

export type PartnershipLabels = Record<PartnershipLabelKey, string> & {
  rag: DocumentTemplate['labels']['rag'];
  columns: Record<PartnershipColumnKey, string>;
  nations: DocumentTemplate['labels']['nations'];
  /** What a returned file left out is ("an Excel 97-2003 workbook"), by its kind: {kind} of unreadableFile. */
  fileKinds: Record<UnreadableFileKind, string>;
};

/** The sections the partnership report builds from its figures; any other key is a section of text alone. */
export const PARTNERSHIP_SECTIONS = [
  'purpose', 'recommendations', 'summary', 'heatMap', 'standards', 'shortfalls', 'redAgencies', 'childrensVoice',
  'consultation', 'legal', 'backgroundPapers',
] as const;
export const PARTNERSHIP_APPENDICES = ['profiles', 'method'] as const;

export interface PartnershipSections {
  purpose: TemplateSection;
  recommendations: ItemsSection;
  summary: TemplateSection;
  heatMap: TemplateSection;
  standards: TemplateSection;
  shortfalls: TemplateSection;
  redAgencies: TemplateSection;
  childrensVoice: TemplateSection;
  consultation: TemplateSection;
  legal: TemplateSection;
  backgroundPapers: TemplateSection;
  [custom: string]: TemplateSection;
}

export interface PartnershipTemplate extends DocumentTemplate {
  /** The partnership's name, when --partnership does not give it. */
  partnership: string;
  /** The partnership's statutory duties, by nation: {partnershipDuties}. */
  partnershipDuties: ByNation;
  sections: PartnershipSections;
  appendices: { profiles: TemplateSection; method: TemplateSection; [custom: string]: TemplateSection };
  labels: PartnershipLabels;
}

/** What the defaults the command line can override (partnership, title, board, officer) may use. */
export const PARTNERSHIP_FACT_PLACEHOLDERS = ['partnership', 'framework', 'frameworkEdition', 'period'] as const;

/** Everything the partnership report's wording may use. */
export const PARTNERSHIP_PLACEHOLDERS = [
  ...PARTNERSHIP_FACT_PLACEHOLDERS,
  'committee', 'theCommittee', 'meetingDate', 'officer', 'reportTitle', 'part',
  'agencies', 'unreadableFiles', 'agenciesWithUnrated', 'unratedCriteria', 'agenciesOnOtherEditions', 'notInEditionCriteria', 'standards', 'criteria', 'scaleMin', 'scaleMax', 'meanRating', 'overallRag', 'overallJudgement',
  'redAgencies', 'amberAgencies', 'greenAgencies', 'unratedAgencies', 'shortfalls', 'widespreadShortfalls',
  'signedOff', 'notSignedOff', 'changedSinceSignoff', 'moderatedAgencies', 'priorityRule',
  'nation', 'legalBasis', 'partnershipDuties',
  ...PARTNERSHIP_SECTIONS.map(sectionPlaceholder),
  ...PARTNERSHIP_APPENDICES.map(appendixPlaceholder),
] as const;

/** Counts a recommendation may be made conditional on (`when:`). */
export const PARTNERSHIP_CONDITIONS = ['redAgencies', 'amberAgencies', 'widespreadShortfalls', 'shortfalls', 'notSignedOff', 'changedSinceSignoff', 'moderatedAgencies', 'unreadableFiles'] as const;
export type PartnershipPlaceholder = (typeof PARTNERSHIP_PLACEHOLDERS)[number];

export const PARTNERSHIP_LABEL_PLACEHOLDERS: Partial<Record<PartnershipLabelKey, readonly string[]>> = {
  ...DOCUMENT_LABEL_PLACEHOLDERS,
  periodsNote: ['periods'],
  editionsNote: ['count', 'editions'],
  heatMapSummaryAgency: ['agency', 'mean', 'rag', 'cells'],
  heatMapChange: ['periods'],
  heatMapSummaryChange: ['periods', 'changes'],
  heatMapPart: ['from', 'to'],
  countOf: ['count', 'total'],
  noWidespreadShortfalls: ['count'],
  otherShortfalls: ['count'],
  highGapCriterion: ['criterion', 'rating', 'target'],
  agencyHeading: ['agency', 'rag'],
  agencySummary: ['rated', 'criteria', 'mean', 'belowTarget'],
  agencyReturn: ['file', 'period'],
  agencyAssessor: ['assessor'],
  moderatedSome: ['moderated', 'changed'],
  profileTableSummary: ['agency'],
  notApplicableNote: ['agenciesWith', 'count', 'kindAgencies', 'kindCriteria', 'ownAgencies', 'ownCriteria'],
  agencyNotForKind: ['count', 'list'],
  agencyNotApplicable: ['count', 'list'],
  agencyNotInEdition: ['count', 'current', 'edition'],
  unreadableNote: ['count', 'list'],
  unreadableNotePublic: ['count'],
  unreadableFile: ['file', 'kind'],
  unreadablePreviousNote: ['count'],
};

export const partnershipPlaceholdersAllowedAt = placeholderRules({
  general: PARTNERSHIP_PLACEHOLDERS,
  only: {
    // The partnership's own name cannot be made of itself; the others may use it.
    partnership: PARTNERSHIP_FACT_PLACEHOLDERS.filter((name) => name !== 'partnership'),
    reportTitle: PARTNERSHIP_FACT_PLACEHOLDERS,
    committee: PARTNERSHIP_FACT_PLACEHOLDERS,
    officer: PARTNERSHIP_FACT_PLACEHOLDERS,
  },
  labels: PARTNERSHIP_LABEL_PLACEHOLDERS,
  notIn: {
    judgements: ['overallJudgement'],
    'labels.priorityRule': ['priorityRule', 'overallJudgement'],
    'labels.priorityRuleGapOnly': ['priorityRule', 'overallJudgement'],
  },
});

/** Every placeholder fault in a (possibly partial) partnership report template. */
export function checkPartnershipTemplate(template: unknown): TemplateFault[] {
  return checkTemplateText(template, partnershipPlaceholdersAllowedAt);
}

export const PARTNERSHIP_REPORT_TEMPLATE: TemplateKind<PartnershipTemplate> = {
  base: 'partnership-report',
  schema: 'partnership-report-template',
  schemaFile: 'partnership-report.schema.json',
  noun: 'partnership report template',
  command: 'audit aggregate',
  placeholdersAllowedAt: partnershipPlaceholdersAllowedAt,
  builtInSections: { sections: PARTNERSHIP_SECTIONS, appendices: PARTNERSHIP_APPENDICES },
};

/** The bundled partnership report worded for schools and colleges (templates/partnership-report-schools.yaml). */
export const SCHOOLS_PARTNERSHIP_TEMPLATE = 'partnership-report-schools';

/**
 * The bundled wording that fits the organisations whose returns the report is of, when no
 * template is asked for: the schools' when every one is of the education sector (a KCSIE set),
 * whose board would otherwise read of "agencies"; else the bundled report's (undefined). A
 * return that gives no kind could be any organisation, so it keeps the agencies' wording.
 */
export function partnershipWordingFor(framework: Framework, kinds: readonly (string | undefined)[]): string | undefined {
  const schools = kinds.length > 0 && kinds.every((kind) => kind !== undefined && vocabularyKind(kind, framework) === 'education');
  return schools ? SCHOOLS_PARTNERSHIP_TEMPLATE : undefined;
}
