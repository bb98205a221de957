/**
 * How a heat map is laid across a page, one rule for the PDF (pdf/heat-map.ts) and Word
 * (docx/report.ts), in points: each numbered column (a standard) at least `minColumn` wide
 * beside the row names and an overall column; when they do not fit, tables of consecutive
 * columns, each with the row names and the overall column again.
 */
export const HEAT_MAP_COLUMNS = {
  /** The narrowest a heat-map column may be before the columns are split into groups. */
  minColumn: 40,
  /** Room for the agencies' names: at least this, and a share of what is left. */
  minRowHeader: 130,
  /** The widest a heat-map column is drawn, however much room there is. */
  maxColumn: 56,
};

/** How many of the numbered columns one table `width` points wide holds beside the row names and the overall column. */
export function heatColumnsPerTable(width: number): number {
  return Math.max(1, Math.floor((width - HEAT_MAP_COLUMNS.minRowHeader) / HEAT_MAP_COLUMNS.minColumn) - 1);
}

/** The columns [from, to) of each table, in groups of even size: 13 columns in two tables are 7 and 6, not 12 and 1. */
export function heatMapGroups(columns: number, width: number): { from: number; to: number }[] {
  const groups = Math.ceil(columns / heatColumnsPerTable(width));
  const size = Math.ceil(columns / groups);
  return Array.from({ length: groups }, (_, g) => ({ from: g * size, to: Math.min(columns, (g + 1) * size) }));
}
