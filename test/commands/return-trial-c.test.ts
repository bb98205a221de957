/**
 * Returns as trial C's business manager and school DSLs sent them back (findings 2, 3, 5, 7 and
 * 10 of /work/wt/findings/trial-c.md): each workbook made by audit export, then changed as a
 * person or another program would, and imported by the built CLI.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';
import { fillWorkbook } from '../helpers/xlsx.js';

const mini = () => workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });

describe('import --into checks whose return it is first (finding 3)', () => {
  it("names another agency's return, not a cell its answers clash in", async () => {
    const dir = mini();
    const made = await runAudit(['export', '--framework', './mini-framework.yaml', '--org', 'Borsetshire Police', '--period', '2025-26', '-o', 'police.xlsx'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    // Not applicable beside an open action: a clash with a cell of its own, were the cells read first.
    await fillWorkbook(join(dir, 'police.xlsx'), { cells: { 'Return!E2': 'Not applicable', 'Return!K2': 'We hold no such board', 'Return!G2': 'An action', 'Return!J2': 'Open', 'Return!E3': 'Eleven' } });
    const before = read(dir, 'audit.yaml');
    const run = await runAudit(['import', 'police.xlsx', '--into', 'audit.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'audit: police.xlsx: Metadata: this return is from Borsetshire Police for 2025-26, but audit.yaml is the audit of Borsetshire County Council for 2025-26: nothing was recorded\n',
    );
    expect(read(dir, 'audit.yaml')).toBe(before);
  });
});
