/**
 * Reading the audits of several periods of one organisation for a direction of travel (`audit
 * trend`, `audit report --history`): each against the edition it records, then each of another
 * edition or framework bridged onto the latest period's, through the crosswalk joining them.
 */
import { resolve } from 'node:path';
import type { Audit } from '../core/audit.js';
import { editionLabel, editionOf, sameEdition, type Bridge } from '../core/crosswalk.js';
import type { Framework } from '../core/framework.js';
import type { TrendInput } from '../core/trend.js';
import { InputError, UsageError } from '../errors.js';
import { readAudit, type FrameworkCache } from './audit-file.js';
import { bridgeBetween, noCrosswalkMessage, shownCrosswalkFile } from './crosswalk-files.js';

export interface PeriodAudit {
  /** As the user named it. */
  file: string;
  audit: Audit;
  framework: Framework;
  /** The framework's file, which the audit was read against. */
  frameworkFile: string;
}

/** Each file read once, in the order given; the same file twice is refused. */
export async function readPeriodAudits(files: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<PeriodAudit[]> {
  const unique = [...new Map(files.map((f) => [resolve(cwd, f), f])).values()];
  if (unique.length < files.length) throw new UsageError('the same audit file is named twice: give each period once');
  const frameworks: FrameworkCache = new Map();
  const read: PeriodAudit[] = [];
  for (const file of unique) {
    // An audit of an edition no longer available is read against the current one, its answers to removed criteria set aside.
    const loaded = await readAudit(resolve(cwd, file), env, { frameworks, allowRetiredCriteria: true });
    read.push({ file, audit: loaded.audit, framework: loaded.framework.framework, frameworkFile: loaded.framework.file });
  }
  return read;
}

/**
 * The audits, in period order, as inputs of a trend: each of another edition than the latest
 * bridged onto it (refused, naming the two, where nothing joins them), and each that follows a
 * change of edition given the bridge from the one before, to follow its actions across.
 */
export async function bridgePeriods(ordered: readonly PeriodAudit[], env: NodeJS.ProcessEnv): Promise<TrendInput[]> {
  const latest = ordered[ordered.length - 1]!;
  const newest = latest.framework;
  // One bridge per pair of editions, however many periods use them.
  const bridges = new Map<string, Promise<Bridge | undefined>>();
  const bridge = (from: Framework, to: Framework) => {
    const key = `${editionLabel(editionOf(from))}\0${editionLabel(editionOf(to))}`;
    if (!bridges.has(key)) bridges.set(key, bridgeBetween(from, to, env));
    return bridges.get(key)!;
  };
  const inputs: TrendInput[] = [];
  for (const entry of ordered) {
    if (sameEdition(editionOf(entry.framework), editionOf(newest))) {
      inputs.push({ ...entry });
      continue;
    }
    const onto = await bridge(entry.framework, newest);
    if (!onto) {
      throw new InputError(
        `${entry.file} is an audit of ${editionLabel(editionOf(entry.framework))} and the latest, ${latest.file}, of ${editionLabel(editionOf(newest))}; ` +
          `${noCrosswalkMessage(editionOf(entry.framework), editionOf(newest), env)}, so they cannot be read side by side`,
      );
    }
    inputs.push({ ...entry, bridge: onto });
  }
  // Actions are followed from each period to the next: across a change of edition, through the crosswalk joining the two.
  for (let i = 1; i < inputs.length; i++) {
    const [before, now] = [inputs[i - 1]!, inputs[i]!];
    if (sameEdition(editionOf(before.framework), editionOf(now.framework))) continue;
    const step = await bridge(before.framework, now.framework);
    if (step) inputs[i] = { ...now, stepBridge: step };
  }
  return inputs;
}

/** A crosswalk file named as the user should see it, in a trend's periods. */
export function showCrosswalks<T extends { mapping: { crosswalk: string | null } | null }>(periods: T[], cwd: string): void {
  for (const period of periods) if (period.mapping?.crosswalk) period.mapping.crosswalk = shownCrosswalkFile(period.mapping.crosswalk, cwd);
}
