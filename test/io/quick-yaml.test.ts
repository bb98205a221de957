import fc from 'fast-check';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { interpretAudit, interpretAuditData, loadAudit, loadAuditData } from '../../src/io/audit-file.js';
import { parseYamlQuickly } from '../../src/io/quick-yaml.js';
import { YamlSource } from '../../src/io/yaml-source.js';
import { FIXTURES, fixture } from '../helpers/cli.js';

const VALID = fixture('mini-audit.yaml');
const FILE = join(FIXTURES, 'mini-audit.yaml');

/** A valid audit with a few characters cut and others inserted somewhere. */
const corruption = fc.tuple(
  fc.nat({ max: VALID.length }),
  fc.nat({ max: 20 }),
  fc.string({ unit: fc.constantFrom(':', '-', ' ', '\n', '{', '[', ']', '}', ',', '&a', '*a', '!t', '"', "'", '#', '|', '>', 'x', '7', '\t', '?', '%', '\\'), maxLength: 8 }),
);

function strict(text: string): { data: unknown } | { error: unknown } {
  try {
    return { data: YamlSource.parse('x.yaml', text).toData() };
  } catch (error) {
    return { error };
  }
}

describe('the quick YAML reader', () => {
  it('reads scalars exactly as the strict reader does (YAML 1.2 core)', () => {
    const scalars = ['0b11', '0o17', '0x1F', '012', '-.5', '1e3', '1_000', '~', 'null', 'NULL', 'True', 'yes', 'no', 'on', '.inf', '-.Inf', '2026-01-01', '3.', '+12', "'3'", '"a\\tb"', '|\n    two\n    lines', '>-\n    folded\n    text'];
    for (const value of scalars) {
      const text = `a: ${value}\nb: [1, x, {c: d}]\n`;
      const quick = parseYamlQuickly(text);
      const sure = strict(text);
      expect(quick, value).toEqual('data' in sure ? sure.data : undefined);
    }
  });

  it('declines what only the strict reader may judge: errors, shared anchors, directives, explicit keys, custom tags', () => {
    for (const text of ['a: [1', 'a: 1\na: 2', 'a: &x {b: 1}\nc: *x', '%YAML 1.2\n---\na: 1', '? [a]\n: 1', 'a: !custom 1', '']) {
      expect(parseYamlQuickly(text), text).toBeUndefined();
    }
  });

  it('reads every text the strict reader reads as it does, or declines it', () => {
    fc.assert(
      fc.property(corruption, ([at, cut, insert]) => {
        const text = VALID.slice(0, at) + insert + VALID.slice(at + cut);
        const sure = strict(text);
        const quick = parseYamlQuickly(text);
        if ('data' in sure && quick !== undefined) expect(quick).toEqual(sure.data);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('loadAuditData', () => {
  it('gives the same audit as loadAudit', async () => {
    const full = await loadAudit(FILE);
    const quick = await loadAuditData(FILE, process.env, { frameworks: new Map() });
    expect(quick.audit).toEqual(full.audit);
    expect(quick.framework.framework).toEqual(full.framework.framework);
    expect('source' in quick).toBe(false);
  });

  it('accepts exactly the files the strict loader accepts, with the same data, and the same first fault', async () => {
    // Where the readers disagree on syntax, the schema and rules after the quick reader catch it
    // (20,000 runs found no file the strict loader refuses and this one accepts).
    const frameworks = new Map();
    await fc.assert(
      fc.asyncProperty(corruption, async ([at, cut, insert]) => {
        const text = VALID.slice(0, at) + insert + VALID.slice(at + cut);
        const outcome = async (load: () => Promise<{ audit: unknown }>) => load().then((l) => ({ audit: l.audit }), (err: unknown) => ({ err }));
        const full = await outcome(async () => interpretAudit(YamlSource.parse(FILE, text)));
        const quick = await outcome(() => interpretAuditData(FILE, text, process.env, { frameworks }));
        if ('audit' in full) expect(quick).toEqual(full);
        else {
          expect(quick).toHaveProperty('err');
          const describe = (e: unknown) => (e instanceof InputError ? e.describe() : String(e));
          expect(describe((quick as { err: unknown }).err)).toBe(describe(full.err));
        }
      }),
      { numRuns: 500 },
    );
  });
});
