/**
 * The package as a user gets it: a checkout that was never built, packed with `npm pack` (which
 * builds it), installed from the tarball into a prefix of its own with no registry, and run.
 * A file missing from the package, or a path that only works in a checkout, fails here.
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

  it('runs as the installed `audit` command: --version, standards, gap', () => {
    const shown = run(['--version'], work);
    expect(shown.stdout).toBe(`${version}\n`);
    expect(run(['standards', 'list'], work).stdout).toContain('section-11');
    const gap = run(['gap', join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), '--format', 'json'], work);
    expect(gap.status).toBe(0);
    expect(JSON.parse(gap.stdout).framework.id).toBe('climbie-2003');
    const bad = run(['gap', join(ROOT, 'package.json')], work);
    expect(bad.status).toBe(2);
    expect(isCleanError(bad.stderr)).toBe(true);
  });

  it('writes the committee report (PDF and Word) and the partnership report, fonts and templates included', async () => {
    const details = join(ROOT, 'examples', 'borsetshire-report-details.yaml');
    const report = run(['report', join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), '--public', '--details', details, '-o', join(work, 'cabinet.pdf')], work);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const pdf = await readPdf(join(work, 'cabinet.pdf'));
    expect(pdf.text).toContain('Climbié');
    const aggregate = run(['aggregate', join(ROOT, 'examples', 'section-11'), '-o', join(work, 'partnership.pdf')], work);
    expect(aggregate.status).toBe(0);
    expect((await readPdf(join(work, 'partnership.pdf'))).pages.length).toBeGreaterThan(3);
    const word = run(['report', join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), '--public', '--details', details, '-o', join(work, 'cabinet.docx')], work);
    expect(word.status).toBe(0);
    expect(readFileSync(join(work, 'cabinet.docx')).subarray(0, 2).toString()).toBe('PK');
    // Every fallback font (symbols, arrows, maths, emoji), and the check of what none can print.
    const symbols = readFileSync(join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), 'utf8').replace(/evidence: \|-\n/, '$&      Checked ✔ → ≤ 🙂; parent محمد\n');
    writeFileSync(join(work, 'symbols.yaml'), symbols);
    const marked = run(['report', 'symbols.yaml', '--details', details, '--unprintable', 'placeholder', '-o', 'symbols.pdf'], work);
    expect(marked.status, marked.stderr).toBe(0);
    expect((await readPdf(join(work, 'symbols.pdf'))).text).toContain('Checked ✔ → ≤ 🙂; parent [Arabic script not printable in PDF');
  });

  it('ships the examples the README uses: audit examples copies them, and the README\'s commands run on them', () => {
    const dir = join(work, 'new-user');
    expect(run(['examples', dir], work).status).toBe(0);
    const aggregate = run(['aggregate', join(dir, 'section-11'), '--format', 'json'], work);
    expect(aggregate.status, aggregate.stderr).toBe(0);
    expect(JSON.parse(aggregate.stdout).agencies).toHaveLength(4);
    expect(run(['trend', join(dir, 'section-11-2024-25/borsetshire-police.yaml'), join(dir, 'section-11/borsetshire-police.yaml'), join(dir, 'section-11-2026-27/borsetshire-police.yaml')], work).status).toBe(0);
  });

  it('writes an agency return workbook and reads it back (exceljs, bundled)', () => {
    const exported = run(['export', join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml'), '-o', join(work, 'return.xlsx')], work);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const imported = run(['import', join(work, 'return.xlsx'), '-o', join(work, 'imported.yaml')], work);
    expect(imported.status).toBe(0);
    expect(run(['gap', join(work, 'imported.yaml'), '--format', 'json'], work).status).toBe(0);
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

  it('scaffolds a repository, and vendors a tarball of itself that installs with no registry', () => {
    const init = run(['init', 'team', '--vendor', '--framework', 'working-together-2023'], work);
    expect(init.status).toBe(0);
    const vendored = join(work, 'team', '.audit', `safeguarding-audit-${version}.tgz`);
    expect(existsSync(vendored)).toBe(true);
    const again = join(work, 'again');
    const install = spawnSync(NPM, ['install', '--global', '--prefix', again, '--offline', '--no-audit', '--no-fund', vendored], { encoding: 'utf8', shell: process.platform === 'win32' });
    expect(install.status).toBe(0);
    // Its manifest holds nothing an install would run, so npm has nothing to warn of.
    expect(install.stderr).not.toContain('install-scripts');
    const shown = spawnSync(join(again, 'bin', 'audit'), ['--version'], { encoding: 'utf8' });
    expect(shown.stdout).toBe(`${version}\n`);
  });
});
