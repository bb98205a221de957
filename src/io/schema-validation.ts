/**
 * JSON Schema validation with validators compiled at build time (scripts/compile-schemas.mjs),
 * turning ajv's errors into Violations a user can act on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Violation } from '../core/violation.js';
import { packagePath } from './package-info.js';
import { CANONICAL_INT, readsAsNonText } from './yaml-scalars.js';
import type { PathSegment } from './yaml-source.js';

export type SchemaName = 'framework' | 'audit' | 'report-template' | 'partnership-report-template' | 'report-details' | 'crosswalk';

const SCHEMA_FILES: Record<SchemaName, string> = {
  framework: 'standards/framework.schema.json',
  audit: 'schemas/audit.schema.json',
  'report-template': 'templates/report-template.schema.json',
  'partnership-report-template': 'templates/partnership-report.schema.json',
  'report-details': 'schemas/report-details.schema.json',
  crosswalk: 'standards/crosswalk.schema.json',
};

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const validators = new Map<SchemaName, Validator>();
let requireValidator: NodeJS.Require | undefined;

function validatorFor(name: SchemaName): Validator {
  let validate = validators.get(name);
  if (!validate) {
    // Self-contained CommonJS files (scripts/compile-schemas.mjs), the same for src/ and the bundle.
    // Required from a path: a require made from import.meta.url's URL cost half a millisecond more.
    requireValidator ??= createRequire(packagePath('package.json'));
    validate = requireValidator(packagePath(`dist/generated/${name}-validator.cjs`)) as Validator;
    validators.set(name, validate);
  }
  return validate;
}

/** Human wording for the schemas' patterns. */
const PATTERN_WORDS: Record<string, string> = {
  '^[a-z0-9][a-z0-9-]*$': 'use only lower-case letters, digits and hyphens',
  '^[A-Za-z][A-Za-z0-9._-]*$': 'start with a letter and use only letters, digits, ".", "_" and "-"',
  '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$': 'be a language tag such as en-GB or cy',
  '^[a-z][A-Za-z0-9]*$': 'start with a lower-case letter and use only letters and digits',
  '^(x-.*|[a-z][A-Za-z0-9]*)$': 'start with a lower-case letter and use only letters and digits',
  '^\\d{4}-\\d{2}-\\d{2}$': 'be a date written YYYY-MM-DD',
  '^[^\\s@]+@[^\\s@]+$': 'be an email address',
};

/** Validates `data`; returns every violation found (empty when valid). */
export function validateWithSchema(name: SchemaName, data: unknown): Violation[] {
  const validate = validatorFor(name);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of errors) {
    // A value of the wrong type fails several branches of a union; one message is enough.
    const violation = describeError(name, error, data);
    const key = `${violation.path.join('/')}|${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
  }
  return violations;
}

function describeError(name: SchemaName, error: AjvError, data: unknown): Violation {
  const path = pointerToPath(error.instancePath);
  const label = path.length ? String(path[path.length - 1]) : 'the file';
  const value = valueAt(data, path);
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return { path, message: `${path.length ? `"${label}"` : 'the file'} is missing the required key "${String(p.missingProperty)}"` };
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = allowedKeys(name, path);
      return {
        path: [...path, key],
        atKey: true,
        message:
          `unknown key "${key}"` +
          (allowed.length ? ` (expected one of: ${allowed.join(', ')}; local extensions start with "x-")` : ''),
      };
    }
    case 'type':
      // 3.0, +3, 0x3, 1e0 read as text (src/io/yaml-schema.ts): say how to write the number, not that it is text.
      if (/integer/.test(String(p.type)) && typeof value === 'string' && readsAsNonText(value) && !CANONICAL_INT.test(value) && value.length <= 40) {
        return { path, message: `${describeLabel(label, path)} must be ${typeWords(String(p.type))}, written plainly in digits (such as 3), not ${value}` };
      }
      return { path, message: `${describeLabel(label, path)} must be ${typeWords(String(p.type))}, not ${describeValue(value)}` };
    case 'enum':
      return {
        path,
        message: `${describeLabel(label, path)} must be one of ${(p.allowedValues as unknown[]).join(', ')}, not ${describeValue(value)}`,
      };
    case 'pattern': {
      const words = PATTERN_WORDS[String(p.pattern)] ?? `match ${String(p.pattern)}`;
      return { path, message: `${describeLabel(label, path)} ${describeValue(value)} is not valid: it must ${words}` };
    }
    case 'minLength':
      return { path, message: `${describeLabel(label, path)} must not be empty` };
    case 'minItems':
      return { path, message: `${describeLabel(label, path)} must have at least ${String(p.limit)} item(s)` };
    default:
      return { path, message: `${describeLabel(label, path)} ${error.message ?? 'is not valid'}` };
  }
}

function describeLabel(label: string, path: PathSegment[]): string {
  if (!path.length) return 'the file';
  if (typeof path[path.length - 1] === 'number') {
    const parent = path[path.length - 2];
    return `item ${Number(label) + 1} of "${String(parent)}"`;
  }
  return `"${label}"`;
}

function typeWords(types: string): string {
  const words: Record<string, string> = {
    object: 'a mapping of keys',
    array: 'a list',
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  return types
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Schema files as read, by URL; only read to list the keys allowed where a key is unknown. */
const schemaFiles = new Map<string, SchemaNode>();

function readSchemaFile(url: URL): SchemaNode {
  let node = schemaFiles.get(url.href);
  if (!node) {
    node = JSON.parse(readFileSync(url, 'utf8')) as SchemaNode;
    schemaFiles.set(url.href, node);
  }
  return node;
}

/** A place in a schema: the node, and the file it is in (for resolving its references). */
interface SchemaPlace {
  file: URL;
  node: SchemaNode | undefined;
}

/** The keys the schema allows at the object at `path` in the data. Read only on error. */
function allowedKeys(name: SchemaName, path: PathSegment[]): string[] {
  const file = pathToFileURL(packagePath(SCHEMA_FILES[name]));
  let place: SchemaPlace = { file, node: readSchemaFile(file) };
  for (const segment of path) {
    place = deref(place);
    const node = place.node;
    if (!node) return [];
    place = { file: place.file, node: typeof segment === 'number' ? node.items : (node.properties?.[segment] ?? node.additionalProperties) };
  }
  return Object.keys(deref(place).node?.properties ?? {});
}

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
}

/**
 * Follows `$ref`s: local ones (`#/$defs/…`) and ones into a file beside the schema
 * (`template-parts.schema.json#/$defs/…`), the only kinds our schemas use.
 */
function deref(place: SchemaPlace): SchemaPlace {
  let { file, node } = place;
  for (let hops = 0; node && typeof node === 'object' && node.$ref && hops < 10; hops++) {
    const [target = '', pointer = ''] = node.$ref.split('#');
    if (target) file = new URL(target, file);
    node = valueAt(readSchemaFile(file), pointerToPath(pointer)) as SchemaNode | undefined;
  }
  return { file, node };
}
