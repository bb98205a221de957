import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
    expect(stderr).toBe('audit: .: would replace README.md; nothing was written. Choose another folder, or pass --force to replace them (what they hold now is lost)\n');
    expect(read(dir, 'README.md')).toBe('# Our own README\n');
    const forced = await runAudit(['init', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(read(dir, 'README.md')).toContain('# Safeguarding self-audits');
    expect(forced.stdout).toContain('  README.md  (replaced)\n');
    expect(forced.stdout).toContain('Replaced 1 file that held other text: README.md.');
  });

  it('the advice init prints is safe: --vendor in an audit repository adds the tarball and leaves every edited file alone', async () => {
    const dir = workspace();
    const first = await runAudit(['init', 'repo'], { cwd: dir });
    // The command the first init tells the user to run next, exactly as printed.
    const advice = /add it with (audit init [^,(]*?)\s*(?:\(|,)/.exec(first.stdout)?.[1];
    expect(advice).toBe('audit init --vendor');
    const edited = `${read(dir, 'repo/report-details.yaml')}# my edits\n`;
    writeFileSync(join(dir, 'repo/report-details.yaml'), edited);
    const before = Object.fromEntries(SCAFFOLD.map((file) => [file, read(dir, `repo/${file}`)]));

    const vendor = await runAudit(['init', 'repo', '--vendor'], { cwd: dir });
    expect(vendor.code, vendor.stderr).toBe(0);
    for (const file of SCAFFOLD) expect(read(dir, `repo/${file}`), file).toBe(before[file]);
    expect(statSync(join(dir, `repo/.audit/safeguarding-audit-${version}.tgz`)).size).toBeGreaterThan(100_000);
    expect(vendor.stdout).toContain(`Added .audit/safeguarding-audit-${version}.tgz (audit ${version}) in the audit repository in repo.`);
    expect(vendor.stdout).toContain('No other file was changed.');

    // Plain init on it is refused, and points at the safe command rather than at --force.
    const again = await runAudit(['init', 'repo'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('repo is an audit repository already. To add the copy of audit its pipelines install, run audit init --vendor, which changes nothing else');
    expect(read(dir, 'repo/report-details.yaml')).toBe(edited);

    // --force says what it replaced.
    const forced = await runAudit(['init', 'repo', '--force'], { cwd: dir });
    expect(forced.stdout).toContain('  report-details.yaml  (replaced)\n');
    expect(forced.stdout).toContain('  .gitignore  (unchanged)\n');
    // The README now says the tarball is there, so it too is new text.
    expect(forced.stdout).toContain('Replaced 2 files that held other text: README.md, report-details.yaml.');
  });

  it('upgrading with --vendor points the pipelines that installed an earlier tarball at the new one, changing that value alone', async () => {
    const dir = workspace();
    expect((await runAudit(['init', 'repo'], { cwd: dir })).code).toBe(0);
    const gitlab = read(dir, 'repo/.gitlab-ci.yml').replace(`safeguarding-audit-${version}.tgz`, 'safeguarding-audit-0.0.1.tgz');
    writeFileSync(join(dir, 'repo/.gitlab-ci.yml'), gitlab);
    const github = read(dir, 'repo/.github/workflows/audit.yml').replace(/AUDIT_PACKAGE: .*/, 'AUDIT_PACKAGE: safeguarding-audit@0.0.1   # our registry');
    writeFileSync(join(dir, 'repo/.github/workflows/audit.yml'), github);

    const { code, stdout } = await runAudit(['init', 'repo', '--vendor'], { cwd: dir });
    expect(code).toBe(0);
    expect(read(dir, 'repo/.gitlab-ci.yml')).toBe(gitlab.replace('safeguarding-audit-0.0.1.tgz', `safeguarding-audit-${version}.tgz`));
    expect(read(dir, 'repo/.github/workflows/audit.yml')).toBe(github);
    expect(stdout).toContain(`Pointed .gitlab-ci.yml at it: AUDIT_PACKAGE is now ./.audit/safeguarding-audit-${version}.tgz (was ./.audit/safeguarding-audit-0.0.1.tgz)`);
    expect(stdout).toContain('.github/workflows/audit.yml installs safeguarding-audit@0.0.1, which was left as the team set it');
    expect(stdout).toContain('.audit/safeguarding-audit-0.0.1.tgz is no longer installed by the pipelines');
  });

  it.skipIf(process.platform === 'win32')('never reads or replaces a FIFO where a file goes, even with --force, and writes nothing else', async () => {
    const dir = workspace();
    execFileSync('mkfifo', [join(dir, '.gitignore')]);
    const { code, stderr } = await runAudit(['init', '--force'], { cwd: dir });
    expect(code).toBe(3);
    expect(stderr).toContain('.gitignore: not written: it is a FIFO');
    expect(readdirSync(dir)).toEqual(['.gitignore']);
  });

  it('refuses a file for a folder and an unknown framework with exit status 2', async () => {
    const dir = workspace({ 'notes.txt': 'x' });
    expect((await runAudit(['init', 'notes.txt'], { cwd: dir })).stderr).toBe('audit: notes.txt: is a file; give a folder for the audit repository\n');
    const unknown = await runAudit(['init', 'team', '--framework', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^audit: unknown framework "nope"; available: /);
  });

  it("its README's first step works as written, and keeps each year in its own folder", async () => {
    const dir = workspace();
    expect((await runAudit(['init', 'team'], { cwd: dir })).code).toBe(0);
    const team = join(dir, 'team');
    // Last year's return, in the folder per period the README suggests.
    mkdirSync(join(team, 'audits/2025-26'));
    writeFileSync(join(team, 'audits/2025-26/police.yaml'), readFileSync(join(ROOT, 'examples/section-11/borsetshire-police.yaml'), 'utf8'));
    const readme = read(dir, 'team/README.md');
    const step = readme.slice(readme.indexOf('1. **Start the audit.**'), readme.indexOf('2. **Rate each criterion'));
    const lines = [...step.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').map((line) => line.trim()).filter(Boolean));
    expect(lines.length).toBe(4);
    for (const line of lines) {
      const [program, ...args] = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      if (program === 'mkdir') mkdirSync(join(team, args[0]!));
      else expect((await runAudit(args, { cwd: team })).code, line).toBe(0);
    }
    expect(readdirSync(join(team, 'audits/2025-26'))).toEqual(['police.yaml']);
    expect(readdirSync(join(team, 'audits/2026-27'))).toEqual(['police.yaml']);
    const aggregate = await runAudit(['aggregate', 'audits/2025-26/'], { cwd: team });
    expect(aggregate.code).toBe(0);
    expect(aggregate.stderr).not.toContain('more than one');
  });
});
