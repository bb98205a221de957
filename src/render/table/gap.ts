/** `audit gap` for a person at a terminal. */
import type { GapAction, GapAnalysis } from '../../core/gap-analysis.js';
import type { Style } from '../style.js';
import { isAllNotApplicable, oneLine, unratedCounts } from '../not-applicable.js';
import { count } from '../plural.js';
import { formatMean, moderationNote, ratingLabel } from '../rating-label.js';
import { bar, formatTable, type Column } from '../text-table.js';
import { prose } from '../text-wrap.js';

export interface TableOptions {
  style: Style;
  /** Terminal width; undefined when not a terminal (nothing truncated). */
  width?: number;
}

export function renderGapTable(analysis: GapAnalysis, { style, width }: TableOptions): string {
  const { summary, scale } = analysis;
  const out: string[] = [];
  out.push(prose(style.bold(`Gap analysis: ${analysis.organisation}, ${analysis.period}`), width));
  out.push(
    prose(
      `${analysis.framework.title} (${analysis.framework.id}, edition ${analysis.framework.version})` +
        (analysis.assessor ? `; assessed by ${analysis.assessor}` : '') +
        (analysis.kind ? `; kind of organisation: ${analysis.kind.label}` : ''),
      width,
    ),
  );
  out.push('');
  out.push(
    prose(
      `Overall: ${style.rag(summary.rag)}  ${summary.rated} of ${count(summary.criteria, 'criterion')} rated` +
        unratedCounts(summary) +
        `, mean ${formatMean(summary.meanRating)} on ${scale.min}–${scale.max}, ` +
        `${summary.belowTarget} below target, ${summary.meetingTarget} meeting it`,
      width,
    ),
  );
  out.push('');

  const span = Math.max(1, scale.max - scale.min);
  // The N/A column only where something is not applicable, so other audits read as before.
  const withNa = summary.notApplicable > 0;
  const columns: Column[] = [
    { header: 'Standard', flexible: true },
    { header: 'Mean' },
    { header: 'Rated', align: 'right' },
    ...(withNa ? [{ header: 'N/A', align: 'right' as const }] : []),
    { header: 'Below', align: 'right' },
    { header: 'Min', align: 'right' },
    { header: 'RAG' },
  ];
  out.push(
    formatTable(
      columns,
      analysis.standards.map((s, i) => [
        `${i + 1} ${s.title}`,
        s.meanRating === null ? `${'·'.repeat(10)}    –` : `${bar((s.meanRating - scale.min) / span)} ${formatMean(s.meanRating)}`,
        `${s.rated}/${s.criteria}`,
        ...(withNa ? [String(s.notApplicable)] : []),
        String(s.belowTarget),
        s.minRating === null ? '–' : String(s.minRating),
        isAllNotApplicable(s) ? 'N/A' : style.rag(s.rag),
      ]),
      width,
    ),
  );

  out.push('');
  if (analysis.gaps.length === 0) {
    out.push(summary.rated ? style.green('No gaps: every rated criterion meets its target.') : 'No criterion is rated yet.');
  } else {
    const high = analysis.gaps.filter((g) => g.priority === 'high').length;
    out.push(prose(style.bold(`Gaps (${analysis.gaps.length}): ${high} high priority, ${analysis.gaps.length - high} medium`), width));
    out.push(
      formatTable(
        [
          { header: 'Priority' },
          { header: 'Criterion' },
          { header: 'Rating' },
          { header: 'Gap', align: 'right' },
          { header: 'Statement', flexible: true },
        ],
        analysis.gaps.map((g) => [
          g.priority === 'high' ? style.red('HIGH') : style.amber('medium'),
          g.criterion,
          `${ratingLabel(g)} → ${g.target}`,
          String(g.gap),
          singleSpaced(g.text),
        ]),
        width,
        analysis.gaps.map((g) => {
          const action = g.action ? `Action: ${describeAction(g.action)}` : style.dim('Action: none yet');
          return g.moderation && g.selfRating !== g.rating ? `${action}\n${moderationNote(g.moderation)}` : action;
        }),
      ),
    );
  }

  if (analysis.notAssessed.length) {
    out.push('');
    out.push(prose(`Not assessed (${analysis.notAssessed.length}): ${analysis.notAssessed.join(', ')}`, width, '  '));
  }
  const challenged = challengedNotApplicable(analysis);
  if (challenged.length) out.push(prose(`Called not applicable, but a panel holds it applies (${challenged.length}): ${challenged.join('; ')}`, width, '  '));
  if (analysis.notApplicable.length) {
    out.push('');
    out.push(prose(style.bold(`Not applicable (${analysis.notApplicable.length}): counted in no mean, gap or RAG`), width));
    // A public analysis (--public) gives the statement in place of the organisation's reason.
    const withReasons = analysis.notApplicable.every((n) => n.reason !== null);
    const text = new Map(analysis.criteria.map((c) => [c.criterion, c.text]));
    out.push(
      formatTable(
        [{ header: 'Criterion' }, { header: withReasons ? 'Reason' : 'Statement', flexible: true }],
        analysis.notApplicable.map((n) => [n.criterion, oneLine((withReasons ? n.reason : text.get(n.criterion)) ?? '')]),
        width,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** "L-1 (Partnership panel: every group needs a named lead)": criteria whose not-applicable a panel challenged. */
export function challengedNotApplicable(analysis: GapAnalysis): string[] {
  return analysis.criteria
    .filter((c) => c.moderation?.applicable)
    .map((c) => `${c.criterion} (${c.moderation!.by}${c.moderation!.note ? `: ${c.moderation!.note.replace(/\s+/g, ' ')}` : ''})`);
}

export function describeAction(action: GapAction): string {
  return [singleSpaced(action.text), action.owner, action.due && `due ${action.due}`, action.status !== 'open' && action.status]
    .filter(Boolean)
    .join(' · ');
}

/**
 * White space as single spaces. Most statements and actions already are: they are tested, not
 * rebuilt (a replacement per space), as there is one of each for every gap of the table.
 */
function singleSpaced(text: string): string {
  return /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

// Kept here too for the renderers that import them from this file.
export { formatMean, moderationNote } from '../rating-label.js';
