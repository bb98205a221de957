/**
 * Questions asked at a terminal. The only module that imports inquirer: the interactive
 * session talks to the small `Prompter` interface, so its flow can be driven in tests, and
 * no other command pays for loading the prompts.
 */
import { confirm, editor, input, Separator, select } from '@inquirer/prompts';
import { Cancelled, UsageError } from '../errors.js';

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
  // An empty separator is inquirer's default line, which it always dims.
  const separator = (text: string) => new Separator(text || (streams.colour === false ? ` ${'─'.repeat(14)}` : undefined));
  return {
    select: <T>(question: SelectQuestion<T>) =>
      cancellable(
        select<T>(
          {
            message: question.message,
            choices: question.choices.map((choice) => ('separator' in choice ? separator(choice.separator) : choice)),
            ...(question.default !== undefined ? { default: question.default } : {}),
            pageSize: question.pageSize ?? Math.min(12, question.choices.length),
            loop: false,
            ...look,
          },
          context,
        ),
      ),
    input: (question) =>
      cancellable(
        input(
          {
            message: question.message,
            ...(question.default !== undefined ? { default: question.default } : {}),
            ...(question.validate ? { validate: question.validate } : {}),
            ...look,
          },
          context,
        ),
      ),
    editor: (question) =>
      cancellable(
        editor(
          {
            message: question.message,
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
        confirm({ message: question.message, ...(question.default !== undefined ? { default: question.default } : {}), ...look }, context),
      ),
  };
}

/** Ctrl-C, a closed terminal or an abort end the prompt as `Cancelled`; nothing else is hidden. */
async function cancellable<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') {
      throw new Cancelled('cancelled at a prompt');
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
