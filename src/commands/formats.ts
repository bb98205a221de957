/**
 * The output formats each command offers. Kept apart from the commands so that src/cli.ts can
 * declare them as --format choices without loading any command, and the choices and the types
 * the commands accept cannot drift apart.
 */
export const LIST_FORMATS = ['table', 'json'] as const;
export const SHOW_FORMATS = ['text', 'markdown', 'json'] as const;
export const GAP_FORMATS = ['table', 'json', 'markdown', 'csv', 'xlsx'] as const;
export const PLAN_FORMATS = ['table', 'markdown', 'json', 'csv', 'xlsx'] as const;
export const CHECK_FORMATS = ['text', 'json', 'junit', 'markdown'] as const;
export const COMPARE_FORMATS = ['table', 'json', 'markdown'] as const;
export const AGGREGATE_FORMATS = ['table', 'json', 'markdown', 'csv', 'xlsx'] as const;
export const VERIFY_FORMATS = ['text', 'json'] as const;
export const EXPORT_FORMATS = ['xlsx'] as const;
export const MAP_FORMATS = ['table', 'markdown', 'json', 'csv'] as const;
export const TREND_FORMATS = ['table', 'markdown', 'json', 'csv'] as const;

export type ListFormat = (typeof LIST_FORMATS)[number];
export type ShowFormat = (typeof SHOW_FORMATS)[number];
export type GapFormat = (typeof GAP_FORMATS)[number];
export type PlanFormat = (typeof PLAN_FORMATS)[number];
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
export type AggregateFormat = (typeof AGGREGATE_FORMATS)[number];
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type MapFormat = (typeof MAP_FORMATS)[number];
export type TrendFormat = (typeof TREND_FORMATS)[number];

/** What `audit report` and `audit aggregate -o` write: an accessible PDF, or an editable Word document. */
export const REPORT_FORMATS = ['pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
