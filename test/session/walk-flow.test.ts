/**
 * The prompt flow of `audit start` and `audit resume`, driven through the real inquirer
 * prompts without a terminal (@inquirer/testing/vitest replaces their input and output),
 * writing real audit files in a temporary folder.
 */
import { screen } from '@inquirer/testing/vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runResume } from '../../src/commands/resume.js';
import { runStart } from '../../src/commands/start.js';
import { AuditError } from '../../src/errors.js';
import { loadAudit } from '../../src/io/audit-file.js';
import { acquireAuditLock } from '../../src/io/lock.js';
import { userDefaultsFile } from '../../src/io/user-defaults.js';
import { fixture, workspace } from '../helpers/cli.js';
import { answer, at, choose, enter, prompter, sessionContext } from '../helpers/prompts.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const NOW = new Date('2025-06-02T10:00:00Z');
const context = (dir: string) => sessionContext(dir, NOW);

/** The folder with the mini framework, and optionally an audit file in it. */
function folder(audit?: string): string {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), ...(audit ? { 'audit.yaml': audit } : {}) });
}

const FRESH_AUDIT = `# Our audit; this comment must survive.
framework: ./mini-framework.yaml
organisation: Borsetshire County Council
period: 2025-26
responses:
  L-1:
  L-2:
  W-1:
  W-2:
  W-3:
`;

describe('audit start', () => {
  it('asks what the options did not give, then walks every criterion, saving each answer', async () => {
    const dir = folder();
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf 'DBS checks sampled:\\n19 of 20 complete\\n\\n' > "$1"\n`, { mode: 0o755 });
    vi.stubEnv('VISUAL', editor);
    const { ctx, out } = context(dir);
    const run = runStart({ framework: './mini-framework.yaml' }, ctx, prompter);

    await at('Organisation audited');
    enter(); // empty: refused at the prompt with the reason
    await vi.waitFor(() => expect(screen.getScreen()).toContain('This is needed: give the name of the organisation.'));
    answer('Borsetshire County Council');
    expect(await at('Period audited')).toContain('(2025-26)'); // the financial year of NOW
    enter();
    await at('Assessor');
    answer('Jo Bloggs');
    expect(await at('Save the audit as')).toContain('borsetshire-county-council-mini-2025-26.yaml');
    enter();

    // L-1, target 3: rated 3, so no action is asked for.
    const firstRating = await at('Rating for L-1');
    expect(firstRating).toContain('1  Not met');
    expect(firstRating).toContain('❯ Skip for now'); // a stray Enter records nothing
    expect(out()).toContain('Criterion 1 of 5 · L-1 · target 3');
    expect(out()).toContain('Standard 1 of 2: Leadership');
    choose(3);
    await at('Evidence for L-1');
    enter(); // a short note
    await at('Evidence');
    enter(); // empty: refused
    await vi.waitFor(() => expect(screen.getScreen()).toContain('The evidence is empty'));
    answer('Named in the constitution, 2024');

    // L-2, target 4: rated 2, a high-priority gap, so the action questions follow.
    await at('Rating for L-2');
    expect(out()).toContain('1 of 5 rated (20%)');
    choose(2);
    await at('Evidence for L-2');
    choose(3); // later
    await at('Improvement action');
    expect(out()).toContain('L-2 is 2 below its target of 4: high priority.');
    answer('Bring the yearly report forward to October');
    const owners = await at('Who owns it?');
    expect(owners).toContain("Director of Children's Services"); // the framework's role
    enter();
    expect(await at('Due by')).toContain('(2025-09-02)'); // 3 months for high priority
    answer('30/02/2026');
    await vi.waitFor(() => expect(screen.getScreen()).toContain('"30/02/2026" is not a date'));
    screen.keypress({ name: 'u', ctrl: true });
    answer('2024-01-01');
    await vi.waitFor(() => expect(screen.getScreen()).toContain('2024-01-01 is in the past'));
    screen.keypress({ name: 'u', ctrl: true });
    answer('31/10/2025');

    // W-1 skipped; W-2 rated 1 with a long note, action left for later; back from W-3 to W-2.
    await at('Rating for W-1');
    expect(out()).toContain('Standard 2 of 2: Workforce');
    choose(6); // Skip for now (after the four levels and "Does not apply")
    await at('Rating for W-2');
    choose(1);
    await at('Evidence for W-2');
    choose(2); // the editor: a real external program, standing in for vim
    await at('Improvement action');
    await at('Improvement action');
    enter(); // left for later
    await at('Rating for W-3');
    choose(7); // Back
    const again = await at('Rating for W-2');
    expect(again).toContain('❯ 1  Not met'); // the answer given is the default
    expect(again).toContain('Keep this answer and go on');
    choose(6); // keep it
    await at('Rating for W-3');
    choose(4);
    await at('Evidence for W-3');
    choose(3);

    expect(await run).toBe(0);
    const file = join(dir, 'borsetshire-county-council-mini-2025-26.yaml');
    const { audit } = await loadAudit(file, ctx.env);
    expect(audit).toMatchObject({ framework: './mini-framework.yaml', organisation: 'Borsetshire County Council', period: '2025-26', assessor: 'Jo Bloggs' });
    expect(audit.responses).toEqual({
      'L-1': { rating: 3, evidence: 'Named in the constitution, 2024' },
      'L-2': {
        rating: 2,
        action: { text: 'Bring the yearly report forward to October', owner: "Director of Children's Services", due: '2025-10-31' },
      },
      'W-1': null,
      'W-2': { rating: 1, evidence: 'DBS checks sampled:\n19 of 20 complete' },
      'W-3': { rating: 4 },
    });
    expect(readFileSync(file, 'utf8')).toContain('# W-1: Staff are trained in safeguarding.'); // the form's comments kept
    expect(existsSync(`${file}.lock`)).toBe(false);

    const summary = out();
    expect(summary).toContain('Gap analysis: Borsetshire County Council, 2025-26');
    expect(summary).toContain('Skipped this time (1): W-1');
    expect(summary).toContain('Below target with no improvement action yet (1): W-2');
    expect(summary).toContain('audit resume borsetshire-county-council-mini-2025-26.yaml');
    expect(summary).toContain('audit plan borsetshire-county-council-mini-2025-26.yaml');
    expect(summary).toContain('audit report borsetshire-county-council-mini-2025-26.yaml');

    // Remembered for next time; the framework was a file, so it is not.
    expect(JSON.parse(readFileSync(userDefaultsFile(ctx.env), 'utf8'))).toEqual({
      organisation: 'Borsetshire County Council',
      assessor: 'Jo Bloggs',
    });
  });

  it('offers the bundled frameworks with their size and the answers remembered from last time', async () => {
    const dir = folder();
    const { ctx } = context(dir);
    const defaults = userDefaultsFile(ctx.env);
    await import('node:fs/promises').then(async (fs) => {
      await fs.mkdir(join(dir, 'config', 'safeguarding-audit'), { recursive: true });
      await fs.writeFile(defaults, JSON.stringify({ organisation: 'Ambridge Council', assessor: 'Pat Archer', framework: 'section-11', kind: 'local-authority' }));
    });
    const run = runStart({ period: '2025-26', output: 'ours.yaml' }, ctx, prompter);

    const list = await at('Framework to audit against');
    // Whole titles, wrapped at words where the terminal is narrow, never cut short.
    expect(list).toMatch(/Climbié audit of services to children in need \(SSI self-audit, 2003\) · 7\s+standards, 62 criteria/);
    expect(list).toMatch(/Chief executive's safeguarding assurance \(West Midlands briefing,\s+2009\)/);
    expect(list).toContain('❯ Section 11'); // last time's choice
    enter();
    expect(await at('Organisation audited')).toContain('(Ambridge Council)');
    enter();
    // section-11 declares kinds of organisation: last time's is offered.
    expect(await at('Kind of organisation')).toContain('❯ Local authority · 1 criterion does not apply');
    enter();
    expect(await at('Assessor')).toContain('(Pat Archer)');
    enter();
    await at('Rating for COM-1');
    screen.keypress({ name: 'c', ctrl: true });

    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditError);
    expect((err as AuditError).exitCode).toBe(130);
    // The current edition of section-11 is offered and recorded.
    expect((err as AuditError).message).toContain('0 of 66 criteria rated and 1 not applicable');
    const { audit } = await loadAudit(join(dir, 'ours.yaml'), ctx.env);
    expect(audit).toMatchObject({ framework: 'section-11', frameworkVersion: '2023', organisation: 'Ambridge Council', kind: 'local-authority', assessor: 'Pat Archer', period: '2025-26' });
    expect(audit.responses['DES-2']).toEqual({ notApplicable: 'does not apply to local authorities' });
  });

  it('offers to carry on with an audit that already exists rather than replace it', async () => {
    const dir = folder(FRESH_AUDIT);
    const { ctx } = context(dir);
    const before = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    const run = runStart({ framework: './mini-framework.yaml', org: 'B', period: '2025-26', assessor: 'Jo', output: 'audit.yaml' }, ctx, prompter);
    expect(await at('audit.yaml already exists')).toContain('❯ Carry on with that audit');
    enter();
    await at('Rating for L-1');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(run).rejects.toMatchObject({ exitCode: 130 });
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(before);
  });
  it('replaces an existing audit only when confirmed', async () => {
    const dir = folder(FRESH_AUDIT.replace('  L-1:\n', '  L-1:\n    rating: 2\n'));
    const { ctx } = context(dir);
    const run = runStart({ framework: './mini-framework.yaml', org: 'Ambridge', period: '2026-27', assessor: 'Pat', output: 'audit.yaml' }, ctx, prompter);
    await at('audit.yaml already exists');
    choose(3);
    await at('Replace audit.yaml, losing its answers?');
    answer('y');
    await at('Rating for L-1');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(run).rejects.toMatchObject({ exitCode: 130 });
    const { audit } = await loadAudit(join(dir, 'audit.yaml'), ctx.env);
    expect(audit).toMatchObject({ organisation: 'Ambridge', period: '2026-27', assessor: 'Pat' });
    expect(audit.responses['L-1']).toBeNull();
  });

  it('writes nothing when stopped before the audit is created', async () => {
    const dir = folder();
    const { ctx } = context(dir);
    const run = runStart({ framework: './mini-framework.yaml' }, ctx, prompter);
    await at('Organisation audited');
    screen.keypress({ name: 'c', ctrl: true });
    const err = (await run.catch((e: unknown) => e)) as AuditError;
    expect(err.exitCode).toBe(130);
    expect(err.message).toBe('audit start stopped before the audit was created; nothing was written');
    expect(existsSync(join(dir, 'config'))).toBe(false);
  });
});

describe('audit resume', () => {
  it('continues at the first criterion without a rating, and Ctrl-C says how far it got', async () => {
    const dir = folder(fixture('mini-audit.yaml'));
    const { ctx, out } = context(dir);
    const run = runResume('audit.yaml', {}, ctx, prompter);

    const first = await at('Rating for W-2'); // L-1, L-2 and W-1 are rated
    expect(first).toContain('Back to the previous criterion (this is the first of this session)');
    expect(out()).toContain('Criterion 4 of 5 · W-2');
    expect(out()).toContain('This session: 1 of 2');
    choose(3);
    await at('Evidence for W-2');
    choose(1);
    await at('Evidence');
    answer('Recruitment files sampled in May');
    await at('Rating for W-3'); // 3 meets the target: no action asked
    screen.keypress({ name: 'c', ctrl: true });

    const err = (await run.catch((e: unknown) => e)) as AuditError;
    expect(err.exitCode).toBe(130);
    expect(err.message).toBe(
      'stopped at W-3: 4 of 5 criteria rated, every answer given is saved in audit.yaml.\nCarry on with: audit resume audit.yaml',
    );
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(
      fixture('mini-audit.yaml').replace('  W-2:\n', '  W-2:\n    rating: 3\n    evidence: Recruitment files sampled in May\n'),
    );
    expect(existsSync(join(dir, 'audit.yaml.lock'))).toBe(false);
  });

  it('--review walks the rated criteria, offering each answer as the default', async () => {
    const dir = folder(fixture('mini-audit.yaml'));
    const { ctx } = context(dir);
    const run = runResume('audit.yaml', { review: true }, ctx, prompter);

    expect(await at('Rating for L-1')).toContain('❯ 3  Met');
    enter();
    expect(await at('Evidence for L-1')).toContain('❯ Keep the evidence recorded');
    enter();
    expect(await at('Rating for L-2')).toContain('❯ 2  Partly met'); // below target 4
    enter();
    await at('Evidence for L-2');
    enter();
    expect(await at('Improvement action')).toContain('(Bring the yearly report forward to October)');
    enter();
    expect(await at('Who owns it?')).toContain("❯ Director of Children's Services");
    enter();
    expect(await at('Due by')).toContain('(2026-10-31)');
    enter();
    expect(await at('Rating for W-1')).toContain('❯ 1  Not met');
    choose(3); // now meets its target: no action asked
    await at('Evidence for W-1');
    choose(3); // later

    expect(await run).toBe(0);
    // Only W-1's rating changed; comments and layout kept.
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(fixture('mini-audit.yaml').replace('    rating: 1\n', '    rating: 3\n'));
  });

  it('--standard walks one standard', async () => {
    const dir = folder(FRESH_AUDIT);
    const { ctx, out } = context(dir);
    const run = runResume('audit.yaml', { standard: 'WORK' }, ctx, prompter);
    await at('Rating for W-1');
    expect(out()).toContain('3 criteria to rate in standard WORK');
    for (const id of ['W-1', 'W-2', 'W-3']) {
      await at(`Rating for ${id}`);
      choose(4);
      await at(`Evidence for ${id}`);
      choose(3);
    }
    expect(await run).toBe(0);
    const { audit } = await loadAudit(join(dir, 'audit.yaml'), ctx.env);
    expect(audit.responses).toEqual({ 'L-1': null, 'L-2': null, 'W-1': { rating: 4 }, 'W-2': { rating: 4 }, 'W-3': { rating: 4 } });
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toMatch(/^# Our audit; this comment must survive\./);

    await expect(runResume('audit.yaml', { standard: 'NOPE' }, ctx, prompter)).rejects.toThrow(
      '--standard "NOPE": mini has no such standard; its standards are LEAD, WORK',
    );
  });

  it('says so when there is nothing to walk', async () => {
    const dir = folder(FRESH_AUDIT.replace(/ {2}(W-\d):\n/g, '  $1:\n    rating: 3\n'));
    const { ctx, out } = context(dir);
    expect(await runResume('audit.yaml', { standard: 'WORK' }, ctx, prompter)).toBe(0);
    expect(out()).toContain('Every criterion of standard WORK is answered (rated or not applicable). Go over them again with: audit resume audit.yaml --review --standard WORK');
  });

  it('keeps an edit made to the file by hand during the session', async () => {
    const dir = folder(FRESH_AUDIT);
    const { ctx } = context(dir);
    const run = runResume('audit.yaml', {}, ctx, prompter);
    await at('Rating for L-1');
    const file = join(dir, 'audit.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  W-3:\n', '  W-3:\n    rating: 2 # by hand\n'));
    choose(4);
    await at('Evidence for L-1');
    choose(3);
    await at('Rating for L-2');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(run).rejects.toMatchObject({ exitCode: 130 });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  L-1:\n    rating: 4\n');
    expect(text).toContain('  W-3:\n    rating: 2 # by hand\n');
  });

  it('is refused while another session holds the audit', async () => {
    const dir = folder(FRESH_AUDIT);
    const { ctx } = context(dir);
    const lock = acquireAuditLock(join(dir, 'audit.yaml'), NOW);
    try {
      const err = (await runResume('audit.yaml', {}, ctx, prompter).catch((e: unknown) => e)) as AuditError;
      expect(err.exitCode).toBe(3);
      expect(err.message).toMatch(/^audit\.yaml is in use by another audit session: held by .+ \(pid \d+ on .+\) since \d{4}-\d\d-\d\d \d\d:\d\d\./);
    } finally {
      lock.release();
    }
  });
});
