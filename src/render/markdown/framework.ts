/** `audit standards show ID --format markdown`: the framework as a document. */
import type { Framework } from '../../core/framework.js';
import { appliesToLabels, earlierEditionNote, sourceLine, type EditionContext } from '../text/framework.js';
import { escapeMarkdown as esc, markdownTable } from './markdown.js';

export function renderFrameworkMarkdown(framework: Framework, context: EditionContext = {}): string {
  const out: string[] = [];
  out.push(`# ${esc(framework.title)}`, '');
  out.push(`\`${framework.id}\`, edition ${esc(framework.version)}. Source: ${esc(sourceLine(framework))}.`);
  if (context.currentVersion !== undefined) out.push('', esc(earlierEditionNote(framework, context.currentVersion)));
  if (framework.source.citation) out.push('', esc(framework.source.citation.trim()));
  if (framework.description) out.push('', esc(framework.description.trim()));
  out.push('', '## Rating scale', '');
  out.push(
    markdownTable(
      ['Rating', 'Label', 'Meaning'],
      framework.scale.map((level) => [String(level.value), esc(level.label), esc(level.description.trim())]),
    ),
  );
  out.push('', `Default target: **${framework.target}**.`);
  if (framework.kinds?.length) {
    out.push('', '## Kinds of organisation', '');
    out.push(
      markdownTable(
        ['Kind', 'Label', 'Description'],
        framework.kinds.map((kind) => [`\`${kind.id}\``, esc(kind.label), esc(kind.description?.trim() ?? '')]),
      ),
    );
  }
  framework.standards.forEach((standard, s) => {
    out.push('', `## ${s + 1}. ${esc(standard.title)}`, '');
    if (standard.description) out.push(esc(standard.description.trim()), '');
    if (standard.note) out.push(`> ${esc(standard.note.trim())}`, '');
    for (const criterion of standard.criteria) {
      const target = criterion.target !== undefined ? ` _(target ${criterion.target})_` : '';
      out.push(`- **${criterion.id}** ${esc(criterion.text.trim())}${target}`);
      if (criterion.guidance) out.push(`  - Guidance: ${esc(criterion.guidance.trim())}`);
      if (criterion.evidenceExamples?.length) out.push(`  - Evidence: ${criterion.evidenceExamples.map(esc).join('; ')}`);
      if (criterion.reference) out.push(`  - Reference: ${esc(criterion.reference)}`);
      if (criterion.appliesTo) out.push(`  - Applies to: ${appliesToLabels(framework, criterion.appliesTo).map(esc).join('; ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}
