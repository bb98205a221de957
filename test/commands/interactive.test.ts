/**
 * `audit start` and `audit resume` as an officer meets them: the built command in a real
 * pseudo-terminal, keys typed, killed part-way, resumed; and refused without a terminal.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMonths, toIsoDate } from '../../src/core/dates.js';
import { fixture, isCleanError, listFiles, runAudit, workspace } from '../helpers/cli.js';
import { KEY, PtyAudit } from '../helpers/pty.js';

/** A folder with the mini framework, a stand-in editor and a private config folder. */
function folder(files: Record<string, string> = {}) {
  const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), ...files });
  const editor = join(dir, 'editor.sh');
  writeFileSync(editor, `#!/bin/sh\nprintf 'Annual report to Cabinet, March 2025.\\nMinutes show it was discussed.\\n' > "$1"\n`, { mode: 0o755 });
  const env = { XDG_CONFIG_HOME: join(dir, 'config'), VISUAL: editor, EDITOR: undefined };
  return { dir, env, pty: (args: string[]) => new PtyAudit(args, { cwd: dir, env }) };
}

/** The audit as `audit gap --format json` reads it: proof the file on disk is a valid audit. */
async function readBack(dir: string, file: string) {
  const result = await runAudit(['gap', file, '--format', 'json'], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    organisation: string;
    assessor: string;
    criteria: { criterion: string; rating: number | null; action: { text: string; owner: string | null; due: string | null } | null }[];
  };
}

const FILE = 'borsetshire-county-council-mini-2025-26.yaml';

describe('audit start and resume in a terminal', () => {
  it('keeps every answer given before a kill -9, and resume completes the audit', { timeout: 120_000 }, async () => {
    const { dir, pty } = folder();
    const start = pty(['start', '--framework', './mini-framework.yaml', '--period', '2025-26']);

    await start.answer('Organisation audited', `Borsetshire County Council${KEY.enter}`);
    await start.answer('Assessor', `Jo Bloggs${KEY.enter}`);
    await start.answer(`Save the audit as (${FILE})`, KEY.enter);
    await start.waitFor('Criterion 1 of 5 · L-1 · target 3');
    await start.answer('? Rating for L-1', `3${KEY.enter}`);
    await start.answer('? Evidence for L-1', KEY.enter); // a short note
    await start.answer('? Evidence', `Named in the constitution, 2024${KEY.enter}`);

    await start.waitFor('1 of 5 rated (20%)');
    await start.answer('? Rating for L-2', `2${KEY.enter}`);
    await start.answer('? Evidence for L-2', `${KEY.down}${KEY.enter}`); // the editor
    await start.waitFor('L-2 is 2 below its target of 4: high priority.');
    await start.answer('? Improvement action', `Bring the yearly report forward to October${KEY.enter}`);
    await start.answer('? Who owns it?', KEY.enter);
    await start.answer('? Due by', KEY.enter); // the date suggested: 3 months on, for high priority
    await start.answer('? Rating for W-1', `1${KEY.enter}`); // given and saved ...
    await start.waitFor('? Evidence for W-1'); // ... while the next answer is being asked for

    const killed = await start.kill('SIGKILL');
    expect(killed.code).toBe(137);

    // The file on disk is a valid audit holding every answer given before the kill.
    expect(existsSync(join(dir, `${FILE}.lock`))).toBe(true); // SIGKILL leaves the lock
    const text = readFileSync(join(dir, FILE), 'utf8');
    expect(text).toContain('# L-1: A senior lead for safeguarding is named.');
    const saved = await readBack(dir, FILE);
    expect(saved).toMatchObject({ organisation: 'Borsetshire County Council', assessor: 'Jo Bloggs' });
    expect(saved.criteria.map((c) => [c.criterion, c.rating])).toEqual([
      ['L-1', 3],
      ['L-2', 2],
      ['W-1', 1],
      ['W-2', null],
      ['W-3', null],
    ]);
    expect(saved.criteria[1]!.action).toMatchObject({
      text: 'Bring the yearly report forward to October',
      owner: "Director of Children's Services",
      due: addMonths(toIsoDate(new Date()), 3),
    });
    expect(text).toContain('    evidence: Named in the constitution, 2024\n');
    expect(text).toContain('      Annual report to Cabinet, March 2025.\n      Minutes show it was discussed.\n');

    // Resume takes over the dead session's lock and carries on at the first unrated criterion.
    const resume = pty(['resume', FILE]);
    await resume.waitFor('taking over the lock left by an earlier session');
    await resume.waitFor('Criterion 4 of 5 · W-2');
    await resume.answer('? Rating for W-2', `4${KEY.enter}`);
    await resume.answer('? Evidence for W-2', `${KEY.down}${KEY.down}${KEY.enter}`); // later
    await resume.answer('? Rating for W-3', `3${KEY.enter}`);
    await resume.answer('? Evidence for W-3', `${KEY.down}${KEY.down}${KEY.enter}`);
    await resume.waitFor('Gap analysis: Borsetshire County Council, 2025-26');
    const done = await resume.exited;
    expect(done.code).toBe(0);
    expect(done.screen).toContain(`audit plan ${FILE}`);
    expect(done.screen).toContain('Below target with no improvement action yet (1): W-1');

    expect(existsSync(join(dir, `${FILE}.lock`))).toBe(false);
    const final = await readBack(dir, FILE);
    expect(final.criteria.map((c) => c.rating)).toEqual([3, 2, 1, 4, 3]);
    expect(readFileSync(join(dir, FILE), 'utf8')).toContain('# W-3: Staff are supervised.');
  });

  it('ends on Ctrl-C with how far the officer got and how to resume, exit 130', async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const session = pty(['resume', 'audit.yaml']);
    await session.answer('? Rating for W-2', `2${KEY.enter}`);
    await session.answer('? Evidence for W-2', KEY.ctrlC);
    const end = await session.exited;
    expect(end.code).toBe(130);
    expect(end.screen).toContain('audit: stopped at W-2: 4 of 5 criteria rated, every answer given is saved in audit.yaml.');
    expect(end.screen).toContain('Carry on with: audit resume audit.yaml');
    expect(listFiles(dir)).not.toContain('audit.yaml.lock');
    expect((await readBack(dir, 'audit.yaml')).criteria.find((c) => c.criterion === 'W-2')!.rating).toBe(2);
  });

  it('keeps what was being typed when stopped half-way: saved where it replaces nothing, else shown', { timeout: 60_000 }, async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const flat = (screen: string) => screen.replace(/\s*\n\s+/g, ' ');

    // Ctrl-C in the middle of new evidence: saved as typed, and the way back to it given.
    const first = pty(['resume', 'audit.yaml']);
    await first.answer('? Rating for W-2', `2${KEY.enter}`);
    await first.answer('? Evidence for W-2', KEY.enter); // a short note
    // The text prompt itself, not the menu before it: keys typed before it starts are the terminal's to echo.
    await first.answer(/\? Evidence(?! for)/, 'Supervision records for the fostering te');
    await first.waitFor('fostering te');
    first.type(KEY.ctrlC);
    const stopped = await first.exited;
    expect(stopped.code).toBe(130);
    expect(flat(stopped.screen)).toContain('W-2: the evidence you were typing is saved as far as you got ("Supervision records for the fostering te").');
    expect(flat(stopped.screen)).toContain('Come back to W-2 with: audit resume audit.yaml --review --standard WORK');
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toContain('  W-2:\n    rating: 2\n    evidence: Supervision records for the fostering te\n');

    // The terminal closed while the improvement action was being typed: saved too.
    const second = pty(['resume', 'audit.yaml', '--review', '--standard', 'WORK']);
    await second.answer('? Rating for W-1', KEY.enter); // keeps 1
    await second.answer('? Evidence for W-1', `${KEY.down}${KEY.down}${KEY.enter}`); // later
    await second.answer('? Improvement action', 'Weekly supervision for al');
    await second.waitFor('for al');
    expect((await second.kill('SIGHUP')).code).toBe(129);
    const saved = await readBack(dir, 'audit.yaml');
    expect(saved.criteria.find((c) => c.criterion === 'W-1')!.action).toMatchObject({ text: 'Weekly supervision for al' });

    // Half a replacement for evidence already recorded: the record stands, the text is given back.
    const third = pty(['resume', 'audit.yaml', '--review', '--standard', 'LEAD']);
    await third.answer('? Rating for L-1', KEY.enter); // keeps 3
    await third.answer('? Evidence for L-1', `${KEY.down}${KEY.enter}`); // replace it with a short note
    await third.answer(/\? Evidence(?! for)/, 'Named in the new constitu');
    await third.waitFor('new constitu');
    third.type(KEY.ctrlC);
    const kept = await third.exited;
    expect(kept.code).toBe(130);
    expect(flat(kept.screen)).toContain(
      'L-1: the evidence you were typing is not saved, as it would have replaced what was recorded; it was: "Named in the new constitu"',
    );
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toContain('      Named in the constitution, 2024.\n      Confirmed at Cabinet.\n');
    expect(listFiles(dir)).not.toContain('audit.yaml.lock');
  });

  it('fits a 40-column terminal: the progress line and the notes between questions wrap at words', async () => {
    const audit = fixture('mini-audit.yaml').replace('  L-1:\n    rating: 3\n', '  L-1:\n    notApplicable: No board of its own\n');
    const { dir } = folder({ 'audit.yaml': audit });
    const session = new PtyAudit(['resume', 'audit.yaml'], { cwd: dir, env: { XDG_CONFIG_HOME: join(dir, 'config'), PTY_COLS: '40' } });
    await session.answer('? Rating for W-2', `2${KEY.enter}`);
    await session.answer('? Evidence for W-2', `${KEY.down}${KEY.down}${KEY.enter}`); // later
    await session.answer('? Improvement action', KEY.ctrlC);
    const { screen } = await session.exited;
    const flat = screen.replace(/\s*\n\s*/g, ' ');
    expect(flat).toContain('rated, 1 not applicable (');
    expect(flat).toContain('W-2 is 1 below its target of 3: medium priority. Plan the improvement (or leave it for later).');
    // Audit's own lines (inquirer redraws its prompts in place, so theirs are left aside).
    const ours = screen.split(/\r?\n/).filter((line) => /[░█]|applicable \(|below its target|Plan the|leave it/.test(line));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const line of ours) expect(line.length, line).toBeLessThanOrEqual(40);
  });

  it('asks a line at a time on a terminal that cannot move its cursor (TERM=dumb): numbered lists, nothing redrawn, nothing lost', async () => {
    const { dir } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const session = new PtyAudit(['resume', 'audit.yaml'], { cwd: dir, env: { XDG_CONFIG_HOME: join(dir, 'config'), TERM: 'dumb', NO_COLOR: undefined } });
    await session.waitFor(/Rating for W-2\r?\n1\. 1 Not met\r?\n {5}Not in place\.\r?\n2\. 2 Partly met/);
    await session.answer('Type a number from 1 to 7, or Enter for 6: ', `9${KEY.enter}`);
    await session.answer('Type a number from 1 to 7.', `7${KEY.enter}`); // back: not on the first
    await session.answer('7 is not available here.', `2${KEY.enter}`);
    await session.waitFor('Evidence for W-2');
    await session.answer('Type a number', `1${KEY.enter}`); // a short note
    await session.answer('> ', `Supervision log, every month${KEY.enter}`);
    // Each text is typed at its `> `, once the prompt reads keys: typed sooner, the terminal would echo them.
    await session.waitFor('Improvement action');
    await session.answer('> ', `Check the log monthly${KEY.enter}`);
    await session.waitFor('Who owns it?');
    await session.answer('Type a number', `1${KEY.enter}`);
    await session.waitFor('Due by');
    await session.answer('> ', KEY.enter);
    // The second time the scale is listed, its meanings are not read out again.
    await session.waitFor(/Rating for W-3\r?\n1\. 1 Not met\r?\n2\. 2 Partly met/);
    await session.answer('Type a number', `5${KEY.enter}`); // does not apply
    await session.waitFor('Why does W-3 not apply');
    await session.answer('> ', 'No staff are superv');
    await session.waitFor('superv');
    session.type(KEY.ctrlC);
    const end = await session.exited;
    expect(end.code).toBe(130);
    expect(end.screen.replace(/\s*\n\s+/g, ' ')).toContain('W-3: the reason it does not apply you were typing is saved as far as you got ("No staff are superv").');
    // Nothing a dumb terminal would print as rubbish: no escape sequence, no drawn bar or rule.
    expect(session.rawOutput()).not.toMatch(/[\x1b░█─]/);
    const text = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    expect(text).toContain('  W-2:\n    rating: 2\n    evidence: Supervision log, every month\n    action:\n      text: Check the log monthly\n');
    expect(text).toContain('  W-3:\n    notApplicable: No staff are superv\n');
  });

  it('asks a line at a time with --screen-reader, on any terminal', async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const session = pty(['resume', 'audit.yaml', '--screen-reader']);
    await session.answer('Type a number from 1 to 7, or Enter for 6: ', `3${KEY.enter}`);
    await session.answer('Type a number from 1 to 3, or Enter for 1: ', `3${KEY.enter}`); // evidence later
    await session.answer('Rating for W-3', KEY.ctrlC);
    expect((await session.exited).code).toBe(130);
    expect(session.rawOutput()).not.toMatch(/[░█]/);
    expect((await readBack(dir, 'audit.yaml')).criteria.find((c) => c.criterion === 'W-2')!.rating).toBe(3);
  });

  it('at 40 columns, a long answer after its question breaks between words, not in one', async () => {
    const { dir } = folder();
    const session = new PtyAudit(['start', '--framework', './mini-framework.yaml', '--period', '2025-26'], {
      cwd: dir,
      env: { XDG_CONFIG_HOME: join(dir, 'config'), PTY_COLS: '40' },
    });
    await session.answer('Organisation audited', `Felpersham Park Academy${KEY.enter}`);
    await session.answer('Assessor', `Jo Bloggs${KEY.enter}`);
    await session.answer('Save the audit as', KEY.enter);
    await session.answer('? Rating for L-1', `2${KEY.enter}`);
    await session.answer('? Evidence for L-1', `${KEY.down}${KEY.down}${KEY.enter}`); // later
    await session.answer('? Improvement action', `Report to Cabinet every October${KEY.enter}`);
    await session.answer('? Who owns it?', KEY.enter);
    await session.answer('? Due by', KEY.ctrlC);
    const { screen } = await session.exited;
    // Inquirer cut these at the terminal's edge: "Felpersham Park A|cademy", "Children's Serv|ices".
    expect(screen).toMatch(/✔ Organisation audited Felpersham Park\r?\nAcademy\r?\n/);
    expect(screen).toMatch(/✔ Who owns it\? Director of Children's\r?\nServices\r?\n/);
  });

  it('says once, at the first answer changed, that a signed-off audit must be signed off again', async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    expect((await runAudit(['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir })).code).toBe(0);
    const session = pty(['resume', 'audit.yaml', '--review']);
    await session.answer('? Rating for L-1', `2${KEY.enter}`);
    await session.answer('? Evidence for L-1', KEY.enter); // keep it
    await session.answer('? Improvement action', `Name a deputy${KEY.enter}`);
    await session.answer('? Who owns it?', KEY.ctrlC);
    const { screen } = await session.exited;
    const flat = screen.replace(/\s*\n\s+/g, ' ');
    expect(flat).toMatch(/note: audit\.yaml was signed off by Jane Smith on \d{4}-\d\d-\d\dT[\d:]+Z; after this change `audit verify` will report it changed until it is signed off again/);
    expect(flat.match(/was signed off by/g)).toHaveLength(1);
    expect((await runAudit(['verify', 'audit.yaml'], { cwd: dir })).code).toBe(1);
  });

  it('leaves a due date open when asked to: "later", as Enter takes the date suggested', async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const session = pty(['resume', 'audit.yaml']);
    await session.answer('? Rating for W-2', `2${KEY.enter}`);
    await session.answer('? Evidence for W-2', `${KEY.down}${KEY.down}${KEY.enter}`); // later
    await session.answer('? Improvement action', `Check references monthly${KEY.enter}`);
    await session.answer('? Who owns it?', KEY.enter);
    await session.answer('"later" to leave it open)', `later${KEY.enter}`);
    await session.waitFor("No due date yet: the plan will show W-2's action without one.");
    await session.answer('? Rating for W-3', KEY.ctrlC);
    expect((await session.exited).code).toBe(130);
    const saved = await readBack(dir, 'audit.yaml');
    expect(saved.criteria.find((c) => c.criterion === 'W-2')!.action).toMatchObject({ text: 'Check references monthly', due: null });
  });

  it('refuses a second session on the same audit, naming who holds it', async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const first = pty(['resume', 'audit.yaml']);
    await first.waitFor('? Rating for W-2');
    const second = pty(['resume', 'audit.yaml']);
    const refused = await second.exited;
    expect(refused.code).toBe(3);
    // The message wraps at the terminal's width, under a hanging indent.
    expect(refused.screen.replace(/\s*\n\s+/g, ' ')).toMatch(
      new RegExp(`audit: audit\\.yaml is in use by another audit session: held by .+ \\(pid ${await first.pid} on .+\\) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`),
    );
    first.type(KEY.ctrlC);
    expect((await first.exited).code).toBe(130);
    expect(listFiles(dir)).not.toContain('audit.yaml.lock');
  });

  it('colours the prompts in a terminal, and not with --no-color', async () => {
    const { dir } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const colourCodes = async (args: string[]) => {
      const session = new PtyAudit(args, { cwd: dir, env: { NO_COLOR: undefined, XDG_CONFIG_HOME: join(dir, 'config') } });
      await session.waitFor('? Rating for W-2');
      session.type(KEY.ctrlC);
      await session.exited;
      return session.rawOutput().match(/\x1b\[[0-9;]*m/g)?.length ?? 0;
    };
    expect(await colourCodes(['resume', 'audit.yaml'])).toBeGreaterThan(0);
    expect(await colourCodes(['--no-color', 'resume', 'audit.yaml'])).toBe(0);
  });

  it('stops on SIGTERM at a prompt, releasing the lock', async () => {
    const { dir, pty } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    const session = pty(['resume', 'audit.yaml']);
    await session.waitFor('? Rating for W-2');
    const end = await session.kill('SIGTERM');
    expect(end.code).toBe(143);
    expect(end.screen).toContain('audit: stopped at W-2');
    expect(listFiles(dir)).not.toContain('audit.yaml.lock');
  });
});

describe('without a terminal', () => {
  it('start and resume exit 2 at once, pointing at audit new and audit rate', async () => {
    const { dir, env } = folder({ 'audit.yaml': fixture('mini-audit.yaml') });
    for (const args of [['start', '--framework', 'climbie-2003'], ['resume', 'audit.yaml']]) {
      const result = await runAudit(args, { cwd: dir, env });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `audit: audit ${args[0]} asks its questions at a terminal, and none is attached here; ` +
          'in a script, create the audit with `audit new` and record each answer with `audit rate`\n',
      );
      expect(isCleanError(result.stderr)).toBe(true);
    }
    expect(listFiles(dir)).toEqual(['audit.yaml', 'editor.sh', 'mini-framework.yaml']);
  });
});
