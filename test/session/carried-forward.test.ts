/**
 * `audit resume` on an audit carried forward with `audit new --from`: last period's rating is
 * shown beside each rating asked for, driven through the real inquirer prompts.
 */
import { screen } from '@inquirer/testing/vitest';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { runNew } from '../../src/commands/new.js';
import { runResume } from '../../src/commands/resume.js';
import { describePrevious } from '../../src/core/carry-forward.js';
import type { AuditError } from '../../src/errors.js';
import { createPrompter } from '../../src/io/prompter.js';
import { PLAIN } from '../../src/render/style.js';
import { fixture, workspace } from '../helpers/cli.js';

function context(dir: string): CommandContext {
  return {
    out: () => undefined,
    say: () => undefined,
    err: () => undefined,
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), AUDIT_STANDARDS_PATH: undefined },
    cwd: dir,
    now: new Date('2026-06-01T10:00:00Z'),
    interactive: true,
    width: 100,
    errWidth: 100,
    wrap: (text) => text,
    style: async () => PLAIN,
  };
}

describe('resuming a carried-forward audit', () => {
  it('shows last period’s rating, and its moderation, beside the rating to give now', async () => {
    const last = fixture('mini-audit.yaml').replace('  L-1:\n    rating: 3\n', '  L-1:\n    rating: 3\n    moderated:\n      rating: 2\n      by: Partnership panel\n');
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'last.yaml': last });
    const ctx = context(dir);
    expect(await runNew({ from: 'last.yaml', period: '2026-27', output: 'next.yaml' }, ctx)).toBe(0);

    const run = runResume('next.yaml', {}, ctx, (signal) => createPrompter({ signal }));
    await vi.waitFor(() => expect(screen.getScreen()).toMatch(/^\? Rating for L-1 \(last period 2025-26: rated 3, moderated to 2\)/), { timeout: 5_000 });
    screen.keypress({ name: 'c', ctrl: true });
    expect(((await run.catch((e: unknown) => e)) as AuditError).exitCode).toBe(130);
  });

  it('describes last period’s answer in words', () => {
    expect(describePrevious({ period: '2025-26', rating: 3 })).toBe('2025-26: rated 3');
    expect(describePrevious({ period: '2025-26', rating: 3, moderated: 3 })).toBe('2025-26: rated 3');
    expect(describePrevious({ rating: null, moderated: 2 })).toBe('last period: moderated to 2');
    expect(describePrevious({ period: '2025-26', rating: null })).toBeUndefined();
    expect(describePrevious(null)).toBeUndefined();
  });
});
