/**
 * Questions asked one line at a time, for screen readers and for terminals that cannot move the
 * cursor (TERM=dumb, an Emacs shell): a list is printed once, numbered, and answered by typing
 * a number; nothing is redrawn, erased or coloured, so each question is read once, in order.
 * The same `Prompter` as the menus of src/io/prompter.ts; the session chooses between them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Cancelled, UsageError } from '../errors.js';
import { oneLine, visible } from '../render/safe-text.js';
import { wrapWords } from '../render/text-wrap.js';
import type { Choice, PromptStreams, Prompter, SelectQuestion, TextQuestion } from './prompter.js';

export function createLinePrompter(streams: Pick<PromptStreams, 'input' | 'output' | 'signal'> = {}): Prompter {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stdout;
  const columns = () => Math.max(20, ((output as { columns?: number }).columns || 80) - 1);
  const write = (text: string) => void output.write(text);
  const paragraph = (text: string, indent = '') => wrapWords(visible(text), columns(), { first: indent, indent }).join('\n');
  // A description (a rating level's meaning, say) is printed the first time it is met: a list asked
  // for every criterion is not read out in full every time.
  const described = new Set<string>();

  /** One line typed and Enter; Ctrl-C, end of input or the session's end reject as Cancelled with what was typed. */
  const line = (prompt: string): Promise<string> =>
    new Promise((resolve, reject) => {
      if (streams.signal?.aborted) return reject(new Cancelled('cancelled at a prompt'));
      const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
      let settled = false;
      const end = (settle: () => void) => {
        if (settled) return;
        settled = true;
        streams.signal?.removeEventListener('abort', onAbort);
        rl.close();
        settle();
      };
      const stop = () => {
        const typed = rl.line;
        end(() => {
          write('\n');
          reject(new Cancelled('cancelled at a prompt', typed || undefined));
        });
      };
      const onAbort = () => stop();
      streams.signal?.addEventListener('abort', onAbort);
      rl.on('SIGINT', stop);
      rl.on('close', stop);
      rl.question(prompt, (answer) => end(() => resolve(answer)));
    });

  return {
    async select<T>(question: SelectQuestion<T>): Promise<T> {
      const choices = question.choices.filter((choice): choice is Choice<T> => !('separator' in choice));
      const fallback = choices.findIndex((choice) => choice.value === question.default);
      const lines = [paragraph(question.message)];
      choices.forEach((choice, at) => {
        const unavailable = choice.disabled ? ` (not available${typeof choice.disabled === 'string' ? `: ${oneLine(choice.disabled).replace(/^\(|\)$/g, '')}` : ''})` : '';
        lines.push(paragraph(`${at + 1}. ${oneLine(choice.name)}${unavailable}`, '   ').replace(/^ {3}/, ''));
        const description = choice.description?.replace(/\s+/g, ' ').trim();
        if (description && !described.has(description)) {
          described.add(description);
          lines.push(paragraph(description, '     '));
        }
      });
      write(`\n${lines.join('\n')}\n`);
      const prompt = `Type a number from 1 to ${choices.length}${fallback >= 0 ? `, or Enter for ${fallback + 1}` : ''}: `;
      for (;;) {
        const answer = (await line(prompt)).trim();
        const at = answer === '' ? fallback : /^\d+$/.test(answer) ? Number(answer) - 1 : -1;
        const chosen = choices[at];
        if (chosen && !chosen.disabled) {
          write(`${oneLine(chosen.short ?? chosen.name)}\n`);
          return chosen.value;
        }
        write(chosen ? `${at + 1} is not available here.\n` : `Type a number from 1 to ${choices.length}.\n`);
      }
    },

    async input(question: TextQuestion): Promise<string> {
      const fallback = question.default !== undefined ? oneLine(question.default) : undefined;
      write(`\n${paragraph(question.message)}${fallback ? `\n(Enter keeps: ${fallback})` : ''}\n`);
      for (;;) {
        const answer = (await line('> ')) || fallback || '';
        const verdict = question.validate ? await question.validate(answer) : true;
        if (verdict === true) return answer;
        write(`${paragraph(verdict)}\n`);
      }
    },

    async editor(question: TextQuestion & { extension?: string }): Promise<string> {
      write(`\n${paragraph(question.message)}\n`);
      let text = question.default ?? '';
      for (;;) {
        text = editInEditor(text, question.extension ?? '.txt', streams.signal);
        const verdict = question.validate ? await question.validate(text) : true;
        if (verdict === true) return text;
        write(`${paragraph(verdict)}\n`);
        await line('Press Enter to open the editor again (Ctrl-C to stop): ');
      }
    },

    async confirm(question: { message: string; default?: boolean }): Promise<boolean> {
      const fallback = question.default;
      const prompt = `${paragraph(question.message)} (${fallback === undefined ? 'y/n' : fallback ? 'Y/n' : 'y/N'}): `;
      for (;;) {
        const answer = (await line(prompt)).trim().toLowerCase();
        if (answer === '' && fallback !== undefined) return fallback;
        if (answer === 'y' || answer === 'yes') return true;
        if (answer === 'n' || answer === 'no') return false;
        write('Answer y (yes) or n (no).\n');
      }
    },
  };
}

/**
 * Opens the user's editor ($VISUAL, $EDITOR) on `text` in a file only they can read (it may
 * hold evidence), waits for it to close, and returns what it holds then.
 */
function editInEditor(text: string, extension: string, signal: AbortSignal | undefined): string {
  if (signal?.aborted) throw new Cancelled('cancelled at a prompt');
  const command = (process.env.VISUAL || process.env.EDITOR || (process.platform === 'win32' ? 'notepad' : 'vi')).trim().split(/\s+/);
  const folder = mkdtempSync(join(tmpdir(), 'audit-note-'));
  const file = join(folder, `note${extension}`);
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const result = spawnSync(command[0]!, [...command.slice(1), file], { stdio: 'inherit' });
    if (result.error) {
      const why = (result.error as NodeJS.ErrnoException).code ?? result.error.message;
      throw new UsageError(`the editor ${command[0]} could not be started (${why}): set VISUAL or EDITOR to one that can, or type a short note instead`);
    }
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
