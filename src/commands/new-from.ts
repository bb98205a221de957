/**
 * `audit new --from LAST.yaml --period P`: next period's audit started from last period's.
 * Same framework, in its current edition unless `--edition` (or `--framework ID@VERSION`)
 * names another, with the criteria that changed between editions named; evidence and open
 * actions carried forward by criterion id; ratings cleared and kept as `previous` for reference.
 * Where a crosswalk joins last period's edition and the one asked for (another edition, or
 * another framework), answers are carried across it instead (src/core/carry-forward.ts).
 */
import { dirname, join, relative, resolve } from 'node:path';
import { organisationKey, organisationNames, type Audit } from '../core/audit.js';
import { carryAcross, carryForward, localFieldsLeftBehind, type CarryAcross } from '../core/carry-forward.js';
import { editionLabel, editionOf, nameCriteria, sameEdition, type Bridge } from '../core/crosswalk.js';
import { compareEditions, describeEditionChange, rewordedCriteria } from '../core/editions.js';
import { countCriteria, type Framework } from '../core/framework.js';
import { findKind, kindPhrase } from '../core/kinds.js';
import { InputError } from '../errors.js';
import { refuseInputAsOutput } from '../io/atomic-write.js';
import { newAuditText } from '../io/audit-document.js';
import { readAudit, type ReadAudit } from '../io/audit-file.js';
import { bridgeBetween, noCrosswalkMessage, shownCrosswalkFile } from '../io/crosswalk-files.js';
import { isFrameworkPath, type LoadedFramework } from '../io/framework-files.js';
import { resolveFramework } from '../io/framework-library.js';
import type { CommandContext } from './context.js';
import { defaultFileName, editionAsked, frameworkReference, refuseMisplacedFramework, writeNewAudit, type NewOptions } from './new-audit-file.js';
import { parseKind, parseRating, requireName } from './options.js';
import { count } from '../render/plural.js';

export async function runNewFrom(options: NewOptions & { from: string }, ctx: CommandContext): Promise<number> {
  const period = requireName(options.period, '--period');
  // Last period's audit may be of an earlier edition: answers to criteria since removed are set aside, not refused.
  const last = await readAudit(resolve(ctx.cwd, options.from), ctx.env, { allowRetiredCriteria: true });
  if (last.audit.period === period) {
    throw new InputError(`--period ${period} is the period of ${options.from} itself; give the period the new audit covers`);
  }

  // The framework last period's audit names, resolved from its own folder, unless --framework names one.
  const lastRef = last.audit.framework;
  const named = options.framework ?? (isFrameworkPath(lastRef) ? resolve(dirname(resolve(ctx.cwd, options.from)), lastRef) : lastRef);
  const target: LoadedFramework = await resolveFramework(named, ctx.cwd, ctx.env, editionAsked(options));
  const framework = target.framework;
  const bridge = await crosswalkFor(last, framework, options.from, options.framework !== undefined ? '--framework names' : 'its framework file now holds', ctx.env);
  const organisation = options.org !== undefined ? requireName(options.org, '--org') : last.audit.organisation;
  // A new name keeps the old ones, so that trend, compare and aggregate --previous follow the organisation.
  const formerNames = formerNamesOf(last.audit, organisation);
  const assessor = options.assessor !== undefined ? requireName(options.assessor, '--assessor') : last.audit.assessor;
  const auditTarget = options.target !== undefined ? parseRating(options.target, framework, '--target') : last.audit.target;
  // Last period's kind carries, where the framework (perhaps a newer edition) still declares it.
  const lastKind = last.audit.kind === undefined ? undefined : findKind(last.framework.framework, last.audit.kind);
  const kind = options.kind !== undefined ? parseKind(options.kind, framework) : lastKind && findKind(framework, lastKind.id);
  const kindDropped = options.kind === undefined && last.audit.kind !== undefined && kind === undefined;

  // Beside last period's audit by default: the audits of a team live in one folder.
  const output = resolve(ctx.cwd, options.output ?? join(dirname(options.from), defaultFileName(organisation, framework.id, period)));
  await refuseInputAsOutput(output, [
    { file: resolve(ctx.cwd, options.from), what: 'the audit being carried forward' },
    { file: last.framework.file, what: "its framework file" },
    { file: target.file, what: 'the framework file' },
  ]);

  if (isFrameworkPath(named)) await refuseMisplacedFramework(target, output, ctx.env);
  const reference = frameworkReference(named, ctx.cwd, output, framework.id);

  const retired = last.retired ?? {};
  const edition =
    framework.id === last.framework.framework.id
      ? compareEditions({ framework: last.framework.framework, audit: last.audit, retired: Object.keys(retired) }, framework)
      : undefined;
  const kinds = { ...(lastKind ? { last: lastKind } : {}), ...(kind ? { next: kind } : {}) };
  const carried = bridge
    ? carryAcross(last.audit, framework, bridge, kinds)
    : carryForward(last.audit, framework, retired, kinds, rewordedCriteria(last.framework.framework, framework));
  const text = newAuditText(
    framework,
    {
      framework: reference,
      organisation,
      ...(formerNames.length ? { formerNames } : {}),
      ...(kind ? { kind: kind.id } : {}),
      period,
      ...(assessor ? { assessor } : {}),
      ...(auditTarget !== undefined ? { target: auditTarget } : {}),
      carriedFrom: { period: last.audit.period, ...(bridge ? { across: editionLabel(bridge.from.edition) } : {}) },
    },
    carried.answers,
  );
  await writeNewAudit(output, text, options.force);

  const shown = relative(ctx.cwd, output) || output;
  const c = carried.counts;
  const lines = [
    `Created ${shown} for ${period} from ${options.from} (${last.audit.period})${bridge ? `, across ${describeBridge(bridge, ctx.cwd)}` : ''}: ` +
      `${count(countCriteria(framework), 'criterion')} of ${framework.id} to rate afresh.`,
    `Carried forward: evidence for ${c.evidence}, ${c.actions} open ${c.actions === 1 ? 'action' : 'actions'}, last period's rating for ${c.previousRatings} (under previous:)` +
      (c.doneActions ? `; ${c.doneActions} done ${c.doneActions === 1 ? 'action' : 'actions'} left behind.` : '.'),
  ];
  if (c.notApplicable || c.notApplicableByKind) {
    const parts = [
      ...(c.notApplicable ? [`${c.notApplicable} carried with ${c.notApplicable === 1 ? 'its reason' : 'their reasons'}`] : []),
      ...(c.notApplicableByKind ? [`${c.notApplicableByKind} marked as not applying to ${kindPhrase(kind!)}`] : []),
    ];
    lines.push(`Not applicable: ${parts.join(', ')} (answer any with audit rate ${shown} ID --rating N).`);
  }
  if (organisationKey(organisation) !== organisationKey(last.audit.organisation)) {
    lines.push(`Renamed: ${last.audit.organisation} → ${organisation}; the former name is kept under formerNames, so trend, compare and aggregate --previous follow it.`);
  }
  if (carried.reworded.length) {
    lines.push(`To check (the framework words them differently from last period's, marked in the evidence): ${carried.reworded.join(', ')}.`);
  }
  if (carried.challenged.length) {
    lines.push(`Not applicable last period, but the panel held it applies: ${carried.challenged.join(', ')} (the reason is kept in the evidence; rate each).`);
  }
  const local = localFieldsLeftBehind(last.audit);
  if (local.length) lines.push(`Not carried (local fields, kept only in ${options.from}): ${local.join(', ')}.`);
  if (kindDropped) lines.push(`Kind of organisation: ${last.audit.kind} is not a kind ${framework.id} edition ${framework.version} declares; give one with --kind.`);
  if (edition) lines.push(`Framework changed: ${describeEditionChange(edition)}.`);
  if (bridge) lines.push(...acrossLines(carried as CarryAcross, bridge, last.framework.framework, framework));
  else if (carried.dropped.length) lines.push(`Not carried (no longer in the framework): answers to ${carried.dropped.join(', ')}.`);
  lines.push(`Next: audit resume ${shown}`);
  ctx.say(`${lines.join('\n')}\n`);
  return 0;
}

/** Last period's former names, with its own name when the new audit's differs; the new name itself never. */
function formerNamesOf(last: Audit, organisation: string): string[] {
  const names: string[] = [];
  for (const name of [...organisationNames(last).slice(1), last.organisation]) {
    const key = organisationKey(name);
    if (key !== organisationKey(organisation) && !names.some((n) => organisationKey(n) === key)) names.push(name);
  }
  return names;
}

/**
 * The crosswalk to carry last period's audit across, when its edition and the one asked for
 * differ and one joins them. Between editions of one framework without one, undefined: answers
 * then follow criterion ids, with the criteria added and removed named. Between frameworks
 * without one, a refusal.
 */
async function crosswalkFor(last: ReadAudit, framework: Framework, from: string, named: string, env: NodeJS.ProcessEnv): Promise<Bridge | undefined> {
  const lastFramework = last.framework.framework;
  // An audit of an edition no longer available was read against the current one: no crosswalk can be checked against it.
  const editionKnown = (last.audit.frameworkVersion ?? lastFramework.version) === lastFramework.version;
  if (sameEdition(editionOf(lastFramework), editionOf(framework))) return undefined;
  const bridge = editionKnown ? await bridgeBetween(lastFramework, framework, env) : undefined;
  if (!bridge && lastFramework.id !== framework.id) {
    throw new InputError(
      `${from} is an audit of ${editionLabel(editionOf(lastFramework))}, but ${named} ${editionLabel(editionOf(framework))}, and ${noCrosswalkMessage(editionOf(lastFramework), editionOf(framework), env)}. ` +
        'Answers carry across frameworks only through a crosswalk (see audit standards map); or start a new audit without --from',
    );
  }
  return bridge?.via.kind === 'crosswalk' ? bridge : undefined;
}

/** "the crosswalk section-11@2007-2018 → section-11@2007-2023 (standards/crosswalks/…)". */
function describeBridge(bridge: Bridge, cwd: string): string {
  const file = bridge.via.kind === 'crosswalk' ? ` (${shownCrosswalkFile(bridge.via.file, cwd)})` : '';
  return `the crosswalk ${editionLabel(bridge.from.edition)} → ${editionLabel(bridge.to.edition)}${file}`;
}

/** What an assessor must look at after carrying across: marked evidence, folded actions, and what carried nothing. */
function acrossLines(carried: CarryAcross, bridge: Bridge, from: Framework, to: Framework): string[] {
  const lines: string[] = [];
  if (carried.toCheck.length) {
    lines.push(`To check (carried through a pair that is not equal, marked "[carried from …: check it still fits]" in the evidence): ${carried.toCheck.join(', ')}.`);
  }
  if (carried.folded.length) {
    lines.push(
      `Open actions written into the evidence, as the criterion already had one: ${carried.folded.map((f) => `${f.criterion} (from ${f.from})`).join(', ')}.`,
    );
  }
  if (carried.dropped.length) lines.push(`Not carried (no counterpart in ${editionLabel(bridge.to.edition)}): answers to ${nameCriteria(carried.dropped, from)}.`);
  if (carried.nothingCarried.length) {
    lines.push(`Nothing carried to ${carried.nothingCarried.length} of ${countCriteria(to)} criteria: ${nameCriteria(carried.nothingCarried, to)}.`);
  }
  return lines;
}
