/**
 * The words people type for an answer where a list offers a few: an action's status, and a
 * level of a Red/Amber/Green scale by its letter. One table, read by the return workbook's
 * cells (src/core/return-form.ts) and by `audit rate --status`, so both accept the same words.
 * Only words with one meaning are here: "Started", "Pending" or "Partly" could be more than one.
 */
import type { ActionStatus } from './audit.js';
import type { ScaleLevel } from './framework.js';

/** What the Status drop-down shows for each action status. */
export const STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done' };

/** Each status's other words, as shown in messages; compared without case, spaces, hyphens or underscores. */
const STATUS_SYNONYMS: Record<ActionStatus, readonly string[]> = {
  open: ['Not started', 'To do'],
  'in-progress': ['Ongoing', 'Underway'],
  done: ['Complete', 'Completed', 'Closed'],
};

/** In the order they are offered: the order of ACTION_STATUSES (not imported: this module is in every command's chunk). */
const STATUSES = Object.keys(STATUS_LABELS) as ActionStatus[];

const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

const STATUS_BY_WORD = new Map<string, ActionStatus>(
  STATUSES.flatMap((status) => [status, STATUS_LABELS[status], ...STATUS_SYNONYMS[status]].map((word) => [squash(word), status] as const)),
);

/** The status a typed word names (`Completed`, `in progress`, `To-do`), or undefined. */
export function statusFromWord(typed: string): ActionStatus | undefined {
  return STATUS_BY_WORD.get(squash(typed.trim()));
}

/** "Open (or Not started, To do), In progress (or Ongoing, Underway), Done (or Complete, Completed, Closed)". */
export function acceptedStatusWords(): string {
  return STATUSES.map((status) => `${STATUS_LABELS[status]} (or ${STATUS_SYNONYMS[status].join(', ')})`).join(', ');
}

/** The colours of a RAG scale, by the letter a DSL types for each. */
const RAG_COLOURS: Record<string, string> = { r: 'red', a: 'amber', g: 'green' };

const labelWords = (label: string) => label.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * The level a single letter names on this scale: `G` for the level labelled Green…, only when
 * that level's label starts with the colour and no other level has a word starting with the
 * letter (on a scale with an "Assured" level, `A` could be either, so it names none).
 */
export function levelFromRagLetter(typed: string, scale: readonly ScaleLevel[]): ScaleLevel | undefined {
  const letter = typed.trim().toLowerCase();
  const colour = RAG_COLOURS[letter];
  if (colour === undefined) return undefined;
  const sharing = scale.filter((level) => labelWords(level.label).some((word) => word.startsWith(letter)));
  return sharing.length === 1 && labelWords(sharing[0]!.label)[0] === colour ? sharing[0] : undefined;
}

/** The letters this scale accepts for its levels (`R`, `A`, `G` on a RAG scale), for messages. */
export function ragLettersOf(scale: readonly ScaleLevel[]): string[] {
  return Object.keys(RAG_COLOURS)
    .filter((letter) => levelFromRagLetter(letter, scale) !== undefined)
    .map((letter) => letter.toUpperCase());
}
