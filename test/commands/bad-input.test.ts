import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, listFiles, runAudit, workspace } from '../helpers/cli.js';

const GOOD = fixture('mini-audit.yaml');
const HEAD = 'framework: ./mini-framework.yaml\norganisation: Org\nperiod: 2025\n';

const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');

const CASES: [string, string | Buffer, RegExp][] = [
  ['a YAML syntax error', `${HEAD}responses:\n  L-1:\n    rating: 3\n   evidence: x\n`, /bad\.yaml:7:1: invalid YAML: /],
  ['a duplicate key', `${HEAD}organisation: Again\nresponses: {}\n`, /bad\.yaml:4:1: invalid YAML: duplicate key "organisation": a key may appear only once in a mapping/],
  ['a wrong type', `${HEAD}responses:\n  L-1:\n    rating: [3]\n`, /bad\.yaml:6:13: "rating" must be a whole number or empty, not a list/],
  ['a rating as text', `${HEAD}responses:\n  L-1:\n    rating: "3"\n`, /bad\.yaml:6:13: "rating" must be a whole number or empty, not "3"/],
  ['a rating off the scale', `${HEAD}responses:\n  L-1:\n    rating: 5\n`, /bad\.yaml:6:13: rating 5 for L-1 is not on the scale of mini \(1–4\)/],
  ['a fractional rating', `${HEAD}responses:\n  L-1:\n    rating: 2.5\n`, /bad\.yaml:6:13: "rating" must be a whole number or empty, written plainly in digits \(such as 3\), not 2\.5/],
  ['an unknown criterion', `${HEAD}responses:\n  l-1:\n    rating: 3\n`, /bad\.yaml:5:3: unknown criterion "l-1": mini has no such criterion \(did you mean L-1\?\)/],
  ['an unknown key', `${HEAD}responses:\n  L-1:\n    rating: 3\n    note: x\n`, /bad\.yaml:7:5: unknown key "note" \(expected one of: rating, notApplicable, evidence, action/],
  ['an unknown framework', 'framework: climbie\norganisation: Org\nperiod: 2025\nresponses: {}\n', /bad\.yaml:1:12: unknown framework "climbie"; available: ceo-briefing-2009, climbie-2003, kcsie-2025, nhs-saaf-2024, section-11/],
  ['a missing framework file', 'framework: ./nowhere.yaml\norganisation: Org\nperiod: 2025\nresponses: {}\n', /bad\.yaml:1:12: framework file \.\/nowhere\.yaml not found/],
  ['a bad due date', `${HEAD}responses:\n  L-1:\n    rating: 2\n    action:\n      text: x\n      due: 2026-02-30\n`, /bad\.yaml:9:12: due date "2026-02-30" for L-1 is not a real date/],
  ['a missing key', 'framework: ./mini-framework.yaml\nperiod: 2025\nresponses: {}\n', /bad\.yaml:1:1: the file is missing the required key "organisation"/],
  ['a list instead of a mapping', '- framework\n- organisation\n', /bad\.yaml:1:1: the file must be a mapping of keys, not a list/],
  ['an empty file', '', /bad\.yaml: audit file is empty/],
  ['a file of comments only', '# nothing here\n', /bad\.yaml: file is empty \(it holds only comments\)/],
  ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), /bad\.yaml: audit file is binary, not a YAML text file/],
  ['text that is not UTF-8', Buffer.from('organisation: Caf\xe9\n', 'latin1'), /bad\.yaml: audit file is not UTF-8 text/],
  ['an alias bomb', bomb, /bad\.yaml: too many YAML alias expansions \(more than 100\); refusing a possible alias bomb/],
  ['a custom tag', `framework: !include other.yaml\norganisation: Org\nperiod: 2025\nresponses: {}\n`, /bad\.yaml:1:12: tag !include is not allowed/],
  ['a language tag', `framework: !!python/object:os.system "rm -rf /"\norganisation: Org\nperiod: 2025\nresponses: {}\n`, /bad\.yaml:1:12: tag tag:yaml\.org,2002:python\/object:os\.system is not allowed/],
  ['two documents in one file', `${HEAD}responses: {}\n---\n${HEAD}responses: {}\n`, /bad\.yaml:\d+:\d+: invalid YAML: the file holds more than one YAML document/],
];

describe('bad audit files', () => {
  it.each(CASES)('%s: one clear line naming the file, exit 2, nothing changed', async (_name, content, message) => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml') });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'bad.yaml'), content);
    for (const args of [['gap', 'bad.yaml'], ['rate', 'bad.yaml', 'L-1', '--rating', '3']]) {
      const { code, stdout, stderr } = await runAudit(args, { cwd: dir });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(isCleanError(stderr)).toBe(true);
    }
    expect(readFileSync(join(dir, 'bad.yaml'))).toEqual(Buffer.isBuffer(content) ? content : Buffer.from(content));
    expect(listFiles(dir)).toEqual(['bad.yaml', 'mini-framework.yaml']);
  });

  it('refuses a file larger than any real audit without reading it', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'huge.yaml': `${HEAD}# ${'x'.repeat(9 * 1024 * 1024)}\nresponses: {}\n` });
    const { code, stderr } = await runAudit(['gap', 'huge.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/huge\.yaml: audit file is 9\.0 MB, more than the 8 MB an audit file may be/);
  });

  it('names a missing file and a directory', async () => {
    const dir = workspace();
    expect((await runAudit(['gap', 'none.yaml'], { cwd: dir })).stderr).toBe('audit: none.yaml: audit file not found\n');
    expect((await runAudit(['gap', '.'], { cwd: dir })).stderr).toBe('audit: .: audit file is a directory, not a file\n');
  });

  it('reports a fault in the framework an audit uses at the framework file’s line, quoting nothing from it', async () => {
    const dir = workspace({
      'mini-framework.yaml': fixture('mini-framework.yaml').replace('target: 3\nroles', 'target: three\nroles'),
      'audit.yaml': GOOD,
    });
    const { code, stderr } = await runAudit(['gap', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe('audit: mini-framework.yaml:20:9: not a valid framework (named by the audit); see what is wrong with: audit standards validate mini-framework.yaml\n');
    const validate = await runAudit(['standards', 'validate', 'mini-framework.yaml'], { cwd: dir });
    expect(validate.stderr).toContain('mini-framework.yaml:20:9: "target" must be a whole number, not "three"');
  });
});

describe('usage errors', () => {
  it.each([
    [['gap'], "error: missing required argument 'file'", 'Usage: audit gap'],
    [['gap', 'a.yaml', '--bogus'], "error: unknown option '--bogus'", 'Usage: audit gap'],
    [['gap', 'a.yaml', '--format', 'xml'], "argument 'xml' is invalid. Allowed choices are table, json, markdown, csv", 'Usage: audit gap'],
    [['rate', 'a.yaml'], "error: missing required argument 'criterion'", 'Usage: audit rate'],
    [['frobnicate'], "error: unknown command 'frobnicate'", 'Usage: audit'],
  ])('%j exits 2 with the command’s usage', async (args, message, usage) => {
    const { code, stderr } = await runAudit(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain(usage);
  });

  it('answers --help and --version with exit 0', async () => {
    const help = await runAudit(['rate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--rating <n>');
    const version = await runAudit(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
