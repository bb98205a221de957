/**
 * What `audit start` and `audit resume` print between their questions: the walk's opening
 * (what is to do, the rating scale), and above each criterion's questions where the officer
 * is, the criterion with its guidance and evidence examples, and any answer already given.
 */
import { notApplicableReason, type Response } from '../../core/audit.js';
import { scaleLevel, type Criterion, type Framework, type Standard } from '../../core/framework.js';
import type { WalkProgress } from '../../core/walk.js';
import type { Style } from '../style.js';
import { visibleStyled } from '../safe-text.js';
import { bar } from '../text-table.js';
import { displayWidth, wrapWords } from '../text-wrap.js';
import { quoteForShell } from './walk-summary.js';

/** Terminals narrower than this still get readable lines; wider ones are not used in full. */
const MIN_WIDTH = 40;
const MAX_WIDTH = 100;

export interface CriterionScreen {
  framework: Framework;
  progress: WalkProgress;
  criterion: Criterion;
  target: number;
  response: Response | null | undefined;
  /** The first criterion shown of its standard in this walk: introduce the standard. */
  introduceStandard: boolean;
  /** No progress bar and no ruled line: a screen reader reads out each of their characters. */
  plainLines?: boolean;
}

export function renderCriterionScreen(screen: CriterionScreen, style: Style, width?: number): string {
  const { progress, criterion, framework } = screen;
  const columns = lineWidth(width);
  const out: string[] = [''];

  const standardLine = `Standard ${progress.standardNumber} of ${progress.standardCount}: ${progress.standard.title}`;
  out.push(style.bold(screen.plainLines ? wrap(`${standardLine}.`, columns, '  ') : rule(standardLine, columns)));
  if (screen.introduceStandard) out.push(...standardIntro(progress.standard, style, columns));
  const where = `Criterion ${progress.criterionNumber} of ${progress.criterionCount} · ${style.bold(criterion.id)} · target ${screen.target}`;
  const done =
    `${screen.plainLines ? '' : `${bar((progress.rated + progress.notApplicable) / progress.criterionCount)} `}${progress.rated} of ${progress.criterionCount} rated` +
    `${progress.notApplicable ? `, ${progress.notApplicable} not applicable` : ''} (${progress.percentAnswered}%)`;
  // Side by side when the line has room, else the progress under where one is.
  out.push(displayWidth(where) + 4 + displayWidth(done) <= columns ? `${where}    ${done}` : `${where}\n${wrap(done, columns, '  ')}`);
  if (progress.stepCount !== progress.criterionCount) {
    out.push(style.dim(`This session: ${progress.stepNumber} of ${progress.stepCount}`));
  }
  out.push('');
  out.push(wrap(style.bold(squash(criterion.text)), columns));

  if (criterion.guidance) {
    out.push('', wrap(`Guidance: ${squash(criterion.guidance)}`, columns, '  '));
  }
  if (criterion.evidenceExamples?.length) {
    out.push('', 'Evidence might include:');
    for (const example of criterion.evidenceExamples) out.push(wrap(`• ${squash(example)}`, columns, '    ', '  '));
  }
  if (criterion.reference) out.push(style.dim(wrap(`Reference: ${criterion.reference}`, columns, '  ')));

  const answer = describeAnswer(framework, screen.response, style, columns);
  if (answer.length) out.push('', ...answer);
  out.push('');
  return `${out.join('\n')}\n`;
}

export interface WalkIntro {
  framework: Framework;
  organisation: string;
  period: string;
  mode: 'unrated' | 'review';
  standard: string | undefined;
  /** Criteria this walk visits. */
  count: number;
  /** The audit file as the user types it. */
  file: string;
}

/** The opening of a walk: what it covers, that answers are saved as given, how to stop. */
export function renderWalkIntro(intro: WalkIntro, style: Style, width?: number): string {
  const columns = lineWidth(width);
  const criteria = intro.count === 1 ? 'criterion' : 'criteria';
  const what = intro.mode === 'review' ? `Reviewing ${intro.count} rated ${criteria}` : `${intro.count} ${criteria} to rate`;
  const where = intro.standard ? ` in standard ${intro.standard}` : '';
  return [
    '',
    wrap(style.bold(`${what}${where}: ${intro.framework.title}, for ${intro.organisation}, ${intro.period}.`), columns),
    wrap(
      `Each answer is saved to ${intro.file} as soon as you give it. ` +
        `Stop at any time with Ctrl-C, and carry on later with: audit resume ${quoteForShell(intro.file)}`,
      columns,
    ),
    '',
    renderScale(intro.framework, style, width),
  ].join('\n');
}

/** The whole rating scale, shown once at the start of a walk. */
export function renderScale(framework: Framework, style: Style, width?: number): string {
  const columns = lineWidth(width);
  const out = [wrap(style.bold(`Rating scale of ${framework.title}`), columns)];
  for (const level of framework.scale) {
    out.push(wrap(`${level.value}  ${style.bold(level.label)}: ${squash(level.description)}`, columns, '   '));
  }
  out.push(style.dim(wrap(`Target: ${framework.target} unless a criterion says otherwise.`, columns)));
  return `${out.join('\n')}\n`;
}

function standardIntro(standard: Standard, style: Style, columns: number): string[] {
  const lines: string[] = [];
  if (standard.description) lines.push(wrap(squash(standard.description), columns));
  if (standard.note) lines.push(style.dim(wrap(`Note: ${squash(standard.note)}`, columns, '  ')));
  if (lines.length) lines.push('');
  return lines;
}

function describeAnswer(framework: Framework, response: Response | null | undefined, style: Style, columns: number): string[] {
  if (!response) return [];
  const lines: string[] = [];
  if (typeof response.rating === 'number') {
    lines.push(wrap(`Answer so far: ${style.bold(`${response.rating} ${scaleLevel(framework, response.rating)?.label ?? ''}`.trim())}`, columns, '  '));
  }
  const reason = notApplicableReason(response);
  if (reason !== undefined) lines.push(wrap(`Answer so far: ${style.bold('Does not apply')}: ${squash(reason)}`, columns, '  '));
  if (response.evidence?.trim()) lines.push(wrap(`Evidence: ${response.evidence.trim()}`, columns, '  '));
  const action = response.action;
  if (action) {
    const parts = [squash(action.text), action.owner && `owner ${action.owner}`, action.due && `due ${action.due}`, action.status];
    lines.push(wrap(`Action: ${parts.filter(Boolean).join(' · ')}`, columns, '  '));
  }
  const moderated = response.moderated;
  if (moderated) {
    const note = moderated.note ? `: ${squash(moderated.note)}` : '';
    if (moderated.applicable) {
      const rated = typeof moderated.rating === 'number' ? ` and rated it ${moderated.rating}` : '';
      lines.push(wrap(`${moderated.by} holds that this criterion applies${rated}${note} (it counts as applicable)`, columns, '  '));
    } else if (typeof moderated.rating === 'number') {
      lines.push(wrap(`Moderated to ${moderated.rating} by ${moderated.by}${note} (the moderated rating is the one that counts)`, columns, '  '));
    }
  }
  const previous = response.previous;
  if (previous && (typeof previous.rating === 'number' || typeof previous.moderated === 'number')) {
    const rating = previous.moderated ?? previous.rating;
    lines.push(style.dim(wrap(`Last time${previous.period !== undefined ? ` (${previous.period})` : ''}: rated ${rating}`, columns, '  ')));
  }
  return lines;
}

/** `── Standard 2 of 7: Assessment ─────` filling the line. */
function rule(text: string, columns: number): string {
  const lines = wrapWords(visibleStyled(`── ${text}`), columns, { indent: '   ' });
  const last = lines.pop()!;
  const fill = columns - displayWidth(last) - 1;
  return [...lines, fill >= 3 ? `${last} ${'─'.repeat(fill)}` : `${last}\n${'─'.repeat(columns)}`].join('\n');
}

function lineWidth(width: number | undefined): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width ?? 80));
}

/** Folded YAML text and stray line breaks read as one paragraph. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text from the framework or the audit, wrapped at words (in linear time, whatever its words) and shown, never obeyed. */
function wrap(text: string, columns: number, indent = '', firstIndent = ''): string {
  return wrapWords(visibleStyled(text).replace(/\t/g, ' '), columns, { first: firstIndent, indent }).join('\n');
}
