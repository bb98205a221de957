/**
 * Terminal styling. Colour is decided once per run (NO_COLOR, FORCE_COLOR, --no-color, a TTY)
 * and every coloured mark also reads without colour: RAG is always a word.
 */
import type { Rag } from '../core/gap-analysis.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  amber(text: string): string;
  green(text: string): string;
  rag(rag: Rag, text?: string): string;
}

/** Whether to colour a stream, following the NO_COLOR and FORCE_COLOR conventions. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag?: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const identity = (text: string) => text;

export const PLAIN: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  amber: identity,
  green: identity,
  rag: (rag, text) => text ?? ragWord(rag),
};

export function ragWord(rag: Rag): string {
  return rag.toUpperCase();
}

/** chalk is loaded only when colour is wanted: plain output never pays for it. */
export async function createStyle(colour: boolean): Promise<Style> {
  if (!colour) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  const byRag: Record<Rag, (text: string) => string> = {
    red: (t) => chalk.red.bold(t),
    amber: (t) => chalk.yellow.bold(t),
    green: (t) => chalk.green.bold(t),
    unrated: (t) => chalk.dim(t),
  };
  return {
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    red: (t) => chalk.red(t),
    amber: (t) => chalk.yellow(t),
    green: (t) => chalk.green(t),
    rag: (rag, text) => byRag[rag](text ?? ragWord(rag)),
  };
}
