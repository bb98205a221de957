/**
 * `audit examples [DIR]`: copies the example audits, agencies' returns and report details that
 * ship with audit into a folder (`examples/` by default), so that someone who installed the
 * package can follow the README, whose examples name `examples/…`, as a developer does in a
 * checkout. It never replaces a file: where any would be, nothing is written.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { makeFolder, writeFileAtomically } from '../io/atomic-write.js';
import { exists } from '../io/exists.js';
import { packagePath } from '../io/package-info.js';
import type { CommandContext } from './context.js';

/** The folder the README's examples name. */
const EXAMPLES_DIR = 'examples';

export async function runExamples(dir: string | undefined, ctx: CommandContext): Promise<number> {
  const shown = dir ?? EXAMPLES_DIR;
  const root = resolve(ctx.cwd, shown);
  if (await stat(root).then((info) => !info.isDirectory(), () => false)) {
    throw new InputError('is a file; give a folder to copy the examples into', { file: shown });
  }
  const source = packagePath(EXAMPLES_DIR);
  const files = await filesUnder(source);

  const existing: string[] = [];
  for (const file of files) if (await exists(join(root, file))) existing.push(join(shown, file));
  if (existing.length) {
    throw new InputError(
      `already holds ${existing.length === files.length ? 'the examples' : listed(existing)}; nothing was written. ` +
        'Give another folder (audit examples DIR), or remove it to start again',
      { file: shown },
    );
  }

  for (const file of files) {
    const target = join(root, file);
    await makeFolder(dirname(target), relative(ctx.cwd, dirname(target)) || dirname(target));
    await writeFileAtomically(target, await readFile(join(source, file)));
  }

  const base = join(shown).split('\\').join('/').replace(/\/$/, '');
  const at = (path: string) => (base === '.' ? path : `${base}/${path}`);
  ctx.say(
    [
      `Copied ${files.length} example files into ${at('')}: self-audits, agencies' returns over three years, and a committee report's details.`,
      'Try:',
      `  audit gap ${at('borsetshire-climbie-2002-03.yaml')}`,
      `  audit report ${at('borsetshire-climbie-2002-03.yaml')} --public --details ${at('borsetshire-report-details.yaml')}`,
      `  audit aggregate ${at('section-11/')}`,
      base === EXAMPLES_DIR
        ? `Every example in audit's README that names ${EXAMPLES_DIR}/ works from here.`
        : `audit's README names them ${EXAMPLES_DIR}/…: here they are ${at('…')}`,
    ].join('\n') + '\n',
  );
  return 0;
}

/** Every file under `folder`, as paths relative to it, in a stable order. */
async function filesUnder(folder: string, under = ''): Promise<string[]> {
  const entries = await readdir(join(folder, under), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(under, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(folder, path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more example files` : shown;
}
