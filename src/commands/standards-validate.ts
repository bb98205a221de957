/**
 * `audit standards validate [FILE...] [--strict] [--library]`: every fault in each framework
 * file, as a linter lists them; with --library, every framework on the search path and how its
 * editions fit together; with --strict, what a careful editor checks too.
 */
import { countCriteria } from '../core/framework.js';
import { UsageError, type InputError } from '../errors.js';
import { findFrameworkFaults } from '../io/framework-files.js';
import { findLibraryFaults } from '../io/framework-library.js';
import type { CommandContext } from './context.js';
import { count } from '../render/plural.js';

export interface ValidateOptions {
  strict?: boolean;
  library?: boolean;
}

export async function runStandardsValidate(files: string[], options: ValidateOptions, ctx: CommandContext): Promise<number> {
  if (!files.length && !options.library) {
    throw new UsageError('name the framework files to check, or give --library to check every framework on the search path');
  }
  const report = (faults: readonly InputError[]) => {
    for (const fault of faults) ctx.err(`${fault.describe(ctx.cwd)}\n`);
  };
  let invalid = 0;
  for (const file of files) {
    const { framework, faults } = await findFrameworkFaults(file, { strict: options.strict });
    if (framework && !faults.length) {
      ctx.out(`${file}: valid (${framework.id}, ${count(framework.standards.length, 'standard')}, ${count(countCriteria(framework), 'criterion')})\n`);
    } else {
      invalid++;
      report(faults);
    }
  }
  if (files.length && invalid) ctx.err(`${invalid} of ${files.length} file(s) invalid\n`);

  if (options.library) {
    const { files: checked, entries, faults } = await findLibraryFaults(ctx.env, { strict: options.strict });
    for (const { id, current, earlier } of entries) {
      const editions = [current, ...earlier].map((e, i) => `${e.framework.version}${i === 0 ? ' (current)' : ''}`);
      ctx.out(`${id}: ${editions.join(', ')}\n`);
    }
    const editions = entries.reduce((n, entry) => n + 1 + entry.earlier.length, 0);
    const what = `${entries.length} frameworks, ${editions} editions in ${checked.length} files`;
    if (faults.length) {
      report(faults);
      ctx.err(`library: ${faults.length} ${faults.length === 1 ? 'fault' : 'faults'} (${what})\n`);
      invalid++;
    } else {
      ctx.out(`library: valid${options.strict ? ' (strict)' : ''}: ${what}\n`);
    }
  }
  return invalid ? 2 : 0;
}
