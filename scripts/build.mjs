// Builds what the package runs and ships, into dist/ (removed first, so that a build gives the
// same result however often it runs):
//   dist/cli.cjs, dist/chunks/  the CLI bundled by rolldown, every library's code inside it,
//                               and each command in chunks of its own, loaded only when it
//                               runs (the dynamic imports of src/cli.ts)
//   dist/generated/             the JSON Schemas compiled to validators (compile-schemas.mjs)
//   dist/vendor/                files of libraries that our code opens itself (fonts): each
//                               `libraryFile('…')` call in src/ names one
//   dist/THIRD-PARTY-NOTICES.md the licences of the libraries bundled
//   dist/code-cache/<V8>/       V8's compiled code of the bundle, for Node 20 (bin/code-cache.js),
//                               made by running the commonest commands on the examples
// A new command (another dynamic import in src/cli.ts) or a new library needs no change here;
// a library that opens files of its own at run time may (LIBRARY_DATA; ARCHITECTURE.md, "The bundle").
//
// CommonJS, not ES modules: Node 20 takes about 6 ms longer to start an ES module than a
// CommonJS file, which is a tenth of a bare `node -e 0`, and rolldown (unlike esbuild) splits
// CommonJS output into chunks.
//
// `npm run build` type-checks, then runs this; `prepare` (npm ci, npm pack, an install from
// git) runs this alone, in a few seconds (most of them the code cache's training runs).
// `--analyse` prints what each command loads.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { compileSchemas } from './compile-schemas.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const resolveFromRoot = createRequire(join(ROOT, 'package.json')).resolve;

/**
 * Files a library opens itself, relative to its own module (`__dirname`, `import.meta.url`).
 * In the bundle its code runs from dist/chunks/, so that is where it looks: each file is copied
 * there, at the path the library asks for. `from` is a module specifier, `to` a path in
 * dist/chunks/. Example, were PDF/A reports wanted (pdfkit reads its colour profile so):
 *   { from: 'pdfkit/js/data/sRGB_IEC61966_2_1.icc', to: 'data/sRGB_IEC61966_2_1.icc' }
 * Files our own code opens are found by libraryFile() instead, with no list.
 */
const LIBRARY_DATA = [];

// An installed audit needs no registry (`audit init --vendor`, locked-down networks), so the
// package has no dependencies: every library is bundled. npm puts a newly installed library
// under "dependencies"; it belongs under "devDependencies".
const listed = Object.keys(manifest.dependencies ?? {});
if (listed.length) {
  console.error(
    `build: package.json lists ${listed.join(', ')} under "dependencies". audit is installed as a self-contained bundle, ` +
      'so that an install needs no registry: list them under "devDependencies" instead (the build bundles them either way).',
  );
  process.exit(1);
}

/** Finds the `libraryFile('…')` calls in our sources (comments aside): the library files to ship. */
function libraryFilesPlugin(found) {
  const LITERAL = /\blibraryFile\(\s*(['"])([^'"]+)\1\s*\)/g;
  const ANY_CALL = /(?<!function )\blibraryFile\(/g;
  return {
    name: 'library-files',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id)) return null;
      const lines = code.split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
      const literals = [...lines.matchAll(LITERAL)];
      if (literals.length !== [...lines.matchAll(ANY_CALL)].length) {
        this.error(`${relative(ROOT, id)}: libraryFile() takes a string literal, so that the build can ship the file it names`);
      }
      for (const match of literals) found.add(match[2]);
      return null;
    },
  };
}

/**
 * commander requires node:child_process as it loads, for subcommands run as separate programs,
 * which audit has none of; loading it (and node:net behind it) is a twentieth of a bare node
 * start. commander gets it when it first uses it instead.
 */
function deferChildProcessPlugin() {
  const DEFERRED = '\0deferred:child_process';
  return {
    name: 'defer-child-process',
    resolveId(source, importer) {
      if (/^(node:)?child_process$/.test(source) && importer && /[\\/]node_modules[\\/]commander[\\/]/.test(importer)) return DEFERRED;
      return null;
    },
    load(id) {
      if (id !== DEFERRED) return null;
      return "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });";
    },
  };
}

/**
 * What nearly every command loads, bundled as one chunk (chunks/common-*.cjs) rather than the
 * dozen small ones the bundler would otherwise share them out as: reading an audit and its
 * framework (the readers, the validators' glue, the rules), the gap analysis and the check, the
 * output context, the JSON renderer and the small helpers the renderers share. Each file loaded
 * costs a resolution, a read of it and of its code cache, and a comparison with the cache's copy
 * of it, a third to half a millisecond; `audit gap --format json` loaded seventeen files of the
 * bundle, and now three (and the two validators). The modules' own dependencies are not drawn
 * in (so `--version` and `--help` load no more than dist/cli.cjs), and a command's own module and
 * its renderers keep their chunks.
 */
const COMMON_MODULES = /[\\/]src[\\/](?:io[\\/](?:audit-file|audit-or-return|framework-files|framework-library|read-user-file|schema-validation|yaml-fast|yaml-scalars)|core[\\/](?:framework|editions|dates|kinds|audit|gap-analysis|check|violation|template-text|document-text|typed-words|sheet-cells)|render[\\/](?:safe-text|style|not-applicable|plural|rating-label|json)|commands[\\/](?:context|options|write-output))\.ts$/;

/**
 * Measuring and laying out text for a terminal (wrapping, tables) and fast-string-width beneath
 * it, as one chunk (chunks/text-*.cjs), kept out of the common one:
 * making fast-string-width's patterns of wide characters and emoji takes most of a millisecond,
 * which output for a script or a file (JSON, CSV, JUnit) need not pay. Messages are wrapped with
 * it only to a known width (src/commands/context.ts).
 */
const TEXT_MODULES = /[\\/]src[\\/]render[\\/](?:text-wrap|text-table)\.ts$|[\\/]node_modules[\\/]fast-string-(?:truncated-)?width[\\/]/;

async function bundleCli() {
  const libraryFiles = new Set();
  const { output } = await build({
    cwd: ROOT,
    input: { cli: 'src/cli.ts' },
    platform: 'node',
    plugins: [libraryFilesPlugin(libraryFiles), deferChildProcessPlugin()],
    // Needed by includeDependenciesRecursively: false below: cli.cjs may export more than src/cli.ts.
    preserveEntrySignatures: 'allow-extension',
    logLevel: 'warn',
    output: {
      dir: DIST,
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
      codeSplitting: {
        includeDependenciesRecursively: false,
        groups: [
          { name: 'common', test: COMMON_MODULES },
          { name: 'text', test: TEXT_MODULES },
        ],
      },
      // Licences go to THIRD-PARTY-NOTICES.md instead, once each.
      comments: { legal: false },
    },
  });
  return { chunks: output.filter((item) => item.type === 'chunk'), libraryFiles: [...libraryFiles].sort() };
}

/** Copies each library file to dist/vendor/<specifier>, where libraryFile() looks first, and LIBRARY_DATA to dist/chunks/. */
function shipLibraryFiles(specifiers) {
  const copies = [
    ...specifiers.map((specifier) => ({ from: specifier, to: join(DIST, 'vendor', ...specifier.split('/')) })),
    ...LIBRARY_DATA.map(({ from, to }) => ({ from, to: join(DIST, 'chunks', ...to.split('/')) })),
  ];
  for (const { from, to } of copies) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(resolveFromRoot(from), to);
  }
}

/** The folder of the npm package a module came from, or undefined for our own. */
function packageDirOf(id) {
  const parts = id.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  return parts.slice(0, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join('/');
}

/** The licence of every library whose code or files are in dist/, in its own words. */
function writeNotices(chunks, specifiers) {
  const dirs = new Set(chunks.flatMap((chunk) => Object.keys(chunk.modules).map(packageDirOf)).filter(Boolean));
  for (const specifier of [...specifiers, ...LIBRARY_DATA.map((data) => data.from)]) dirs.add(packageDirOf(resolveFromRoot(specifier)));
  const sections = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const texts = readdirSync(dir)
        .filter((name) => /^(licen[cs]e|copying|notice)/i.test(name))
        .sort()
        .map((name) => readFileSync(join(dir, name), 'utf8').trim());
      return { name: pkg.name, text: `## ${pkg.name} ${pkg.version} (${pkg.license ?? 'licence below'})\n\n${texts.join('\n\n') || '(the package has no licence file)'}\n` };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const header = `# Third-party notices\n\n${manifest.name} ${manifest.version} bundles the code or files of these packages.\n\n`;
  writeFileSync(join(DIST, 'THIRD-PARTY-NOTICES.md'), header + sections.map((section) => section.text).join('\n'));
}

/** What each command loads before it runs: its chunk and the chunks it requires, beyond the CLI's own. */
function printAnalysis(chunks) {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = (name, seen = new Set()) => {
    if (seen.has(name) || !byName.has(name)) return seen;
    seen.add(name);
    for (const imported of byName.get(name).imports) closure(imported, seen);
    return seen;
  };
  const bytes = (names) => [...names].reduce((sum, name) => sum + byName.get(name).code.length, 0);
  const kib = (n) => `${(n / 1024).toFixed(0).padStart(6)} KiB`;
  const startup = closure('cli.cjs');
  console.log(`${'start-up (cli.cjs)'.padEnd(36)} ${kib(bytes(startup))}`);
  for (const chunk of chunks) {
    if (!chunk.isDynamicEntry || !chunk.facadeModuleId?.includes(`${join('src', 'commands')}`)) continue;
    const names = closure(chunk.fileName);
    for (const name of startup) names.delete(name);
    const libraries = new Set([...names].flatMap((name) => Object.keys(byName.get(name).modules).map(packageDirOf)).filter(Boolean));
    const label = `+ ${relative(join(ROOT, 'src', 'commands'), chunk.facadeModuleId)}`;
    console.log(`${label.padEnd(36)} ${kib(bytes(names))}  ${[...libraries].map((dir) => dir.replace(/^.*node_modules\//, '')).sort().join(', ')}`);
  }
}

/**
 * The commands whose code the cache holds, run on the examples in this order (each run adds the
 * functions it compiled to the caches of the files it loaded): what scripts and CI run most,
 * then the returns, whose library (exceljs) is the largest compile of all. A command left out
 * still runs as fast as before: its own files are compiled as usual. A copy of the sources
 * without the examples trains only the commands that need no file.
 */
function trainingRuns(work) {
  const plain = [['--version'], ['--help'], ['standards', 'list']];
  const example = join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml');
  if (!existsSync(example)) return plain;
  const workbook = join(work, 'return.xlsx');
  const copy = join(work, 'audit.yaml');
  copyFileSync(example, copy);
  return [
    ...plain,
    ['gap', example, '--format', 'json'],
    ['gap', example],
    ['gap', example, '--format', 'csv'],
    ['check', example],
    ['check', example, '--format', 'junit'],
    ['plan', example, '--as-of', '2003-11-30'],
    ['compare', example, join(ROOT, 'examples', 'borsetshire-climbie-2003-04.yaml')],
    ['aggregate', join(ROOT, 'examples', 'section-11')],
    ['rate', copy, 'REF-1', '--rating', '2', '--evidence', 'Audit of 20 referrals, March.'],
    ['export', example, '-o', workbook],
    ['import', workbook, '-o', join(work, 'imported.yaml')],
  ];
}

/**
 * Makes dist/code-cache/ (bin/code-cache.js) by running the commands with AUDIT_TRAIN_CODE_CACHE=1.
 * Only Node 20 reads it (later versions keep a compile cache of their own), and only a Node whose
 * V8 is the one that wrote it: a build on another version makes none. A command that fails is
 * reported and left out, never failing the build: the tests say what is wrong with it.
 */
function trainCodeCache() {
  if (Number(process.versions.node.split('.')[0]) !== 20) return;
  const work = mkdtempSync(join(tmpdir(), 'audit-build-'));
  const env = { ...process.env, NO_COLOR: '1', AUDIT_TRAIN_CODE_CACHE: '1' };
  delete env.AUDIT_STANDARDS_PATH;
  try {
    for (const args of trainingRuns(work)) {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'audit.js'), ...args], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (run.status !== 0 && run.status !== 1) console.warn(`build: the code cache leaves out audit ${args[0]}, which exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

rmSync(DIST, { recursive: true, force: true });
const [{ chunks, libraryFiles }] = await Promise.all([bundleCli(), compileSchemas(join(DIST, 'generated'))]);
shipLibraryFiles(libraryFiles);
writeNotices(chunks, libraryFiles);
trainCodeCache();
if (process.argv.includes('--analyse')) printAnalysis(chunks);
