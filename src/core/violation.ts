/**
 * A rule broken by a file's content, located by its path in the parsed data
 * (e.g. ['standards', 2, 'criteria', 0, 'id']). The I/O layer turns the path into
 * a line and column; the core never sees text positions.
 */
export interface Violation {
  path: ReadonlyArray<string | number>;
  message: string;
  /** Point at the key itself rather than its value (e.g. an unknown criterion id). */
  atKey?: boolean;
}
