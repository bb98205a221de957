/**
 * A module of src/ as one ES module file that a child process can import: for tests of what
 * happens when a process ends. The CLI is a bundle, so dist/ holds no module by its own name.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach } from 'vitest';
import { ROOT } from './cli.js';

// Inside the project, so that the libraries it imports resolve from node_modules.
const CACHE = join(ROOT, 'node_modules', '.cache', 'audit-test-modules');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Bundles `source` (a path from the project root, e.g. 'src/io/lock.ts'); returns the file's path. */
export function bundledModule(source: string): string {
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'module-'));
  dirs.push(dir);
  const outfile = join(dir, 'module.mjs');
  buildSync({ absWorkingDir: ROOT, entryPoints: [source], outfile, bundle: true, packages: 'external', format: 'esm', platform: 'node', logLevel: 'error' });
  return outfile;
}
