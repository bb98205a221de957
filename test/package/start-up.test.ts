/**
 * What the commands that only report load as they start (ARCHITECTURE.md, start-up): on a sound
 * audit, `audit gap` and `audit check` read it with the fast reader alone, so neither the strict
 * YAML parser (the yaml library) nor the lock and its node:crypto may be loaded; and they read
 * their files with synchronous calls, so node:fs/promises (and the readline it brings) is not
 * loaded either (src/io/read-user-file.ts); nor node:zlib, which the code cache's check once
 * loaded (bin/code-cache.js). Timings are
 * bench/startup.mjs's; this holds the loading that they depend on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const EXAMPLE = join(ROOT, 'examples', 'borsetshire-climbie-2002-03.yaml');

// Preloaded into a run: as it exits, lists every module it loaded, built-in or from the bundle.
const PROBE = `
process.on('exit', () => {
  const loaded = [...process.moduleLoadList, ...Object.keys(require.cache)];
  require('fs').writeSync(3, JSON.stringify(loaded));
});
`;

let work: string;
let probe: string;

function loadedBy(args: string[], env: NodeJS.ProcessEnv = process.env): { builtins: string[]; bundle: string[] } {
  const run = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  expect([0, 1]).toContain(run.status);
  const loaded = JSON.parse(String(run.output[3])) as string[];
  return {
    builtins: loaded.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice('NativeModule '.length)),
    bundle: loaded.filter((name) => name.startsWith(join(ROOT, 'dist'))),
  };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'audit-start-up-'));
  probe = join(work, 'probe.cjs');
  writeFileSync(probe, PROBE);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('start-up of the commands that only report', () => {
  for (const args of [['gap', EXAMPLE, '--format', 'json'], ['gap', EXAMPLE], ['check', EXAMPLE], ['check', EXAMPLE, '--format', 'junit']]) {
    it(`audit ${args[0]} ${args.slice(2).join(' ')} loads neither the strict YAML parser, node:crypto nor node:fs/promises`, () => {
      const { builtins, bundle } = loadedBy(args);
      expect(bundle.length).toBeGreaterThan(3);
      // The bundle names each library module it holds in a comment: the yaml library's composer is its parser.
      const withParser = bundle.filter((file) => readFileSync(file, 'utf8').includes('node_modules/yaml/dist/compose/'));
      expect(withParser).toEqual([]);
      expect(builtins).not.toContain('crypto');
      expect(builtins).not.toContain('fs/promises');
    });
  }

  it('output for a script, a file or a CI log (JSON, JUnit, the check verdict) loads no fast-string-width, whose tables of wide characters only a terminal needs', () => {
    // Not a terminal, and no COLUMNS: nothing is laid out to a width.
    const { COLUMNS: _columns, ...env } = process.env;
    for (const args of [['gap', EXAMPLE, '--format', 'json'], ['check', EXAMPLE], ['check', EXAMPLE, '--format', 'junit']]) {
      const withWidths = loadedBy(args, env).bundle.filter((file) => readFileSync(file, 'utf8').includes('node_modules/fast-string-truncated-width/'));
      expect(withWidths, `audit ${args.join(' ')}`).toEqual([]);
    }
    // A table measures its text, and loads it.
    expect(loadedBy(['gap', EXAMPLE], env).bundle.some((file) => readFileSync(file, 'utf8').includes('node_modules/fast-string-truncated-width/'))).toBe(true);
  });

  it('audit --version and audit gap load no node:zlib: the code cache is checked without a checksum of our own', () => {
    for (const args of [['--version'], ['gap', EXAMPLE, '--format', 'json']]) expect(loadedBy(args).builtins).not.toContain('zlib');
  });
});
