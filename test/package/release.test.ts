/**
 * A release as its maintainer makes it and a user installs it: `npm run release` in a clean git
 * checkout tags a commit holding the built package, and `npm install --global git+URL#tag`
 * (the route npm/cli#8440 breaks for a commit that must be built first) installs a working
 * `audit` from that tag with no registry.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const TAG = `v${version}`;
const WINDOWS = process.platform === 'win32';
// What a clone holds that the build and the package use (node_modules comes from the checkout).
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', '.gitignore', '.gitattributes', 'bin', 'src', 'scripts', 'standards', 'schemas', 'templates', 'examples'];
const IDENTITY = { GIT_AUTHOR_NAME: 'Release Test', GIT_AUTHOR_EMAIL: 'release@example.org', GIT_COMMITTER_NAME: 'Release Test', GIT_COMMITTER_EMAIL: 'release@example.org' };

let work: string;
let repo: string;
let release: ReturnType<typeof spawnSync>;

function git(args: string[]) {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function runRelease() {
  return spawnSync(process.execPath, [join(repo, 'scripts', 'release.mjs')], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'audit-release-test-'));
  repo = join(work, 'repo');
  for (const name of SOURCES) cpSync(join(ROOT, name), join(repo, name), { recursive: true });
  git(['init', '--quiet']);
  git(['add', '--all']);
  git(['commit', '--quiet', '--message', 'the sources']);
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'junction');
  release = runRelease();
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run release', () => {
  it(`tags ${TAG} on a commit that holds the built package, whose parent is the commit released`, () => {
    expect(release.stderr).toBe('');
    expect(release.status).toBe(0);
    expect(release.stdout).toContain(`Tagged ${TAG}`);
    const files = git(['ls-tree', '--name-only', TAG]).trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['bin', 'dist', 'standards', 'templates', 'package.json', 'README.md', 'LICENSE']));
    expect(files).not.toContain('src');
    expect(git(['rev-parse', `${TAG}^{commit}^`]).trim()).toBe(git(['rev-parse', 'HEAD']).trim());
    // No script that would make npm build the clone, and the checkout's own branch did not move.
    const manifest = JSON.parse(git(['show', `${TAG}:package.json`])) as Record<string, unknown>;
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.version).toBe(version);
    expect(git(['status', '--porcelain', '--untracked-files=no'])).toBe('');
  });

  it('installs with npm install --global from the tag, with no registry, and runs', () => {
    const prefix = join(work, 'prefix');
    const install = spawnSync(WINDOWS ? 'npm.cmd' : 'npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', `git+${pathToFileURL(repo).href}#${TAG}`], {
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: join(work, 'npm-cache') },
      shell: WINDOWS,
    });
    expect(install.status, install.stderr).toBe(0);
    const audit = (args: string[]) => spawnSync(join(prefix, 'bin', WINDOWS ? 'audit.cmd' : 'audit'), args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, shell: WINDOWS });
    expect(audit(['--version']).stdout).toBe(`${version}\n`);
    const gap = audit(['gap', join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), '--format', 'json']);
    expect(gap.status, gap.stderr).toBe(0);
    expect(JSON.parse(gap.stdout).framework.id).toBe('climbie-2003');
  });

  it('refuses a second release of the same version, and a checkout with uncommitted changes', () => {
    const again = runRelease();
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`release: the tag ${TAG} exists already: raise the version in package.json (npm version patch) for a new release\n`);
    git(['tag', '--delete', TAG]);
    writeFileSync(join(repo, 'README.md'), 'changed\n');
    const dirty = runRelease();
    expect(dirty.status).toBe(1);
    expect(dirty.stderr).toContain('uncommitted changes');
    expect(git(['tag', '--list'])).toBe('');
  });
});
