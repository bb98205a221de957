/**
 * Driving the interactive sessions in-process through the real inquirer prompts, whose input
 * and output @inquirer/testing/vitest replaces: a command context that collects what is
 * printed, and keys typed at the prompt on screen.
 */
import { screen } from '@inquirer/testing/vitest';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { createPrompter } from '../../src/io/prompter.js';
import { PLAIN } from '../../src/render/style.js';
import type { PrompterFactory } from '../../src/session/session.js';

export const prompter: PrompterFactory = (signal) => createPrompter({ signal });

/** A context for a session in `dir`, at `now`, with its own config folder; what it prints is kept. */
export function sessionContext(dir: string, now: Date) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    out: (text) => void out.push(text),
    say: (text) => void out.push(text),
    err: (text) => void err.push(text),
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), AUDIT_STANDARDS_PATH: undefined },
    cwd: dir,
    now,
    interactive: true,
    width: 100,
    errWidth: 100,
    wrap: (text) => text,
    style: async () => PLAIN,
  };
  return { ctx, out: () => out.join(''), err: () => err.join('') };
}

/** Waits until the prompt asking `message` is the one on screen, waiting for an answer. */
export async function at(message: string): Promise<string> {
  await vi.waitFor(() => expect(screen.getScreen()).toMatch(new RegExp(`^\\? ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)), {
    timeout: 5_000,
  });
  return screen.getScreen();
}

export const enter = () => screen.keypress('enter');
/** Moves the cursor to the n-th choice (1-based) and chooses it. */
export const choose = (n: number) => {
  screen.type(String(n));
  enter();
};
export const answer = (text: string) => {
  screen.type(text);
  enter();
};
