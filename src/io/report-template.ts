/**
 * Finding and loading report templates of every kind (the Cabinet report's, the partnership
 * report's): the bundled ones in templates/ by name, or a council's own file by path. A
 * council's template is laid over its kind's bundled one, so it need hold only the wording it
 * changes. Faults are reported at their line and column.
 */
import { readdir } from 'node:fs/promises';
import { isScalar } from 'yaml';
import { TEMPLATES_DIR } from '../assets.js';
import { PARTNERSHIP_REPORT_TEMPLATE } from '../core/partnership-template.js';
import { CABINET_REPORT_TEMPLATE, type ReportTemplate } from '../core/report-template.js';
import type { ReportWarning } from '../core/report-sections.js';
import {
  checkContents,
  checkTemplateText,
  inheritedWording,
  mergeTemplate,
  typographicTemplate,
  type DeepPartial,
  type TemplateContents,
  type TemplateFault,
  type TemplateKind,
} from '../core/template-text.js';
import { InputError } from '../errors.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { YamlSource } from './yaml-source.js';

export const BUNDLED_TEMPLATES_DIR = TEMPLATES_DIR;
export const DEFAULT_TEMPLATE = CABINET_REPORT_TEMPLATE.base;

const TEMPLATE_EXTENSIONS = ['.yaml', '.yml'];

/** Every kind of template, to say which one a file is when it is given to the wrong command. */
const KINDS: readonly TemplateKind<unknown>[] = [CABINET_REPORT_TEMPLATE, PARTNERSHIP_REPORT_TEMPLATE];

const kindNamed = (schemaFile: string | undefined) => KINDS.find((k) => k.schemaFile === schemaFile);

export interface LoadedTemplate<T = ReportTemplate> {
  template: T;
  /** The file the wording came from (the bundled file when no template was given). */
  file: string;
  /** What the command should tell the user: wording left in the bundled template's language. */
  warnings: ReportWarning[];
}

/** A template reference is a path when it looks like one; otherwise the name of a bundled one. */
export function isTemplatePath(ref: string): boolean {
  return /[\\/]/.test(ref) || TEMPLATE_EXTENSIONS.some((ext) => ref.endsWith(ext));
}

/**
 * The bundled templates, each with the schema its first lines name (`$schema=./….schema.json`,
 * the line that lets an editor check it): that says which kind of template it is.
 */
async function bundledTemplates(): Promise<{ name: string; schemaFile: string | undefined }[]> {
  // By name, so that a kind's base comes before its variants (cabinet-report, cabinet-report-welsh).
  const names = (await readdir(BUNDLED_TEMPLATES_DIR)).filter((name) => name.endsWith('.yaml')).sort((a, b) => a.slice(0, -5).localeCompare(b.slice(0, -5), 'en'));
  return Promise.all(
    names.map(async (file) => ({
      name: file.slice(0, -'.yaml'.length),
      schemaFile: schemaNamedIn(await readUserFile(`${BUNDLED_TEMPLATES_DIR}${file}`, 'report template')),
    })),
  );
}

/** The bundled templates of one kind, by name. */
export async function bundledTemplateNames(kind: TemplateKind<unknown> = CABINET_REPORT_TEMPLATE): Promise<string[]> {
  return (await bundledTemplates()).filter((t) => t.schemaFile === kind.schemaFile).map((t) => t.name);
}

function schemaNamedIn(text: string): string | undefined {
  return /\$schema=(?:\.\/)?([\w.-]+\.schema\.json)/.exec(text.slice(0, 500))?.[1];
}

/** The Cabinet report template named or at `ref` (the bundled cabinet-report when undefined). */
export function loadReportTemplate(ref: string | undefined): Promise<LoadedTemplate<ReportTemplate>> {
  return loadTemplate(CABINET_REPORT_TEMPLATE, ref);
}

/** The template of `kind` named or at `ref` (the kind's bundled one when undefined), complete. */
export async function loadTemplate<T>(kind: TemplateKind<T>, ref: string | undefined): Promise<LoadedTemplate<T>> {
  const baseFile = `${BUNDLED_TEMPLATES_DIR}${kind.base}.yaml`;
  const base = (await readTemplateFile(kind, baseFile)).data as T;
  if (ref === undefined || ref === kind.base) return { template: typographicTemplate(base), file: baseFile, warnings: [] };

  let file: string;
  if (isTemplatePath(ref)) {
    file = ref;
  } else {
    const bundled = await bundledTemplates();
    const names = bundled.filter((t) => t.schemaFile === kind.schemaFile).map((t) => t.name);
    // A bundled variant by its short name: "welsh" for cabinet-report-welsh (and partnership-report-welsh).
    if (!names.includes(ref) && names.includes(`${kind.base}-${ref}`)) ref = `${kind.base}-${ref}`;
    if (!names.includes(ref)) {
      const other = kindNamed(bundled.find((t) => t.name === ref)?.schemaFile);
      const otherKind = other ? `: "${ref}" is the ${other.noun}, for ${other.command}` : '';
      throw new InputError(
        `no bundled ${kind.noun} "${ref}"${otherKind} (bundled: ${names.join(', ')}); to use your own, give the path to its .yaml file`,
      );
    }
    file = `${BUNDLED_TEMPLATES_DIR}${ref}.yaml`;
  }
  const { data: own, source } = await readTemplateFile(kind, file);
  const template = mergeTemplate(base, own as DeepPartial<T>);
  // The order of sections is checked whole: a council's list against its own and the bundled sections.
  const [fault, ...more] = checkContents(template as unknown as { contents: TemplateContents; sections: object; appendices: object }, kind).map((f) =>
    source.doc.hasIn(f.path) ? source.errorAt(f.path, f.message, f.path[0] !== 'contents') : source.errorAt([], `${f.message} (in the bundled ${kind.base}.yaml, which your template extends)`),
  );
  if (fault) throw new InputError(fault.message, fault.position, more);
  return { template: typographicTemplate(template), file, warnings: untranslatedWarnings(base, own, file) };
}

/**
 * A template in another language than the bundled one it is laid over keeps that one's words
 * wherever it gives none of its own: say how many and which, so that a Welsh report does not go
 * to committee mostly in English without a word.
 */
function untranslatedWarnings(base: unknown, own: unknown, file: string): ReportWarning[] {
  const primary = (data: unknown) => String((data as { language?: unknown } | undefined)?.language ?? 'en').split('-')[0]!.toLowerCase();
  if (own === undefined || primary(own) === primary(base) || (own as { language?: unknown }).language === undefined) return [];
  const left = inheritedWording(base, own);
  if (!left.length) return [];
  const shown = left.slice(0, 5).join(', ');
  return [
    {
      code: 'untranslated',
      message: `${file} is in language "${(own as { language: string }).language}" but leaves ${left.length} of its wordings in the bundled template's (${shown}${left.length > 5 ? ', …' : ''}): give them in the template, or start from a bundled translation such as --template welsh`,
    },
  ];
}

/** Parses and checks one template file: YAML, then schema, then placeholders. */
async function readTemplateFile(kind: TemplateKind<unknown>, file: string): Promise<{ data: unknown; source: YamlSource }> {
  const text = await readUserFile(file, kind.noun);
  let source: YamlSource;
  try {
    source = YamlSource.parse(file, text);
  } catch (err) {
    throw withBraceHint(err, text);
  }
  const data = source.toData();
  // A copy of another kind's template says so in its first lines: name the mix-up, not its keys.
  const other = kindNamed(schemaNamedIn(text));
  if (other && other !== kind) {
    throw new InputError(
      `this is a ${other.noun}, for ${other.command}; ${kind.command} needs a ${kind.noun}: start from a copy of templates/${kind.base}.yaml`,
      { file },
    );
  }
  const schemaFaults = validateWithSchema(kind.schema, data);
  if (schemaFaults.length) throw source.errorForAll(schemaFaults);
  const faults = checkTemplateText(data, kind.placeholdersAllowedAt);
  if (faults.length) {
    const [first, ...rest] = faults.map((fault) => placeholderError(source, data, fault));
    throw new InputError(first!.message, first!.position, rest);
  }
  return { data, source };
}

/**
 * In YAML a value that starts with "{" is a mapping, so `header: {organisation} · {committee}`
 * is a syntax error that says nothing about placeholders. Say what to do.
 */
function withBraceHint(err: unknown, text: string): unknown {
  if (!(err instanceof InputError) || !err.message.startsWith('invalid YAML') || err.position?.line === undefined) return err;
  const lines = text.split(/\r?\n/);
  const nearby = lines.slice(Math.max(0, err.position.line - 2), err.position.line).join('\n');
  if (!/(:|^\s*-)\s+\{[A-Za-z]/m.test(nearby)) return err;
  return new InputError(`${err.message}; a value that starts with a placeholder must be in quotes, e.g. "{organisation} · {committee}"`, err.position);
}

/** Points at the placeholder itself inside its string, not just at the start of the string. */
function placeholderError(source: YamlSource, data: unknown, fault: TemplateFault): InputError {
  const node = source.doc.getIn(fault.path, true);
  const range = isScalar(node) ? node.range : undefined;
  const value = valueAt(data, fault.path);
  if (range && typeof value === 'string') {
    // The same token may appear more than once; find the same occurrence in the source.
    let occurrence = 0;
    for (let at = value.indexOf(fault.token); at >= 0 && at < fault.index; at = value.indexOf(fault.token, at + 1)) occurrence++;
    const raw = source.text.slice(range[0], range[1]);
    let at = -1;
    for (let n = 0; n <= occurrence; n++) {
      at = raw.indexOf(fault.token, at + 1);
      if (at < 0) break;
    }
    if (at >= 0) return source.errorAtOffset(range[0] + at, fault.message);
  }
  return source.errorAt(fault.path, fault.message);
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
