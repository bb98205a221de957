/**
 * `audit init [DIR]`: scaffolds a repository for a team's audits: a folder for them, a README
 * for the people who will use it, and CI pipelines (GitHub Actions, GitLab CI) that check every
 * audit on every change and keep the PDF reports. Templates live in templates/init/.
 */
import { readFileSync } from 'node:fs';
import { access, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fillTemplate } from '../core/fill-template.js';
import { AuditError, InputError } from '../errors.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { resolveFramework } from '../io/framework-library.js';
import type { CommandContext } from './context.js';

const TEMPLATES_DIR = new URL('../../templates/init/', import.meta.url);

interface Scaffold {
  files: { path: string; template: string | null }[];
}

export interface InitOptions {
  framework: string;
  force?: boolean;
}

export async function runInit(dir: string | undefined, options: InitOptions, ctx: CommandContext): Promise<number> {
  const root = resolve(ctx.cwd, dir ?? '.');
  const kind = await stat(root).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => 'none',
  );
  if (kind === 'file') throw new InputError('is a file; give a folder for the audit repository', { file: dir ?? '.' });
  const { framework } = await resolveFramework(options.framework, ctx.cwd, ctx.env);
  const scaffold = JSON.parse(await readFile(new URL('scaffold.json', TEMPLATES_DIR), 'utf8')) as Scaffold;
  const values = { version: packageVersion(), framework: framework.id, frameworkTitle: framework.title };

  const planned = await Promise.all(
    scaffold.files.map(async (file) => ({
      target: join(root, file.path),
      text: file.template === null ? '' : fillTemplate(await readFile(new URL(file.template, TEMPLATES_DIR), 'utf8'), values),
    })),
  );

  if (!options.force) {
    const existing = [];
    for (const file of planned) if (await exists(file.target)) existing.push(relative(ctx.cwd, file.target) || file.target);
    if (existing.length) {
      throw new InputError(`would replace ${existing.join(', ')}; nothing was written. Choose another folder, or pass --force to replace them`, {
        file: relative(ctx.cwd, root) || '.',
      });
    }
  }

  for (const file of planned) {
    try {
      await mkdir(dirname(file.target), { recursive: true });
    } catch (err) {
      throw new AuditError(`${dirname(file.target)}: could not be created (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 3);
    }
    await writeFileAtomically(file.target, file.text);
  }

  const shown = relative(ctx.cwd, root) || '.';
  ctx.out(
    [
      `Created an audit repository in ${shown}:`,
      ...planned.map((file) => `  ${relative(root, file.target)}`),
      'Next:',
      ...(shown === '.' ? [] : [`  cd ${shown}`]),
      `  audit new --framework ${framework.id} --org "Your organisation" --period 2025-26 -o audits/your-organisation-2025-26.yaml`,
      '  then commit, and keep the CI file for your git host (.github/workflows/audit.yml or .gitlab-ci.yml).',
    ].join('\n') + '\n',
  );
  return 0;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
