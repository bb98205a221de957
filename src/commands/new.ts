/** `audit new`: a new audit file, every criterion listed ready to rate. */
import { resolve, relative } from 'node:path';
import { countCriteria, type Framework } from '../core/framework.js';
import { kindPhrase } from '../core/kinds.js';
import { UsageError } from '../errors.js';
import { refuseInputAsOutput } from '../io/atomic-write.js';
import { newAuditText } from '../io/audit-document.js';
import { isFrameworkPath } from '../io/framework-files.js';
import { resolveFramework } from '../io/framework-library.js';
import { count } from '../render/plural.js';
import type { CommandContext } from './context.js';
import {
  answersForKind,
  defaultFileName,
  editionAsked,
  frameworkReference,
  refuseMisplacedFramework,
  writeNewAudit,
  type NewOptions,
} from './new-audit-file.js';
import { parseKind, parseRating, requireName } from './options.js';

export type { NewOptions };

export async function runNew(options: NewOptions, ctx: CommandContext): Promise<number> {
  if (options.from !== undefined) {
    const { runNewFrom } = await import('./new-from.js');
    return runNewFrom({ ...options, from: options.from }, ctx);
  }
  if (options.framework === undefined || options.org === undefined) {
    const missing = [options.framework === undefined && '--framework', options.org === undefined && '--org'].filter(Boolean).join(' and ');
    throw new UsageError(`missing ${missing} (or start from last period's audit with --from FILE)`);
  }
  const loaded = await resolveFramework(options.framework, ctx.cwd, ctx.env, editionAsked(options));
  const framework = loaded.framework;
  const organisation = requireName(options.org, '--org');
  const period = requireName(options.period, '--period');
  const assessor = options.assessor ? requireName(options.assessor, '--assessor') : undefined;
  const target = options.target === undefined ? undefined : parseRating(options.target, framework, '--target');
  const kind = options.kind === undefined ? undefined : parseKind(options.kind, framework);

  const output = resolve(ctx.cwd, options.output ?? defaultFileName(organisation, framework.id, period));
  await refuseInputAsOutput(output, [{ file: loaded.file, what: 'the framework file' }]);
  if (isFrameworkPath(options.framework)) await refuseMisplacedFramework(loaded, output, ctx.env);
  const reference = frameworkReference(options.framework, ctx.cwd, output, framework.id);

  const answers = kind ? answersForKind(framework, kind) : undefined;
  const text = newAuditText(
    framework,
    {
      framework: reference,
      organisation,
      ...(kind ? { kind: kind.id } : {}),
      period,
      ...(assessor ? { assessor } : {}),
      ...(target !== undefined ? { target } : {}),
    },
    answers,
  );
  await writeNewAudit(output, text, options.force);

  const shown = relative(ctx.cwd, output) || output;
  const total = countCriteria(framework);
  const na = answers?.size ?? 0;
  ctx.say(
    `Created ${shown}: ${count(total, 'criterion')} in ${count(framework.standards.length, 'standard')} of ${framework.id}` +
      (!kind
        ? ' to rate.\n'
        : na === 0
          ? ` to rate, every one of which applies to ${kindPhrase(kind)}.\n`
          : `, ${total - na} to rate; ${na} ${na === 1 ? 'does' : 'do'} not apply to ${kindPhrase(kind)} and ${na === 1 ? 'is' : 'are'} marked not applicable.\n`) +
      `Next: audit resume ${shown}   (or, in a script: audit rate ${shown} ${framework.standards[0]!.criteria[0]!.id} --rating N --evidence TEXT)\n`,
  );
  if (!kind) noteKinds(framework, ctx);
  return 0;
}

/** A framework with kinds, used without one: say what --kind would do. */
function noteKinds(framework: Framework, ctx: CommandContext): void {
  if (!framework.kinds?.length) return;
  ctx.err(
    `note: ${framework.id} declares kinds of organisation (${framework.kinds.map((k) => k.id).join(', ')}); ` +
      'with --kind the criteria that do not apply to yours are marked not applicable\n',
  );
}
