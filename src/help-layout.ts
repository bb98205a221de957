/**
 * `--help` laid out to the terminal, as every other output is: as wide as COLUMNS, else the
 * terminal, else 80 columns; every description wrapped at words. Commander wraps a description
 * beside its term only when 40 columns are left for it, and prints it whole otherwise (a command
 * list 126 columns wide at 80); here descriptions wrap beside their terms while there is room
 * for a few words on a line (BESIDE), and a list whose terms leave less puts each description
 * under its term instead. Text added after the help (notes, examples) is wrapped
 * too, an example too long for the line continued with a trailing backslash, as a shell reads it.
 *
 * Loaded with src/cli.ts, so it uses commander's own wrapping and nothing else.
 */
import type { Command, Help } from 'commander';

/** Output narrower than this is not laid out any narrower (as src/commands/context.ts). */
const NARROWEST = 20;
/** A description beside its term gets at least this many columns (about five words), or goes under it. */
const BESIDE = 32;
/** How far a description under its term is indented. */
const UNDER = '      ';

/** The width help is laid out to on `stream`: COLUMNS when set, else the terminal's, else 80. */
function helpWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(columns) && columns > 0) return Math.max(columns, NARROWEST);
  return Math.max((stream.isTTY && stream.columns) || 80, NARROWEST);
}

/**
 * Sets `program` to lay its help out to the terminal, keeping its other help settings; commands
 * made from it after this inherit the setting.
 */
export function fitHelpToTerminal(program: Command): Command {
  return program
    .configureOutput({
      getOutHelpWidth: () => helpWidth(process.stdout, process.env),
      getErrHelpWidth: () => helpWidth(process.stderr, process.env),
    })
    .configureHelp({ ...program.configureHelp(), minWidthToWrap: NARROWEST, formatItem, commandUsage });
}

/** Commander's usage line, wrapped at words to the width after `Usage: `, under which it goes on. */
function commandUsage(this: Help, command: Command): string {
  const usage = Object.getPrototypeOf(this).commandUsage.call(this, command) as string;
  const after = 'Usage: '.length;
  return wrapLine(usage, Math.max((this.helpWidth ?? 80) - after, NARROWEST), '').replace(/\n/g, `\n${' '.repeat(after)}`);
}

function formatItem(term: string, termWidth: number, description: string, helper: Help): string {
  const width = helper.helpWidth ?? 80;
  // Commander's layout: two spaces, the term padded, two spaces, the description.
  if (!description || width - termWidth - 4 >= BESIDE || helper.preformatted(description)) {
    return Object.getPrototypeOf(helper).formatItem.call(helper, term, termWidth, description, helper) as string;
  }
  const under = helper.boxWrap(description, width - UNDER.length).replace(/^/gm, UNDER);
  return `  ${term}\n${under}`;
}

/**
 * Help text to follow a command's own: paragraphs of prose, then `Examples:` each a command line.
 * Laid out when the help is shown, to the width of the stream it goes to.
 */
export function helpAfter(paragraphs: readonly string[], examples: readonly string[] = []): (context: { error: boolean }) => string {
  return ({ error }) => {
    const width = helpWidth(error ? process.stderr : process.stdout, process.env);
    const blocks = paragraphs.map((text) => wrapLine(text, width, ''));
    if (examples.length) blocks.push(['Examples:', ...examples.map((line) => continueCommand(line, width)).flat()].join('\n'));
    return `\n${blocks.join('\n\n')}`;
  };
}

/** Prose wrapped at spaces to `width`, lines after the first indented by `indent`. */
function wrapLine(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * A command line as an example, indented two spaces; too long for the line, it is broken between
 * its words (never inside a quoted argument), each line but the last ending ` \`.
 */
function continueCommand(command: string, width: number): string[] {
  const first = `  ${command}`;
  if (first.length <= width) return [first];
  const words = command.match(/(?:"[^"]*"|'[^']*'|\S)+/g) ?? [command];
  const lines: string[] = [];
  let line = '  ';
  for (const word of words) {
    const candidate = line.trim() ? `${line} ${word}` : `${line}${word}`;
    // Room for the " \" that continues the line.
    if (line.trim() && candidate.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `      ${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}
