/** Markdown building blocks shared by the Markdown renderers. */

/** Escapes text for a table cell or a line of prose (pipes, emphasis, line breaks). */
export function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/([|*_`[\]<>])/g, '\\$1').replace(/\r?\n/g, '<br>');
}

export function markdownTable(headers: string[], rows: string[][], align: ('left' | 'right')[] = []): string {
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const RAG_MARK = { red: '🔴 Red', amber: '🟠 Amber', green: '🟢 Green', unrated: '⚪ Unrated' } as const;

/** RAG as a word with a mark, so it reads in any renderer and without colour. */
export function ragMarkdown(rag: keyof typeof RAG_MARK): string {
  return RAG_MARK[rag];
}
