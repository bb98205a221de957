/**
 * What a command may touch of the outside world, gathered once in src/cli.ts. Commands write
 * through it rather than to process.* so that output decisions (colour, width) are made once.
 */
import { neutraliseTerminal } from '../render/safe-text.js';
import { createStyle, wantsColour, type Style } from '../render/style.js';

export interface CommandContext {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Today, for due dates and overdue actions; fixed once per run. */
  now: Date;
  /** Whether standard output is a terminal a person is reading. */
  interactive: boolean;
  /** The width to lay tables and prose out to; undefined when output is not a terminal (nothing wrapped). */
  width: number | undefined;
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

export function processContext(options: { color?: boolean }): CommandContext {
  const colour = wantsColour(process.stdout, process.env, options.color);
  let style: Promise<Style> | undefined;
  return {
    // The last guard between text from a file and the terminal: only our own colour codes pass.
    out: (text) => void process.stdout.write(neutraliseTerminal(text, colour)),
    err: (text) => void process.stderr.write(neutraliseTerminal(text, false)),
    env: process.env,
    cwd: process.cwd(),
    now: new Date(),
    interactive: Boolean(process.stdout.isTTY),
    width: terminalWidth(process.stdout, process.env),
    style: () => (style ??= createStyle(colour)),
  };
}
