/**
 * A module of src/ as one file that a child process can load: for tests of what happens when a
 * process ends. The CLI is a bundle, so dist/ holds no module by its own name.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { build } from 'rolldown';
import { afterEach } from 'vitest';
import { ROOT } from './cli.js';

// Inside the project, so that the libraries it imports resolve from node_modules.
const CACHE = join(ROOT, 'node_modules', '.cache', 'audit-test-modules');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Bundles `source` (a path from the project root, e.g. 'src/io/lock.ts') as an ES module; returns its path. */
export async function bundledModule(source: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'module-'));
  dirs.push(dir);
  const file = join(dir, 'module.mjs');
  await build({ cwd: ROOT, input: source, platform: 'node', external: (id) => !id.startsWith('.') && !isAbsolute(id), logLevel: 'silent', output: { file, format: 'esm', codeSplitting: false } });
  return file;
}
