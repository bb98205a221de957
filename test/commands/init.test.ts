import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { read, ROOT, runAudit, workspace } from '../helpers/cli.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const SCAFFOLD = ['.github/workflows/audit.yml', '.gitignore', '.gitlab-ci.yml', 'README.md', 'report-details.yaml', 'audits/.gitkeep'];

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
    expect(readme).toContain(`npm install --global ./.audit/safeguarding-audit-${version}.tgz`);
    expect(readme).toContain('`working-together-2023`');
    expect(read(dir, 'team/audits/.gitkeep')).toBe('');
    expect(read(dir, 'team/.gitignore')).toContain('reports/');

    const github = parse(read(dir, 'team/.github/workflows/audit.yml'));
    const steps = github.jobs.check.steps as { name?: string; run?: string; uses?: string; with?: Record<string, string> }[];
    expect(github.env.AUDIT_PACKAGE).toBe(`./.audit/safeguarding-audit-${version}.tgz`);
    expect(steps.find((s) => s.name === 'Install audit')!.run).toContain('npm install --global --no-audit --no-fund "$AUDIT_PACKAGE"');
    expect(steps.find((s) => s.name === 'Check every audit')!.run).toContain('audit check "$file" $CHECK_OPTIONS --format junit');
    expect(steps.find((s) => s.name === 'Keep the reports')).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'reports/' } });

    const gitlab = parse(read(dir, 'team/.gitlab-ci.yml'));
    expect(gitlab['safeguarding-audit'].artifacts).toEqual({ when: 'always', paths: ['reports/'], reports: { junit: 'reports/*.junit.xml' } });
    expect(gitlab.variables.AUDIT_PACKAGE).toBe(`./.audit/safeguarding-audit-${version}.tgz`);
    expect(gitlab['safeguarding-audit'].script.join('\n')).toContain('audit check "$file" $CHECK_OPTIONS --format junit');
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
