/**
 * Editions side by side, as a user meets them: earlier editions read, analysed and reported as
 * they were before a newer edition was bundled; `audit new` takes the current edition unless
 * told; `--from` across editions names the criteria added and removed; a council's own library
 * of editions, and its faults.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixture, isCleanError, read, ROOT, runAudit, workspace } from '../helpers/cli.js';
import { withCorrectedWording } from '../helpers/errata.js';
import { readPdf } from '../helpers/pdf.js';

const RECORDS = join(FIXTURES, 'editions');
const recorded = readdirSync(RECORDS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const earlierBundled = readdirSync(join(ROOT, 'standards')).filter((name) => /^[a-z0-9-]+@.+\.yaml$/.test(name)).map((name) => name.replace(/\.yaml$/, ''));

describe('earlier editions read, analyse and report as they did', () => {
  it('holds a record of the returns of every earlier bundled edition', () => {
    for (const edition of earlierBundled) expect(recorded, `test/fixtures/editions/${edition}/`).toContain(edition);
  });

  describe.each(recorded)('%s', (edition) => {
    const dir = join(RECORDS, edition);
    const returns = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
    // As recorded, but with any wording an erratum has corrected since (test/helpers/errata.ts).
    const json = (name: string) => withCorrectedWording(JSON.parse(readFileSync(join(dir, name), 'utf8')));

    it.each(returns)('%s: the same gap analysis, plan, check and report', async (name) => {
      const base = name.replace(/\.yaml$/, '');
      const [gap, plan, check] = await Promise.all([
        runAudit(['gap', name, '--format', 'json'], { cwd: dir }),
        runAudit(['plan', name, '--format', 'json', '--as-of', '2026-03-31'], { cwd: dir }),
        runAudit(['check', name], { cwd: dir }),
      ]);
      // Fields may be added to the JSON since; none may change or go.
      expect(gap.stderr).toBe('');
      expect(JSON.parse(gap.stdout)).toMatchObject(json(`${base}.gap.json`));
      expect(JSON.parse(plan.stdout)).toMatchObject(json(`${base}.plan.json`));
      const expectedCheck = readFileSync(join(dir, `${base}.check.txt`), 'utf8');
      expect(check.stdout).toBe(expectedCheck);
      expect(check.code).toBe(expectedCheck.startsWith('PASS') ? 0 : 1);

      const out = workspace();
      const pdf = join(out, 'report.pdf');
      const report = await runAudit(['report', name, '--as-of', '2026-03-31', '--meeting-date', '2026-05-12', '-o', pdf], { cwd: dir });
      expect(report.stdout).toBe(readFileSync(join(dir, `${base}.report.txt`), 'utf8').replace('report.pdf', pdf));
      const version = json(`${base}.gap.json`).framework.version as string;
      // A line may break after the hyphen of an edition such as 2007-2018: read it joined up.
      expect((await readPdf(pdf)).text.replace(/-\n/g, '-').replace(/\s+/g, ' ')).toContain(`edition ${version}`);
    });

    it('the same partnership view of them together', async () => {
      const { code, stdout } = await runAudit(['aggregate', '.', '--format', 'json'], { cwd: dir });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject(json('aggregate.json'));
    });
  });
});

describe('the bundled section-11 editions', () => {
  it('lists the current edition and the earlier one under it', async () => {
    const { code, stdout } = await runAudit(['standards', 'list', '--json']);
    expect(code).toBe(0);
    const s11 = (JSON.parse(stdout) as { id: string; version: string; editions: { version: string; current: boolean; ref: string; file: string }[] }[]).find((f) => f.id === 'section-11')!;
    expect(s11.version).toBe('2023');
    expect(s11.editions.map((e) => [e.ref, e.current, e.file])).toEqual([
      ['section-11', true, 'standards/section-11.yaml'],
      ['section-11@2007-2018', false, 'standards/section-11@2007-2018.yaml'],
    ]);
  });

  it('takes the current edition for audit new, and the earlier one when asked', async () => {
    const cwd = workspace();
    await runAudit(['new', '--framework', 'section-11', '--org', 'Borsetshire Police', '--period', '2026-27', '-o', 'now.yaml'], { cwd });
    expect(read(cwd, 'now.yaml')).toContain('framework: section-11\nframeworkVersion: "2023"\n');
    expect(read(cwd, 'now.yaml')).toContain('  CUL-1:');
    const { code } = await runAudit(['new', '--framework', 'section-11', '--edition', '2007-2018', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'then.yaml'], { cwd });
    expect(code).toBe(0);
    expect(read(cwd, 'then.yaml')).toContain('framework: section-11\nframeworkVersion: "2007-2018"\n');
    expect(read(cwd, 'then.yaml')).not.toContain('CUL-1');
  });

  it('refuses an audit whose bundled edition does not exist, or that names its edition in the wrong field', async () => {
    const police = readFileSync(join(ROOT, 'examples/section-11/borsetshire-police.yaml'), 'utf8');
    const cwd = workspace({
      'typo.yaml': police.replace('frameworkVersion: "2007-2018"', 'frameworkVersion: "2007-2019"'),
      'at.yaml': police.replace('framework: section-11\n', 'framework: section-11@2007-2018\n'),
    });
    const typo = await runAudit(['plan', 'typo.yaml'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^audit: typo\.yaml:21:19: this audit was made against edition 2007-2019 of section-11, which is not available \(available: 2023 \(current\), 2007-2018\)\. To read it, correct frameworkVersion if it is mistyped/,
    );
    const at = await runAudit(['gap', 'at.yaml'], { cwd });
    expect(at.code).toBe(2);
    expect(at.stderr).toBe('audit: at.yaml:20:12: "section-11@2007-2018": name the framework by its id here, and its edition in frameworkVersion\n');
    const empty = await runAudit(['standards', 'show', 'section-11@']);
    expect(empty.stderr).toBe('audit: "section-11@" names no edition after "@"; give one, e.g. section-11@<version> as audit standards list shows it\n');
  });

  it('carries last year\'s return forward to the current edition, naming the criteria added and removed', async () => {
    const cwd = workspace({ 'police-2025-26.yaml': readFileSync(join(ROOT, 'examples/section-11/borsetshire-police.yaml'), 'utf8') });
    const { code, stdout } = await runAudit(['new', '--from', 'police-2025-26.yaml', '--period', '2026-27', '-o', 'police-2026-27.yaml'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Framework changed: section-11 edition 2007-2018 → 2023: 19 criteria added (COM-5, RES-5, INF-5, DES-1, DES-2, REC-6, REC-7, TRN-6, CUL-1, CUL-2, CUL-3, ALG-5, ALG-6, IAW-5, IDN-1, IDN-2, IDN-3, IDN-4, IDN-5), ' +
        '6 removed (COM-3, COM-4, RES-4, ACC-2, INF-1, ALG-2).',
    );
    // Last year's return still reads against its own edition beside the new one, and they compare.
    const compare = await runAudit(['compare', 'police-2025-26.yaml', 'police-2026-27.yaml', '--format', 'json'], { cwd });
    expect(JSON.parse(compare.stdout).edition).toMatchObject({ before: '2007-2018', after: '2023', inferred: false });
  });
});

describe('the bundled library', () => {
  it('fits together and passes strict validation, with no exceptions: one current edition each, names that agree, every criterion id registered with its statement and cited to its place', async () => {
    const { code, stdout, stderr } = await runAudit(['standards', 'validate', '--library', '--strict'], { env: { AUDIT_STANDARDS_PATH: undefined } });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('section-11: 2023 (current), 2007-2018\n');
    expect(stdout).toMatch(/^library: valid \(strict\): /m);
  });
});

/** A council's library: two editions of "ours" under its own file names, the later superseding the earlier. */
const OURS_V1 = fixture('mini-framework.yaml').replace('id: mini', 'id: ours').replace('version: "1"', 'version: "2025"');
const OURS_V2 = OURS_V1.replace('version: "2025"', 'version: "2026"\nsupersedes: "2025"').replace(
  '      - id: W-3\n        text: Staff are supervised.\n',
  '      - id: W-4\n        text: Staff know how to escalate concerns.\n',
);

describe('a council’s library of editions (AUDIT_STANDARDS_PATH)', () => {
  const library = (files: Record<string, string>) => {
    const dir = workspace(files);
    return { dir, env: { AUDIT_STANDARDS_PATH: dir } };
  };

  it('lists every edition, the current one first, and shows any by id@edition', async () => {
    const { env } = library({ 'ours-2025.yaml': OURS_V1, 'ours-2026.yaml': OURS_V2 });
    const list = await runAudit(['standards', 'list', '--json'], { env });
    expect(list.code).toBe(0);
    const ours = (JSON.parse(list.stdout) as { id: string; version: string; editions: { version: string; current: boolean; ref: string }[] }[]).find((f) => f.id === 'ours')!;
    expect(ours.version).toBe('2026');
    expect(ours.editions.map((e) => [e.version, e.current, e.ref])).toEqual([
      ['2026', true, 'ours'],
      ['2025', false, 'ours@2025'],
    ]);
    const table = await runAudit(['standards', 'list'], { env, });
    expect(table.stdout).toMatch(/\nours \(local\)\s+2026 \(current\)\s+2\s+5 .*\n\s+ours@2025\s+2025\s+2\s+5\s+earlier edition\n/);

    const show = await runAudit(['standards', 'show', 'ours@2025'], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('ours, edition 2025\nAn earlier edition: the current edition of ours is 2026.\n');
    expect(show.stdout).toContain('W-3  Staff are supervised.');
    const unknown = await runAudit(['standards', 'show', 'ours@2024'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('audit: edition 2024 of ours is not available; available: 2026 (current), 2025\n');
  });

  it('takes the current edition for audit new unless --edition or id@edition says otherwise', async () => {
    const { env } = library({ 'ours-2025.yaml': OURS_V1, 'ours-2026.yaml': OURS_V2 });
    const cwd = workspace();
    const made = await runAudit(['new', '--framework', 'ours', '--org', 'Borsetshire', '--period', '2026-27', '-o', 'current.yaml'], { cwd, env });
    expect(made.code).toBe(0);
    expect(read(cwd, 'current.yaml')).toContain('framework: ours\nframeworkVersion: "2026"\n');
    for (const args of [['--edition', '2025'], ['--framework', 'ours@2025']]) {
      const older = await runAudit(['new', '--framework', 'ours', ...args, '--org', 'Borsetshire', '--period', '2025-26', '-o', 'older.yaml', '--force'], { cwd, env });
      expect(older.code).toBe(0);
      const text = read(cwd, 'older.yaml');
      expect(text).toContain('framework: ours\nframeworkVersion: "2025"\n');
      expect(text).toContain('  W-3:');
    }
    const clash = await runAudit(['new', '--framework', 'ours@2025', '--edition', '2026', '--org', 'B', '--period', 'P'], { cwd, env });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe('audit: --framework ours@2025 and --edition 2026 ask for different editions; give one\n');
  });

  it('reads each audit against its own edition, and carries one forward to the current edition naming what changed', async () => {
    const { env } = library({ 'ours-2025.yaml': OURS_V1, 'ours-2026.yaml': OURS_V2 });
    const cwd = workspace({
      'last.yaml': fixture('mini-audit.yaml').replace('framework: ./mini-framework.yaml', 'framework: ours\nframeworkVersion: "2025"').replace(/ {2}W-2:\n$/, '  W-2:\n  W-3:\n    rating: 2\n    evidence: Supervision audit, May\n'),
    });
    const gap = await runAudit(['gap', 'last.yaml', '--format', 'json'], { cwd, env });
    expect(gap.code).toBe(0);
    expect(JSON.parse(gap.stdout).framework.version).toBe('2025');

    const next = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27', '-o', 'next.yaml'], { cwd, env });
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Framework changed: ours edition 2025 → 2026: 1 criterion added (W-4), 1 removed (W-3).');
    expect(next.stdout).toContain('Not carried (no longer in the framework): answers to W-3.');
    expect(read(cwd, 'next.yaml')).toContain('framework: ours\nframeworkVersion: "2026"\n');

    // Staying on last period's edition is asked for by name.
    const same = await runAudit(['new', '--from', 'last.yaml', '--period', '2026-27', '--edition', '2025', '-o', 'same.yaml'], { cwd, env });
    expect(same.code).toBe(0);
    expect(same.stdout).not.toContain('Framework changed');
    expect(read(cwd, 'same.yaml')).toContain('frameworkVersion: "2025"');

    // Both audits read against their own editions, side by side.
    const compare = await runAudit(['compare', 'last.yaml', 'next.yaml', '--format', 'json'], { cwd, env });
    expect(JSON.parse(compare.stdout).edition).toEqual({ id: 'ours', before: '2025', after: '2026', added: ['W-4'], removed: ['W-3'], inferred: false });
  });

  it('refuses a library whose editions do not fit together, naming the files', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'a.yaml': OURS_V1, 'b.yaml': OURS_V1.replace('version: "2025"', 'version: "2026"') }, /b\.yaml: 2 editions of ours claim to be current: 2025 \(.*a\.yaml\), 2026 \(.*b\.yaml\)\./],
      [{ 'a.yaml': OURS_V1, 'b.yaml': OURS_V1 }, /b\.yaml: edition 2025 of ours is also in .*a\.yaml; keep one/],
      [{ 'ours@2024.yaml': OURS_V1 }, /ours@2024\.yaml: its name says ours@2024, but it holds edition 2025 of ours; name it ours@2025\.yaml/],
      [{ 'mini.yaml': fixture('mini-framework.yaml').replace('id: mini', 'id: section-11') }, /mini\.yaml: section-11 also has an edition in another directory/],
    ];
    for (const [files, message] of cases) {
      const { env } = library(files);
      const list = await runAudit(['standards', 'list'], { env });
      expect(list.code, JSON.stringify(Object.keys(files))).toBe(2);
      expect(list.stderr).toMatch(message);
      expect(isCleanError(list.stderr)).toBe(true);
      const validate = await runAudit(['standards', 'validate', '--library'], { env });
      expect(validate.code).toBe(2);
      expect(validate.stderr).toMatch(message);
    }
  });
});

describe('strict validation', () => {
  it('fails a criterion without a reference, and one whose reference names no place, at their lines', async () => {
    const framework = fixture('mini-framework.yaml')
      .replace('        text: A senior lead for safeguarding is named.\n', '        text: A senior lead for safeguarding is named.\n        reference: Working Together 2023, chapter 4, paragraph 12\n')
      .replace('        text: Staff are supervised.\n', '        text: Staff are supervised.\n        reference: Working Together 2023\n');
    const dir = workspace({ 'ours.yaml': framework });
    const plain = await runAudit(['standards', 'validate', 'ours.yaml'], { cwd: dir });
    expect(plain.code).toBe(0);
    const strict = await runAudit(['standards', 'validate', '--strict', 'ours.yaml'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('ours.yaml:30:13: L-2 has no reference: cite the chapter and paragraph (or section) of the source it comes from\n');
    expect(strict.stderr).toContain('ours.yaml:42:20: the reference of W-3 ("Working Together 2023") names no chapter, paragraph, section or other place in the source\n');
    expect(strict.stderr).toContain('1 of 1 file(s) invalid\n');
    expect(isCleanError(strict.stderr)).toBe(true);
  });

  it('refuses a usage with neither files nor --library', async () => {
    const { code, stderr } = await runAudit(['standards', 'validate']);
    expect(code).toBe(2);
    expect(stderr).toBe('audit: name the framework files to check, or give --library to check every framework on the search path\n');
  });
});

describe('the criterion register', () => {
  it('fails a library that reuses a published id for a different statement, or leaves a new id unregistered', async () => {
    const dir = workspace({ 'ours-2025.yaml': OURS_V1 });
    const env = { AUDIT_STANDARDS_PATH: dir };
    const { code } = await runAudit(['standards', 'validate', '--library'], { env });
    expect(code).toBe(0); // no register: nothing to hold it to
    const register = await runAuditScript(dir);
    expect(register).toContain('ours: 5 criteria added to the register');

    // W-2 reworded in a new edition under the same id: refused.
    const reworded = OURS_V2.replace('text: Safer recruitment checks are made.', 'text: Safer recruitment checks are made and repeated every three years.');
    const withNew = workspace({ 'ours-2025.yaml': OURS_V1, 'ours-2026.yaml': reworded, 'criterion-register.txt': read(dir, 'criterion-register.txt') });
    const refused = await runAudit(['standards', 'validate', '--library'], { env: { AUDIT_STANDARDS_PATH: withNew } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ours-2026\.yaml:\d+:\d+: the statement of W-2 \(edition 2026\) is not the one published under that id/);
    expect(refused.stderr).toMatch(/ours-2026\.yaml:\d+:\d+: W-4 \(edition 2026\) is not in the criterion register; add: ours W-4 [0-9a-f]{16} 2026\n/);
  });
});

/** scripts/register-criteria.mjs on a council's directory, as an editor runs it. */
async function runAuditScript(dir: string): Promise<string> {
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/register-criteria.mjs'), dir], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  expect(existsSync(join(dir, 'criterion-register.txt'))).toBe(true);
  return result.stdout;
}
