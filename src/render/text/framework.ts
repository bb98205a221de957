/** `audit standards show ID`: the whole framework, to read before or during an audit. */
import type { Framework } from '../../core/framework.js';

/** The current edition's version, when the framework shown is an earlier one. */
export interface EditionContext {
  currentVersion?: string;
}

export function renderFrameworkText(framework: Framework, context: EditionContext = {}): string {
  const out: string[] = [];
  out.push(`${framework.title}`);
  out.push(`${framework.id}, edition ${framework.version}`);
  if (context.currentVersion !== undefined) out.push(earlierEditionNote(framework, context.currentVersion));
  if (framework.description) out.push('', framework.description.trim());
  out.push('', `Source: ${sourceLine(framework)}`);
  if (framework.source.citation) out.push(`  ${framework.source.citation.trim()}`);
  out.push('', 'Rating scale:');
  for (const level of framework.scale) out.push(`  ${level.value}  ${level.label}: ${level.description.trim()}`);
  out.push(`Default target: ${framework.target}`);
  if (framework.roles?.length) out.push('', `Roles that own actions: ${framework.roles.join('; ')}`);
  if (framework.kinds?.length) {
    out.push('', 'Kinds of organisation (audit new --kind ID):');
    for (const kind of framework.kinds) out.push(`  ${kind.id}  ${kind.label}${kind.description ? `: ${kind.description.trim()}` : ''}`);
  }
  framework.standards.forEach((standard, s) => {
    out.push('', `${s + 1} ${standard.title} [${standard.id}]`);
    if (standard.description) out.push(`  ${standard.description.trim()}`);
    if (standard.note) out.push(`  Note: ${standard.note.trim()}`);
    for (const criterion of standard.criteria) {
      out.push('');
      out.push(`  ${criterion.id}  ${criterion.text.trim()}` + (criterion.target !== undefined ? ` (target ${criterion.target})` : ''));
      if (criterion.guidance) out.push(`      Guidance: ${criterion.guidance.trim()}`);
      if (criterion.evidenceExamples?.length) out.push(`      Evidence: ${criterion.evidenceExamples.join('; ')}`);
      if (criterion.reference) out.push(`      Reference: ${criterion.reference}`);
      if (criterion.appliesTo) out.push(`      Applies to: ${appliesToLabels(framework, criterion.appliesTo).join('; ')}`);
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
