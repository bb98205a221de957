/**
 * The package as a user gets it: a checkout that was never built, packed with `npm pack` (which
 * builds it), installed from the tarball into a prefix of its own with no registry, and run.
 * A file missing from the package, or a path that only works in a checkout, fails here. Every
 * command of the cycle is run by scripts/smoke.mjs, the same script the CI runs on Windows and
 * macOS (.github/workflows/ci.yml), given the tarball packed here so that it is built only once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCleanError, ROOT } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// What a clone holds that the build and the package use (node_modules comes from the checkout).
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'bin', 'src', 'scripts', 'standards', 'schemas', 'templates', 'examples'];

let work: string;
let clone: string;
let neverBuilt: { status: number | null; stdout: string; stderr: string };
let tarball: string;
let installed: string;

function run(args: string[], cwd: string) {
  return spawnSync(join(installed, 'bin', process.platform === 'win32' ? 'audit.cmd' : 'audit'), args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    shell: process.platform === 'win32',
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'audit-package-'));
  clone = join(work, 'clone');
  for (const name of SOURCES) cpSync(join(ROOT, name), join(clone, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'junction');
  neverBuilt = spawnSync(process.execPath, [join(clone, 'bin', 'audit.js'), '--version'], { encoding: 'utf8' });

  // npm pack runs `prepare`, which builds dist/ in the clone.
  const packed = execFileSync(NPM, ['pack', '--pack-destination', work, '--silent'], { cwd: clone, encoding: 'utf8', shell: process.platform === 'win32' });
  tarball = join(work, packed.trim().split('\n').pop()!);
  installed = join(work, 'prefix');
  execFileSync(NPM, ['install', '--global', '--prefix', installed, '--offline', '--no-audit', '--no-fund', tarball], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('a checkout that was never built says so in one line, exit 2, no stack trace', () => {
    expect(neverBuilt.status).toBe(2);
    expect(neverBuilt.stderr).toBe('audit: this checkout is not built yet: run npm run build\n');
    expect(isCleanError(neverBuilt.stderr)).toBe(true);
  });

  it('is built by npm pack and needs no registry: no dependencies, a bundle, the fonts and the data it reads', () => {
    expect(tarball.endsWith(`safeguarding-audit-${version}.tgz`)).toBe(true);
    const root = join(installed, 'lib', 'node_modules', 'safeguarding-audit');
    const dir = existsSync(root) ? root : join(installed, 'node_modules', 'safeguarding-audit');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(readdirSync(join(dir, 'dist'))).toEqual(expect.arrayContaining(['cli.cjs', 'chunks', 'generated', 'vendor', 'THIRD-PARTY-NOTICES.md']));
    expect(readdirSync(join(dir, 'dist', 'vendor', '@expo-google-fonts', 'noto-sans', '400Regular'))).toEqual(['NotoSans_400Regular.ttf']);
    expect(readFileSync(join(dir, 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8')).toContain('SIL OPEN FONT LICENSE');
  });

  it('passes scripts/smoke.mjs, which installs the tarball and runs every command of the cycle through npm\'s `audit` command, as the CI of Windows and macOS does', () => {
    const smoke = spawnSync(process.execPath, [join(ROOT, 'scripts', 'smoke.mjs'), '--tarball', tarball], { cwd: work, encoding: 'utf8', env: { ...process.env, TMPDIR: work } });
    expect(smoke.stdout).not.toContain('FAIL');
    expect(smoke.status, smoke.stdout + smoke.stderr).toBe(0);
    expect(smoke.stdout).toMatch(/\nall \d+ steps passed\n/);
    // It cleans up after itself.
    expect(readdirSync(work).filter((name) => name.startsWith('audit-smoke-'))).toEqual([]);
  }, 180_000);

  it('prints symbols and emoji in the fallback fonts it ships, and marks text none of them can print', async () => {
    const details = join(ROOT, 'examples', 'borsetshire-report-details.yaml');
    const symbols = readFileSync(join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), 'utf8').replace(/evidence: \|-\n/, '$&      Checked ✔ → ≤ 🙂; parent محمد\n');
    writeFileSync(join(work, 'symbols.yaml'), symbols);
    const marked = run(['report', 'symbols.yaml', '--details', details, '--unprintable', 'placeholder', '-o', 'symbols.pdf'], work);
    expect(marked.status, marked.stderr).toBe(0);
    expect((await readPdf(join(work, 'symbols.pdf'))).text).toContain('Checked ✔ → ≤ 🙂; parent [Arabic script not printable in PDF');
  });

  it.runIf(process.versions.node.startsWith('20.'))('on Node 20, compiles itself from the code cache it was packed with, where npm installed it', () => {
    const probe = join(work, 'probe.cjs');
    // Reports, for each file compiled with a cache, whether V8 took it.
    writeFileSync(
      probe,
      "const vm = require('vm'); const Script = vm.Script; vm.Script = function (code, options) { const script = new Script(code, options); if (options && options.cachedData) require('fs').writeSync(3, require('path').basename(options.filename) + (script.cachedDataRejected ? ' rejected' : ' taken') + '\\n'); return script; };",
    );
    const shown = spawnSync(process.execPath, ['-r', probe, join(installed, 'bin', 'audit'), '--version'], { cwd: work, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: undefined }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    expect(shown.stdout).toBe(`${version}\n`);
    expect(String(shown.output[3]).split('\n').filter(Boolean)).toEqual(['cli.cjs taken']);
  });

  it('runs from the tarball with npx, without installing, as the README says (--yes, where npm is set not to ask)', () => {
    const npx = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', '--offline', `--package=${tarball}`, '--', 'audit', '--version'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_yes: 'false' },
      shell: process.platform === 'win32',
    });
    expect(npx.stdout).toBe(`${version}\n`);
  });
});
