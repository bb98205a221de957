/**
 * The code cache of the bundle (bin/code-cache.js), which Node 20 compiles the CLI from: the
 * build makes it, V8 takes it, a cache that does not fit its file (another file's, damaged, cut
 * short, for a source changed to the same length, another V8's, other V8 flags) is ignored with
 * the output unchanged, and a run never writes it. Later versions of Node use their own compile
 * cache instead, so this is Node 20's.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const EXAMPLE = join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml');
const PACKAGE_FILES = ['package.json', 'bin', 'dist', 'standards', 'schemas', 'templates'];
// The caches of this Node's V8.
const CACHE = join('dist', 'code-cache', process.versions.v8);

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

function run(root: string, args: string[], nodeOptions: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeOptions, '-r', probe, join(root, 'bin', 'audit.js'), ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', AUDIT_TRAIN_CODE_CACHE: undefined, NODE_OPTIONS: undefined },
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
    const cached = filesUnder(join(ROOT, CACHE));
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
    const cache = join(root, CACHE);
    // Another file's cache, bytes that are no cache, a folder where a file should be, a cache cut
    // short: none matches its checksum, so none reaches V8.
    cpSync(join(cache, 'generated', 'framework-validator.cjs.bin'), join(cache, 'cli.cjs.bin'));
    writeFileSync(join(cache, 'generated', 'audit-validator.cjs.bin'), 'not a code cache');
    rmSync(join(cache, 'generated', 'framework-validator.cjs.bin'));
    mkdirSync(join(cache, 'generated', 'framework-validator.cjs.bin'));
    const chunk = readdirSync(join(cache, 'chunks')).find((name) => name.startsWith('gap-'))!;
    writeFileSync(join(cache, 'chunks', chunk), readFileSync(join(cache, 'chunks', chunk)).subarray(0, 3));
    const result = run(root, ['gap', EXAMPLE, '--format', 'json']);
    for (const file of ['cli.cjs', 'audit-validator.cjs', 'framework-validator.cjs', chunk.replace(/\.bin$/, '')]) {
      expect(result.taken).not.toContain(`${file} taken`);
      expect(result.rejected).not.toContain(`${file} rejected`);
    }
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected.stdout);

    rmSync(cache, { recursive: true });
    const none = run(root, ['gap', EXAMPLE, '--format', 'json']);
    expect(none.taken).toEqual([]);
    expect(none.stdout).toBe(expected.stdout);
  });

  it('never runs code from a damaged cache, nor the old code of a file changed to the same length', () => {
    const root = copyOfPackage('damaged');
    const cacheOfCli = join(root, CACHE, 'cli.cjs.bin');
    // V8 checks neither its cache's own bytes (release builds) nor more of the source than its length.
    const damaged = Buffer.from(readFileSync(cacheOfCli));
    for (let at = 200; at < damaged.length; at += 997) damaged[at]! ^= 0x5a;
    writeFileSync(cacheOfCli, damaged);
    const version = run(root, ['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(version.taken).not.toContain('cli.cjs taken');

    cpSync(join(ROOT, CACHE, 'cli.cjs.bin'), cacheOfCli);
    const bundle = join(root, 'dist', 'cli.cjs');
    const source = readFileSync(bundle, 'utf8');
    const changed = source.replace("Children's safeguarding self-audit", 'A SAME-LENGTH EDIT: safeguarding self-audit'.slice(0, "Children's safeguarding self-audit".length));
    expect(changed.length).toBe(source.length);
    expect(changed).not.toBe(source);
    writeFileSync(bundle, changed);
    const help = run(root, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('A SAME-LENGTH EDIT');
    expect(help.taken).not.toContain('cli.cjs taken');
  });

  it("is V8's own: another V8's folder is never read, and other V8 flags make V8 refuse it, the output the same", () => {
    const expected = run(ROOT, ['gap', EXAMPLE, '--format', 'json']);
    const root = copyOfPackage('other-v8');
    cpSync(join(root, CACHE), join(root, 'dist', 'code-cache', '11.3.0.0-other'), { recursive: true });
    rmSync(join(root, CACHE), { recursive: true });
    const other = run(root, ['gap', EXAMPLE, '--format', 'json']);
    expect(other.taken).toEqual([]);
    expect(other.rejected).toEqual([]);
    expect(other.stdout).toBe(expected.stdout);

    const flags = run(ROOT, ['gap', EXAMPLE, '--format', 'json'], ['--no-opt']);
    expect(flags.taken).toEqual([]);
    expect(flags.rejected).toEqual(expect.arrayContaining(['cli.cjs rejected']));
    expect(flags.stderr).toBe('');
    expect(flags.stdout).toBe(expected.stdout);
  });

  it('is only ever read by a run, never written: parallel runs and read-only installs are safe', () => {
    const root = copyOfPackage('read-only');
    const cache = join(root, 'dist', 'code-cache');
    const before = filesUnder(cache).map((file) => `${file} ${statSync(join(cache, file)).mtimeMs}`);
    for (const args of [['--version'], ['gap', EXAMPLE], ['check', EXAMPLE, '--format', 'junit'], ['standards', 'show', 'climbie-2003']]) {
      expect(run(root, args).stderr).not.toContain('Error');
    }
    expect(filesUnder(cache).map((file) => `${file} ${statSync(join(cache, file)).mtimeMs}`)).toEqual(before);
    expect(readFileSync(join(root, CACHE, 'cli.cjs.bin')).length).toBeGreaterThan(0);
  });
});
