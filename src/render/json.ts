import { escapeJsonControls } from './safe-text.js';

/**
 * JSON output for scripts: the view object as is, indented, with a final newline. Control
 * characters in its strings are written as \u escapes (JSON escapes C0 itself), so the same data
 * printed to a terminal cannot act on it.
 */
export function renderJson(view: unknown): string {
  return `${escapeJsonControls(JSON.stringify(view, null, 2))}\n`;
}
