import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, listFiles, read, runAudit, workspace } from '../helpers/cli.js';

const files = () => ({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });

/** Every criterion meets its target except W-2 (amber); W-3 not assessed. */
const amberAudit = fixture('mini-audit.yaml')
  .replace('rating: 2   # report late this year', 'rating: 4')
  .replace('  W-1:\n    rating: 1\n', '  W-1:\n    rating: 3\n')
  .replace(/  W-2:\n$/, '  W-2:\n    rating: 2\n    evidence: "Checks <sampled> & \\"mostly\\" done ]]> \\u0001\\u0008 ok"\n');

describe('audit check', () => {
  it('fails a red audit by default, saying why, with exit status 1', async () => {
    const dir = workspace(files());
    const { code, stdout, stderr } = await runAudit(['check', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('FAIL  audit.yaml: Borsetshire County Council, 2025-26 (mini, edition 1)');
    expect(stdout).toContain('Gate: fail on any red standard');
    expect(stdout).toContain('✗ standard LEAD (Leadership) is red: L-2 rated 2, target 4');
    expect(stdout).toContain('✗ standard WORK (Workforce) is red: W-1 rated 1, target 3');
  });

  it('passes an amber audit at the default gate and fails it with --fail-on amber or gap', async () => {
    const dir = workspace({ ...files(), 'audit.yaml': amberAudit });
    const pass = await runAudit(['check', 'audit.yaml'], { cwd: dir });
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/^PASS  audit\.yaml/);
    expect(pass.stdout).toContain('1 criterion is below target but within this gate');
    for (const level of ['amber', 'gap']) {
      const fail = await runAudit(['check', 'audit.yaml', '--fail-on', level], { cwd: dir });
      expect(fail.code, level).toBe(1);
      expect(fail.stdout).toContain('W-2 rated 2, target 3');
    }
  });

  it('applies --min-rating and --require-complete', async () => {
    const dir = workspace({ ...files(), 'audit.yaml': amberAudit });
    const min = await runAudit(['check', 'audit.yaml', '--min-rating', '3'], { cwd: dir });
    expect(min.code).toBe(1);
    expect(min.stdout).toContain('1 criterion rated below the minimum of 3: W-2 (2)');
    const complete = await runAudit(['check', 'audit.yaml', '--require-complete', '--fail-on', 'none'], { cwd: dir });
    expect(complete.code).toBe(1);
    expect(complete.stdout).toContain('1 criterion not assessed: W-3');
    expect((await runAudit(['check', 'audit.yaml', '--min-rating', '2'], { cwd: dir })).code).toBe(0);
  });

  it('--public leaves every evidence and moderation note out of the report, the verdict unchanged', async () => {
    const dir = workspace(files());
    await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '2', '--note', 'Named child in the minutes', '--by', 'Panel'], { cwd: dir });
    const full = await runAudit(['check', 'audit.yaml', '--format', 'junit'], { cwd: dir });
    expect(full.stdout).toContain('Report went to Cabinet in March.');
    expect(full.stdout).toContain('Named child in the minutes');
    const open = await runAudit(['check', 'audit.yaml', '--format', 'junit', '--public'], { cwd: dir });
    expect(open.code).toBe(full.code);
    expect(open.stdout).not.toContain('Report went to Cabinet in March.');
    expect(open.stdout).not.toContain('Named child in the minutes');
    expect(open.stdout).toContain('Moderated by Panel');
    const json = JSON.parse((await runAudit(['check', 'audit.yaml', '--format', 'json', '--public'], { cwd: dir })).stdout);
    expect(json.criteria.every((c: { evidence: unknown }) => c.evidence === null)).toBe(true);
  });

  it('writes JUnit XML that a CI server can read: a suite per standard, a case per criterion', async () => {
    const dir = workspace({ ...files(), 'audit.yaml': amberAudit });
    mkdirSync(join(dir, 'reports'));
    const { code, stdout } = await runAudit(['check', 'audit.yaml', '--format', 'junit', '-o', 'reports/audit.xml', '--fail-on', 'gap'], { cwd: dir });
    expect(code).toBe(1);
    // The person reading the CI log still gets the verdict and why.
    expect(stdout).toContain('FAIL  audit.yaml');
    expect(stdout).toContain('Wrote the junit report to reports/audit.xml');
    const xml = read(dir, 'reports/audit.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; skipped: string; testcase: Record<string, unknown>[] }[];
    expect(doc.testsuites).toMatchObject({ tests: '5', failures: '1', skipped: '1', errors: '0' });
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.skipped])).toEqual([
      ['1. Leadership', '2', '0', '0'],
      ['2. Workforce', '3', '1', '1'],
    ]);
    const cases = suites[1]!.testcase;
    expect(cases.map((c) => c.name)).toEqual(['W-1: Staff are trained in safeguarding.', 'W-2: Safer recruitment checks are made.', 'W-3: Staff are supervised.']);
    expect(cases[0]).not.toHaveProperty('failure');
    const failure = cases[1]!.failure as { message: string; type: string; '#text': string };
    expect(failure.type).toBe('below-target');
    expect(failure.message).toBe('rated 2, target 3 (gap 1, medium priority); no improvement action yet');
    // Evidence with markup, quotes and control characters arrives intact, less the characters XML cannot hold.
    expect(failure['#text']).toContain('Evidence: Checks <sampled> & "mostly" done ]]>  ok');
    expect(cases[2]!.skipped).toEqual({ message: 'not assessed' });
  });

  it('makes not-assessed criteria failures in JUnit when the gate requires completeness', async () => {
    const dir = workspace({ ...files(), 'audit.yaml': amberAudit });
    const { stdout } = await runAudit(['check', 'audit.yaml', '--format', 'junit', '--require-complete'], { cwd: dir });
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(stdout);
    expect(doc.testsuites).toMatchObject({ failures: '2', skipped: '0' });
  });

  it('gives a Markdown job summary and JSON for scripts, with the reasons on standard error', async () => {
    const dir = workspace(files());
    const md = await runAudit(['check', 'audit.yaml', '--format', 'markdown'], { cwd: dir });
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('## ❌ Failed: Borsetshire County Council, 2025-26');
    expect(md.stdout).toContain('### Why it failed');
    expect(md.stderr).toContain('audit check: audit.yaml: standard LEAD (Leadership) is red');
    const json = await runAudit(['check', 'audit.yaml', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ file: 'audit.yaml', passed: true, gate: { failOn: 'none', minRating: null, requireComplete: false }, reasons: [] });
    expect(result.criteria.map((c: { criterion: string; outcome: string }) => [c.criterion, c.outcome])).toEqual([
      ['L-1', 'meets-target'],
      ['L-2', 'below-target'],
      ['W-1', 'below-target'],
      ['W-2', 'not-assessed'],
      ['W-3', 'not-assessed'],
    ]);
  });

  it('refuses, naming the file as given, an audit made against an edition that is not available', async () => {
    const dir = workspace({ ...files(), 'audit.yaml': fixture('mini-audit.yaml').replace('period: 2025-26', 'frameworkVersion: "0"\nperiod: 2025-26') });
    const { code, stdout, stderr } = await runAudit(['check', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^audit: audit\.yaml:\d+:\d+: this audit was made against edition 0 of mini, which is not available \(available: 1 \(current\)\)/);
    expect(isCleanError(stderr)).toBe(true);
  });

  it('refuses bad input with exit status 2 and one clear line, writing nothing', async () => {
    const dir = workspace({ ...files(), 'bad.yaml': fixture('mini-audit.yaml').replace('rating: 1', 'rating: 7') });
    const bad = await runAudit(['check', 'bad.yaml', '--format', 'junit', '-o', 'out.xml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('audit: bad.yaml:23:13: rating 7 for W-1 is not on the scale of mini (1–4)\n');
    expect(existsSync(join(dir, 'out.xml'))).toBe(false);
    const offScale = await runAudit(['check', 'audit.yaml', '--min-rating', '9'], { cwd: dir });
    expect(offScale.code).toBe(2);
    expect(offScale.stderr).toBe('audit: --min-rating 9 is not on the scale of mini (1–4)\n');
    const level = await runAudit(['check', 'audit.yaml', '--fail-on', 'purple'], { cwd: dir });
    expect(level.code).toBe(2);
    expect(isCleanError(level.stderr)).toBe(true);
    const self = await runAudit(['check', 'audit.yaml', '-o', 'audit.yaml'], { cwd: dir });
    expect(self.code).toBe(2);
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
    expect(listFiles(dir)).toEqual(['audit.yaml', 'bad.yaml', 'mini-framework.yaml']);
  });
});
