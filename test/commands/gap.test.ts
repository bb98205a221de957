import { describe, expect, it } from 'vitest';
import { parse as parseCsvText } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, runAudit, workspace } from '../helpers/cli.js';

const parseCsv = (text: string) => parseCsvText(text) as string[][];

function miniWorkspace() {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
}

describe('audit gap', () => {
  it('gives the JSON contract', async () => {
    const { code, stdout, stderr } = await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: miniWorkspace() });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(result.framework).toEqual({ id: 'mini', title: 'Mini framework for tests', version: '1' });
    expect(result.organisation).toBe('Borsetshire County Council');
    expect(result.period).toBe('2025-26');
    expect(result.summary).toEqual({ criteria: 5, rated: 3, notAssessed: 2, notApplicable: 0, meetingTarget: 1, belowTarget: 2, meanRating: 2, rag: 'red' });
    expect(result.standards).toEqual([
      { id: 'LEAD', title: 'Leadership', criteria: 2, rated: 2, notAssessed: 0, notApplicable: 0, meetingTarget: 1, belowTarget: 1, meanRating: 2.5, minRating: 2, rag: 'red' },
      { id: 'WORK', title: 'Workforce', criteria: 3, rated: 1, notAssessed: 2, notApplicable: 0, meetingTarget: 0, belowTarget: 1, meanRating: 1, minRating: 1, rag: 'red' },
    ]);
    expect(result.gaps).toEqual([
      {
        criterion: 'L-2',
        standard: 'LEAD',
        text: 'The board receives a yearly safeguarding report.',
        rating: 2,
        target: 4,
        gap: 2,
        priority: 'high',
        action: { text: 'Bring the yearly report forward to October', owner: "Director of Children's Services", due: '2026-10-31', status: 'open' },
        selfRating: 2,
        moderation: null,
      },
      { criterion: 'W-1', standard: 'WORK', text: 'Staff are trained in safeguarding.', rating: 1, target: 3, gap: 2, priority: 'high', action: null, selfRating: 1, moderation: null },
    ]);
    expect(result.notAssessed).toEqual(['W-2', 'W-3']);
    expect(result.notApplicable).toEqual([]);
    expect(result.kind).toBeNull();
  });

  it('prints a table a person can read without colour: RAG in words, a bar per standard, each gap with its action', async () => {
    const { code, stdout } = await runAudit(['gap', 'audit.yaml'], { cwd: miniWorkspace() });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/\u001b\[/);
    expect(stdout).toContain('Gap analysis: Borsetshire County Council, 2025-26');
    expect(stdout).toMatch(/Overall: RED {2}3 of 5 criteria rated \(2 not assessed\), mean 2\.00 on 1–4/);
    expect(stdout).toMatch(/1 Leadership\s+█████░░░░░ 2\.50\s+2\/2\s+1\s+2\s+RED/);
    expect(stdout).toMatch(/HIGH\s+L-2\s+2 → 4\s+2\s+The board receives a yearly safeguarding report\.\n\s+Action: Bring the yearly report forward to October · Director of Children's Services · due 2026-10-31/);
    expect(stdout).toMatch(/HIGH\s+W-1\s+1 → 3\s+2\s+Staff are trained in safeguarding\.\n\s+Action: none yet/);
    expect(stdout).toContain('Not assessed (2): W-2, W-3');
  });

  it('colours only when asked (FORCE_COLOR) and never when NO_COLOR is set', async () => {
    const dir = miniWorkspace();
    const forced = await runAudit(['gap', 'audit.yaml'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[31m/);
    const flag = await runAudit(['gap', 'audit.yaml', '--no-color'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('writes Markdown with RAG as words and escaped text', async () => {
    const { stdout } = await runAudit(['gap', 'audit.yaml', '--format', 'markdown'], { cwd: miniWorkspace() });
    expect(stdout).toMatch(/^# Gap analysis: Borsetshire County Council, 2025-26/);
    expect(stdout).toContain('**Overall: 🔴 Red.**');
    expect(stdout).toContain('| 1. Leadership | 2/2 | 2.50 | 2 | 1 | 🔴 Red |');
    expect(stdout).toContain('| **High** | `W-1` | Staff are trained in safeguarding. | 1 | 3 | 2 | _No action yet_ |');
  });

  it('writes CSV with one row per criterion for a spreadsheet, evidence and all, marked as UTF-8 for Excel', async () => {
    const { stdout } = await runAudit(['gap', 'audit.yaml', '--format', 'csv'], { cwd: miniWorkspace() });
    expect(stdout.startsWith('\ufeffstandard,')).toBe(true);
    const rows = parseCsv(stdout.slice(1));
    expect(rows[0]).toEqual(['standard', 'standard_title', 'criterion', 'text', 'rating', 'target', 'gap', 'priority', 'status', 'action', 'owner', 'due', 'action_status', 'self_rating', 'moderated_by', 'moderation_note', 'evidence', 'not_applicable_reason']);
    expect(rows).toHaveLength(6);
    expect(rows[1]![16]).toBe('Named in the constitution, 2024.\nConfirmed at Cabinet.\n');
    expect(rows[2]).toEqual(['LEAD', 'Leadership', 'L-2', 'The board receives a yearly safeguarding report.', '2', '4', '2', 'high', 'below-target', 'Bring the yearly report forward to October', "Director of Children's Services", '2026-10-31', 'open', '2', '', '', 'Report went to Cabinet in March.', '']);
    expect(rows[4]!.slice(2, 9)).toEqual(['W-2', 'Safer recruitment checks are made.', '', '3', '', '', 'not-assessed']);
  });

  it('uses the audit’s own target when it sets one', async () => {
    const dir = workspace({
      'mini-framework.yaml': fixture('mini-framework.yaml'),
      'audit.yaml': fixture('mini-audit.yaml').replace('assessor: Jo Bloggs', 'assessor: Jo Bloggs\ntarget: 2'),
    });
    const result = JSON.parse((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(result.gaps.map((g: { criterion: string; target: number }) => [g.criterion, g.target])).toEqual([
      ['L-2', 4],
      ['W-1', 2],
    ]);
  });

  it('reads an audit against the edition it records, and refuses one whose edition is not available', async () => {
    const v2 = fixture('mini-framework.yaml').replace('version: "1"', 'version: "2"').replace('        text: Staff are supervised.', '        text: Staff are supervised monthly.');
    const dir = workspace({
      'mini-framework.yaml': v2,
      'audit.yaml': fixture('mini-audit.yaml').replace('framework: ./mini-framework.yaml', 'framework: ./mini-framework.yaml\nframeworkVersion: "1"'),
    });
    // Edition 1 is not beside the framework file: a clear error at the line that records it.
    const refused = await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `audit: audit.yaml:3:19: this audit was made against edition 1 of mini, which is not available (available: 2 (current)). ` +
        `To read it, keep that edition's file in ${dir} as mini@1.yaml; to carry it forward to the current edition, use audit new --from, which names the criteria added and removed\n`,
    );
    // Kept beside it under its conventional name, the audit reads against it: no warning, its own statements.
    writeFileSync(join(dir, 'mini@1.yaml'), fixture('mini-framework.yaml'));
    const { code, stdout, stderr } = await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const gap = JSON.parse(stdout);
    expect(gap.framework.version).toBe('1');
    expect(gap.criteria.find((c: { criterion: string }) => c.criterion === 'W-3').text).toBe('Staff are supervised.');
  });
});
