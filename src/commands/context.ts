/**
 * What a command may touch of the outside world, gathered once in src/cli.ts. Commands write
 * through it rather than to process.* so that output decisions (colour, width) are made once.
 */
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
  /** Terminal width for truncation; undefined when output is not a terminal. */
  width: number | undefined;
  style(): Promise<Style>;
}

export function processContext(options: { color?: boolean }): CommandContext {
  const colour = wantsColour(process.stdout, process.env, options.color);
  let style: Promise<Style> | undefined;
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    now: new Date(),
    interactive: Boolean(process.stdout.isTTY),
    // A pseudo-terminal may report no width at all; assume a usual one rather than truncate to nothing.
    width: process.stdout.isTTY ? Math.max(process.stdout.columns || 100, 60) : undefined,
    style: () => (style ??= createStyle(colour)),
  };
}
