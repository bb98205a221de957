/** JSON output for scripts: the view object as is, indented, with a final newline. */
export function renderJson(view: unknown): string {
  return `${JSON.stringify(view, null, 2)}\n`;
}
