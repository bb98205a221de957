/**
 * `audit init [DIR] [--vendor]`: scaffolds a repository for a team's audits: a folder for them,
 * a README for the people who will use it, a .gitignore, and CI pipelines (GitHub Actions,
 * GitLab CI) that check every audit on every change and keep the public reports. Templates live
 * in templates/init/. With --vendor, a tarball of this very version goes into .audit/, and the
 * pipelines install from it, with no registry. In a folder that is an audit repository already,
 * --vendor adds the tarball (pointing the pipelines at it) and changes nothing else; no file is
 * replaced without --force, and --force names each file it replaced.
 */
import { lstat, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fillTemplate } from '../core/fill-template.js';
import { InputError } from '../errors.js';
import { makeFolder, writeFileAtomically } from '../io/atomic-write.js';
import { resolveFramework } from '../io/framework-library.js';
import { packagePath, packageVersion } from '../io/package-info.js';
import { exists } from '../io/exists.js';
import { packageTarballName, packPackage } from '../io/package-tarball.js';
import { count } from '../render/plural.js';
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
/** The pipelines init writes, from the repository's root. */
const PIPELINES = ['.github/workflows/audit.yml', '.gitlab-ci.yml'];

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
  const vendored = options.vendor || (await exists(join(root, tarball)));
  const values = {
    version,
    framework: framework.id,
    frameworkTitle: framework.title,
    // The pipelines' default is what --vendor writes: a file that is there, or that the README
    // says how to put there; never a package name no registry has.
    auditPackage: `./${tarball}`,
    vendoredTarball: tarball,
    installCommand: `npm install --global ./${tarball}`,
    installNote: vendored
      ? `That installs the copy of audit kept in this repository (\`${tarball}\`), which needs no registry.`
      : `That installs the copy of audit kept in this repository, once it is there (see "Where CI gets audit" below); ` +
        `or install from where your organisation keeps audit, e.g. \`npm install --global safeguarding-audit@${version}\` from its registry.`,
    vendorState: vendored
      ? 'It is the default.'
      : `It is the default, but it is not here yet: add it with \`audit init --vendor\` (which adds that file and changes nothing else), or set \`AUDIT_PACKAGE\` to one of the others.`,
  };

  const planned: Planned[] = await Promise.all(
    scaffold.files.map(async (file) => ({
      target: join(root, file.path),
      content: file.template === null ? '' : fillTemplate(await readFile(packagePath('templates/init', file.template), 'utf8'), values),
    })),
  );
  const shown = relative(ctx.cwd, root) || '.';
  const pipelines = await auditPipelines(root);
  // An audit repository already: --vendor adds the tarball and leaves the team's files as they are.
  if (options.vendor && !options.force && pipelines.length) return vendorInto(root, shown, tarball, version, pipelines, ctx);
  if (options.vendor) planned.push({ target: join(root, tarball), content: await packPackage() });

  const states = await Promise.all(planned.map((file) => stateOf(file)));
  const existing = planned.filter((_, i) => states[i] !== 'created').map((file) => relative(ctx.cwd, file.target) || file.target);
  if (!options.force && existing.length) {
    const advice = pipelines.length
      ? `${shown} is an audit repository already. To add the copy of audit its pipelines install, run audit init --vendor, which changes nothing else; ` +
        `--force would replace the files listed with fresh copies, and every change your team made to them would be lost`
      : 'Choose another folder, or pass --force to replace them (what they hold now is lost)';
    throw new InputError(`would replace ${existing.join(', ')}; nothing was written. ${advice}`, { file: shown });
  }

  // What is there and is no regular file (a FIFO, a folder) is refused by the write (a device
  // written into) before any other file is written, so that no scaffold is left half made.
  for (const file of planned) {
    const info = await lstat(file.target).catch(() => undefined);
    if (info && !info.isFile()) await writeFileAtomically(file.target, file.content);
  }
  for (const file of planned) {
    await makeFolder(dirname(file.target));
    await writeFileAtomically(file.target, file.content);
  }

  const name = (file: Planned) => relative(root, file.target).split('\\').join('/');
  const replaced = planned.filter((_, i) => states[i] === 'replaced').map(name);
  ctx.say(
    [
      replaced.length ? `Wrote the audit repository in ${shown} again (--force):` : `Created an audit repository in ${shown}:`,
      ...planned.map((file, i) => `  ${name(file)}${states[i] === 'created' || !replaced.length ? '' : states[i] === 'replaced' ? '  (replaced)' : '  (unchanged)'}`),
      ...(replaced.length
        ? [`Replaced ${count(replaced.length, 'file')} that held other text: ${replaced.join(', ')}. What ${replaced.length === 1 ? 'it' : 'they'} held is not kept: git diff shows the changes if it was committed; look before you commit.`]
        : []),
      ...(options.vendor ? [`The pipelines install audit ${version} from ${tarball}: commit it with the rest.`] : []),
      'Next:',
      ...(shown === '.' ? [] : [`  cd ${shown}`]),
      `  audit new --framework ${framework.id} --org "Your organisation" --period 2025-26 -o audits/your-organisation-2025-26.yaml`,
      '  then commit, and keep the CI file for your git host (.github/workflows/audit.yml or .gitlab-ci.yml).',
      ...(vendored
        ? []
        : [`  The pipelines install audit from ./${tarball}: add it with audit init --vendor (which adds that file alone), or set AUDIT_PACKAGE (README.md).`]),
    ].join('\n') + '\n',
  );
  return 0;
}

interface Planned {
  target: string;
  content: string | Uint8Array;
}

/** What writing the file would do: make it, replace other text, or leave it as it is. */
async function stateOf(file: Planned): Promise<'created' | 'replaced' | 'unchanged'> {
  const info = await lstat(file.target).catch(() => undefined);
  if (!info) return 'created';
  // Only a regular file is read (a FIFO would never answer); anything else the write refuses.
  const now = info.isFile() ? await readFile(file.target).catch(() => undefined) : undefined;
  return now !== undefined && Buffer.compare(now, Buffer.from(file.content)) === 0 ? 'unchanged' : 'replaced';
}

/** A regular file's text; undefined for anything else (a FIFO, a folder, nothing). */
async function regularFileText(file: string): Promise<string | undefined> {
  const info = await lstat(file).catch(() => undefined);
  return info?.isFile() ? readFile(file, 'utf8').catch(() => undefined) : undefined;
}

/** The pipelines `audit init` wrote, as the team keeps them: each with its AUDIT_PACKAGE line. */
interface Pipeline {
  /** From the repository's root: .gitlab-ci.yml. */
  path: string;
  text: string;
  /** What AUDIT_PACKAGE names, unquoted. */
  installs: string;
}

/** The line that says what a pipeline installs (`AUDIT_PACKAGE: ./.audit/…tgz`), as init writes it. */
const AUDIT_PACKAGE_LINE = /^([ \t]*AUDIT_PACKAGE:[ \t]*)(["']?)([^"'#\r\n]*?)\2([ \t]*(?:#.*)?)$/m;

async function auditPipelines(root: string): Promise<Pipeline[]> {
  const found: Pipeline[] = [];
  for (const path of PIPELINES) {
    const text = await regularFileText(join(root, path));
    const line = text === undefined ? null : AUDIT_PACKAGE_LINE.exec(text);
    if (text !== undefined && line) found.push({ path, text, installs: line[3]!.trim() });
  }
  return found;
}

/**
 * `audit init --vendor` in an audit repository: this version's tarball put in .audit/, and each
 * pipeline that installed an earlier vendored tarball pointed at it (its AUDIT_PACKAGE value
 * alone changed). Every other file, the README and report details among them, is left as it is.
 */
async function vendorInto(root: string, shown: string, tarball: string, version: string, pipelines: Pipeline[], ctx: CommandContext): Promise<number> {
  const file: Planned = { target: join(root, tarball), content: await packPackage() };
  const state = await stateOf(file);
  const wanted = `./${tarball}`;
  const vendoredPath = /^\.\/\.audit\/[^/\s]+\.tgz$/;
  const repointed = pipelines.filter((p) => p.installs !== wanted && vendoredPath.test(p.installs));
  const elsewhere = pipelines.filter((p) => p.installs !== wanted && !vendoredPath.test(p.installs));

  if (state !== 'unchanged') {
    await makeFolder(dirname(file.target));
    await writeFileAtomically(file.target, file.content);
  }
  for (const pipeline of repointed) {
    const text = pipeline.text.replace(AUDIT_PACKAGE_LINE, (_line, key: string, quote: string, _old: string, rest: string) => `${key}${quote}${wanted}${quote}${rest}`);
    await writeFileAtomically(join(root, pipeline.path), text);
  }

  const readmeText = (await regularFileText(join(root, 'README.md'))) ?? '';
  const readme = [...new Set(readmeText.match(/\.audit\/[\w.@-]+\.tgz/g) ?? [])].filter((named) => named !== tarball);
  const earlier = [...new Set(repointed.map((p) => p.installs.slice(2)))].filter((old) => !pipelines.some((p) => p.installs === `./${old}` && !repointed.includes(p)));
  ctx.say(
    [
      state === 'unchanged'
        ? `${tarball} in ${shown} is already this version of audit (${version}); it was left as it was.`
        : `${state === 'created' ? 'Added' : 'Updated'} ${tarball} (audit ${version}) in the audit repository in ${shown}.`,
      ...repointed.map((p) => `Pointed ${p.path} at it: AUDIT_PACKAGE is now ${wanted} (was ${p.installs}); nothing else in it changed.`),
      ...pipelines.filter((p) => p.installs === wanted).map((p) => `${p.path} installs it already.`),
      ...elsewhere.map((p) => `${p.path} installs ${p.installs}, which was left as the team set it: to install this copy instead, set AUDIT_PACKAGE: ${wanted} in it.`),
      ...earlier.map((old) => `${old} is no longer installed by the pipelines: delete it (git rm ${old}) when you commit.`),
      ...(readme.length ? [`README.md still names ${readme.join(', ')}: change ${readme.length === 1 ? 'it' : 'them'} to ${tarball} by hand, if you wish.`] : []),
      'No other file was changed. Commit the tarball.',
    ].join('\n') + '\n',
  );
  return 0;
}
