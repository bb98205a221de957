/** `audit resume FILE`: carry on the guided walk, from the first criterion without a rating. */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { readAudit } from '../io/audit-file.js';
import { openSession, type PrompterFactory } from '../session/session.js';
import { walkAudit } from '../session/walk-session.js';
import type { CommandContext } from './context.js';

export interface ResumeOptions {
  /** Walk the rated criteria again, their answers offered as defaults. */
  review?: boolean;
  /** Only this standard's criteria. */
  standard?: string;
  /** Ask a line at a time, for a screen reader (src/io/line-prompter.ts). */
  screenReader?: boolean;
}

export async function runResume(file: string, options: ResumeOptions, ctx: CommandContext, makePrompter?: PrompterFactory): Promise<number> {
  const session = await openSession('audit resume', ctx, makePrompter, options.screenReader);
  try {
    const path = resolve(ctx.cwd, file);
    const loaded = await readAudit(path, ctx.env);
    const framework = loaded.framework.framework;
    if (options.standard !== undefined && !framework.standards.some((s) => s.id === options.standard)) {
      throw new InputError(
        `--standard "${options.standard}": ${framework.id} has no such standard; its standards are ${framework.standards.map((s) => s.id).join(', ')}`,
      );
    }
    session.hold(path);
    await walkAudit(session, {
      file: path,
      shownFile: file,
      scope: { mode: options.review ? 'review' : 'unrated', ...(options.standard !== undefined ? { standard: options.standard } : {}) },
    });
    return 0;
  } finally {
    session.close();
  }
}
