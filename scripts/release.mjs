// Makes a release: the tag v<version> (package.json's version), on a commit that holds the package
// exactly as `npm pack` builds it, so that anyone can install that version straight from git:
//
//   npm run release                       (in a clean checkout of the commit to release)
//   git push origin v0.1.0
//   npm install --global git+https://…/safeguarding-audit.git#v0.1.0
//
// Why a commit of its own: npm installs a git URL by cloning it and, when the package has a
// script that builds it (`prepare`, `build`…), running `npm install` in the clone first. With
// --global that inner install inherits the global setting: it installs no build tools and links
// the temporary clone into the global folder, so the command it leaves behind points at nothing
// (npm/cli#8440). A commit that holds the built package, with no build scripts in its
// package.json, is installed as it stands: no build, no inner install. This is how the package
// an npm registry serves looks too (src/io/package-tarball.ts leaves out the same fields).
//
// The release commit's parent is the commit released, so `git log v0.1.0` shows where it came
// from; no branch moves. The tarball is left beside package.json, for whoever publishes it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WINDOWS = process.platform === 'win32';

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

/** Runs a program in the checkout; its output, or the end of the run with what it printed. */
function run(program, args, options = {}) {
  const result = spawnSync(program, args, { cwd: ROOT, encoding: 'utf8', shell: WINDOWS && program === 'npm', ...options });
  if (result.status !== 0) fail(`${program} ${args.join(' ')} failed:\n${result.stderr || result.stdout || result.error}`);
  return result.stdout;
}

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tag = `v${version}`;
if (run('git', ['status', '--porcelain', '--untracked-files=no']).trim()) {
  fail('the checkout has uncommitted changes: a release is built from a commit, so commit or stash them first');
}
if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], { cwd: ROOT }).status === 0) {
  fail(`the tag ${tag} exists already: raise the version in package.json (npm version patch) for a new release`);
}
const released = run('git', ['rev-parse', 'HEAD']).trim();

// npm pack runs `prepare`, which builds dist/ from the checkout; the tarball holds what npm ships.
const tarball = run('npm', ['pack', '--silent']).trim().split('\n').pop();
const work = mkdtempSync(join(tmpdir(), 'audit-release-'));
try {
  run('tar', ['-xzf', join(ROOT, tarball), '-C', work]);
  const packageDir = join(work, 'package');
  const manifestPath = join(packageDir, 'package.json');
  const { scripts: _scripts, devDependencies: _devDependencies, ...installed } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  writeFileSync(manifestPath, `${JSON.stringify(installed, null, 2)}\n`);
  // Checked out byte for byte on every system (no CRLF on Windows): the code cache is tied to
  // the bundle's exact bytes. npm leaves this file out of what it installs (package.json `files`).
  writeFileSync(join(packageDir, '.gitattributes'), '* -text\n');

  // The package's files become the commit's tree, through an index of its own: the checkout's
  // index and files are not touched. -f: the checkout's ignore rules (dist/) do not apply here.
  const gitDir = run('git', ['rev-parse', '--absolute-git-dir']).trim();
  const git = (args) => run('git', args, { cwd: packageDir, env: { ...process.env, GIT_DIR: gitDir, GIT_WORK_TREE: packageDir, GIT_INDEX_FILE: join(work, 'index') } });
  git(['add', '--all', '--force', '.']);
  const tree = git(['write-tree']).trim();
  const commit = git(['commit-tree', tree, '-p', released, '-m', `Release ${tag}: audit ${version} as npm installs it, built from ${released}`]).trim();
  run('git', ['tag', '--annotate', tag, commit, '--message', `audit ${version}`]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`Tagged ${tag}: the package built from ${released.slice(0, 12)}, which npm can install from git.`);
console.log(`Next: git push origin ${tag}`);
console.log(`Then: npm install --global git+https://…/safeguarding-audit.git#${tag}   (${tarball} is the same package as a file)`);
