/**
 * `audit examples`, and the README as a new user follows it: someone who installed the package
 * has no checkout, so the example audits the README names come from `audit examples`, and every
 * command in the README's shell examples must then work as written from where it was run.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCleanError, ROOT, runAudit, workspace } from '../helpers/cli.js';

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split('\\').join('/'))
    .sort();
}

describe('audit examples', () => {
  it('copies every bundled example into examples/, and never replaces a file', async () => {
    const dir = workspace();
    const made = await runAudit(['examples'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const bundled = filesUnder(join(ROOT, 'examples'));
    expect(filesUnder(join(dir, 'examples'))).toEqual(bundled);
    for (const file of bundled) expect(readFileSync(join(dir, 'examples', file), 'utf8'), file).toBe(readFileSync(join(ROOT, 'examples', file), 'utf8'));
    expect(made.stdout).toContain(`Copied ${bundled.length} example files into examples/`);
    expect(made.stdout).toContain('audit gap examples/borsetshire-climbie-2002-03.yaml');

    // A user's change to an example is never lost to a second run; nothing else is written either.
    writeFileSync(join(dir, 'examples', 'borsetshire-climbie-2002-03.yaml'), 'my notes\n');
    const again = await runAudit(['examples'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('audit: examples: already holds the examples; nothing was written. Give another folder (audit examples DIR), or remove it to start again\n');
    expect(readFileSync(join(dir, 'examples', 'borsetshire-climbie-2002-03.yaml'), 'utf8')).toBe('my notes\n');

    const elsewhere = await runAudit(['examples', 'try/here'], { cwd: dir });
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(filesUnder(join(dir, 'try/here'))).toEqual(bundled);
    expect(elsewhere.stdout).toContain('audit gap try/here/borsetshire-climbie-2002-03.yaml');
  });

  it('refuses a file for the folder, and a folder holding some of the examples, naming them', async () => {
    const dir = workspace({ 'notes.txt': 'x' });
    const file = await runAudit(['examples', 'notes.txt'], { cwd: dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('audit: notes.txt: is a file; give a folder to copy the examples into\n');

    writeFileSync(join(dir, 'borsetshire-climbie-2002-03.yaml'), 'mine\n');
    const some = await runAudit(['examples', '.'], { cwd: dir });
    expect(some.code).toBe(2);
    expect(isCleanError(some.stderr)).toBe(true);
    expect(some.stderr).toContain('already holds borsetshire-climbie-2002-03.yaml; nothing was written');
    expect(readdirSync(dir).sort()).toEqual(['borsetshire-climbie-2002-03.yaml', 'notes.txt']);
  });
});

interface Example {
  line: number;
  args: string[];
}

/** A command line as the shell reads it: words, double- or single-quoted words, a comment after `#`. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g)) {
    if (match[3] !== undefined) break;
    words.push(match[1] ?? match[2] ?? match[4]!);
  }
  return words;
}

/** The README's ```sh blocks, each as the `audit` commands in it, in order. */
function readmeBlocks(): Example[][] {
  const blocks: Example[][] = [];
  let fence: 'sh' | 'other' | undefined;
  readFileSync(join(ROOT, 'README.md'), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.startsWith('```')) {
        if (fence === undefined) {
          fence = text === '```sh' ? 'sh' : 'other';
          if (fence === 'sh') blocks.push([]);
        } else fence = undefined;
      } else if (fence === 'sh' && /^audit [a-z]/.test(text)) {
        blocks[blocks.length - 1]!.push({ line: i + 1, args: shellWords(text).slice(1) });
      }
    });
  return blocks.filter((block) => block.length);
}

/** Sessions that ask questions need a terminal; interactive.test.ts drives them in one. */
const NEEDS_A_TERMINAL = new Set(['start', 'resume']);

describe('the README, followed by someone who installed audit', () => {
  it('every command in its shell examples works as written, from where audit examples copied the examples', async () => {
    const blocks = readmeBlocks();
    expect(blocks.flat().length).toBeGreaterThan(25);
    expect(blocks.flat().some((e) => e.args[0] === 'examples')).toBe(true);
    const failures: string[] = [];
    // Each block in a folder of its own, where `audit examples` has run (as Install, step 4, says).
    await Promise.all(
      blocks.map(async (block) => {
        const dir = workspace();
        expect((await runAudit(['examples'], { cwd: dir })).code).toBe(0);
        for (const { line, args } of block) {
          if (args[0] === 'examples' || NEEDS_A_TERMINAL.has(args[0]!)) continue;
          const run = await runAudit(args, { cwd: dir });
          if (run.code !== 0) failures.push(`README.md:${line}: audit ${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
        }
      }),
    );
    expect(failures).toEqual([]);
  }, 120_000);
});

describe("the README's Install section, for someone without developer tools", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const install = readme.slice(readme.indexOf('\n## Install\n'), readme.indexOf('\n## ', readme.indexOf('\n## Install\n') + 1));

  it('keeps the developer commands first, and installs the packed file', () => {
    expect(readme.split('\n').slice(3, 5)).toEqual([
      expect.stringMatching(/^npm ci && npm run demo /),
      expect.stringMatching(/^npm ci && npm test /),
    ]);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(install).toContain(`npm install --global ./safeguarding-audit-${version}.tgz`);
    expect(install).toContain(`npx --yes --package=./safeguarding-audit-${version}.tgz`);
  });

  it('promises no route that does not work: --global from git only at a release tag, other commits packed first', () => {
    // npm 11 cannot install an unreleased commit from git with --global (it builds the clone
    // without its build tools, npm/cli#8440); a release tag holds the built package
    // (test/package/release.test.ts installs one). npm pack of a git URL, and a project-level
    // install, build it (tried by hand).
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(install.match(/`[^`]*git\+[^`]*`/g)).toEqual([
      `\`npm install --global git+https://…/safeguarding-audit.git#v${version}\``,
      '`npm pack git+https://…/safeguarding-audit.git#COMMIT`',
      '`npm install git+…`',
    ]);
    expect(install).toContain('npm cannot install an unreleased commit with `--global` in one step');
  });
});
