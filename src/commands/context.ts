/**
 * What a command may touch of the outside world, gathered once in src/cli.ts. Commands write
 * through it rather than to process.* so that output decisions (colour, width) are made once.
 */
import { neutraliseTerminal } from '../render/safe-text.js';
import { createStyle, wantsColour, type Style } from '../render/style.js';

export interface CommandContext {
  /** What the command was asked for (a table, JSON, CSV): written as it is. */
  out(text: string): void;
  /**
   * A message for the person at the terminal on standard output ("Wrote …", "Next: …"):
   * each line wrapped at words to `width`, with a hanging indent.
   */
  say(text: string): void;
  /**
   * Notes, warnings and faults on standard error: each line wrapped at words to `errWidth`,
   * with a hanging indent (the shared way to print a note or warning: `note: …`, `warning: …`).
   */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Today, for due dates and overdue actions; fixed once per run. */
  now: Date;
  /** Whether standard output is a terminal a person is reading. */
  interactive: boolean;
  /** The width to lay tables and prose out to; undefined when output is not a terminal (nothing wrapped). */
  width: number | undefined;
  /** The same for standard error, which is often still the terminal when output goes to a file. */
  errWidth: number | undefined;
  /** A paragraph for standard output, wrapped at words to `width` with a hanging indent; whole when there is no width. */
  wrap(text: string, indent: string): string;
  style(): Promise<Style>;
}

/** Output narrower than this is not laid out any narrower: a line this short still reads. */
const NARROWEST = 20;

/**
 * The width to lay text out to: COLUMNS when set (as for `ls`, and for a script that wants a
 * width), else the terminal's; undefined for a file or a pipe, whose lines are left whole.
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | undefined {
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(columns) && columns > 0) return Math.max(columns, NARROWEST);
  if (!stream.isTTY) return undefined;
  // A pseudo-terminal may report no width at all; assume the usual 80.
  return Math.max(stream.columns || 80, NARROWEST);
}

/** Lines after the first of a wrapped message are indented so, under its first words. */
const MESSAGE_INDENT = '  ';

export async function processContext(options: { color?: boolean }): Promise<CommandContext> {
  const colour = wantsColour(process.stdout, process.env, options.color);
  const width = terminalWidth(process.stdout, process.env);
  const errWidth = terminalWidth(process.stderr, process.env);
  // Messages and wrap() wrap only to a known width (a terminal, or COLUMNS): the measuring of text,
  // whose tables of wide characters take most of a millisecond to make, is loaded only then.
  const prose = width === undefined && errWidth === undefined ? (text: string) => text : (await import('../render/text-wrap.js')).prose;
  let style: Promise<Style> | undefined;
  return {
    // The last guard between text from a file and the terminal: only our own colour codes pass.
    // Made visible before it is wrapped, so that a sign shown for a control character is measured.
    out: (text) => void process.stdout.write(neutraliseTerminal(text, colour)),
    say: (text) => void process.stdout.write(prose(neutraliseTerminal(text, colour), width, MESSAGE_INDENT)),
    err: (text) => void process.stderr.write(prose(neutraliseTerminal(text, false), errWidth, MESSAGE_INDENT)),
    env: process.env,
    cwd: process.cwd(),
    now: new Date(),
    interactive: Boolean(process.stdout.isTTY),
    width,
    errWidth,
    wrap: (text, indent) => prose(text, width, indent),
    style: () => (style ??= createStyle(colour)),
  };
}
