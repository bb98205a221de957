/**
 * Answers that share YAML nodes through aliases (`L-2: *a`, `action: *act`): every command that
 * edits an audit (rate, moderate, sign, import --into, resume) changes only what it was asked
 * to, and every answer that shared keeps its meaning, written out in full.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';
import { KEY, PtyAudit } from '../helpers/pty.js';
import { fillWorkbook } from '../helpers/xlsx.js';

const SHARED = `framework: ./mini-framework.yaml
organisation: Borsetshire County Council
period: 2025-26
responses:
  L-1: &a
    rating: 1
    evidence: shared
  L-2: *a
  W-1:
    rating: 2
    evidence: &ev common words
    action: &act
      text: Train every member of staff
      status: open
  W-2:
    rating: 1
    evidence: *ev
    action: *act
  W-3:
`;

function sharedAudit(text = SHARED): string {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': text });
}

/** The responses as plain data, aliases followed: what every reader of the file sees. */
function responses(dir: string): Record<string, Record<string, unknown> | null> {
  return parse(read(dir, 'audit.yaml')).responses;
}

describe('an edit of an answer shared through a YAML alias', () => {
  it('rate changes only the criterion named, where it holds the anchor of a whole answer or of a part', async () => {
    const dir = sharedAudit();
    const anchor = await runAudit(['rate', 'audit.yaml', 'L-1', '--rating', '3', '--evidence', 'changed'], { cwd: dir });
    expect(anchor.code, anchor.stderr).toBe(0);
    expect(anchor.stderr).toBe("note: L-2 shared L-1's answer through a YAML alias; it keeps its own copy, unchanged, written out in full\n");
    expect(responses(dir)['L-1']).toEqual({ rating: 3, evidence: 'changed' });
    expect(responses(dir)['L-2']).toEqual({ rating: 1, evidence: 'shared' });

    // A part shared: the evidence node's anchor is replaced, and the action changed in place.
    const part = await runAudit(['rate', 'audit.yaml', 'W-1', '--evidence', 'new words', '--status', 'done'], { cwd: dir });
    expect(part.code, part.stderr).toBe(0);
    expect(isCleanError(part.stderr)).toBe(true);
    expect(responses(dir)['W-1']).toEqual({ rating: 2, evidence: 'new words', action: { text: 'Train every member of staff', status: 'done' } });
    expect(responses(dir)['W-2']).toEqual({ rating: 1, evidence: 'common words', action: { text: 'Train every member of staff', status: 'open' } });
  });

  it('rate on the criterion holding the alias keeps what it shared', async () => {
    const dir = sharedAudit();
    const run = await runAudit(['rate', 'audit.yaml', 'L-2', '--evidence', 'its own'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(responses(dir)['L-2']).toEqual({ rating: 1, evidence: 'its own' });
    expect(responses(dir)['L-1']).toEqual({ rating: 1, evidence: 'shared' });

    const action = await runAudit(['rate', 'audit.yaml', 'W-2', '--status', 'in-progress'], { cwd: dir });
    expect(action.code, action.stderr).toBe(0);
    expect(responses(dir)['W-2']).toEqual({ rating: 1, evidence: 'common words', action: { text: 'Train every member of staff', status: 'in-progress' } });
    expect(responses(dir)['W-1']!.action).toEqual({ text: 'Train every member of staff', status: 'open' });
  });

  it('moderate, sign --force and import --into change only what they were asked to', async () => {
    const dir = sharedAudit();
    const moderated = await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '2', '--note', 'Seen', '--by', 'Panel'], { cwd: dir });
    expect(moderated.code, moderated.stderr).toBe(0);
    expect(responses(dir)['L-2']).toEqual({ rating: 1, evidence: 'shared' });

    // A sign-off kept under another key by an alias: replacing it leaves the copy as it was.
    expect((await runAudit(['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir })).code).toBe(0);
    const signed = read(dir, 'audit.yaml').replace('signoff:', 'signoff: &first');
    const withCopy = `${signed}x-first-signoff: *first\n`;
    const dir2 = sharedAudit(withCopy);
    const again = await runAudit(['sign', 'audit.yaml', '--by', 'Ann Other', '--role', 'DCS', '--force'], { cwd: dir2 });
    expect(again.code, again.stderr).toBe(0);
    const after = parse(read(dir2, 'audit.yaml'));
    expect(after.signoff.by).toBe('Ann Other');
    expect(after['x-first-signoff'].by).toBe('Jane Smith');

    // A return filled in for W-1 alone.
    const dir3 = sharedAudit();
    expect((await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir3 })).code).toBe(0);
    await fillWorkbook(join(dir3, 'sent.xlsx'), { cells: { 'Return!E4': 3, 'Return!J4': 'Done' } });
    const imported = await runAudit(['import', 'sent.xlsx', '--into', 'audit.yaml'], { cwd: dir3 });
    expect(imported.code, imported.stderr).toBe(0);
    expect(responses(dir3)['W-1']).toMatchObject({ rating: 3, action: { status: 'done' } });
    expect(responses(dir3)['W-2']).toEqual({ rating: 1, evidence: 'common words', action: { text: 'Train every member of staff', status: 'open' } });
  });

  it('resume saves an answer to one criterion only', { timeout: 60_000 }, async () => {
    // W-3, not yet rated, shares its answer with a key of the council's own.
    const dir = sharedAudit(`${SHARED.replace('  W-3:\n', '  W-3: &w\n    evidence: to follow\n')}x-copy: *w\n`);
    const session = new PtyAudit(['resume', 'audit.yaml'], { cwd: dir, env: { XDG_CONFIG_HOME: join(dir, 'config') } });
    await session.answer('? Rating for W-3', `4${KEY.enter}`);
    await session.answer('? Evidence for W-3', KEY.ctrlC);
    expect((await session.exited).code).toBe(130);
    const data = parse(read(dir, 'audit.yaml'));
    expect(data.responses['W-3']).toEqual({ rating: 4, evidence: 'to follow' });
    expect(data['x-copy']).toEqual({ evidence: 'to follow' });
  });
});
