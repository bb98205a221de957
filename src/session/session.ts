/**
 * The lifetime of an interactive session (`audit start`, `audit resume`): the prompter it
 * asks through, and the signals that end it.
 *
 * Ctrl-C at a prompt ends that prompt (inquirer reports it). A signal between prompts, while
 * an answer is being saved, must not cut the save short: it is noted and the next prompt
 * is aborted, so the session unwinds through its `finally` blocks (releasing the lock) and
 * src/cli.ts reports it like any other cancellation. A second signal ends the process at
 * once, for a session stuck on something slow.
 */
import { constants } from 'node:os';
import type { CommandContext } from '../commands/context.js';
import { AuditError, Cancelled } from '../errors.js';
import { acquireAuditLock, type HeldLock } from '../io/lock.js';
import type { Prompter } from '../io/prompter.js';
import { PLAIN, type Style } from '../render/style.js';

const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type StoppingSignal = (typeof STOPPING_SIGNALS)[number];

export interface Session {
  prompter: Prompter;
  ctx: CommandContext;
  style: Style;
  /** The editor a longer note opens in, for the menu that offers it. */
  editorName: string;
  /** Questions are asked a line at a time, for a screen reader: nothing drawn, such as a progress bar. */
  byLines: boolean;
  /** The signal that is ending the session, if one is. */
  stoppedBy(): StoppingSignal | undefined;
  /** The error to end with when the user stops: exit 130 for Ctrl-C, 128+n for other signals. */
  stopError(message: string): AuditError;
  /**
   * Takes the lock on an audit file for the rest of the session, or throws naming who holds
   * it; says so when it takes over the lock of a session that died.
   */
  hold(file: string): void;
  /** Releases the locks held and stops listening for signals. */
  close(): void;
}

/** Builds the prompter; tests pass one that drives inquirer without a terminal. */
export type PrompterFactory = (signal: AbortSignal) => Prompter;

/**
 * Whether questions are asked a line at a time (src/io/line-prompter.ts) rather than as menus
 * redrawn in place: asked for (--screen-reader, AUDIT_SCREEN_READER), or a terminal that cannot
 * move its cursor (TERM=dumb).
 */
export function asksByLines(asked: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return Boolean(asked) || Boolean(env.AUDIT_SCREEN_READER && env.AUDIT_SCREEN_READER !== '0') || env.TERM === 'dumb';
}

export async function openSession(command: string, ctx: CommandContext, makePrompter?: PrompterFactory, screenReader?: boolean): Promise<Session> {
  const prompts = await import('../io/prompter.js');
  if (!makePrompter) prompts.assertTerminal(command);
  const controller = new AbortController();
  const byLines = asksByLines(screenReader, ctx.env);
  // The context decided colour once (--no-color, NO_COLOR, the terminal); PLAIN is its answer for
  // none. Asked by lines, there is none: a screen reader reads no colour, and says its codes.
  const style = byLines ? PLAIN : await ctx.style();
  const colour = style !== PLAIN;
  const prompter = makePrompter
    ? makePrompter(controller.signal)
    : byLines
      ? (await import('../io/line-prompter.js')).createLinePrompter({ signal: controller.signal })
      : prompts.createPrompter({ signal: controller.signal, colour });

  const locks: HeldLock[] = [];
  let stoppedBy: StoppingSignal | undefined;
  const handlers = STOPPING_SIGNALS.map((signal) => {
    const handler = () => {
      if (stoppedBy) process.exit(128 + constants.signals[signal]);
      stoppedBy = signal;
      controller.abort(new Cancelled(`stopped by ${signal}`));
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });

  return {
    prompter,
    ctx,
    style,
    byLines,
    editorName: prompts.editorName(ctx.env),
    stoppedBy: () => stoppedBy,
    stopError: (message) =>
      stoppedBy && stoppedBy !== 'SIGINT' ? new AuditError(message, 128 + constants.signals[stoppedBy]) : new Cancelled(message),
    hold: (file) => {
      const lock = acquireAuditLock(file, ctx.now);
      locks.push(lock);
      if (lock.tookOverFrom) {
        ctx.err(`(taking over the lock left by an earlier session, pid ${lock.tookOverFrom.pid}, which is no longer running)\n`);
      }
    },
    close: () => {
      for (const lock of locks.splice(0)) lock.release();
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}
