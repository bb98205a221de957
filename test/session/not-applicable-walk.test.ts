/**
 * "Does not apply" in the walk of `audit start` and `audit resume`, driven through the real
 * inquirer prompts (@inquirer/testing), writing real audit files: the kind asked for, the
 * reason required, a not-applicable shown and reviewed, a rating replacing it, and what a
 * panel's challenge or an open action mean for it.
 */
import { screen } from '@inquirer/testing/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runResume } from '../../src/commands/resume.js';
import { runStart } from '../../src/commands/start.js';
import { loadAudit } from '../../src/io/audit-file.js';
import { userDefaultsFile } from '../../src/io/user-defaults.js';
import { fixture, workspace } from '../helpers/cli.js';
import { KINDS_AUDIT, VOLUNTARY } from '../helpers/kinds.js';
import { answer, at, choose, enter, prompter, sessionContext } from '../helpers/prompts.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const NOW = new Date('2025-06-02T10:00:00Z');
const context = (dir: string) => sessionContext(dir, NOW);

/** The choices after a four-level scale. */
const DOES_NOT_APPLY = 5;
const SKIP_OR_KEEP = 6;

function folder(audit?: string): string {
  return workspace({ 'kinds-framework.yaml': fixture('kinds-framework.yaml'), ...(audit ? { 'audit.yaml': audit } : {}) });
}

describe('audit start with kinds', () => {
  it('asks the kind, marks what does not apply to it, and offers "Does not apply" with a required reason', async () => {
    const dir = folder();
    const { ctx, out } = context(dir);
    const run = runStart({ framework: './kinds-framework.yaml', org: 'Ambridge Scouts', period: '2025-26', assessor: 'Pat', output: 'scouts.yaml' }, ctx, prompter);

    const kinds = await at('Kind of organisation');
    expect(kinds).toContain('Local authority');
    expect(kinds).toContain('Voluntary, community or faith organisation · 4 criteria do not apply');
    expect(kinds).toContain('None of these (every criterion applies)');
    choose(3);

    // Only L-1 and W-1 are walked: the rest do not apply to a voluntary group.
    const rating = await at('Rating for L-1');
    expect(rating).toContain('Does not apply');
    expect(out()).toContain('2 criteria to rate');
    choose(DOES_NOT_APPLY);
    await at('Why does L-1 not apply to the organisation?');
    enter(); // empty: refused at the prompt
    await vi.waitFor(() => expect(screen.getScreen()).toContain('A reason is needed: say why this criterion does not apply'));
    answer('The group has no board or senior staff');
    await at('Rating for W-1');
    expect(out()).toContain('0 of 6 rated, 5 not applicable (83%)');
    choose(3);
    await at('Evidence for W-1');
    choose(3); // later

    expect(await run).toBe(0);
    const text = readFileSync(join(dir, 'scouts.yaml'), 'utf8');
    expect(text).toContain('kind: voluntary-community\n');
    expect(text).toContain('  L-1:\n    notApplicable: The group has no board or senior staff\n');
    expect(text).toContain(`  W-2:\n    notApplicable: ${VOLUNTARY}\n`);
    const { audit } = await loadAudit(join(dir, 'scouts.yaml'), ctx.env);
    expect(audit.responses['W-1']).toEqual({ rating: 3 });
    expect(out()).toContain('1 of 6 criteria rated (5 not applicable)');
    expect(JSON.parse(readFileSync(userDefaultsFile(ctx.env), 'utf8'))).toMatchObject({ kind: 'voluntary-community' });
  });
});

describe('audit resume with criteria not applicable', () => {
  it('--review shows a not-applicable with its reason, keeps it, and lets a rating replace it or replace a rating', async () => {
    const dir = folder(KINDS_AUDIT);
    const { ctx, out } = context(dir);
    const run = runResume('audit.yaml', { review: true }, ctx, prompter);

    await at('Rating for L-1');
    choose(SKIP_OR_KEEP);
    const l2 = await at('Rating for L-2');
    expect(out()).toContain(`Answer so far: Does not apply: ${VOLUNTARY}`);
    expect(l2).toContain('❯ Does not apply'); // the answer given is the default
    enter();
    expect(await at('Why does L-2 not apply to the organisation?')).toContain(`(${VOLUNTARY})`);
    enter(); // kept as it was
    await at('Rating for W-1');
    choose(DOES_NOT_APPLY);
    await at('Why does W-1 not apply to the organisation?');
    answer('Training is given by the county');
    await at('Rating for W-2');
    choose(2); // a rating replaces the not-applicable answer
    await at('Evidence for W-2');
    choose(3);
    await at('Improvement action');
    enter();
    // W-3 is not walked: the panel's challenge leaves it not assessed, not answered.
    await at('Rating for A-1');
    choose(SKIP_OR_KEEP);

    expect(await run).toBe(0);
    const text = readFileSync(join(dir, 'audit.yaml'), 'utf8');
    expect(text).toBe(
      KINDS_AUDIT.replace('  W-1:\n    rating: 3\n', '  W-1:\n    notApplicable: Training is given by the county\n').replace(
        '  W-2:\n    notApplicable: "We employ no paid staff: volunteers only"\n',
        '  W-2:\n    rating: 2\n',
      ),
    );
  });

  it('will not mark not applicable what a panel holds applies, and asks again', async () => {
    const dir = folder(KINDS_AUDIT);
    const { ctx, out } = context(dir);
    const run = runResume('audit.yaml', {}, ctx, prompter);
    await at('Rating for W-3');
    expect(out()).toContain('Partnership panel holds that this criterion applies: Volunteer leaders need supervision too');
    choose(DOES_NOT_APPLY);
    await at('Rating for W-3');
    expect(out()).toContain('Partnership panel holds that W-3 applies (Volunteer leaders need supervision too): marking it not applicable would not count.');
    choose(SKIP_OR_KEEP);
    expect(await run).toBe(0);
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(KINDS_AUDIT);
  });

  it('marks an open improvement action done, once agreed, when its criterion does not apply', async () => {
    const withAction = KINDS_AUDIT.replace('  W-3:\n    notApplicable: Leaders supervise one another; there is no line management\n    moderated:\n      applicable: true\n      note: Volunteer leaders need supervision too\n      by: Partnership panel\n      date: 2026-05-12\n', '  W-3:\n    action:\n      text: Start supervision records\n');
    const dir = folder(withAction);
    const { ctx } = context(dir);
    const run = runResume('audit.yaml', {}, ctx, prompter);
    await at('Rating for W-3');
    choose(DOES_NOT_APPLY);
    await at('Why does W-3 not apply to the organisation?');
    answer('No line management');
    expect(await at('W-3 has an open improvement action ("Start supervision records")')).toContain('mark it done?');
    answer('y');
    expect(await run).toBe(0);
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toContain('  W-3:\n    notApplicable: No line management\n    action:\n      text: Start supervision records\n      status: done\n');
  });
});
