/** `audit standards show ID`: the whole framework, to read before or during an audit. */
import type { Framework } from '../../core/framework.js';
import { prose } from '../text-wrap.js';

/** The current edition's version, when the framework shown is an earlier one. */
export interface EditionContext {
  currentVersion?: string;
}

/** `width`: the terminal's, to wrap at words; undefined (a file, a pipe) leaves lines whole. */
export function renderFrameworkText(framework: Framework, context: EditionContext = {}, width?: number): string {
  const out: string[] = [];
  // Each entry is a paragraph, wrapped at words; an indented one's further lines a little further in.
  const push = (...lines: string[]) => out.push(...lines.map((line) => prose(line, width, /^\s/.test(line) ? '  ' : '')));
  push(`${framework.title}`);
  push(`${framework.id}, edition ${framework.version}`);
  if (context.currentVersion !== undefined) push(earlierEditionNote(framework, context.currentVersion));
  if (framework.description) push('', framework.description.trim());
  push('', `Source: ${sourceLine(framework)}`);
  if (framework.source.citation) push(`  ${framework.source.citation.trim()}`);
  push('', 'Rating scale:');
  for (const level of framework.scale) push(`  ${level.value}  ${level.label}: ${level.description.trim()}`);
  push(`Default target: ${framework.target}`);
  if (framework.roles?.length) push('', `Roles that own actions: ${framework.roles.join('; ')}`);
  if (framework.kinds?.length) {
    push('', 'Kinds of organisation (audit new --kind ID):');
    for (const kind of framework.kinds) push(`  ${kind.id}  ${kind.label}${kind.description ? `: ${kind.description.trim()}` : ''}`);
  }
  framework.standards.forEach((standard, s) => {
    push('', `${s + 1} ${standard.title} [${standard.id}]`);
    if (standard.description) push(`  ${standard.description.trim()}`);
    if (standard.note) push(`  Note: ${standard.note.trim()}`);
    for (const criterion of standard.criteria) {
      push('');
      push(`  ${criterion.id}  ${criterion.text.trim()}` + (criterion.target !== undefined ? ` (target ${criterion.target})` : ''));
      if (criterion.guidance) push(`      Guidance: ${criterion.guidance.trim()}`);
      if (criterion.evidenceExamples?.length) push(`      Evidence: ${criterion.evidenceExamples.join('; ')}`);
      if (criterion.reference) push(`      Reference: ${criterion.reference}`);
      if (criterion.appliesTo) push(`      Applies to: ${appliesToLabels(framework, criterion.appliesTo).join('; ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}

export function sourceLine(framework: Framework): string {
  const { title, publisher, year, url } = framework.source;
  return [title, publisher, year, url].filter((part) => part !== undefined && part !== '').join(', ');
}

/** The labels of the kinds a criterion applies to, in the framework's order of kinds. */
export function appliesToLabels(framework: Framework, ids: readonly string[]): string[] {
  return (framework.kinds ?? []).filter((kind) => ids.includes(kind.id)).map((kind) => kind.label);
}

export function earlierEditionNote(framework: Framework, currentVersion: string): string {
  return `An earlier edition: the current edition of ${framework.id} is ${currentVersion}.`;
}
