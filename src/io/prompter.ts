/**
 * Questions asked at a terminal. The only module that imports inquirer: the interactive
 * session talks to the small `Prompter` interface, so its flow can be driven in tests, and
 * no other command pays for loading the prompts.
 */
import { styleText } from 'node:util';
import { confirm, editor, input, Separator, select } from '@inquirer/prompts';
import { Cancelled, UsageError } from '../errors.js';
import { oneLine, visible } from '../render/safe-text.js';
import { displayWidth, wrapWords } from '../render/text-wrap.js';

/** Answer to a validation: true, or the reason the answer is refused (shown at the prompt). */
export type Validation = true | string;

export interface Choice<T> {
  value: T;
  name: string;
  /** Shown under the list while this choice is highlighted. */
  description?: string;
  /** Shown after the answer, instead of the name. */
  short?: string;
  /** Shown greyed out and not selectable; a string says why. */
  disabled?: boolean | string;
}

/** A line between groups of choices. */
export interface ChoiceSeparator {
  /** Its text; empty for a plain line. */
  separator: string;
}

export interface SelectQuestion<T> {
  message: string;
  choices: ReadonlyArray<Choice<T> | ChoiceSeparator>;
  default?: T;
  /** Rows shown at once; longer lists scroll. */
  pageSize?: number;
}

export interface TextQuestion {
  message: string;
  default?: string;
  validate?: (value: string) => Validation | Promise<Validation>;
}

export interface Prompter {
  select<T>(question: SelectQuestion<T>): Promise<T>;
  /** One line of text. */
  input(question: TextQuestion): Promise<string>;
  /** A longer text, written in the user's editor ($VISUAL, $EDITOR). */
  editor(question: TextQuestion & { extension?: string }): Promise<string>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Aborting it ends the prompt being asked, as Ctrl-C does. */
  signal?: AbortSignal;
  /**
   * False for plain prompts (--no-color). Inquirer follows NO_COLOR and the terminal by
   * itself, but not our flag.
   */
  colour?: boolean;
}

const plain = (text: string) => text;

/** Inquirer's look without colour or emphasis, for --no-color. */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  spinner: { interval: 80, frames: ['-', '\\', '|', '/'] },
  style: {
    answer: plain,
    message: plain,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: plain,
    highlight: plain,
    key: (text: string) => `<${text}>`,
    description: plain,
    disabled: plain,
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
};

/**
 * Prompts need a person at a terminal: without one (CI, a pipe) they would wait for ever or
 * fail half-way, so refuse at once and point at the commands made for scripts.
 */
export function assertTerminal(command: string, streams: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process): void {
  if (streams.stdin.isTTY && streams.stdout.isTTY) return;
  throw new UsageError(
    `${command} asks its questions at a terminal, and none is attached here; ` +
      'in a script, create the audit with `audit new` and record each answer with `audit rate`',
  );
}

/** The Prompter for a real terminal (or the given streams), built on inquirer. */
export function createPrompter(streams: PromptStreams = {}): Prompter {
  const context = {
    ...(streams.input ? { input: streams.input } : {}),
    ...(streams.output ? { output: streams.output } : {}),
    ...(streams.signal ? { signal: streams.signal } : {}),
  };
  const look = streams.colour === false ? { theme: PLAIN_THEME } : {};
  // How inquirer shows a given answer; a transformer takes over its drawing, so says it again.
  const answerLook = streams.colour === false ? plain : (text: string) => styleText('cyan', text);
  // Inquirer breaks long lines at the terminal's edge, mid-word: wrap at words first, a column short of it.
  const output = (streams.output ?? process.stdout) as { columns?: number; rows?: number };
  const columns = () => Math.max(20, (output.columns || 80) - 1);
  const paragraph = (text: string) => wrapWords(visible(text), columns()).join('\n');
  // An empty separator is inquirer's default line, which it always dims.
  const separator = (text: string) => new Separator(text || (streams.colour === false ? ` ${'─'.repeat(14)}` : undefined));
  return {
    select: <T>(question: SelectQuestion<T>) =>
      cancellable(
        select<T>(
          {
            message: paragraph(question.message),
            choices: question.choices.map((choice) =>
              'separator' in choice
                ? separator(oneLine(choice.separator))
                : { ...shownChoice(choice, columns()), short: answered(paragraph(question.message), oneLine(choice.short ?? choice.name), columns() + 1) },
            ),
            ...(question.default !== undefined ? { default: question.default } : {}),
            pageSize: question.pageSize ?? pageSizeFor(question.choices, columns(), output.rows),
            loop: false,
            ...look,
          },
          context,
        ),
      ),
    input: (question) => {
      // Inquirer keeps the line being typed to itself; its transformer sees it at every key, so
      // that text stopped half-way (Ctrl-C, a closed terminal) can be kept rather than lost.
      let typed = '';
      return cancellable(
        input(
          {
            message: paragraph(question.message),
            ...(question.default !== undefined ? { default: oneLine(question.default) } : {}),
            ...(question.validate ? { validate: question.validate } : {}),
            transformer: (value: string, { isFinal }: { isFinal: boolean }) => {
              typed = value;
              return isFinal ? answerLook(answered(paragraph(question.message), value, columns() + 1)) : value;
            },
            ...look,
          },
          context,
        ),
        () => typed,
      );
    },
    editor: (question) =>
      cancellable(
        editor(
          {
            message: paragraph(question.message),
            ...(question.default !== undefined ? { default: question.default } : {}),
            ...(question.validate ? { validate: question.validate } : {}),
            postfix: question.extension ?? '.txt',
            // Chosen from a menu already: open the editor without a further Enter.
            waitForUserInput: false,
            ...look,
          },
          context,
        ),
      ),
    confirm: (question) =>
      cancellable(
        confirm({ message: paragraph(question.message), ...(question.default !== undefined ? { default: question.default } : {}), ...look }, context),
      ),
  };
}

/**
 * An answer as shown after its question once given (`✔ Organisation audited Felpersham Park
 * Academy`), with line breaks between its words where that line is too long: inquirer breaks
 * it at the terminal's edge, mid-word.
 */
function answered(message: string, answer: string, columns: number): string {
  // Inquirer draws the mark, the question's last line, a space and the answer.
  const asked = displayWidth(`✔ ${message.split('\n').pop() ?? ''} `);
  if (asked + displayWidth(answer) <= columns) return answer;
  // The question fills its line: inquirer goes on to the next, after the space, so one column less.
  if (asked > columns) return wrapWords(answer, columns - 1).join('\n');
  // Else the answer's first line takes the room the question leaves.
  const lines = wrapWords(answer, columns, { first: ' '.repeat(asked) });
  return [lines[0]!.trimStart(), ...lines.slice(1)].join('\n');
}

/**
 * A choice as inquirer draws it: names and descriptions may come from a file (owners already
 * used, a framework's roles and scale), so they are shown, never obeyed (src/render/safe-text.ts).
 */
function shownChoice<T>(choice: Choice<T>, columns: number): Choice<T> {
  const lines = choiceLines(choice, columns);
  // Inquirer draws a disabled choice as its name, a space and the reason: the wrapped text is cut before its last word.
  const reasonAt = typeof choice.disabled === 'string' ? lines.lastIndexOf(' ') : -1;
  return {
    ...choice,
    name: reasonAt > 0 ? lines.slice(0, reasonAt) : lines,
    ...(reasonAt > 0 ? { disabled: lines.slice(reasonAt + 1) } : {}),
    ...(choice.description !== undefined ? { description: wrapWords(visible(choice.description), columns).join('\n') } : {}),
    ...(choice.short !== undefined ? { short: oneLine(choice.short) } : {}),
  };
}

/**
 * A choice's text (with a disabled choice's reason) as inquirer will draw it after the cursor
 * and a space: kept as it is when it fits, else wrapped at words, its lines indented under the first.
 */
function choiceLines(choice: Choice<unknown>, columns: number): string {
  const text = oneLine(typeof choice.disabled === 'string' ? `${choice.name} ${choice.disabled}` : choice.name);
  if (displayWidth(text) + 2 <= columns) return text;
  return wrapWords(text, columns, { first: '  ', indent: '  ' }).join('\n').slice(2);
}

/** Rows for a list: every line of every choice when they fit the terminal (a long name wraps), else a screenful less the prompt's own lines. */
function pageSizeFor(choices: ReadonlyArray<Choice<unknown> | ChoiceSeparator>, columns: number, rows: number | undefined): number {
  const lines = choices.reduce((sum, choice) => sum + ('separator' in choice ? 1 : choiceLines(choice, columns).split('\n').length), 0);
  return Math.max(1, Math.min(lines, Math.max(7, (rows || 24) - 6)));
}

/**
 * Ctrl-C, a closed terminal or an abort end the prompt as `Cancelled`, carrying what had been
 * typed at a text prompt; nothing else is hidden.
 */
async function cancellable<T>(answer: Promise<T>, typed?: () => string): Promise<T> {
  try {
    return await answer;
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') {
      throw new Cancelled('cancelled at a prompt', typed?.() || undefined);
    }
    throw err;
  }
}

/** The editor a longer note opens in, by name, for the menu that offers it. */
export function editorName(env: NodeJS.ProcessEnv = process.env): string {
  const command = env.VISUAL || env.EDITOR || (process.platform === 'win32' ? 'notepad' : 'vim');
  const bin = command.trim().split(/\s+/)[0] ?? command;
  return bin.split(/[\\/]/).pop() || bin;
}
