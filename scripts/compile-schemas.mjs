// Compiles the JSON Schemas into standalone validators at build time, so that no command
// pays for loading ajv and compiling a schema at run time (about 90 ms on every start).
// Output: dist/generated/<name>-validator.cjs (CommonJS, so ajv's runtime helpers resolve).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const SCHEMAS = {
  framework: 'standards/framework.schema.json',
  audit: 'schemas/audit.schema.json',
  'report-template': 'templates/report-template.schema.json',
  'partnership-report-template': 'templates/partnership-report.schema.json',
  'report-details': 'schemas/report-details.schema.json',
};

// Definitions the template schemas share, referred to by relative path ("template-parts.schema.json#/$defs/…").
const SHARED = ['templates/template-parts.schema.json'];
const readSchema = (file) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));

const outDir = new URL('../dist/generated/', import.meta.url);
mkdirSync(outDir, { recursive: true });

for (const [name, file] of Object.entries(SCHEMAS)) {
  const schema = readSchema(file);
  // allErrors so `standards validate` can list every fault; loaders report the first.
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, code: { source: true } });
  for (const shared of SHARED) ajv.addSchema(readSchema(shared), shared.split('/').pop());
  const validate = ajv.compile(schema);
  const code = (standaloneCode.default ?? standaloneCode)(ajv, validate);
  writeFileSync(new URL(`${name}-validator.cjs`, outDir), code);
}
