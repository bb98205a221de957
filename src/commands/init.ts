/**
 * `audit init [DIR] [--vendor]`: scaffolds a repository for a team's audits: a folder for them,
 * a README for the people who will use it, a .gitignore, and CI pipelines (GitHub Actions,
 * GitLab CI) that check every audit on every change and keep the public reports. Templates live
 * in templates/init/. With --vendor, a tarball of this very version goes into .audit/, and the
 * pipelines install from it, with no registry.
 */
import { access, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fillTemplate } from '../core/fill-template.js';
import { AuditError, InputError } from '../errors.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { resolveFramework } from '../io/framework-library.js';
import { packagePath, packageVersion } from '../io/package-info.js';
import { packageTarballName, packPackage } from '../io/package-tarball.js';
import type { CommandContext } from './context.js';

interface Scaffold {
  files: { path: string; template: string | null }[];
}

export interface InitOptions {
  framework: string;
  force?: boolean;
  vendor?: boolean;
}

/** Where --vendor puts the tarball, from the repository's root, as the pipelines name it. */
const VENDOR_DIR = '.audit';

export async function runInit(dir: string | undefined, options: InitOptions, ctx: CommandContext): Promise<number> {
  const root = resolve(ctx.cwd, dir ?? '.');
  const kind = await stat(root).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => 'none',
  );
  if (kind === 'file') throw new InputError('is a file; give a folder for the audit repository', { file: dir ?? '.' });
  const { framework } = await resolveFramework(options.framework, ctx.cwd, ctx.env);
  const scaffold = JSON.parse(await readFile(packagePath('templates/init/scaffold.json'), 'utf8')) as Scaffold;
  const version = packageVersion();
  const tarball = `${VENDOR_DIR}/${await packageTarballName()}`;
  const values = {
    version,
    framework: framework.id,
    frameworkTitle: framework.title,
    // The pipelines' default is what --vendor writes: a file that is there, or that the README
    // says how to put there; never a package name no registry has.
    auditPackage: `./${tarball}`,
    vendoredTarball: tarball,
    installCommand: `npm install --global ./${tarball}`,
    installNote: options.vendor
      ? `That installs the copy of audit kept in this repository (\`${tarball}\`), which needs no registry.`
      : `That installs the copy of audit kept in this repository, once it is there (see "Where CI gets audit" below); ` +
        `or install from where your organisation keeps audit, e.g. \`npm install --global safeguarding-audit@${version}\` from its registry.`,
    vendorState: options.vendor ? 'It is the default.' : `It is the default, but it is not here yet: add it with \`audit init --vendor --force\`, or set \`AUDIT_PACKAGE\` to one of the others.`,
  };

  const planned: { target: string; content: string | Uint8Array }[] = await Promise.all(
    scaffold.files.map(async (file) => ({
      target: join(root, file.path),
      content: file.template === null ? '' : fillTemplate(await readFile(packagePath('templates/init', file.template), 'utf8'), values),
    })),
  );
  if (options.vendor) planned.push({ target: join(root, tarball), content: await packPackage() });

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
    await writeFileAtomically(file.target, file.content);
  }

  const shown = relative(ctx.cwd, root) || '.';
  ctx.say(
    [
      `Created an audit repository in ${shown}:`,
      ...planned.map((file) => `  ${relative(root, file.target).split('\\').join('/')}`),
      ...(options.vendor ? [`The pipelines install audit ${version} from ${tarball}: commit it with the rest.`] : []),
      'Next:',
      ...(shown === '.' ? [] : [`  cd ${shown}`]),
      `  audit new --framework ${framework.id} --org "Your organisation" --period 2025-26 -o audits/your-organisation-2025-26.yaml`,
      '  then commit, and keep the CI file for your git host (.github/workflows/audit.yml or .gitlab-ci.yml).',
      ...(options.vendor
        ? []
        : [`  The pipelines install audit from ./${tarball}: add it with audit init --vendor --force, or set AUDIT_PACKAGE (README.md).`]),
    ].join('\n') + '\n',
  );
  return 0;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
