/**
 * The partnership view of many agencies' audits of one framework (`audit aggregate`): what a
 * safeguarding partnership collecting Section 11 returns puts in front of its board. One view
 * model for every format, the PDF partnership report included.
 *
 * Policy:
 * - an agency's standing in a standard is its own gap analysis (mean of rated criteria, RAG);
 * - the partnership mean of a standard is the mean of the agencies' means, each agency
 *   counting once however many criteria it rated; agencies with nothing rated there are left
 *   out of it;
 * - the partnership RAG of a standard is the worst of the agencies' RAGs, as an audit's overall
 *   RAG is its worst standard's: a partnership is as safe as its weakest agency. The counts
 *   of agencies by RAG sit beside it;
 * - `agenciesBelowTarget` counts agencies with at least one criterion of the standard below
 *   target;
 * - shortfalls are the criteria below target in the most agencies, most first;
 * - a return made against another edition of the framework is read onto this one through the
 *   crosswalk joining them (or, without one, by criterion id): its ratings count only where a
 *   criterion has an `equal` counterpart, and the view names the returns mapped and the
 *   criteria that could not be;
 * - with last period's returns, each agency's change (overall and by standard) is like for like:
 *   the means of the criteria rated in both, last period's read onto this framework in the same
 *   way, so that a criterion its edition lacked moves nothing.
 * - a criterion not applicable to an agency counts in none of its means or RAGs; for each
 *   criterion, the agencies it does not apply to are listed with their reasons, most first, each
 *   marked `byKind` where the framework does not ask its kind of organisation to answer it and
 *   the reason is the one written for the kind (rather than the agency's own judgement).
 */
import { organisationKey, organisationNames, type Audit } from './audit.js';
import { textDifferences } from './editions.js';
import { scaleBounds, type Framework } from './framework.js';
import { analyseGaps, worstRag, type Rag, type RatingSummary } from './gap-analysis.js';
import { isNotApplicableToKind } from './kinds.js';
import { meanChange } from './mean-change.js';

export interface AgencyAudit {
  file: string;
  /** The return, on the framework aggregated (read onto it when made against another edition). */
  audit: Audit;
  /** Present when the return was made against another edition and read onto this one. */
  mappedFrom?: MappedFrom;
  /** The agency's return for the previous period, read onto this framework (aggregate --previous). */
  previous?: { file: string; audit: Audit };
}

/** How a return of another edition was read onto the framework aggregated. */
export interface MappedFrom {
  /** The edition it was made against. */
  version: string;
  /** Matched through a crosswalk file, or by criterion id between editions without one. */
  via: 'crosswalk' | 'criterion-ids';
  crosswalk: string | null;
  /** Criteria of this edition whose rating could not be taken from that one. */
  notMapped: string[];
}

export type RagCounts = Record<Rag, number>;

export interface AgencyStandard {
  id: string;
  meanRating: number | null;
  rag: Rag;
  rated: number;
  criteria: number;
  belowTarget: number;
  notApplicable: number;
  /** Criteria of the standard not in the edition the agency returned on (see AgencyStanding.notInEdition). */
  notInEdition: number;
  /**
   * With last period's return: its mean in this standard, and the change since on the criteria
   * rated in both (null where none is).
   */
  previousMean?: number | null;
  change?: number | null;
}

/** The agency's standing last period, beside this period's (aggregate --previous). */
export interface AgencyPrevious {
  file: string;
  period: string;
  meanRating: number | null;
  rag: Rag;
  /** The change since last period on the criteria rated in both; null where none is. */
  change: number | null;
}

export interface AgencyStanding {
  organisation: string;
  file: string;
  /** The organisation's kind, where its audit records one. */
  kind: { id: string; label: string } | null;
  period: string;
  assessor: string | null;
  summary: RatingSummary & { rag: Rag };
  /**
   * Criteria of this edition that are not in the edition the agency returned on (no `equal`
   * counterpart there), so that it could not rate them: counted in summary.notAssessed, but not
   * left unrated by the agency. 0 for a return of this edition.
   */
  notInEdition: number;
  standards: AgencyStandard[];
  /** Criteria whose rating a partnership panel moderated. */
  moderated: number;
  signoff: { by: string; role: string; date: string } | null;
  /** Set when last period's returns were given: null for an agency with none. */
  previous?: AgencyPrevious | null;
}

export interface PartnershipStandard {
  id: string;
  title: string;
  meanRating: number | null;
  rag: Rag;
  /** Agencies with at least one criterion of this standard below target. */
  agenciesBelowTarget: number;
  /** Agencies that rated at least one criterion of this standard. */
  agenciesRated: number;
  agenciesByRag: RagCounts;
}

export interface Shortfall {
  criterion: string;
  standard: string;
  text: string;
  agenciesBelowTarget: number;
  agenciesRated: number;
  /** Mean of the agencies' ratings of this criterion. */
  meanRating: number | null;
  /** Agencies that called it not applicable (counted in neither figure above). */
  agenciesNotApplicable: number;
  /**
   * Below target in more than half of the agencies that rated it: one of the criteria "where
   * most agencies fall short", the rule every view (terminal, Markdown, JSON, workbook, report) uses.
   */
  widespread: boolean;
}

/** A criterion not applicable to some agencies: how many, which, and why. */
export interface NotApplicableAcross {
  criterion: string;
  standard: string;
  text: string;
  agenciesNotApplicable: number;
  /** Of those, the agencies whose kind of organisation the framework does not ask to answer it. */
  agenciesByKind: number;
  agencies: NotApplicableAgency[];
}

export interface NotApplicableAgency {
  organisation: string;
  file: string;
  reason: string;
  /** Not applicable because the criterion is not for the agency's kind of organisation (`appliesTo`), not by its own judgement. */
  byKind: boolean;
}

export interface RedAgency {
  organisation: string;
  file: string;
  standards: { id: string; title: string }[];
}

export interface PartnershipView {
  framework: { id: string; title: string; version: string };
  scale: { min: number; max: number };
  /** The periods the audits cover; more than one usually means a file from another year. */
  periods: string[];
  summary: {
    agencies: number;
    /** Mean of the agencies' overall means. */
    meanRating: number | null;
    rag: Rag;
    agenciesByRag: RagCounts;
    /** Criteria below target in more than half of the agencies that rated them (`widespread`). */
    widespreadShortfalls: number;
  };
  agencies: AgencyStanding[];
  standards: PartnershipStandard[];
  shortfalls: Shortfall[];
  redAgencies: RedAgency[];
  /** Returns of other editions read onto this one; null when every return is of this edition. */
  mapping: {
    edition: string;
    returns: { organisation: string; file: string; edition: string; via: 'crosswalk' | 'criterion-ids'; crosswalk: string | null; notMapped: string[] }[];
  } | null;
  /** Set when last period's returns were given: their periods. */
  previousPeriods?: string[];
  /** Criteria called not applicable by at least one agency, most agencies first. */
  notApplicable: NotApplicableAcross[];
}

const emptyCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, unrated: 0 });

function mean(values: number[]): number | null {
  if (!values.length) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.round((sum / values.length) * 100) / 100;
}

/**
 * `withPrevious` says last period's returns were given, so that an agency without one shows
 * as such (previous: null) rather than the question not arising.
 */
export function aggregateAudits(framework: Framework, entries: readonly AgencyAudit[], withPrevious = false): PartnershipView {
  const standardIds = framework.standards.map((s) => s.id);
  // Exact means per agency and standard, so the partnership mean is not a mean of rounded means.
  const standardMeans = new Map<string, number[]>(standardIds.map((id) => [id, []]));
  const overallMeans: number[] = [];
  const standardRags = new Map<string, Rag[]>(standardIds.map((id) => [id, []]));
  const standardBelow = new Map<string, number>(standardIds.map((id) => [id, 0]));
  const criterionStats = new Map<string, { below: number; rated: number; sum: number }>();
  const notApplicableBy = new Map<string, NotApplicableAgency[]>();
  const criteria = new Map(framework.standards.flatMap((s) => s.criteria.map((c) => [c.id, c] as const)));
  const agencies: AgencyStanding[] = [];

  for (const { file, audit, previous, mappedFrom } of entries) {
    const analysis = analyseGaps(framework, audit);
    // Unrated because its edition lacks them, not because the agency left them: neither rated nor not applicable.
    const notMapped = new Set(mappedFrom?.notMapped ?? []);
    const notInEdition = analysis.criteria.filter((r) => notMapped.has(r.criterion) && r.rating === null && r.notApplicable === null);
    const before = previous ? analyseGaps(framework, previous.audit) : undefined;
    const beforeStandards = new Map(before?.standards.map((s) => [s.id, s]));
    // Changes like for like: on the criteria rated in both returns, so that a criterion last
    // period's edition did not have moves no standard (src/core/mean-change.ts).
    const beforeRatings = new Map(before?.criteria.map((r) => [r.criterion, r.rating]));
    const changeOf = (rows: readonly { criterion: string; rating: number | null }[]) => meanChange(rows.map((r) => [beforeRatings.get(r.criterion), r.rating] as const)).delta;
    const sums = new Map<string, { sum: number; rated: number }>();
    let overallSum = 0;
    for (const row of analysis.criteria) {
      if (row.notApplicable !== null) {
        const byKind = isNotApplicableToKind(framework, audit.kind, criteria.get(row.criterion)!, row.notApplicable);
        notApplicableBy.set(row.criterion, [...(notApplicableBy.get(row.criterion) ?? []), { organisation: audit.organisation, file, reason: row.notApplicable, byKind }]);
      }
      if (row.rating === null) continue;
      overallSum += row.rating;
      const s = sums.get(row.standard) ?? { sum: 0, rated: 0 };
      s.sum += row.rating;
      s.rated++;
      sums.set(row.standard, s);
      const c = criterionStats.get(row.criterion) ?? { below: 0, rated: 0, sum: 0 };
      c.rated++;
      c.sum += row.rating;
      if (row.status === 'below-target') c.below++;
      criterionStats.set(row.criterion, c);
    }
    if (analysis.summary.rated) overallMeans.push(overallSum / analysis.summary.rated);
    for (const s of analysis.standards) {
      const own = sums.get(s.id);
      if (own) standardMeans.get(s.id)!.push(own.sum / own.rated);
      standardRags.get(s.id)!.push(s.rag);
      if (s.belowTarget > 0) standardBelow.set(s.id, standardBelow.get(s.id)! + 1);
    }
    agencies.push({
      organisation: audit.organisation,
      file,
      kind: analysis.kind,
      period: audit.period,
      assessor: audit.assessor ?? null,
      summary: analysis.summary,
      notInEdition: notInEdition.length,
      standards: analysis.standards.map((s) => ({
        id: s.id,
        meanRating: s.meanRating,
        rag: s.rag,
        rated: s.rated,
        criteria: s.criteria,
        belowTarget: s.belowTarget,
        notApplicable: s.notApplicable,
        notInEdition: notInEdition.filter((r) => r.standard === s.id).length,
        ...(before ? { previousMean: beforeStandards.get(s.id)?.meanRating ?? null, change: changeOf(analysis.criteria.filter((r) => r.standard === s.id)) } : {}),
      })),
      moderated: analysis.criteria.filter((r) => r.moderation !== null).length,
      signoff: audit.signoff ? { by: audit.signoff.by, role: audit.signoff.role, date: audit.signoff.date } : null,
      ...(withPrevious
        ? {
            previous:
              previous && before
                ? {
                    file: previous.file,
                    period: previous.audit.period,
                    meanRating: before.summary.meanRating,
                    rag: before.summary.rag,
                    change: changeOf(analysis.criteria),
                  }
                : null,
          }
        : {}),
    });
  }

  const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  const byName = (a: { organisation: string; file: string }, b: { organisation: string; file: string }) =>
    collator.compare(a.organisation, b.organisation) || collator.compare(a.file, b.file);
  agencies.sort(byName);

  const standards: PartnershipStandard[] = framework.standards.map((s) => {
    const rags = standardRags.get(s.id)!;
    const byRag = emptyCounts();
    for (const rag of rags) byRag[rag]++;
    return {
      id: s.id,
      title: s.title,
      meanRating: mean(standardMeans.get(s.id)!),
      rag: worstRag(rags),
      agenciesBelowTarget: standardBelow.get(s.id)!,
      agenciesRated: standardMeans.get(s.id)!.length,
      agenciesByRag: byRag,
    };
  });

  const shortfalls: Shortfall[] = [];
  const notApplicable: NotApplicableAcross[] = [];
  let order = 0;
  const orderOf = new Map<string, number>();
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) {
      orderOf.set(criterion.id, order++);
      const called = (notApplicableBy.get(criterion.id) ?? []).sort(byName);
      if (called.length) {
        notApplicable.push({
          criterion: criterion.id,
          standard: standard.id,
          text: criterion.text,
          agenciesNotApplicable: called.length,
          agenciesByKind: called.filter((a) => a.byKind).length,
          agencies: called,
        });
      }
      const stats = criterionStats.get(criterion.id);
      if (!stats || stats.below === 0) continue;
      shortfalls.push({
        criterion: criterion.id,
        standard: standard.id,
        text: criterion.text,
        agenciesBelowTarget: stats.below,
        agenciesRated: stats.rated,
        meanRating: Math.round((stats.sum / stats.rated) * 100) / 100,
        agenciesNotApplicable: called.length,
        widespread: isWidespread(stats.below, stats.rated),
      });
    }
  }
  notApplicable.sort((a, b) => b.agenciesNotApplicable - a.agenciesNotApplicable || orderOf.get(a.criterion)! - orderOf.get(b.criterion)!);
  shortfalls.sort((a, b) => b.agenciesBelowTarget - a.agenciesBelowTarget || orderOf.get(a.criterion)! - orderOf.get(b.criterion)!);

  const titles = new Map(framework.standards.map((s) => [s.id, s.title]));
  const redAgencies: RedAgency[] = agencies
    .filter((a) => a.standards.some((s) => s.rag === 'red'))
    .map((a) => ({
      organisation: a.organisation,
      file: a.file,
      standards: a.standards.filter((s) => s.rag === 'red').map((s) => ({ id: s.id, title: titles.get(s.id)! })),
    }));

  const byRag = emptyCounts();
  for (const a of agencies) byRag[a.summary.rag]++;

  return {
    framework: { id: framework.id, title: framework.title, version: framework.version },
    scale: scaleBounds(framework),
    periods: [...new Set(agencies.map((a) => a.period))].sort(),
    summary: {
      agencies: agencies.length,
      meanRating: mean(overallMeans),
      rag: worstRag(agencies.map((a) => a.summary.rag)),
      agenciesByRag: byRag,
      widespreadShortfalls: shortfalls.filter((f) => f.widespread).length,
    },
    agencies,
    standards,
    shortfalls,
    redAgencies,
    notApplicable,
    mapping: mappingOf(framework, entries),
    ...(withPrevious ? { previousPeriods: [...new Set(entries.flatMap((e) => (e.previous ? [e.previous.audit.period] : [])))].sort() } : {}),
  };
}

/** Below target in more than half of the agencies that rated the criterion. */
function isWidespread(below: number, rated: number): boolean {
  return below * 2 > rated;
}

/**
 * The criteria "where most agencies fall short": those below target in more than half of the
 * agencies that rated them; failing any, the ones below target in the most agencies
 * (`majority` false), so that a view still names where the partnership is weakest.
 */
export function widespreadShortfalls(shortfalls: readonly Shortfall[]): { criteria: Shortfall[]; majority: boolean } {
  const majority = shortfalls.filter((f) => f.widespread);
  if (majority.length || !shortfalls.length) return { criteria: majority, majority: true };
  const most = Math.max(...shortfalls.map((f) => f.agenciesBelowTarget));
  return { criteria: shortfalls.filter((f) => f.agenciesBelowTarget === most), majority: false };
}

function mappingOf(framework: Framework, entries: readonly AgencyAudit[]): PartnershipView['mapping'] {
  const mapped = entries.filter((e) => e.mappedFrom);
  if (!mapped.length) return null;
  return {
    edition: framework.version,
    returns: mapped.map(({ file, audit, mappedFrom }) => ({
      organisation: audit.organisation,
      file,
      edition: mappedFrom!.version,
      via: mappedFrom!.via,
      crosswalk: mappedFrom!.crosswalk,
      notMapped: mappedFrom!.notMapped,
    })),
  };
}

/**
 * Last period's returns set beside this period's, by organisation (case and spacing aside).
 * Returns the entries with `previous` set, and last period's returns no agency matched.
 */
export function matchPrevious<T extends { file: string; audit: Audit }>(
  entries: readonly AgencyAudit[],
  previous: readonly T[],
): { entries: AgencyAudit[]; unmatched: T[] } {
  const byName = new Map<string, T>();
  for (const p of previous) if (!byName.has(organisationKey(p.audit.organisation))) byName.set(organisationKey(p.audit.organisation), p);
  const used = new Set<T>();
  const matched = entries.map((entry) => {
    // By its name, else by a former one (an agency renamed since: audit new --from … --org NEW).
    const found = organisationNames(entry.audit).map((name) => byName.get(organisationKey(name))).find((p) => p !== undefined && !used.has(p));
    if (!found) return entry;
    used.add(found);
    return { ...entry, previous: { file: found.file, audit: found.audit } };
  });
  return { entries: matched, unmatched: previous.filter((p) => !used.has(p)) };
}

/** The returns aggregated, one an agency, and what was set aside to make them so. */
export interface AgencyReturns {
  /** One return for each agency: its latest period's. */
  kept: AgencyAudit[];
  /** Earlier periods' returns of an agency that has a later one, left out (last year's return left in the folder). */
  superseded: { organisation: string; file: string; period: string; by: string }[];
  /** Agencies with more than one return for their latest period: which one counts cannot be told. */
  conflicts: { organisation: string; period: string; files: string[] }[];
}

/**
 * One return for each agency (organisations compared without case or spacing), so
 * that none appears twice in the heat map or counts twice in a partnership mean: the return of
 * its latest period; two returns of one period are a conflict for the user to settle.
 */
export function oneReturnPerAgency(entries: readonly AgencyAudit[]): AgencyReturns {
  const collator = new Intl.Collator('en-GB', { numeric: true });
  const byAgency = new Map<string, AgencyAudit[]>();
  for (const entry of entries) {
    // As matchPrevious compares names, so that "Borsetshire  Police" is not a second agency.
    const key = organisationKey(entry.audit.organisation);
    byAgency.set(key, [...(byAgency.get(key) ?? []), entry]);
  }
  const result: AgencyReturns = { kept: [], superseded: [], conflicts: [] };
  for (const group of byAgency.values()) {
    const latest = group.reduce((a, b) => (collator.compare(b.audit.period, a.audit.period) > 0 ? b : a)).audit.period;
    const current = group.filter((e) => e.audit.period === latest);
    if (current.length > 1) {
      result.conflicts.push({ organisation: current[0]!.audit.organisation, period: latest, files: current.map((e) => e.file) });
      continue;
    }
    result.kept.push(current[0]!);
    for (const earlier of group.filter((e) => e.audit.period !== latest)) {
      result.superseded.push({ organisation: earlier.audit.organisation, file: earlier.file, period: earlier.audit.period, by: current[0]!.file });
    }
  }
  // The order given, so that a view of the same files is the same view.
  const order = new Map(entries.map((e, i) => [e, i]));
  result.kept.sort((a, b) => order.get(a)! - order.get(b)!);
  return result;
}

/**
 * Audits of different frameworks, or of different editions of one, cannot share one heat map:
 * the message that says which files use which, or undefined when they all agree.
 */
export function mixedFrameworks(audits: readonly { file: string; id: string; version: string }[]): string | undefined {
  const groups = new Map<string, string[]>();
  for (const a of audits) {
    const key = `${a.id} edition ${a.version}`;
    groups.set(key, [...(groups.get(key) ?? []), a.file]);
  }
  if (groups.size < 2) return undefined;
  const ids = new Set(audits.map((a) => a.id));
  const what = ids.size > 1 ? 'audits of different frameworks' : `audits of different editions of ${[...ids][0]}`;
  const detail = [...groups].map(([key, files]) => `${ids.size > 1 ? key.replace(/ edition .*/, '') : key}: ${listFiles(files)}`).join('; ');
  return `cannot aggregate ${what}: ${detail}. Aggregate each framework's audits separately`;
}

/**
 * Audits of one edition whose framework files word it differently (a council's edited copy kept
 * under the bundled id and edition) cannot share one heat map either: their ratings answer
 * different requirements. The message naming each text, the criteria where it parts from the
 * first, and the audits that use it; or undefined when each edition has one text.
 */
export function mixedTexts(audits: readonly { file: string; framework: Framework; frameworkShown: string }[]): string | undefined {
  const first = new Map<string, { framework: Framework; shown: string; files: string[] }>();
  const others = new Map<string, { framework: Framework; shown: string; files: string[]; differ: string[] }>();
  for (const a of audits) {
    const edition = `${a.framework.id} edition ${a.framework.version}`;
    const reference = first.get(edition);
    if (!reference || reference.framework === a.framework || textDifferences(reference.framework, a.framework).length === 0) {
      if (!reference) first.set(edition, { framework: a.framework, shown: a.frameworkShown, files: [a.file] });
      else reference.files.push(a.file);
      continue;
    }
    const key = `${edition}\0${a.frameworkShown}`;
    const other = others.get(key) ?? { framework: a.framework, shown: a.frameworkShown, files: [], differ: textDifferences(reference.framework, a.framework) };
    other.files.push(a.file);
    others.set(key, other);
  }
  if (!others.size) return undefined;
  const parts = [...others.values()].map((o) => {
    const edition = `${o.framework.id} edition ${o.framework.version}`;
    const reference = first.get(edition)!;
    return (
      `${o.shown} (used by ${listFiles(o.files)}) words ${o.differ.length === 1 ? 'criterion' : 'criteria'} ${listFiles(o.differ, 8)} of ${edition} ` +
      `differently from ${reference.shown} (used by ${listFiles(reference.files)})`
    );
  });
  return (
    `cannot aggregate audits of different texts of one edition: ${parts.join('; ')}; their ratings answer different requirements. ` +
    'Give every audit the same framework file, or give the edited copy a version of its own (and a crosswalk to read one onto the other)'
  );
}

/** A list of files short enough to read in one line. */
export function listFiles(files: readonly string[], most = 5): string {
  return files.length <= most ? files.join(', ') : `${files.slice(0, most).join(', ')} and ${files.length - most} more`;
}
