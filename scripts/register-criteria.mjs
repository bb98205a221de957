#!/usr/bin/env node
/**
 * Adds to a criterion register (criterion-register.txt) every criterion of the frameworks in its
 * directory that it does not yet record, as first published in the edition it is found in.
 * Existing lines are never changed or removed: a changed statement is refused by
 * `audit standards validate --library`, and is either given a new id or recorded by hand as an
 * erratum with its reason (see standards/README.md).
 *
 *   npm run build && node scripts/register-criteria.mjs [DIR]     (default: standards/)
 *
 * New lines go after the last line of their framework, or, for a framework new to the register,
 * where its id sorts, so that branches adding different frameworks touch different lines.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { importSources } = await import('./import-sources.mjs');
const { readLibrary, parseRegister, registerLine, REGISTER_FILE } = await importSources({
  readLibrary: 'src/io/framework-library.ts',
  parseRegister: 'src/core/criterion-register.ts',
  registerLine: 'src/core/criterion-register.ts',
  REGISTER_FILE: 'src/core/criterion-register.ts',
});

const dir = resolve(process.argv[2] ?? join(root, 'standards'));
const bundled = resolve(join(root, 'standards'));
const env = dir === bundled ? {} : { AUDIT_STANDARDS_PATH: dir };
const file = join(dir, REGISTER_FILE);
const text = existsSync(file) ? readFileSync(file, 'utf8') : `${HEADER()}\n`;
const { lines, faults } = parseRegister(text);
if (faults.length) {
  for (const fault of faults) console.error(`${file}:${fault.line}: ${fault.message}`);
  process.exit(2);
}

const registered = new Set(lines.map((l) => `${l.framework}\0${l.criterion}`));
const additions = new Map(); // framework id → new lines, oldest edition first
for (const entry of await readLibrary(env)) {
  if (dirname(entry.current.file) !== dir) continue;
  for (const edition of [...entry.earlier].reverse().concat(entry.current)) {
    const { framework } = edition;
    for (const criterion of framework.standards.flatMap((s) => s.criteria)) {
      const key = `${framework.id}\0${criterion.id}`;
      if (registered.has(key)) continue;
      registered.add(key);
      additions.set(framework.id, [...(additions.get(framework.id) ?? []), registerLine(framework.id, criterion.id, criterion.text, framework.version)]);
    }
  }
}

const out = text.replace(/\n*$/, '').split('\n');
for (const [id, added] of additions) {
  const frameworkOf = (line) => (/^\s*#/.test(line) || !line.trim() ? undefined : line.trim().split(/\s+/)[0]);
  let at = -1;
  out.forEach((line, i) => {
    if (frameworkOf(line) === id) at = i + 1;
  });
  if (at < 0) {
    // A framework new to the register: before the first framework whose id sorts after it.
    at = out.findIndex((line) => frameworkOf(line) !== undefined && frameworkOf(line) > id);
    if (at < 0) at = out.length;
  }
  out.splice(at, 0, ...added);
  console.log(`${id}: ${added.length} criteria added to the register`);
}
writeFileSync(file, `${out.join('\n')}\n`);
if (!additions.size) console.log(`${file}: every criterion is registered`);

function HEADER() {
  return [
    '# The criterion register: every criterion id published in the frameworks of this directory, with',
    '# a digest of the statement it was published with. An id is never reused for a different statement.',
    '# See standards/README.md. Lines are only ever added:',
    '#   <framework> <criterion> <digest> <edition first published>',
    '#   <framework> <criterion> <digest> <edition> erratum: <why the wording was corrected in place>',
  ].join('\n');
}
