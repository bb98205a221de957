/**
 * The CI pipelines `audit init` writes, run as a CI server would run them: each file parsed,
 * its shell steps run as written (bash, with the server's variables), the actions simulated by
 * what they do (checkout: the repository is the working folder; setup-node: node is on PATH;
 * upload-artifact and GitLab's artifacts: the files their paths select), in a repository made by
 * `audit init --vendor`, audit installed from the vendored tarball into a prefix of its own.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, ROOT, runAudit } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const EVIDENCE = 'Report went to Cabinet in March.';
const FAILING = fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml');
/** A reason for not applicable: left out of anything public (src/core/public-view), as evidence is. */
const REASON = 'Child C was our only client this year';
const PASSING = FAILING.replace('rating: 2   # report late this year', 'rating: 4').replace('rating: 1\n', 'rating: 3\n');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface JobRun {
  failed: boolean;
  output: Record<string, string>;
  /** The files the artifact paths select, relative to the repository, sorted. */
  artifacts: string[];
}

let work: string;
let prefix: string;
/** A repository made by `audit init --vendor` (once: packing audit takes a moment), copied for each test. */
let scaffold: string;

/** The environment of a CI job: audit's prefix first on PATH, npm kept off the network. */
function jobEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH].join(delimiter),
    npm_config_prefix: prefix,
    npm_config_offline: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    ...extra,
  };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  // GitHub's `shell: bash` and GitLab's runner both run a script with -e and pipefail.
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
}

function filesUnder(repo: string, path: string): string[] {
  const full = join(repo, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => filesUnder(repo, join(path, name)));
}

/**
 * Runs the GitHub workflow's job as Actions would: steps in order, `if: always()` after a failure.
 * Its install step ran once, as written, in beforeAll: audit is in the prefix already.
 */
function runGithub(repo: string, options: { install?: boolean } = {}): JobRun {
  const workflow = parse(readFileSync(join(repo, '.github/workflows/audit.yml'), 'utf8'));
  const summary = join(repo, '..', `summary-${Date.now()}.md`);
  writeFileSync(summary, '');
  const env = jobEnv({ ...workflow.env, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: mkdtempSync(join(work, 'runner-temp-')) });
  const run: JobRun = { failed: false, output: {}, artifacts: [] };
  const outcomes: Record<string, 'success' | 'failure' | 'skipped'> = {};
  for (const step of workflow.jobs.check.steps as Step[]) {
    if (!shouldRun(step, run.failed, outcomes)) {
      if (step.id) outcomes[step.id] = 'skipped';
      continue;
    }
    if (step.uses?.startsWith('actions/upload-artifact')) {
      run.artifacts = filesUnder(repo, step.with!.path!).map((file) => relative(repo, join(repo, file)).split('\\').join('/')).sort();
    } else if (step.run && (options.install || step.name !== 'Install audit')) {
      const result = bash(step.run, repo, env);
      run.output[step.name!] = result.stdout + result.stderr;
      if (result.status !== 0) run.failed = true;
      if (step.id) outcomes[step.id] = result.status === 0 ? 'success' : 'failure';
    }
  }
  run.output.summary = readFileSync(summary, 'utf8');
  return run;
}

/**
 * Whether Actions runs a step, for the conditions the workflow uses: none (only while all went
 * well), `always()`, and `!cancelled() && steps.ID.outcome == 'success'`. Any other
 * condition fails the test rather than being guessed at.
 */
function shouldRun(step: Step, failed: boolean, outcomes: Record<string, string>): boolean {
  if (step.if === undefined) return !failed;
  if (step.if === 'always()') return true;
  const guarded = /^!cancelled\(\) && steps\.([\w-]+)\.outcome == 'success'$/.exec(step.if);
  if (!guarded) throw new Error(`the test does not know the condition ${step.if}`);
  return outcomes[guarded[1]!] === 'success';
}

/** Runs the GitLab job as the runner would: before_script and script in one shell, then the artifacts. */
function runGitlab(repo: string): JobRun & { junit: string[] } {
  const pipeline = parse(readFileSync(join(repo, '.gitlab-ci.yml'), 'utf8'));
  const job = pipeline['safeguarding-audit'];
  const result = bash([...job.before_script, ...job.script].join('\n'), repo, jobEnv(pipeline.variables));
  const artifacts = (job.artifacts.paths as string[]).flatMap((path) => filesUnder(repo, path)).map((f) => f.split('\\').join('/')).sort();
  const junitGlob = new RegExp(`^${(job.artifacts.reports.junit as string).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return { failed: result.status !== 0, output: { job: result.stdout + result.stderr }, artifacts, junit: artifacts.filter((f) => junitGlob.test(f)) };
}

/** A copy of the scaffold, with the mini framework and these audits (by path in audits/, sub-folders made). */
function repository(audits: Record<string, string>): string {
  const repo = mkdtempSync(join(work, 'repo-'));
  cpSync(scaffold, repo, { recursive: true });
  writeFileSync(join(repo, 'mini-framework.yaml'), fixture('mini-framework.yaml'));
  for (const [name, text] of Object.entries(audits)) {
    mkdirSync(dirname(join(repo, 'audits', name)), { recursive: true });
    writeFileSync(join(repo, 'audits', name), text);
  }
  return repo;
}

/** The audit with W-2 marked not applicable, for a reason that names a child. */
const withReason = (audit: string) => audit.replace(/\n  W-2:[^\n]*\n/, `\n  W-2:\n    notApplicable: ${REASON}\n`);

/** An audit one folder further down, its framework named from there. */
const inSubfolder = (audit: string) => audit.replace('../mini-framework.yaml', '../../mini-framework.yaml');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'audit-pipelines-'));
  prefix = join(work, 'prefix');
  scaffold = join(work, 'scaffold');
  mkdirSync(scaffold);
  expect((await runAudit(['init', '--vendor'], { cwd: scaffold })).code).toBe(0);
  // The GitHub job's install step, as written, from the vendored tarball: once for the file.
  const repo = repository({});
  const install = (parse(readFileSync(join(repo, '.github/workflows/audit.yml'), 'utf8')).jobs.check.steps as Step[]).find((s) => s.name === 'Install audit')!;
  const workflowEnv = parse(readFileSync(join(repo, '.github/workflows/audit.yml'), 'utf8')).env;
  const installed = bash(install.run!, repo, jobEnv(workflowEnv));
  expect(installed.stderr + installed.stdout).toContain(version);
  expect(installed.status).toBe(0);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the pipelines audit init writes', () => {
  it('GitHub: green on a passing audit, with a JUnit report, a summary, and only public reports kept', async () => {
    const repo = repository({ 'council.yaml': PASSING });
    const run = runGithub(repo);
    expect(run.output['Check every audit']).toContain('PASS  audits/council.yaml');
    expect(run.output['Check every audit']).toContain('NOT SIGNED OFF  audits/council.yaml: not yet signed off');
    expect(run.failed).toBe(false);
    expect(run.output.summary).toContain('Passed: Borsetshire County Council, 2025-26');
    // A passing audit is one line of the run's page, which GitHub drops whole over 1 MiB.
    expect(run.output.summary).not.toContain('### Standards');
    expect(run.artifacts).toEqual(['reports/council-public.pdf', 'reports/council.junit.xml']);
    expect(readFileSync(join(repo, 'reports/council.junit.xml'), 'utf8')).toContain('<testsuites');
  });

  it('GitHub: red on a failing audit, the JUnit report kept, and no evidence in anything kept, the run page included', async () => {
    const repo = repository({ 'council.yaml': PASSING, 'police.yaml': withReason(FAILING) });
    const run = runGithub(repo);
    expect(run.failed).toBe(true);
    expect(run.output['Check every audit']).toContain('FAIL  audits/police.yaml');
    // The step summary is shown on the run's page, kept as the artifacts are: public too.
    expect(run.output.summary).toContain('Failed: Borsetshire County Council');
    expect(run.output.summary).toContain('### Why it failed');
    expect(run.output.summary).not.toContain(REASON);
    expect(run.output.summary).not.toContain(EVIDENCE);
    expect(readFileSync(join(repo, 'reports/police.junit.xml'), 'utf8')).not.toContain(REASON);
    expect(run.artifacts).toEqual(['reports/council-public.pdf', 'reports/council.junit.xml', 'reports/police-public.pdf', 'reports/police.junit.xml']);
    const junit = readFileSync(join(repo, 'reports/police.junit.xml'), 'utf8');
    expect(junit).toContain('type="below-target"');
    expect(junit).not.toContain(EVIDENCE);
    expect((await readPdf(join(repo, 'reports/police-public.pdf'))).text).not.toContain('Cabinet in March');
  });

  it('GitHub: an audit that cannot be read turns the run red and is named on its page', async () => {
    const run = runGithub(repository({ 'council.yaml': PASSING, 'broken.yaml': 'framework: [unclosed\n' }));
    expect(run.failed).toBe(true);
    expect(run.output.summary).toContain('## ❌ `audits/broken.yaml` could not be checked: the log says why');
    expect(run.output.summary).toContain('Passed: Borsetshire County Council, 2025-26');
    expect(run.output['Check every audit']).toContain('audits/broken.yaml');
  });

  it('GitHub: red when a signed-off audit changed after its sign-off', async () => {
    const repo = repository({ 'council.yaml': PASSING });
    expect((await runAudit(['sign', 'audits/council.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: repo })).code).toBe(0);
    expect(runGithub(repo).failed).toBe(false);
    writeFileSync(join(repo, 'audits/council.yaml'), readFileSync(join(repo, 'audits/council.yaml'), 'utf8').replace('Report went to Cabinet', 'Report went to Scrutiny'));
    const run = runGithub(repo);
    expect(run.failed).toBe(true);
    expect(run.output['Check every audit']).toContain('CHANGED  audits/council.yaml');
  });

  it('keeps the Part 2 reports and the evidence only when the team opts in, in the one place', async () => {
    const repo = repository({ 'police.yaml': withReason(FAILING) });
    const file = join(repo, '.github/workflows/audit.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('AUDIT_REPORTS: public', 'AUDIT_REPORTS: all'));
    const run = runGithub(repo);
    expect(run.output.summary).toContain(REASON);
    expect(run.artifacts).toEqual(['reports/part-2/police.pdf', 'reports/police-public.pdf', 'reports/police.junit.xml']);
    expect(readFileSync(join(repo, 'reports/police.junit.xml'), 'utf8')).toContain(EVIDENCE);
  });

  it('GitLab: installs from the vendored tarball, green on a passing audit and red on a failing one, JUnit kept', async () => {
    const green = runGitlab(repository({ 'council.yaml': PASSING }));
    expect(green.output.job).toContain(version);
    expect(green.failed).toBe(false);
    expect(green.junit).toEqual(['reports/council.junit.xml']);
    expect(green.artifacts).toEqual(['reports/council-public.pdf', 'reports/council.junit.xml']);

    const red = runGitlab(repository({ 'council.yaml': PASSING, 'police.yaml': FAILING }));
    expect(red.failed).toBe(true);
    expect(red.junit).toEqual(['reports/council.junit.xml', 'reports/police.junit.xml']);
    expect(red.artifacts.filter((f) => f.endsWith('.pdf'))).toEqual(['reports/council-public.pdf', 'reports/police-public.pdf']);
  });

  it('checks audits in sub-folders of audits/ too: a failing one turns both pipelines red, its reports named from its path', async () => {
    const audits = { '2025-26/police.yaml': inSubfolder(FAILING), '2025-26/health/trust.yml': inSubfolder(PASSING).replace('../../', '../../../') };
    const github = runGithub(repository(audits));
    expect(github.failed).toBe(true);
    expect(github.output['Check every audit']).toContain('FAIL  audits/2025-26/police.yaml');
    expect(github.output['Check every audit']).toContain('PASS  audits/2025-26/health/trust.yml');
    expect(github.artifacts).toEqual([
      'reports/2025-26--health--trust-public.pdf',
      'reports/2025-26--health--trust.junit.xml',
      'reports/2025-26--police-public.pdf',
      'reports/2025-26--police.junit.xml',
    ]);

    const gitlab = runGitlab(repository(audits));
    expect(gitlab.failed).toBe(true);
    expect(gitlab.output.job).toContain('FAIL  audits/2025-26/police.yaml');
    expect(gitlab.junit).toEqual(['reports/2025-26--health--trust.junit.xml', 'reports/2025-26--police.junit.xml']);
  });

  it('without --vendor, the install step says where audit is to come from, rather than asking a registry for a name it lacks', async () => {
    const repo = mkdtempSync(join(work, 'plain-'));
    expect((await runAudit(['init'], { cwd: repo })).code).toBe(0);
    const workflow = parse(readFileSync(join(repo, '.github/workflows/audit.yml'), 'utf8'));
    expect(workflow.env.AUDIT_PACKAGE).toBe(`./.audit/safeguarding-audit-${version}.tgz`);
    const install = (workflow.jobs.check.steps as Step[]).find((s) => s.name === 'Install audit')!;
    const result = bash(install.run!, repo, jobEnv(workflow.env));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`::error::./.audit/safeguarding-audit-${version}.tgz is not in the repository: run audit init --vendor`);
    // The whole job: that error alone, no step after it failing for want of what install and listing make.
    const job = runGithub(repo, { install: true });
    expect(job.failed).toBe(true);
    expect(Object.keys(job.output)).toEqual(['Install audit', 'summary']);
    const gitlab = parse(readFileSync(join(repo, '.gitlab-ci.yml'), 'utf8'));
    expect(gitlab.variables.AUDIT_PACKAGE).toBe(workflow.env.AUDIT_PACKAGE);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('add it with `audit init --vendor` (which adds that file and changes nothing else)');
    expect(readme).not.toContain('--vendor --force');
  });

  it('.gitignore keeps reports beside audits and lock files out, and the audits, the returns and the tarball in', async () => {
    const repo = repository({ 'council.yaml': PASSING });
    mkdirSync(join(repo, 'audits', '2025'), { recursive: true });
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    const ignored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: repo }).status === 0;
    // What audit writes from an audit: its reports (PDF, Word), and anything in reports/.
    for (const path of ['reports/council-public.pdf', 'reports/plan.xlsx', 'audits/council.pdf', 'audits/council-public.pdf', 'audits/2025/police.docx', 'audits/council.yaml.lock',
      // Reports made outside audits/ (aggregate -o, report -o), in any letter case; a JUnit file.
      'partnership.pdf', 'cabinet.docx', 'Cabinet Report.PDF', 'police.junit.xml',
      // Lock files of an open Excel, Word or LibreOffice; the half-written file of a save cut short.
      'audits/2025/~$police.xlsx', '~$cabinet.docx', 'audits/2025/.~lock.police.xlsx#', 'audits/2025/.police.yaml.host-42-0a1b2c3d.partial'])
      expect(ignored(path), path).toBe(true);
    // What it is made from: the audits, and the returns agencies sent back.
    for (const path of ['audits/council.yaml', 'audits/2025/police.yml', 'audits/council.xlsx', 'audits/2025/police.xlsx', 'audits/.gitkeep', `.audit/safeguarding-audit-${version}.tgz`, 'mini-framework.yaml', 'README.md'])
      expect(ignored(path), path).toBe(false);
  });
});
