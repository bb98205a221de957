/**
 * Faults as the user meets them on standard error: one per line, `audit: ` and where the fault
 * lies (`police.yaml:12:3`, `return.xlsx: Return!E14`) kept whole at its start, the message
 * wrapped at words under it with a hanging indent, so that a list of faults in a return reads
 * one fault at a time however narrow the terminal.
 */
import { hanging } from '../text-wrap.js';

interface FaultText {
  /** Where it lies; undefined for a fault of the command line or of nothing in particular. */
  where: string | undefined;
  message: string;
}

const INDENT = '    ';

export function renderFaults(faults: readonly FaultText[], width: number | undefined): string {
  return faults.map(({ where, message }) => `${hanging(where === undefined ? 'audit: ' : `audit: ${where}: `, message, width, INDENT)}\n`).join('');
}
