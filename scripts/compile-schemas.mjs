// Compiles the JSON Schemas into standalone validators at build time, so that no command
// pays for loading ajv and compiling a schema at run time (about 90 ms on every start).
// Output: dist/generated/<name>-validator.cjs, CommonJS with ajv's few run-time helpers bundled
// in, so that they load the same from src/ (tests) and from an installed package, which has no
// node_modules.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'rolldown';

const SCHEMAS = {
  framework: 'standards/framework.schema.json',
  audit: 'schemas/audit.schema.json',
  'report-template': 'templates/report-template.schema.json',
  'partnership-report-template': 'templates/partnership-report.schema.json',
  crosswalk: 'standards/crosswalk.schema.json',
  'report-details': 'schemas/report-details.schema.json',
};

// Definitions the template schemas share, referred to by relative path ("template-parts.schema.json#/$defs/…").
const SHARED = ['templates/template-parts.schema.json'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readSchema = (file) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));

/**
 * ajv counts a string's length for minLength and maxLength in code points, as JSON Schema asks,
 * one UTF-16 unit at a time: over a 1,000-criterion framework a third of the validation. A
 * string with no high surrogate (nearly every string) has as many code points as units, which
 * one pattern test finds; the rest are counted as ajv counts them.
 */
const UCS2LENGTH = 'ajv/dist/runtime/ucs2length';
const FAST_UCS2LENGTH = `
const ajvUcs2length = require(${JSON.stringify(`${UCS2LENGTH}.js`)}).default;
const HIGH_SURROGATE = /[\\uD800-\\uDBFF]/;
function ucs2length(str) {
  return HIGH_SURROGATE.test(str) ? ajvUcs2length(str) : str.length;
}
exports.default = ucs2length;
`;

function fastUcs2lengthPlugin() {
  const id = '\0fast-ucs2length';
  return {
    name: 'fast-ucs2length',
    resolveId: (source) => (source === UCS2LENGTH ? id : null),
    load: (source) => (source === id ? FAST_UCS2LENGTH : null),
  };
}

/** Writes every validator into `outDir` (a path). */
export async function compileSchemas(outDir) {
  mkdirSync(outDir, { recursive: true });
  await Promise.all(
    Object.entries(SCHEMAS).map(([name, file]) => {
      const schema = readSchema(file);
      // allErrors so `standards validate` can list every fault; loaders report the first.
      const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, code: { source: true } });
      for (const shared of SHARED) ajv.addSchema(readSchema(shared), shared.split('/').pop());
      const code = (standaloneCode.default ?? standaloneCode)(ajv, ajv.compile(schema));
      // ajv's standalone code requires a few run-time helpers of its own: bundled in.
      return build({
        cwd: ROOT,
        input: `virtual:${name}`,
        platform: 'node',
        logLevel: 'warn',
        plugins: [
          { name: 'validator-source', resolveId: (id) => (id === `virtual:${name}` ? id : null), load: (id) => (id === `virtual:${name}` ? code : null) },
          fastUcs2lengthPlugin(),
        ],
        output: { file: `${outDir}/${name}-validator.cjs`, format: 'cjs', exports: 'auto' },
      });
    }),
  );
}
