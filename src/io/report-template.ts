/**
 * Finding and loading report templates: the bundled ones in templates/ by name, or a council's
 * own file by path. A council's template is laid over the bundled cabinet-report, so it need
 * hold only the wording it changes. Faults are reported at their line and column.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isScalar } from 'yaml';
import {
  checkTemplate,
  mergeTemplate,
  type DeepPartial,
  type ReportTemplate,
  type TemplateFault,
} from '../core/report-template.js';
import { InputError } from '../errors.js';
import { readUserFile } from './read-user-file.js';
import { validateWithSchema } from './schema-validation.js';
import { YamlSource } from './yaml-source.js';

export const BUNDLED_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const DEFAULT_TEMPLATE = 'cabinet-report';

const TEMPLATE_EXTENSIONS = ['.yaml', '.yml'];

export interface LoadedTemplate {
  template: ReportTemplate;
  /** The file the wording came from (the bundled file when no template was given). */
  file: string;
}

/** A template reference is a path when it looks like one; otherwise the name of a bundled one. */
export function isTemplatePath(ref: string): boolean {
  return /[\\/]/.test(ref) || TEMPLATE_EXTENSIONS.some((ext) => ref.endsWith(ext));
}

export async function bundledTemplateNames(): Promise<string[]> {
  const names = await readdir(BUNDLED_TEMPLATES_DIR);
  return names
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** The template named or at `ref` (the bundled cabinet-report when undefined), complete. */
export async function loadReportTemplate(ref: string | undefined): Promise<LoadedTemplate> {
  const baseFile = `${BUNDLED_TEMPLATES_DIR}${DEFAULT_TEMPLATE}.yaml`;
  const base = (await readTemplateFile(baseFile)) as ReportTemplate;
  if (ref === undefined || ref === DEFAULT_TEMPLATE) return { template: base, file: baseFile };

  let file: string;
  if (isTemplatePath(ref)) {
    file = ref;
  } else {
    const names = await bundledTemplateNames();
    if (!names.includes(ref)) {
      throw new InputError(
        `no bundled report template "${ref}" (bundled: ${names.join(', ')}); to use your own, give the path to its .yaml file`,
      );
    }
    file = `${BUNDLED_TEMPLATES_DIR}${ref}.yaml`;
  }
  const own = (await readTemplateFile(file)) as DeepPartial<ReportTemplate>;
  return { template: mergeTemplate(base, own), file };
}

/** Parses and checks one template file: YAML, then schema, then placeholders. */
async function readTemplateFile(file: string): Promise<unknown> {
  const text = await readUserFile(file, 'report template');
  let source: YamlSource;
  try {
    source = YamlSource.parse(file, text);
  } catch (err) {
    throw withBraceHint(err, text);
  }
  const data = source.toData();
  const schemaFaults = validateWithSchema('report-template', data);
  if (schemaFaults.length) throw source.errorForAll(schemaFaults);
  const faults = checkTemplate(data);
  if (faults.length) {
    const [first, ...rest] = faults.map((fault) => placeholderError(source, data, fault));
    throw new InputError(first!.message, first!.position, rest);
  }
  return data;
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
