/**
 * The repository's own GitHub Actions workflow (.github/workflows/ci.yml), which runs nowhere
 * here: it must at least be a workflow GitHub accepts, run the scripts that exist, and cover the
 * systems and Node versions the package says it supports, so that the first push proves them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT } from '../helpers/cli.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  [key: string]: unknown;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix: Record<string, string[]> };
  steps: Step[];
  [key: string]: unknown;
}

// The keys of "Workflow syntax for GitHub Actions" (docs.github.com): a misspelt key is not an
// error GitHub reports until the workflow runs.
const WORKFLOW_KEYS = ['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs'];
const JOB_KEYS = ['name', 'permissions', 'needs', 'if', 'runs-on', 'environment', 'concurrency', 'outputs', 'env', 'defaults', 'steps', 'timeout-minutes', 'strategy', 'continue-on-error', 'container', 'services'];
const STEP_KEYS = ['id', 'if', 'name', 'uses', 'run', 'working-directory', 'shell', 'with', 'env', 'continue-on-error', 'timeout-minutes'];
const STRATEGY_KEYS = ['matrix', 'fail-fast', 'max-parallel'];

const text = readFileSync(join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
const document = parseDocument(text, { uniqueKeys: true });
const workflow = document.toJS() as { on: Record<string, unknown>; jobs: Record<string, Job> };

describe('.github/workflows/ci.yml', () => {
  it('is YAML that uses only the keys of GitHub\'s workflow syntax, each step an action or a command', () => {
    expect(document.errors).toEqual([]);
    expect(Object.keys(workflow).filter((key) => !WORKFLOW_KEYS.includes(key))).toEqual([]);
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    for (const job of Object.values(workflow.jobs)) {
      expect(Object.keys(job).filter((key) => !JOB_KEYS.includes(key))).toEqual([]);
      expect(Object.keys(job.strategy ?? {}).filter((key) => !STRATEGY_KEYS.includes(key))).toEqual([]);
      for (const step of job.steps) {
        expect(Object.keys(step).filter((key) => !STEP_KEYS.includes(key))).toEqual([]);
        expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
        if (step.uses) expect(step.uses).toMatch(/^actions\/(checkout|setup-node)@v4$/);
      }
    }
  });

  it('runs the whole suite on Linux, and the smoke test of the installed package on Windows, macOS and Linux', () => {
    const test = workflow.jobs.test!;
    const smoke = workflow.jobs.smoke!;
    expect(test['runs-on']).toBe('ubuntu-latest');
    expect(test.steps.map((step) => step.run).filter(Boolean)).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
    expect(smoke.strategy!.matrix.os!.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(smoke.steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'node scripts/smoke.mjs']);
    expect(existsSync(join(ROOT, 'scripts', 'smoke.mjs'))).toBe(true);
    for (const job of [test, smoke]) expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe('${{ matrix.node }}');
  });

  it('tests on the oldest version of each Node line the package supports (engines in package.json), and on every long-term-support line since', () => {
    const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const lowest = [...engines.node.matchAll(/(\d+)\.\d+/g)].map((match) => `${match[1]}.x`);
    expect(lowest).toEqual(['20.x', '22.x']);
    // Node 24 and 26 are the long-term-support lines since (26 from October 2026): what a new user installs from nodejs.org.
    for (const job of Object.values(workflow.jobs)) expect(job.strategy!.matrix.node).toEqual(['20.x', '22.x', '24.x', '26.x']);
  });
});
