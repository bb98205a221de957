/**
 * The direction of travel over three or more periods of one organisation's audits (`audit
 * trend`): what a Cabinet or an inspector asks when they ask "is it getting better?".
 *
 * Policy:
 * - periods are put in period order (as text, numbers compared as numbers: 2023-24 before
 *   2024-25), whatever order the files were given in; one audit per period;
 * - each period's overall figures (mean, RAG, rated, below target) are its own audit's, on the
 *   edition it was made against: what that year's report said. A criterion not applicable counts
 *   in no mean, as everywhere (its series point is null, as where not rated);
 * - standards and criteria are the newest edition's (the latest period's). An earlier audit of
 *   another edition is read onto it through the crosswalk joining them (projectAudit): a
 *   criterion's rating is taken only from an `equal` counterpart, else it is null (not
 *   mappable), as it is where not rated. Each period says how far it could be read so;
 * - the criteria that improved or declined most: each criterion's last rating less its first,
 *   over the periods that rated it;
 * - actions are followed from one period to the next as `audit compare` does (closed when done
 *   or when the gap closed; dropped when gone with the gap still open): by criterion within an
 *   edition, by their text across a change of edition; with the period each was first seen in.
 */
import { sameOrganisation, type Audit } from './audit.js';
import { compareActions, compareActionsAcross, type ActionRecord, type ClosedAction } from './compare.js';
import { bridgeCoverage, projectAudit, type Bridge } from './crosswalk.js';
import { rewordedCriteria } from './editions.js';
import { scaleBounds, type Framework } from './framework.js';
import { analyseGaps, overruledSelfRating, type CriterionRow, type Rag } from './gap-analysis.js';
import { meanChange, type MeanChange } from './mean-change.js';

export interface TrendInput {
  file: string;
  /** The edition the audit was made against. */
  framework: Framework;
  audit: Audit;
  /** From its edition onto the newest; absent for audits of the newest edition. */
  bridge?: Bridge;
  /**
   * From the previous period's edition onto this one, when they differ, to follow actions
   * across the change; absent, actions are followed by their text alone.
   */
  stepBridge?: Bridge;
}

export interface TrendPeriod {
  period: string;
  file: string;
  framework: { id: string; version: string };
  /** The audit's own figures, on its own edition. */
  meanRating: number | null;
  rag: Rag;
  rated: number;
  belowTarget: number;
  /** Criteria not applicable to the organisation, as compare's periods count them. */
  notApplicable: number;
  /** The same on the newest edition's criteria, as the standards and criteria series read it. */
  onNewestEdition: { meanRating: number | null; rag: Rag; rated: number };
  /**
   * Criteria its framework words differently from the newest period's under the same id (a
   * locally edited copy, say): left out of the series, as their ratings answer another requirement.
   */
  reworded: string[];
  /** How the audit was read onto the newest edition; null for audits of that edition. */
  mapping: {
    via: 'crosswalk' | 'criterion-ids';
    crosswalk: string | null;
    /** Criteria of the newest edition with an equal counterpart in this one: the ones whose ratings compare. */
    equal: number;
    criteria: number;
    /** The same counted on the audit's own edition: its criteria with an equal counterpart in the newest, of all its criteria. */
    own: { equal: number; criteria: number };
  } | null;
}

export interface SeriesPoint {
  period: string;
  meanRating: number | null;
  rag: Rag;
}

export interface TrendStandard {
  id: string;
  title: string;
  series: SeriesPoint[];
  /**
   * From the first period with a mean to the last, like for like: on the criteria rated in both
   * (a criterion new to the edition, or not comparable, moves no standard); null with fewer than two.
   */
  change: MeanChange | null;
}

export interface TrendCriterion {
  criterion: string;
  standard: string;
  text: string;
  /**
   * Null where not rated, or not mappable onto the newest edition. `selfRating`: the
   * organisation's own rating where a panel's moderated rating is the one given (null otherwise).
   */
  series: SeriesRating[];
}

/** A criterion's rating in one period, with the self-rating a panel's moderated rating replaced. */
export interface SeriesRating {
  period: string;
  rating: number | null;
  selfRating: number | null;
}

/** A criterion's movement over the span: its first rating and its last. */
export interface Mover {
  criterion: string;
  standard: string;
  text: string;
  from: SeriesRating & { rating: number };
  to: SeriesRating & { rating: number };
  change: number;
}

export interface TrendAction extends ActionRecord {
  /** The period the action was first seen in (in this span). */
  since: string;
  /** For closed actions: the period it was closed in, and how (as audit compare says it). */
  closedIn?: string;
  how?: ClosedAction['how'];
  /** For dropped actions: the period it was gone from, with the gap still open. */
  droppedIn?: string;
}

export interface Trend {
  organisation: string;
  /** The newest edition: the latest period's. */
  framework: { id: string; title: string; version: string };
  scale: { min: number; max: number };
  periods: TrendPeriod[];
  standards: TrendStandard[];
  /** The whole's change on the newest edition, first period with a rating to the last, like for like. */
  change: MeanChange | null;
  criteria: TrendCriterion[];
  improved: Mover[];
  declined: Mover[];
  actions: { closed: TrendAction[]; stillOpen: TrendAction[]; dropped: TrendAction[] };
}

/** The fewest periods a trend is drawn over; two are a comparison (`audit compare`). */
export const MIN_PERIODS = 3;

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Inputs in period order. */
export function inPeriodOrder<T extends { audit: Pick<Audit, 'period'> }>(inputs: readonly T[]): T[] {
  return [...inputs].sort((a, b) => collator.compare(a.audit.period, b.audit.period));
}

/**
 * Why these audits cannot make a trend, or undefined: fewer than `fewest` (three for `audit
 * trend`; a report's history may hold two), more than one organisation (case and spacing
 * aside), or two audits of one period.
 */
export function trendProblem(inputs: readonly { file: string; audit: Pick<Audit, 'organisation' | 'formerNames' | 'period'> }[], fewest = MIN_PERIODS): string | undefined {
  if (inputs.length < fewest) {
    return `a trend needs audits of ${fewest} or more periods; ${inputs.length === 2 ? 'for two, use audit compare OLD NEW' : `${inputs.length} given`}`;
  }
  // One organisation across a change of name: audits are joined where a name of one (its own or a former one) is a name of the other.
  const byOrganisation = new Map<number, { name: string; files: string[] }>();
  const group: number[] = inputs.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  for (let i = 0; i < inputs.length; i++) {
    for (let j = i + 1; j < inputs.length; j++) if (sameOrganisation(inputs[i]!.audit, inputs[j]!.audit)) group[root(j)] = root(i);
  }
  inputs.forEach((input, i) => {
    const entry = byOrganisation.get(root(i)) ?? { name: input.audit.organisation, files: [] };
    entry.files.push(input.file);
    byOrganisation.set(root(i), entry);
  });
  if (byOrganisation.size > 1) {
    const listed = [...byOrganisation.values()].map((o) => `${o.name} (${o.files.join(', ')})`).join('; ');
    return `a trend follows one organisation, but these audits are of ${byOrganisation.size}: ${listed}. For several agencies side by side, use audit aggregate`;
  }
  const byPeriod = new Map<string, string[]>();
  for (const input of inputs) byPeriod.set(input.audit.period, [...(byPeriod.get(input.audit.period) ?? []), input.file]);
  const twice = [...byPeriod].find(([, files]) => files.length > 1);
  if (twice) return `two audits of the period ${twice[0]}: ${twice[1].join(', ')}; give one audit per period`;
  return undefined;
}

/** Assumes `trendProblem` found nothing. The newest edition is the latest period's. */
export function analyseTrend(inputs: readonly TrendInput[]): Trend {
  const ordered = inPeriodOrder(inputs);
  const newest = ordered[ordered.length - 1]!.framework;

  const read = ordered.map((input) => {
    const own = analyseGaps(input.framework, input.audit);
    if (!input.bridge) {
      const reworded = rewordedCriteria(input.framework, newest);
      if (!reworded.length) return { input, own, analysis: own, onNewest: input.audit, reworded };
      const onNewest = { ...input.audit, responses: Object.fromEntries(Object.entries(input.audit.responses).filter(([id]) => !reworded.includes(id))) };
      return { input, own, analysis: analyseGaps(newest, onNewest), onNewest, reworded };
    }
    const onNewest = projectAudit(input.audit, input.bridge, newest);
    return { input, own, analysis: analyseGaps(newest, onNewest), onNewest, reworded: [] as string[] };
  });

  const periods: TrendPeriod[] = read.map(({ input, own, analysis, reworded }) => ({
    period: input.audit.period,
    file: input.file,
    framework: { id: input.framework.id, version: input.audit.frameworkVersion ?? input.framework.version },
    meanRating: own.summary.meanRating,
    rag: own.summary.rag,
    rated: own.summary.rated,
    belowTarget: own.summary.belowTarget,
    notApplicable: own.summary.notApplicable,
    onNewestEdition: { meanRating: analysis.summary.meanRating, rag: analysis.summary.rag, rated: analysis.summary.rated },
    reworded,
    mapping: input.bridge ? mappingOf(input.bridge) : null,
  }));

  const criteria: TrendCriterion[] = read[0]!.analysis.criteria.map((row, c) => ({
    criterion: row.criterion,
    standard: row.standard,
    text: row.text,
    series: read.map(({ input, analysis }) => ({
      period: input.audit.period,
      rating: analysis.criteria[c]!.rating,
      selfRating: overruledSelfRating(analysis.criteria[c]),
    })),
  }));

  const standards: TrendStandard[] = newest.standards.map((standard, s) => {
    const series = read.map(({ input, analysis }) => ({ period: input.audit.period, meanRating: analysis.standards[s]!.meanRating, rag: analysis.standards[s]!.rag }));
    return {
      id: standard.id,
      title: standard.title,
      series,
      change: spanChange(series.map((p) => p.meanRating), criteria.filter((c) => c.standard === standard.id)),
    };
  });

  const { improved, declined } = movers(criteria);
  return {
    organisation: ordered[ordered.length - 1]!.audit.organisation,
    framework: { id: newest.id, title: newest.title, version: newest.version },
    scale: scaleBounds(newest),
    periods,
    standards,
    change: spanChange(periods.map((p) => p.onNewestEdition.meanRating), criteria),
    criteria,
    improved,
    declined,
    actions: followActions(read.map(({ input, own }) => ({ input, rows: own.criteria }))),
  };
}

/** The change from the first period with a mean to the last, on the criteria rated in both. */
function spanChange(means: readonly (number | null)[], criteria: readonly TrendCriterion[]): MeanChange | null {
  const first = means.findIndex((m) => m !== null);
  const last = means.findLastIndex((m) => m !== null);
  if (first < 0 || first === last) return null;
  return meanChange(criteria.map((c) => [c.series[first]!.rating, c.series[last]!.rating] as const));
}

function mappingOf(bridge: Bridge): TrendPeriod['mapping'] {
  const coverage = bridgeCoverage(bridge);
  return {
    via: bridge.via.kind,
    crosswalk: bridge.via.kind === 'crosswalk' ? bridge.via.file : null,
    equal: bridge.ratingsCross ? coverage.to.equal : 0,
    criteria: coverage.to.criteria,
    own: { equal: bridge.ratingsCross ? coverage.from.equal : 0, criteria: coverage.from.criteria },
  };
}

function movers(criteria: readonly TrendCriterion[]): { improved: Mover[]; declined: Mover[] } {
  const moved: (Mover & { order: number })[] = [];
  criteria.forEach((c, order) => {
    const rated = c.series.filter((p): p is SeriesRating & { rating: number } => p.rating !== null);
    if (rated.length < 2) return;
    const first = rated[0]!;
    const last = rated[rated.length - 1]!;
    if (last.rating === first.rating) return;
    moved.push({ criterion: c.criterion, standard: c.standard, text: c.text, from: first, to: last, change: last.rating - first.rating, order });
  });
  const strip = ({ order: _order, ...mover }: Mover & { order: number }): Mover => mover;
  return {
    improved: moved.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || a.order - b.order).map(strip),
    declined: moved.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || a.order - b.order).map(strip),
  };
}

/**
 * Actions followed from each period to the next, on each period's own audit: by criterion
 * between audits of one edition (as audit compare does), by text across a change of edition.
 * An action is known by its text from one period to the next, so "since" survives a change
 * of edition; criteria are named as in the period the action was last seen in.
 */
function followActions(periods: readonly { input: TrendInput; rows: readonly CriterionRow[] }[]): Trend['actions'] {
  const key = (a: ActionRecord) => a.text.trim().replace(/\s+/g, ' ');
  const since = new Map<string, string>();
  const closed: TrendAction[] = [];
  const dropped: TrendAction[] = [];
  const first = periods[0]!.input;
  for (const [criterion, response] of Object.entries(first.audit.responses)) {
    const action = response?.action;
    if (!action) continue;
    const record: ActionRecord = { criterion, text: action.text, owner: action.owner ?? null, due: action.due ?? null, status: action.status ?? 'open' };
    // Done within the first period: opened and closed there, as far as this span can tell.
    if (record.status === 'done') closed.push({ ...record, since: first.audit.period, closedIn: first.audit.period, how: 'done' });
    else if (!since.has(key(record))) since.set(key(record), first.audit.period);
  }
  for (let i = 1; i < periods.length; i++) {
    const before = periods[i - 1]!.input;
    const { input: now, rows } = periods[i]!;
    const sameEdition = before.framework.id === now.framework.id && before.framework.version === now.framework.version;
    const moved = sameEdition ? compareActions(before.audit, now.audit, rows) : compareActionsAcross(before.audit, now.audit, rows, now.stepBridge);
    const period = now.audit.period;
    for (const action of moved.closed) {
      closed.push({ ...action, since: since.get(key(action)) ?? before.audit.period, closedIn: period, how: action.how });
      since.delete(key(action));
    }
    for (const action of moved.dropped) {
      dropped.push({ ...action, since: since.get(key(action)) ?? before.audit.period, droppedIn: period });
      since.delete(key(action));
    }
    for (const action of moved.opened) {
      if (action.status === 'done') closed.push({ ...action, since: period, closedIn: period, how: 'done' });
      else if (!since.has(key(action))) since.set(key(action), period);
    }
  }
  const last = periods[periods.length - 1]!;
  const stillOpen: TrendAction[] = [];
  const listed = new Set<string>();
  for (const row of last.rows) {
    const action = last.input.audit.responses[row.criterion]?.action;
    if (!action || (action.status ?? 'open') === 'done' || row.status === 'meets-target' || row.status === 'not-applicable') continue;
    const record: ActionRecord = { criterion: row.criterion, text: action.text, owner: action.owner ?? null, due: action.due ?? null, status: action.status ?? 'open' };
    // An action carried to several counterparts is one action.
    if (listed.has(key(record))) continue;
    listed.add(key(record));
    stillOpen.push({ ...record, since: since.get(key(record)) ?? last.input.audit.period });
  }
  return { closed, stillOpen, dropped };
}
