/** Markdown building blocks shared by the Markdown renderers. */

import { visible } from '../safe-text.js';

/**
 * Escapes text for a table cell or a line of prose (pipes, emphasis, strike-through, links, HTML,
 * line breaks). Every line-ending form (CR, CRLF, U+2028, U+2029, NEL) is a <br>, so nothing from
 * a file can start a line of its own (a heading, a fake verdict) in a job summary; other control
 * characters are shown as signs. An `&` that would begin a character reference (`&#x202E;`,
 * `&lt;`) is escaped, so that a renderer shows the reference as typed rather than make the
 * character (a bidirectional override, a tag); any other `&` (Health & Care) reads as it is.
 */
export function escapeMarkdown(text: string): string {
  return visible(text)
    .replace(/\\/g, '\\\\')
    .replace(/([|*_~`[\]<>])/g, '\\$1')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/\n/g, '<br>');
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
