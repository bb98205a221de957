// Builds what the package runs and ships, into dist/ (removed first, so a build is the same
// however often it runs):
//   dist/cli.js, dist/chunks/   the CLI bundled with esbuild: every library's code inside it,
//                               and each command in chunks of its own, loaded when it runs
//                               (the dynamic imports of src/cli.ts), so a command's start-up
//                               pays only for its own code
//   dist/generated/             the JSON Schemas compiled to validators (compile-schemas.mjs)
//   dist/vendor/                files of libraries that our code opens itself (fonts): each
//                               `libraryFile('…')` call in src/ names one
//   dist/THIRD-PARTY-NOTICES.md the licences of the code and files bundled
// A new command (another dynamic import in src/cli.ts) and a new library need no change here.
// A library that opens files of its own at run time: see ARCHITECTURE.md, "The bundle".
//
// `npm run build` type-checks, then runs this; `prepare` (npm ci, npm pack, an install from
// git) runs this alone. Options: --analyse prints what each command loads.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { compileSchemas } from './compile-schemas.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// The bundle is ES modules; CommonJS libraries in it (commander, ajv…) expect require,
// __filename and __dirname, which an ES module lacks. Every output file gets its own.
const BANNER = [
  "import { createRequire as __auditCreateRequire } from 'node:module';",
  "import { fileURLToPath as __auditFileURLToPath } from 'node:url';",
  'const require = __auditCreateRequire(import.meta.url);',
  'const __filename = __auditFileURLToPath(import.meta.url);',
  "const __dirname = __auditFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/**
 * Libraries listed in `dependencies` are not bundled: npm ships them whole in the package
 * (`bundleDependencies`) and they load from its node_modules. That is the place for a library
 * that opens files of its own at run time; everything else belongs in devDependencies.
 */
const shippedWhole = Object.keys(manifest.dependencies ?? {});

/** Finds the `libraryFile('…')` calls in our sources (comments aside): the library files to ship. */
function libraryFilesPlugin(found) {
  const LITERAL = /\blibraryFile\(\s*(['"])([^'"]+)\1\s*\)/g;
  const ANY_CALL = /(?<!function )\blibraryFile\(/g;
  return {
    name: 'library-files',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        const code = contents.split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
        const literals = [...code.matchAll(LITERAL)];
        if (literals.length !== [...code.matchAll(ANY_CALL)].length) {
          return { errors: [{ text: `${relative(ROOT, args.path)}: libraryFile() takes a string literal, so that the build can ship the file it names` }] };
        }
        for (const match of literals) found.add(match[2]);
        return { contents, loader: 'ts' };
      });
    },
  };
}

async function bundleCli() {
  const libraryFiles = new Set();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${manifest.engines.node.replace(/^>=\s*/, '')}`,
    external: shippedWhole.flatMap((name) => [name, `${name}/*`]),
    banner: { js: BANNER },
    // Licence comments go to THIRD-PARTY-NOTICES.md instead, once each.
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [libraryFilesPlugin(libraryFiles)],
  });
  return { metafile: result.metafile, libraryFiles: [...libraryFiles].sort() };
}

/** Copies each library file to dist/vendor/<specifier>, where libraryFile() looks first. */
function shipLibraryFiles(specifiers) {
  const resolveFromRoot = createRequire(join(ROOT, 'package.json')).resolve;
  for (const specifier of specifiers) {
    const target = join(DIST, 'vendor', ...specifier.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(resolveFromRoot(specifier), target);
  }
}

/** The folder of the npm package a bundled file came from, or undefined for our own. */
function packageDirOf(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + length).join('/');
}

/** The licence of every library whose code or files are in dist/, with its own notice text. */
function writeNotices(metafile, specifiers) {
  const dirs = new Set(Object.keys(metafile.inputs).map(packageDirOf).filter(Boolean));
  for (const specifier of specifiers) dirs.add(packageDirOf(relative(ROOT, createRequire(join(ROOT, 'package.json')).resolve(specifier))));
  const sections = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
      const texts = readdirSync(join(ROOT, dir))
        .filter((name) => /^(licen[cs]e|copying|notice)/i.test(name))
        .sort()
        .map((name) => readFileSync(join(ROOT, dir, name), 'utf8').trim());
      return { name: pkg.name, text: `## ${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})\n\n${texts.join('\n\n') || '(no licence file in the package)'}\n` };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const header = `# Third-party notices\n\n${manifest.name} ${manifest.version} bundles the code or files of these packages.\n\n`;
  writeFileSync(join(DIST, 'THIRD-PARTY-NOTICES.md'), header + sections.map((s) => s.text).join('\n'));
}

/** What each command loads before it runs: the entry, and the chunks its own chunk imports. */
function printAnalysis(metafile) {
  const outputs = metafile.outputs;
  const closure = (file, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && outputs[imported.path]) closure(imported.path, seen);
    return seen;
  };
  const entry = closure('dist/cli.js');
  const size = (files) => [...files].reduce((sum, f) => sum + outputs[f].bytes, 0);
  const kib = (bytes) => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;
  console.log(`${'start-up (dist/cli.js)'.padEnd(44)} ${kib(size(entry))}`);
  for (const [file, output] of Object.entries(outputs).sort()) {
    if (!output.entryPoint?.startsWith('src/commands/')) continue;
    const files = closure(file);
    for (const f of entry) files.delete(f);
    const libraries = new Set();
    for (const f of files) for (const input of Object.keys(outputs[f].inputs)) libraries.add(packageDirOf(input)?.replace(/^.*node_modules\//, ''));
    libraries.delete(undefined);
    console.log(`${`+ ${output.entryPoint.replace('src/commands/', '')}`.padEnd(44)} ${kib(size(files))}  ${[...libraries].sort().join(', ')}`);
  }
}

rmSync(DIST, { recursive: true, force: true });
const [{ metafile, libraryFiles }] = await Promise.all([bundleCli(), compileSchemas(join(DIST, 'generated'))]);
shipLibraryFiles(libraryFiles);
writeNotices(metafile, libraryFiles);
if (process.argv.includes('--analyse')) printAnalysis(metafile);
for (const name of shippedWhole) {
  console.warn(`build: ${name} is in "dependencies", so it is shipped whole and not bundled; if it opens no files of its own, move it to devDependencies (see ARCHITECTURE.md)`);
}
