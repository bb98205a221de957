/**
 * The kinds fixtures for the command tests of "not applicable": a framework with kinds
 * (test/fixtures/kinds-framework.yaml) and a voluntary group's audit of it
 * (test/fixtures/kinds-audit.yaml): L-1 and W-1 rated; L-2, W-2 and A-1 not applicable (A-1's
 * reason over two lines); W-3 called not applicable but challenged by a panel, so not assessed.
 */
import { fixture, workspace } from './cli.js';

export const KINDS_AUDIT = fixture('kinds-audit.yaml');
export const VOLUNTARY = 'does not apply to voluntary, community or faith organisation';

export function kindsWorkspace(files: Record<string, string> = {}): string {
  return workspace({ 'kinds-framework.yaml': fixture('kinds-framework.yaml'), 'audit.yaml': KINDS_AUDIT, ...files });
}

/** "line:column" (1-based) of the first `needle` in `text`, as error messages give it. */
export function position(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** An audit of the kinds framework: each criterion given a rating, or a reason it does not apply. */
export function returnOf(organisation: string, kind: string, answers: Record<string, number | string>): string {
  const lines = Object.entries(answers).map(([id, a]) => (typeof a === 'number' ? `  ${id}:\n    rating: ${a}\n` : `  ${id}:\n    notApplicable: ${a}\n`));
  return `framework: ./kinds-framework.yaml\norganisation: ${organisation}\nkind: ${kind}\nperiod: 2025-26\nresponses:\n${lines.join('')}`;
}
