/**
 * `audit standards validate [FILE...] [--strict] [--library]`: every fault in each framework
 * or crosswalk file, as a linter lists them; with --library, every framework and crosswalk on
 * the search path and how its editions fit together; with --strict, what a careful editor
 * checks too.
 */
import { basename, dirname, relative, resolve } from 'node:path';
import { bridgeCoverage, bridgeFromCrosswalk, editionLabel } from '../core/crosswalk.js';
import { countCriteria } from '../core/framework.js';
import { UsageError, type InputError } from '../errors.js';
import { CROSSWALKS_DIR, findCrosswalkFaults, findCrosswalkLibraryFaults, isCrosswalkData, type CrosswalkCheck } from '../io/crosswalk-files.js';
import { findFrameworkFaults } from '../io/framework-files.js';
import { findLibraryFaults } from '../io/framework-library.js';
import { readUserFile } from '../io/read-user-file.js';
import { loadYamlFast } from '../io/yaml-fast.js';
import { YamlSource } from '../io/yaml-source.js';
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
    if (await holdsCrosswalk(file)) {
      const check = await findCrosswalkFaults(file, ctx.env, { strict: options.strict });
      if (check.faults.length) {
        invalid++;
        report(check.faults);
      } else {
        ctx.say(`${file}: valid (${describeCrosswalk(check)})\n`);
        for (const note of check.notes) ctx.err(`${file}: note: ${note}\n`);
      }
      continue;
    }
    const { framework, faults } = await findFrameworkFaults(file, { strict: options.strict });
    if (framework && !faults.length) {
      ctx.say(`${file}: valid (${framework.id}, ${count(framework.standards.length, 'standard')}, ${count(countCriteria(framework), 'criterion')})\n`);
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
      ctx.say(`${id}: ${editions.join(', ')}\n`);
    }
    const editions = entries.reduce((n, entry) => n + 1 + entry.earlier.length, 0);
    const crosswalks = await findCrosswalkLibraryFaults(ctx.env, { strict: options.strict });
    for (const { file, check } of crosswalks.checked) {
      if (!check.faults.length) ctx.say(`${relative(ctx.cwd, file) || file}: ${describeCrosswalk(check)}\n`);
      for (const note of check.notes) ctx.err(`${relative(ctx.cwd, file) || file}: note: ${note}\n`);
    }
    faults.push(...crosswalks.faults);
    const what = `${entries.length} frameworks, ${editions} editions in ${checked.length} files, ${crosswalks.checked.length} ${crosswalks.checked.length === 1 ? 'crosswalk' : 'crosswalks'}`;
    if (faults.length) {
      report(faults);
      ctx.err(`library: ${faults.length} ${faults.length === 1 ? 'fault' : 'faults'} (${what})\n`);
      invalid++;
    } else {
      ctx.say(`library: valid${options.strict ? ' (strict)' : ''}: ${what}\n`);
    }
  }
  return invalid ? 2 : 0;
}

/**
 * Whether a file given to validate is a crosswalk: by its content, or, when that cannot be
 * parsed, by its folder (crosswalks/). Anything unreadable goes to the framework checks, which say why.
 */
async function holdsCrosswalk(file: string): Promise<boolean> {
  try {
    const text = await readUserFile(file);
    const fast = loadYamlFast(text);
    return isCrosswalkData(fast !== undefined ? fast : YamlSource.parse(file, text).toData());
  } catch {
    return basename(dirname(resolve(file))) === CROSSWALKS_DIR;
  }
}

/** "crosswalk section-11@2007-2018 → section-11@2007-2023: 53 → 57 criteria, 40 equal pairs…". */
function describeCrosswalk(check: CrosswalkCheck): string {
  const { crosswalk, from, to } = check;
  const c = bridgeCoverage(bridgeFromCrosswalk(crosswalk!, '', from!, to!));
  return (
    `crosswalk ${editionLabel(crosswalk!.from)} → ${editionLabel(crosswalk!.to)}: ${c.from.criteria} → ${c.to.criteria} criteria; ` +
    `${c.pairs.equal} equal, ${c.pairs.subset} subset, ${c.pairs.superset} superset, ${c.pairs.intersects} intersects; ` +
    `${c.from.none.length + c.to.none.length} with no counterpart`
  );
}
