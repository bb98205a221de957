import { parse as parseCsv } from 'csv-parse/sync';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';

/** A partnership's returns folder: three agencies' audits of the mini framework beside it. */
function returns(extra: Record<string, string> = {}): string {
  const base = fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml');
  const agency = (name: string, edit: (text: string) => string = (t) => t) => edit(base.replace('Borsetshire County Council', name));
  const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml') });
  mkdirSync(join(dir, 'returns'));
  const files: Record<string, string> = {
    'council.yaml': agency('Borsetshire County Council'),
    'police.yaml': agency('Borsetshire Police', (t) => t.replace('rating: 2   # report late this year', 'rating: 4').replace('rating: 1\n', 'rating: 3\n')),
    'health.yml': agency('NHS Borsetshire', (t) => t.replace('rating: 1\n', 'rating: 2\n')),
    'notes.txt': 'not an audit',
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'returns', name), text);
  return dir;
}

/** Standard error without the note that returns/notes.txt was not read. */
const withoutNote = (stderr: string) => stderr.replace('note: not read, as neither audits (.yaml) nor spreadsheets: returns/notes.txt\n', '');

describe('audit aggregate', () => {
  it('shows the partnership heat map, shortfalls and red agencies for a folder of returns', async () => {
    const dir = returns();
    const { code, stdout, stderr } = await runAudit(['aggregate', 'returns'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe('note: not read, as neither audits (.yaml) nor spreadsheets: returns/notes.txt\n');
    expect(stdout).toContain('Partnership view: 3 agencies, 2025-26');
    expect(stdout).toMatch(/Borsetshire County Council\s+2\.5 R\s+1\.0 R\s+2\.0 R/);
    expect(stdout).toMatch(/Borsetshire Police\s+3\.5 G\s+3\.0 G\s+3\.3 G/);
    expect(stdout).toMatch(/Partnership\s+2\.8 R\s+2\.0 R/);
    expect(stdout).toMatch(/Below target\s+2\/3\s+2\/3/);
    expect(stdout).toMatch(/2 of 3\s+L-2\s+2\.67\s+The board receives a yearly safeguarding report\./);
    expect(stdout).toContain('Agencies with red standards (2)');
    expect(stdout).toContain('NHS Borsetshire: standard 1');
  });

  it('gives the view as JSON: agencies, standards with agencies below target', async () => {
    const dir = returns();
    const { code, stdout } = await runAudit(['aggregate', 'returns/police.yaml', 'returns', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const view = JSON.parse(stdout);
    // A file named twice (directly and in its folder) counts once.
    expect(view.agencies.map((a: { organisation: string; file: string }) => [a.organisation, a.file])).toEqual([
      ['Borsetshire County Council', 'returns/council.yaml'],
      ['Borsetshire Police', 'returns/police.yaml'],
      ['NHS Borsetshire', 'returns/health.yml'],
    ]);
    expect(view.agencies[0].standards).toEqual([
      { id: 'LEAD', meanRating: 2.5, rag: 'red', rated: 2, criteria: 2, belowTarget: 1, notApplicable: 0, notInEdition: 0 },
      { id: 'WORK', meanRating: 1, rag: 'red', rated: 1, criteria: 3, belowTarget: 1, notApplicable: 0, notInEdition: 0 },
    ]);
    expect(view.agencies[0].summary).toMatchObject({ rated: 3, meanRating: 2, rag: 'red' });
    expect(view.standards.map((s: Record<string, unknown>) => [s.id, s.meanRating, s.rag, s.agenciesBelowTarget])).toEqual([
      ['LEAD', 2.83, 'red', 2],
      ['WORK', 2, 'red', 2],
    ]);
  });

  it('writes CSV a spreadsheet opens, and Markdown', async () => {
    const dir = returns();
    const csv = await runAudit(['aggregate', 'returns', '--format', 'csv'], { cwd: dir });
    expect(csv.stdout.startsWith('\ufefforganisation,')).toBe(true);
    const rows = parseCsv(csv.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.organisation, r['LEAD mean'], r['LEAD rag'], r['WORK rag']])).toEqual([
      ['Borsetshire County Council', '2.5', 'red', 'red'],
      ['Borsetshire Police', '3.5', 'green', 'green'],
      ['NHS Borsetshire', '2.5', 'red', 'amber'],
    ]);
    const md = await runAudit(['aggregate', 'returns', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('| 1. Leadership | 2.83 | 🔴 Red | 2 of 3 | 2 / 0 / 1 |');
  });

  it('skips a framework file kept beside the returns, and says so', async () => {
    const dir = returns({ 'framework.yaml': fixture('mini-framework.yaml') });
    const { code, stderr } = await runAudit(['aggregate', 'returns', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toContain('note: skipped returns/framework.yaml: it is a framework file, not an audit\n');
  });

  it('stops at a bad file with exit status 2, naming it with line and column', async () => {
    const dir = returns({ 'schools.yaml': fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml').replace('rating: 1', 'rating: 8') });
    const { code, stdout, stderr } = await runAudit(['aggregate', 'returns'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(withoutNote(stderr)).toMatch(/^audit: returns\/schools\.yaml:23:13: rating 8 for W-1 is not on the scale of mini \(1–4\)\naudit: nothing was written, as 1 file could not be read/);
  });

  it('refuses audits of different frameworks, naming them', async () => {
    const dir = returns();
    expect((await runAudit(['new', '--framework', 'section-11', '--org', 'Probation', '--period', '2025-26', '-o', 'returns/probation.yaml'], { cwd: dir })).code).toBe(0);
    const { code, stderr } = await runAudit(['aggregate', 'returns'], { cwd: dir });
    expect(code).toBe(2);
    expect(withoutNote(stderr)).toBe(
      'audit: cannot aggregate audits of different frameworks: mini: returns/council.yaml, returns/health.yml, returns/police.yaml; ' +
        'section-11: returns/probation.yaml. Aggregate each framework\'s audits separately\n',
    );
    expect(isCleanError(stderr)).toBe(true);
  });

  it('counts an agency with two returns once, its latest; warns of returns from another period', async () => {
    const police2024 = fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml').replace('Borsetshire County Council', 'Borsetshire Police').replace('period: 2025-26', 'period: 2024-25');
    const dir = returns({ 'police-2024.yaml': police2024, 'schools.yaml': police2024.replace('Borsetshire Police', 'Borsetshire Schools') });
    const { code, stdout, stderr } = await runAudit(['aggregate', 'returns', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toContain('warning: Borsetshire Police has more than one audit: returns/police-2024.yaml (2024-25) is left out for the later returns/police.yaml');
    expect(stderr).toContain('warning: the audits cover more than one period: 2024-25 (1), 2025-26 (3)');
    const view = JSON.parse(stdout);
    expect(view.agencies.map((a: { organisation: string; period: string }) => `${a.organisation} ${a.period}`)).toEqual([
      'Borsetshire County Council 2025-26',
      'Borsetshire Police 2025-26',
      'Borsetshire Schools 2024-25',
      'NHS Borsetshire 2025-26',
    ]);
    expect(view.summary.agencies).toBe(4);
  });

  it('refuses two returns of one agency for the same period, naming both (exit 2)', async () => {
    const dir = returns();
    writeFileSync(join(dir, 'returns', 'police-v2.yaml'), read(dir, 'returns/police.yaml'));
    const { code, stderr } = await runAudit(['aggregate', 'returns'], { cwd: dir });
    expect(code).toBe(2);
    expect(withoutNote(stderr)).toMatch(/^audit: Borsetshire Police has 2 returns for 2025-26 \(returns\/police-v2\.yaml, returns\/police\.yaml\): an agency counts once/);
  });

  it('says what is wrong with a missing or empty folder', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'empty'));
    const empty = await runAudit(['aggregate', 'empty'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('audit: empty: folder holds no audit files (*.yaml or *.yml) or returns (*.xlsx)\n');
    const missing = await runAudit(['aggregate', 'nowhere'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('audit: nowhere: not found\n');
  });
});
