/** Facts of this package itself, as recorded in a PDF's document information. */
import { readFileSync } from 'node:fs';

let version: string | undefined;

/** "safeguarding-audit 0.1.0": who made a PDF, for its Creator entry. */
export function creator(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return `safeguarding-audit ${version}`;
}
