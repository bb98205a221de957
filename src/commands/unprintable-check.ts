/**
 * Before a report is written as PDF: the text its fonts cannot print (Arabic, Chinese, Bengali …
 * script; symbols no font has), which a page would show as empty boxes and lose from its text.
 * By default the report is refused, naming each file and place that holds such text
 * (`COM-2 evidence`, a details file's `author.name`) and what to do; `--unprintable
 * placeholder` writes it with a marker in place of each such stretch (render/pdf/
 * unprintable-text.ts). Word keeps every character, so only PDF is checked.
 */
import type { ReportDocument } from '../core/report-document.js';
import { InputError, InputErrors, UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export const UNPRINTABLE_CHOICES = ['refuse', 'placeholder'] as const;
export type UnprintableChoice = (typeof UNPRINTABLE_CHOICES)[number];

/** --unprintable's value; refused for a Word report, which keeps every character. */
export function parseUnprintable(value: string | undefined, format: 'pdf' | 'docx'): UnprintableChoice {
  if (value === undefined) return 'refuse';
  if (!(UNPRINTABLE_CHOICES as readonly string[]).includes(value)) throw new UsageError(`--unprintable "${value}" must be one of ${UNPRINTABLE_CHOICES.join(', ')}`);
  if (format !== 'pdf') throw new UsageError('--unprintable is for a PDF report: Word keeps every character');
  return value as UnprintableChoice;
}

/** A file the report's text came from, as read (an audit, the framework, the details, the template). */
export interface TextSource {
  file: string;
  value: unknown;
}

/** A place in a file that holds text the PDF cannot print. */
interface Place {
  file: string;
  /** `COM-2 evidence`, `author.name`. */
  where: string;
  runs: string[];
}

/** The longest excerpt of a stretch shown in a message. */
const EXCERPT = 24;

/**
 * Refuses (InputErrors, exit 2) a report whose PDF would lose text, unless markers were asked
 * for; then notes where they are. Returns whether the PDF needs markers.
 */
export async function checkPrintable(report: ReportDocument, sources: readonly TextSource[], choice: UnprintableChoice, ctx: CommandContext): Promise<boolean> {
  const { findUnprintable, pageText } = await import('../render/pdf/unprintable-text.js');
  const found = findUnprintable(report);
  if (found.length === 0) return false;
  const { describeRun, unprintableRuns } = await import('../render/pdf/font-coverage.js');
  const places = locate(found, sources, (text) => unprintableRuns(pageText(text)));
  const located = places.flatMap((p) => p.runs);
  const elsewhere = found.filter((run) => !located.some((part) => run.includes(part)));
  const what = (runs: readonly string[]) => describeRuns(runs, describeRun);
  if (choice === 'placeholder') {
    const shown = places.slice(0, 5).map((p) => `${p.file} ${p.where}`);
    const more = places.length - shown.length;
    ctx.err(
      `note: the PDF has a marker in place of ${what(found)} that its fonts cannot print` +
        (shown.length ? `, in ${shown.join('; ')}${more > 0 ? ` and ${more} more` : ''}` : '') +
        `: the Word version (-o FILE.docx) keeps every character\n`,
    );
    return true;
  }
  const faults = places.map((p) => new InputError(`${what(p.runs)} cannot be printed in the PDF`, { file: p.file, cell: p.where }));
  if (elsewhere.length) faults.push(new InputError(`the report's text holds ${what(elsewhere)}, which cannot be printed in the PDF`));
  faults.push(
    new InputError(
      'the PDF was not written: its fonts have no letters for these, and a page would show empty boxes in their place. ' +
        'Write the report as Word (-o REPORT.docx), which keeps every character, ' +
        'or give --unprintable placeholder to write the PDF with a marker in their place',
    ),
  );
  throw new InputErrors(faults as [InputError, ...InputError[]]);
}

/** "Arabic script (محمد علي) and Chinese characters (李小龍)": each kind once, with an excerpt of the first of it. */
function describeRuns(runs: readonly string[], describe: (run: string) => string): string {
  const kinds = new Map<string, string[]>();
  for (const run of runs) {
    const kind = describe(run);
    const excerpts = kinds.get(kind) ?? [];
    if (excerpts.length < 3) excerpts.push(excerpt(run));
    kinds.set(kind, excerpts);
  }
  const parts = [...kinds].map(([kind, excerpts]) => `${kind} (${excerpts.join(', ')})`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!;
}

function excerpt(run: string): string {
  const chars = Array.from(run.replace(/\s+/g, ' ').trim());
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT - 1).join('')}…` : chars.join('');
}

/**
 * The places in the sources whose text holds a stretch the report would draw and cannot print.
 * A stretch found in the report is matched to a source's stretch it contains, so that text
 * the report leaves out (evidence in a public report) is not named.
 */
function locate(found: readonly string[], sources: readonly TextSource[], runsOf: (text: string) => string[]): Place[] {
  const places: Place[] = [];
  for (const source of sources) {
    walk(source.value, [], (text, path) => {
      const runs = runsOf(text).filter((run) => found.some((drawn) => drawn.includes(run)));
      if (runs.length) places.push({ file: source.file, where: placeName(path), runs });
    });
  }
  return places;
}

interface Segment {
  key: string;
  /** A criterion's (or standard's) id: what the place is named by. */
  isId: boolean;
}

function walk(value: unknown, path: Segment[], visit: (text: string, path: Segment[]) => void): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      walk(item, [...path, typeof id === 'string' ? { key: id, isId: true } : { key: `[${i + 1}]`, isId: false }], visit);
    });
  } else if (typeof value === 'object' && value !== null) {
    // An audit's responses are keyed by criterion id.
    const byId = path[path.length - 1]?.key === 'responses';
    for (const [key, item] of Object.entries(value)) walk(item, [...path, { key, isId: byId }], visit);
  }
}

/** `COM-2 evidence`, `COM-1 action.owner`; without an id, the keys: `author.name`. */
function placeName(path: readonly Segment[]): string {
  let last = -1;
  path.forEach((segment, i) => {
    if (segment.isId) last = i;
  });
  const keys = (from: number) => path.slice(from).map((s) => s.key).join('.').replace(/\.\[/g, '[');
  if (last < 0) return keys(0) || 'text';
  const rest = keys(last + 1);
  return rest ? `${path[last]!.key} ${rest}` : path[last]!.key;
}
