/**
 * The text machinery every report template shares (templates/cabinet-report.yaml,
 * templates/partnership-report.yaml and a council's own copies of them). Text only.
 * Placeholders such as {organisation} are filled by plain substitution from a fixed list of
 * names: nothing in a template is ever evaluated.
 *
 * Syntax: `{name}` is a placeholder, `{{` a literal "{" and `}}` a literal "}". Any other "{"
 * is an error, so that a mistyped placeholder is never printed to a committee as it stands.
 *
 * What differs between kinds of template (their keys, which placeholders each string may use)
 * is described by a TemplateKind; everything here works for any kind.
 */
import type { Rag } from './gap-analysis.js';
import { NATIONS, type Nation } from './nations.js';

export interface TemplateSection {
  heading: string;
  /** Short Markdown: paragraphs, "- " bullets, "(a) " or "1. " labelled items. */
  text: string;
  /** Wording for meetings before a date, when the law was different (no Equality Act 2010 in 2004). */
  earlier?: { before: string; heading?: string; text: string }[];
}

/**
 * The section's wording for a meeting on `date` (YYYY-MM-DD): the `earlier` entry with the
 * earliest `before` still after the date, else its own.
 */
export function wordingAt<S extends TemplateSection>(section: S, date: string): S {
  const earlier = (section.earlier ?? []).filter((e) => date < e.before).sort((a, b) => a.before.localeCompare(b.before))[0];
  return earlier ? { ...section, heading: earlier.heading ?? section.heading, text: earlier.text } : section;
}

/**
 * A recommendation (or any lettered item of a section): made only when the count named by
 * `when` (a numeric placeholder such as needsAction) is more than nought, so that a report never
 * asks for what is already done.
 */
export interface TemplateItem {
  text: string;
  when?: string;
}

/** A section with lettered items after its text: (a), (b) … in the order of those made. */
export interface ItemsSection extends TemplateSection {
  items?: TemplateItem[];
}

export { NATIONS, type Nation };

/** Text by nation: at least one of them. */
export type ByNation = Partial<Record<Nation, string>>;

/** The report's order: section and appendix keys, as the template's `contents` lists them. */
export interface TemplateContents {
  sections: string[];
  appendices: string[];
}

/** Which placeholders the string at a path of a template may use. */
export type PlaceholderRules = (path: readonly (string | number)[]) => ReadonlySet<string>;

/**
 * A kind of report template: what the loader needs to find, check and complete one. `T` is
 * the complete template's type, for the loader's result.
 */
export interface TemplateKind<T> {
  /** The bundled template every other of this kind is laid over, e.g. cabinet-report. */
  base: string;
  /** The JSON Schema its files are checked against, by the name the validators are built under. */
  schema: 'report-template' | 'partnership-report-template';
  /** The schema's file in templates/, as a template's yaml-language-server line names it. */
  schemaFile: string;
  /** What a user calls it, in messages: "report template". */
  noun: string;
  /** The command that uses it, in messages: "audit report". */
  command: string;
  placeholdersAllowedAt: PlaceholderRules;
  /** The sections and appendices the report builds itself; any other key is a section of text alone. */
  builtInSections: { sections: readonly string[]; appendices: readonly string[] };
  /** Never set: carries T for the type checker. */
  readonly _template?: T;
}

// ---------------------------------------------------------------------------------------------
// What every report template has: the document around the findings

/** Labels every report uses: the cover, contents, page furniture, sign-off, chart and method. */
export const DOCUMENT_LABEL_KEYS = [
  'contents', 'appendix', 'pageOf', 'reportOf', 'committeeLabel', 'meetingDateLabel', 'frameworkLabel',
  'frameworkEdition', 'periodLabel', 'signoffLabel', 'statusLabel', 'publicItem', 'exemptItem', 'exemptNotice',
  'toBeConfirmed', 'signedOff', 'signedOffChanged', 'notSignedOff', 'figureCaption', 'chartAlt', 'chartAltItem',
  'chartAltUnrated', 'chartTarget', 'chartMean', 'chartTargetMean', 'chartNoRating', 'priorityRule', 'priorityRuleGapOnly',
  'authorLabel', 'contactLabel', 'telephoneLabel', 'emailLabel', 'noBackgroundPapers', 'legalBasisMissing', 'scaleTableSummary',
  'committeeWithArticle',
] as const;
export type DocumentLabelKey = (typeof DOCUMENT_LABEL_KEYS)[number];

/** Column headings every report uses. */
export const DOCUMENT_COLUMN_KEYS = ['standard', 'criterion', 'statement', 'rated', 'mean', 'target', 'belowTarget', 'rag', 'level', 'label', 'description'] as const;
export type DocumentColumnKey = (typeof DOCUMENT_COLUMN_KEYS)[number];

export type DocumentLabels = Record<DocumentLabelKey, string> & {
  rag: Record<Rag, string>;
  columns: Record<DocumentColumnKey, string>;
  /** The nations' names, for {nation}. */
  nations: Record<Nation, string>;
};

/** The own placeholders of the document labels, filled where each is used. */
export const DOCUMENT_LABEL_PLACEHOLDERS: Readonly<Partial<Record<DocumentLabelKey, readonly string[]>>> = {
  appendix: ['letter'],
  pageOf: ['page', 'pages'],
  signedOff: ['signedBy', 'signedRole', 'signedDate'],
  signedOffChanged: ['signedBy', 'signedRole', 'signedDate'],
  chartAltItem: ['standard', 'mean', 'target', 'rag'],
  chartAltUnrated: ['standard', 'target'],
  legalBasisMissing: [],
  committeeWithArticle: [],
  priorityRule: ['highGap'],
  priorityRuleGapOnly: ['highGap'],
};

/** The keys every report template has, whatever its sections. */
export interface DocumentTemplate {
  /** BCP 47 language tag of the wording, e.g. en-GB or cy. */
  language: string;
  /** Whose law the report is written under (--nation overrides it). */
  nation: Nation;
  reportTitle: string;
  /** Defaults over the kind of organisation's (or the partnership's) committee and officer. */
  committee?: string;
  officer?: string;
  contents: TemplateContents;
  numberParagraphs: boolean;
  runningHeader: string;
  cover: { rows: { label: string; value: string }[] };
  /** Committees named without an article after "That" (Cabinet); others by labels.committeeWithArticle. */
  committeesWithoutArticle?: string[];
  judgements: Record<Rag, string>;
  labels: DocumentLabels;
}

export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * A council's template laid over the bundled one: every key it gives wins, every key it leaves
 * out keeps the bundled wording. Lists (the cover's rows) are replaced whole, not merged.
 */
export function mergeTemplate<T>(base: T, override: DeepPartial<T>): T {
  return mergeValue(base, override) as T;
}

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      if (key.startsWith('x-')) continue;
      out[key] = mergeValue(base[key], value);
    }
    return out;
  }
  return override;
}

/** Keys whose values are settings, not wording: never counted as words left untranslated. */
const NOT_WORDING = new Set(['language', 'nation', 'organisationKind', 'contents', 'numberParagraphs', 'parts', 'when', 'before']);

/**
 * The paths of the wording a template laid over `base` takes from it rather than giving its own
 * ("labels.contents", "sections.purpose.heading"): in a template of another language than the
 * base, words left in the base's. A list the template gives replaces the base's whole, so all of
 * it is the template's own.
 */
export function inheritedWording(base: unknown, own: unknown, path = ''): string[] {
  if (typeof base === 'string') return own === undefined && base.trim() ? [path] : [];
  if (own !== undefined && !isPlainObject(own)) return [];
  if (!isPlainObject(base)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(base)) {
    if (NOT_WORDING.has(key) || key.startsWith('x-')) continue;
    const at = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) {
      if (own?.[key] === undefined && value.some((v) => typeof v === 'string' || isPlainObject(v))) out.push(at);
    } else out.push(...inheritedWording(value, own?.[key], at));
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A fault of a whole (merged) template, at the path of the key it concerns. */
export interface ContentsFault {
  path: (string | number)[];
  message: string;
}

/**
 * Faults in a merged template's order: `contents` naming a section the template does not have,
 * or a section of the template's own that `contents` does not name (most likely a misspelt key,
 * which would otherwise be left out without a word).
 */
export function checkContents(template: { contents: TemplateContents; sections: object; appendices: object }, kind: TemplateKind<unknown>): ContentsFault[] {
  const faults: ContentsFault[] = [];
  for (const part of ['sections', 'appendices'] as const) {
    const defined = Object.keys(template[part]).filter((key) => !key.startsWith('x-'));
    const listed = template.contents[part];
    listed.forEach((key, i) => {
      if (!defined.includes(key)) {
        const near = closest(key, defined);
        faults.push({ path: ['contents', part, i], message: `contents.${part} names "${key}", which is not one of the template's ${part}${near ? ` (did you mean ${near}?)` : `: ${defined.join(', ')}`}` });
      }
    });
    for (const key of defined) {
      if (!listed.includes(key) && !kind.builtInSections[part].includes(key)) {
        const near = closest(key, [...kind.builtInSections[part]]);
        faults.push({
          path: [part, key],
          message: near
            ? `unknown ${part === 'sections' ? 'section' : 'appendix'} "${key}" (did you mean ${near}?)`
            : `the ${part === 'sections' ? 'section' : 'appendix'} "${key}" is not in contents.${part}: name it there to include it`,
        });
      }
    }
  }
  return faults;
}

// ---------------------------------------------------------------------------------------------
// Placeholders
type Token =
  | { kind: 'text'; text: string }
  | { kind: 'placeholder'; name: string; index: number }
  /** `{count, plural, =0 {…} one {…} other {…}}`: the form for the number in `name`, each form's text as tokens. */
  | { kind: 'plural'; name: string; index: number; forms: Map<string, Token[]> };

export interface PlaceholderFault {
  /** Position in the string (0-based, in UTF-16 units). */
  index: number;
  /** The text at fault as it is written, for finding it in the file. */
  token: string;
  message: string;
}

const PLACEHOLDER = /^\{([A-Za-z][A-Za-z0-9]*)\}/;

/**
 * The text's literal runs, placeholders and plurals. `{{` and `}}` are literal braces, except
 * within a plural's form (`escapes` false), where every brace is a placeholder's or a form's:
 * there "one {{standards} standards}" is a form that starts with a placeholder.
 */
function tokenise(text: string, escapes = true, offset = 0, faults: PlaceholderFault[] = []): { tokens: Token[]; faults: PlaceholderFault[] } {
  const tokens: Token[] = [];
  let literal = '';
  let i = 0;
  const fault = (at: number, message: string) => faults.push({ index: offset + at, token: text.slice(at, at + 20).split(/\s/)[0]!, message });
  while (i < text.length) {
    const ch = text[i]!;
    if (escapes && ch === '{' && text[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (escapes && ch === '}' && text[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '{') {
      const m = PLACEHOLDER.exec(text.slice(i, i + 64));
      const plural = m ? undefined : readPlural(text, i, offset, faults);
      if (plural && 'fault' in plural) {
        fault(i, plural.fault);
        literal += text.slice(i, plural.end);
        i = plural.end;
      } else if (plural) {
        if (literal) tokens.push({ kind: 'text', text: literal });
        literal = '';
        tokens.push({ kind: 'plural', name: plural.name, index: offset + i, forms: plural.forms });
        i = plural.end;
      } else if (m) {
        if (literal) tokens.push({ kind: 'text', text: literal });
        literal = '';
        tokens.push({ kind: 'placeholder', name: m[1]!, index: offset + i });
        i += m[0].length;
      } else {
        const token = text.slice(i, i + 20).split(/\s/)[0]!;
        fault(i, `"${token}" is not a placeholder: write {name} with a known name, or {{ for a literal "{"`);
        literal += ch;
        i++;
      }
    } else if (!escapes && ch === '}') {
      fault(i, 'a "}" in a plural form closes nothing: a plural form cannot hold a literal brace');
      i++;
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal) tokens.push({ kind: 'text', text: literal });
  return { tokens, faults };
}

const PLURAL_HEAD = /^\{([A-Za-z][A-Za-z0-9]*),\s*plural,\s*/;
const PLURAL_FORM = /^(=[0-9]+|zero|one|two|few|many|other)\s*\{/;

/**
 * Reads `{name, plural, =0 {…} one {…} other {…}}` at `start` (the ICU MessageFormat plural,
 * without `#`: a form writes {name} for the number): the wording of a count that reads as
 * English, or Welsh, for none, one and many. Undefined when the text there is not one; faults
 * within its forms go to `faults`.
 */
function readPlural(
  text: string,
  start: number,
  offset: number,
  faults: PlaceholderFault[],
): { name: string; end: number; forms: Map<string, Token[]> } | { fault: string; end: number } | undefined {
  const head = PLURAL_HEAD.exec(text.slice(start, start + 80));
  if (!head) return undefined;
  const forms = new Map<string, Token[]>();
  let i = start + head[0].length;
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] === '}') break;
    const form = PLURAL_FORM.exec(text.slice(i, i + 16));
    if (!form) return { fault: 'a plural needs forms such as one {…} other {…} (=0, zero, one, two, few, many, other), then "}"', end: Math.max(i, start + 1) };
    const open = i + form[0].length;
    const close = matchingBrace(text, open);
    if (close < 0) return { fault: 'a plural form has no closing "}"', end: text.length };
    forms.set(form[1]!, tokenise(text.slice(open, close), false, offset + open, faults).tokens);
    i = close + 1;
  }
  if (!forms.has('other')) return { fault: 'a plural needs an "other {…}" form', end: i + 1 };
  return { name: head[1]!, end: i + 1, forms };
}

/** The index of the "}" closing a plural form whose text starts at `from` (braces inside it pair up); -1 if none. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural form for `value` in `language`: an exact `=N` form first, then the language's category, then other. */
function pluralForm<F>(forms: ReadonlyMap<string, F>, value: string | undefined, language: string): F {
  const n = Number(value);
  if (value !== undefined && value !== '' && Number.isFinite(n)) {
    const exact = forms.get(`=${n}`);
    if (exact) return exact;
    let rules = pluralRules.get(language);
    if (!rules) {
      try {
        rules = new Intl.PluralRules(language);
      } catch {
        rules = new Intl.PluralRules('en');
      }
      pluralRules.set(language, rules);
    }
    const category = forms.get(rules.select(n));
    if (category) return category;
  }
  return forms.get('other')!;
}

/** Faults in one template string: stray braces and placeholders not allowed at its place. */
export function checkPlaceholders(text: string, allowed: ReadonlySet<string>): PlaceholderFault[] {
  const { tokens, faults } = tokenise(text);
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.kind === 'plural') for (const form of token.forms.values()) visit(form);
      if (token.kind === 'text' || allowed.has(token.name)) continue;
      const known = closest(token.name, [...allowed]);
      faults.push({
        index: token.index,
        token: `{${token.name}}`,
        message:
          `unknown placeholder {${token.name}}` +
          (known ? ` (did you mean {${known}}?)` : `; placeholders here are: ${[...allowed].map((n) => `{${n}}`).join(' ')}`),
      });
    }
  };
  visit(tokens);
  return faults.sort((a, b) => a.index - b.index);
}

/** The allowed name a mistyped one most likely meant: same letters in another case, or a slip or two. */
function closest(name: string, names: string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(name.length / 3) + 1);
  for (const candidate of names) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance || (distance === 0 && best === undefined)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}


/**
 * Which placeholders each string of a kind of template may use:
 * - `general`: what any string may use;
 * - `only`: top-level keys whose strings may use only these (defaults the command line can
 *   override, which are filled before anything else is known);
 * - `labels`: each label's own placeholders, filled where it is used (a page number);
 * - `notIn`: placeholders a string may not use because its own text makes their value (the
 *   judgement cannot contain {overallJudgement}); keyed by top-level key or "labels.<key>".
 */
export function placeholderRules(spec: {
  general: readonly string[];
  only?: Readonly<Record<string, readonly string[]>>;
  labels?: Readonly<Record<string, readonly string[] | undefined>>;
  notIn?: Readonly<Record<string, readonly string[]>>;
}): PlaceholderRules {
  const cache = new Map<string, ReadonlySet<string>>();
  return (path) => {
    const [top, key] = path;
    const id = top === 'labels' && typeof key === 'string' ? `labels.${key}` : String(top);
    let allowed = cache.get(id);
    if (!allowed) {
      const only = spec.only?.[String(top)];
      const excluded = new Set(spec.notIn?.[id] ?? []);
      const own = top === 'labels' && typeof key === 'string' ? (spec.labels?.[key] ?? []) : [];
      allowed = new Set(only ?? [...spec.general.filter((n) => !excluded.has(n)), ...own]);
      cache.set(id, allowed);
    }
    return allowed;
  };
}

export interface TemplateFault extends PlaceholderFault {
  path: (string | number)[];
}

/** Every placeholder fault in a (possibly partial) template, with the path of its string. */
export function checkTemplateText(template: unknown, allowedAt: PlaceholderRules): TemplateFault[] {
  const faults: TemplateFault[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      for (const fault of checkPlaceholders(value, allowedAt(path))) faults.push({ ...fault, path });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) if (!key.startsWith('x-')) walk(item, [...path, key]);
    }
  };
  walk(template, []);
  return faults;
}

/**
 * Fills placeholders from `values`. Templates are checked when loaded, so a placeholder with no
 * value here is a bug in the caller, not in the template.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, language = 'en'): string {
  const { tokens, faults } = tokenise(text);
  if (faults.length) throw new Error(`template text was not checked: ${faults[0]!.message}`);
  return fillTokens(tokens, values, language);
}

function fillTokens(tokens: readonly Token[], values: Readonly<Record<string, string>>, language: string): string {
  return tokens.map((token) => tokenValue(token, values, language)).join('');
}

function tokenValue(token: Token, values: Readonly<Record<string, string>>, language: string): string {
  if (token.kind === 'text') return token.text;
  if (token.kind === 'plural') return fillTokens(pluralForm(token.forms, values[token.name], language), values, language);
  const value = values[token.name];
  if (value === undefined) throw new Error(`no value for placeholder {${token.name}}`);
  return value;
}

/**
 * Fills placeholders as `fillPlaceholders` does, keeping apart as phrases of their own the
 * values named in `langs` (a framework's English title in a Welsh heading), each with its
 * language, so that a renderer can mark them for screen readers.
 */
export function fillPhrases(text: string, values: Readonly<Record<string, string>>, langs: Readonly<Record<string, string>>, language = 'en'): { text: string; lang?: string }[] {
  const { tokens, faults } = tokenise(text);
  if (faults.length) throw new Error(`template text was not checked: ${faults[0]!.message}`);
  const phrases: { text: string; lang?: string }[] = [];
  for (const token of tokens) {
    const lang = token.kind === 'placeholder' ? langs[token.name] : undefined;
    const value = tokenValue(token, values, language);
    const last = phrases[phrases.length - 1];
    if (last && last.lang === lang) last.text += value;
    else if (value) phrases.push(lang ? { text: value, lang } : { text: value });
  }
  return phrases;
}

// ---------------------------------------------------------------------------------------------
// Text blocks

export type TextBlock =
  | { kind: 'paragraph'; text: string }
  /** `label` is the item's own "(a)" or "1."; undefined for a bullet. */
  | { kind: 'list'; items: { label?: string; text: string }[] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const LABELLED = /^\s*(\([A-Za-z0-9]{1,4}\)|[0-9]{1,3}[.)]|[a-z][.)])\s+(.*)$/;

/**
 * Splits template text into paragraphs and lists. Lines of one paragraph or one item are
 * joined with a space, as Markdown does; a blank line ends a paragraph.
 */
export function parseTextBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] | undefined;
  let list: { label?: string; text: string }[] | undefined;
  let afterBlank = false;
  const endParagraph = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = undefined;
  };
  const endList = () => {
    if (list) blocks.push({ kind: 'list', items: list });
    list = undefined;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      endParagraph();
      afterBlank = true;
      continue;
    }
    const bullet = BULLET.exec(raw);
    const labelled = bullet ? null : LABELLED.exec(raw);
    if (bullet || labelled) {
      endParagraph();
      list ??= [];
      list.push(bullet ? { text: bullet[1]!.trim() } : { label: labelled![1]!, text: labelled![2]!.trim() });
    } else if (list && !afterBlank) {
      // A line straight after an item continues it; after a blank line it starts a paragraph.
      list[list.length - 1]!.text += ` ${line}`;
    } else {
      endList();
      (paragraph ??= []).push(line);
    }
    afterBlank = false;
  }
  endParagraph();
  endList();
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Typography

/**
 * Straight quotes and apostrophes as typographic ones, as a committee paper is set: an
 * apostrophe or a closing quote is ’ or ”, an opening one (at the start, or after a space or
 * an opening bracket) is ‘ or “. Used on a template's wording, never on the audit's own words.
 */
export function typographic(text: string): string {
  if (!text.includes("'") && !text.includes('"')) return text;
  return text
    .replace(/(?<=^|[\s([{\u2014\u2013/-])'/g, '\u2018')
    .replace(/(?<=^|[\s([{\u2014\u2013/-])"/g, '\u201c')
    .replace(/'/g, '\u2019')
    .replace(/"/g, '\u201d');
}

/** Every string of a template (its wording) set with typographic quotes; keys and lists' shapes kept. */
export function typographicTemplate<T>(value: T): T {
  if (typeof value === 'string') return typographic(value) as T;
  if (Array.isArray(value)) return value.map(typographicTemplate) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typographicTemplate(v)])) as T;
  return value;
}
