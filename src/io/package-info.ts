/**
 * Facts and files of this package itself. Every file the package ships (standards/, schemas/,
 * templates/, the compiled validators, fonts) is found from the package root at run time, so
 * the same code works from src/ (tests), from the bundle in dist/ (a checkout after `npm run
 * build`) and from an installed package on any system: nothing assumes where a module sits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

interface PackageRoot {
  dir: string;
  manifest: { name: string; version: string };
}

let root: PackageRoot | undefined;

/** The nearest folder above this module holding a package.json: src/ and dist/ hold none. */
function packageRoot(): PackageRoot {
  if (root) return root;
  // import.meta.dirname, which the bundle reads as __dirname: no URL to make and parse back.
  const start = import.meta.dirname;
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (root = { dir, manifest: JSON.parse(readFileSync(file, 'utf8')) as PackageRoot['manifest'] });
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: the installation is incomplete`);
  }
}

/** The version of audit that is running, e.g. "0.1.0". */
export function packageVersion(): string {
  return packageRoot().manifest.version;
}

/** "safeguarding-audit 0.1.0": who made a PDF, for its Creator entry. */
export function creator(): string {
  return `${packageRoot().manifest.name} ${packageVersion()}`;
}

/** The absolute path of a file or folder the package ships, from its root: packagePath('standards'). */
export function packagePath(...segments: string[]): string {
  return join(packageRoot().dir, ...segments.flatMap((segment) => segment.split('/')));
}

/** A folder the package ships, ending in a separator so that a file name can follow. */
export function packageFolder(...segments: string[]): string {
  return packagePath(...segments) + sep;
}

/**
 * A file a library ships that our code opens itself (a font), named as a module specifier.
 * The bundle holds no node_modules: scripts/build.mjs finds every `libraryFile('…')` call (so
 * the argument must be a string literal) and copies the file to dist/vendor/. From a checkout
 * that was never built, node_modules has it.
 */
export function libraryFile(specifier: string): string {
  const shipped = packagePath('dist/vendor', specifier);
  if (existsSync(shipped)) return shipped;
  return createRequire(packagePath('package.json')).resolve(specifier);
}
