import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, fixture, read, ROOT, runAudit, workspace } from '../helpers/cli.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const SCAFFOLD = ['.github/workflows/audit.yml', '.gitignore', '.gitlab-ci.yml', 'README.md', 'audits/.gitkeep'];

describe('audit init', () => {
  it('scaffolds an audit repository: audits folder, README, GitHub and GitLab pipelines', async () => {
    const dir = workspace();
    const { code, stdout } = await runAudit(['init', 'team', '--framework', 'working-together-2023'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Created an audit repository in team:');
    for (const file of SCAFFOLD) expect(stdout).toContain(`  ${file}`);
    expect(stdout).toContain('audit new --framework working-together-2023 --org "Your organisation"');

    for (const file of SCAFFOLD) expect(read(dir, `team/${file}`), file).not.toMatch(/\{\{/);
    const readme = read(dir, 'team/README.md');
    expect(readme).toContain(`npm install --global safeguarding-audit@${version}`);
    expect(readme).toContain('`working-together-2023`');
    expect(read(dir, 'team/audits/.gitkeep')).toBe('');
    expect(read(dir, 'team/.gitignore')).toContain('reports/');

    const github = parse(read(dir, 'team/.github/workflows/audit.yml'));
    const steps = github.jobs.check.steps as { name?: string; run?: string; uses?: string; with?: Record<string, string> }[];
    expect(steps.find((s) => s.name === 'Install audit')!.run).toBe(`npm install --global safeguarding-audit@${version}`);
    expect(steps.find((s) => s.name === 'Check every audit')!.run).toContain('audit check "$file" $CHECK_OPTIONS --format junit');
    expect(steps.find((s) => s.name === 'Keep the reports')).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'reports/' } });

    const gitlab = parse(read(dir, 'team/.gitlab-ci.yml'));
    expect(gitlab['safeguarding-audit'].artifacts).toEqual({ when: 'always', paths: ['reports/'], reports: { junit: 'reports/*.junit.xml' } });
    expect(gitlab['safeguarding-audit'].script.join('\n')).toContain('audit check "$file" $CHECK_OPTIONS --format junit');
  });

  it('runs its GitHub check step for real: fails on a failing or changed audit, writes reports and a summary', async () => {
    const dir = workspace();
    await runAudit(['init'], { cwd: dir });
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'audit'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'audit'), 0o755);
    const step = (parse(read(dir, '.github/workflows/audit.yml')).jobs.check.steps as { name?: string; run?: string }[]).find((s) => s.name === 'Check every audit')!.run!;
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), CHECK_OPTIONS: '--fail-on red', NO_COLOR: '1' };
    const run = () => spawnSync('bash', ['-e', '-c', step], { cwd: dir, env, encoding: 'utf8' });

    writeFileSync(join(dir, 'mini-framework.yaml'), fixture('mini-framework.yaml'));
    const passing = fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml').replace('rating: 2   # report late this year', 'rating: 4').replace('rating: 1\n', 'rating: 3\n');
    writeFileSync(join(dir, 'audits/council.yaml'), passing);
    expect(run().status).toBe(0);
    expect(read(dir, 'reports/council.junit.xml')).toContain('<testsuites');
    expect(read(dir, 'summary.md')).toContain('## ✅ Passed: Borsetshire County Council, 2025-26');

    // Signed off, then changed: the verify in the step fails the job.
    expect((await runAudit(['sign', 'audits/council.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir })).code).toBe(0);
    expect(run().status).toBe(0);
    writeFileSync(join(dir, 'audits/council.yaml'), read(dir, 'audits/council.yaml').replace('Report went to Cabinet in March.', 'Report went to Cabinet in May.'));
    const changed = run();
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('CHANGED  audits/council.yaml');

    // A red audit fails it too.
    writeFileSync(join(dir, 'audits/council.yaml'), passing);
    writeFileSync(join(dir, 'audits/police.yaml'), fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml'));
    const red = run();
    expect(red.status).toBe(1);
    expect(red.stdout).toContain('FAIL  audits/police.yaml');
    expect(read(dir, 'reports/police.junit.xml')).toContain('type="below-target"');
  });

  it('refuses to replace existing files without --force, writing nothing', async () => {
    const dir = workspace({ 'README.md': '# Our own README\n' });
    const { code, stderr } = await runAudit(['init'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe('audit: .: would replace README.md; nothing was written. Choose another folder, or pass --force to replace them\n');
    expect(read(dir, 'README.md')).toBe('# Our own README\n');
    const forced = await runAudit(['init', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(read(dir, 'README.md')).toContain('# Safeguarding self-audits');
  });

  it('refuses a file for a folder and an unknown framework with exit status 2', async () => {
    const dir = workspace({ 'notes.txt': 'x' });
    expect((await runAudit(['init', 'notes.txt'], { cwd: dir })).stderr).toBe('audit: notes.txt: is a file; give a folder for the audit repository\n');
    const unknown = await runAudit(['init', 'team', '--framework', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^audit: unknown framework "nope"; available: /);
  });
});
