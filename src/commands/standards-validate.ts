/** `audit standards validate FILE...`: every fault in each framework file, as a linter lists them. */
import { countCriteria } from '../core/framework.js';
import { findFrameworkFaults } from '../io/framework-files.js';
import type { CommandContext } from './context.js';
import { count } from '../render/plural.js';

export async function runStandardsValidate(files: string[], ctx: CommandContext): Promise<number> {
  let invalid = 0;
  for (const file of files) {
    const { framework, faults } = await findFrameworkFaults(file);
    if (framework) {
      ctx.out(`${file}: valid (${framework.id}, ${count(framework.standards.length, 'standard')}, ${count(countCriteria(framework), 'criterion')})\n`);
    } else {
      invalid++;
      for (const fault of faults) ctx.err(`${fault.describe(ctx.cwd)}\n`);
    }
  }
  if (invalid) ctx.err(`${invalid} of ${files.length} file(s) invalid\n`);
  return invalid ? 2 : 0;
}
