/**
 * The code cache of the bundle (bin/code-cache.js), which Node 20 compiles the CLI from: the
 * build makes it, V8 takes it, a cache that does not fit its file is ignored, and a run never
 * writes it. Later versions of Node use their own compile cache instead, so this is Node 20's.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const EXAMPLE = join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml');
const PACKAGE_FILES = ['package.json', 'bin', 'dist', 'standards', 'schemas', 'templates'];

// Preloaded into a run: reports, for each file compiled with a cache, whether V8 took it.
const PROBE = `
const vm = require('vm');
const Script = vm.Script;
vm.Script = function (code, options) {
  const script = new Script(code, options);
  if (options && options.cachedData) require('fs').writeSync(3, require('path').basename(options.filename) + (script.cachedDataRejected ? ' rejected' : ' taken') + '\\n');
  return script;
};
`;

let work: string;
let probe: string;

function run(root: string, args: string[]) {
  const result = spawnSync(process.execPath, ['-r', probe, join(root, 'bin', 'audit.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', AUDIT_TRAIN_CODE_CACHE: undefined },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const caches = String(result.output[3] ?? '').split('\n').filter(Boolean);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, taken: caches.filter((l) => l.endsWith(' taken')), rejected: caches.filter((l) => l.endsWith(' rejected')) };
}

/** The package as installed: its files only, in a folder of its own. */
function copyOfPackage(name: string): string {
  const root = join(work, name);
  for (const file of PACKAGE_FILES) cpSync(join(ROOT, file), join(root, file), { recursive: true });
  return root;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'audit-code-cache-'));
  probe = join(work, 'probe.cjs');
  writeFileSync(probe, PROBE);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(process.versions.node.startsWith('20.'))('the code cache on Node 20', () => {
  it('is made by the build, and V8 takes it for every file a gap analysis and a check load', () => {
    const cached = filesUnder(join(ROOT, 'dist', 'code-cache'));
    expect(cached).toEqual(expect.arrayContaining(['cli.cjs.bin', 'generated/audit-validator.cjs.bin', 'generated/framework-validator.cjs.bin']));
    for (const args of [['gap', EXAMPLE, '--format', 'json'], ['check', EXAMPLE]]) {
      const result = run(ROOT, args);
      expect(result.status === 0 || result.status === 1).toBe(true);
      expect(result.rejected).toEqual([]);
      expect(result.taken).toEqual(expect.arrayContaining(['cli.cjs taken', 'audit-validator.cjs taken', 'framework-validator.cjs taken']));
      expect(result.taken.some((line) => line.startsWith(`${args[0]}-`))).toBe(true);
    }
  });

  it('ignores a cache that does not fit its file, one it cannot read, and a missing one: the output is the same', () => {
    const expected = run(ROOT, ['gap', EXAMPLE, '--format', 'json']);
    const root = copyOfPackage('mismatched');
    const cache = join(root, 'dist', 'code-cache');
    // Another file's cache (V8 refuses it), bytes that are no cache, a folder where a file should be.
    cpSync(join(cache, 'generated', 'framework-validator.cjs.bin'), join(cache, 'cli.cjs.bin'));
    writeFileSync(join(cache, 'generated', 'audit-validator.cjs.bin'), 'not a code cache');
    rmSync(join(cache, 'generated', 'framework-validator.cjs.bin'));
    mkdirSync(join(cache, 'generated', 'framework-validator.cjs.bin'));
    const result = run(root, ['gap', EXAMPLE, '--format', 'json']);
    expect(result.rejected).toEqual(expect.arrayContaining(['cli.cjs rejected', 'audit-validator.cjs rejected']));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected.stdout);

    rmSync(cache, { recursive: true });
    const none = run(root, ['gap', EXAMPLE, '--format', 'json']);
    expect(none.taken).toEqual([]);
    expect(none.stdout).toBe(expected.stdout);
  });

  it('is only ever read by a run, never written: parallel runs and read-only installs are safe', () => {
    const root = copyOfPackage('read-only');
    const cache = join(root, 'dist', 'code-cache');
    const before = filesUnder(cache).map((file) => `${file} ${statSync(join(cache, file)).mtimeMs}`);
    for (const args of [['--version'], ['gap', EXAMPLE], ['check', EXAMPLE, '--format', 'junit'], ['standards', 'show', 'climbie-2003']]) {
      expect(run(root, args).stderr).not.toContain('Error');
    }
    expect(filesUnder(cache).map((file) => `${file} ${statSync(join(cache, file)).mtimeMs}`)).toEqual(before);
    expect(readFileSync(join(cache, 'cli.cjs.bin')).length).toBeGreaterThan(0);
  });
});
