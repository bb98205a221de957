// Named exports of modules of src/, for scripts and benchmarks that call the code directly:
// dist/ holds only the CLI's bundle, with no module by its own name. The modules are bundled
// into one file under node_modules/.cache (so that the libraries they import resolve), then
// imported.
//
//   const { readLibrary } = await importSources({ readLibrary: 'src/io/framework-library.ts' });
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `exports` maps each name to the source file (from the project root) that exports it. */
export async function importSources(exports) {
  const { build } = await import('rolldown');
  const cache = join(ROOT, 'node_modules', '.cache', 'audit-sources');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'bundle-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, Object.entries(exports).map(([name, file]) => `export { ${name} } from ${JSON.stringify(join(ROOT, file))};`).join('\n'));
    const file = join(dir, 'sources.mjs');
    await build({ cwd: ROOT, input: entry, platform: 'node', external: (id) => !id.startsWith('.') && !isAbsolute(id), logLevel: 'silent', output: { file, format: 'esm', codeSplitting: false } });
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
