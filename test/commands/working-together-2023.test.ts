/**
 * The working-together-2023 framework: the current edition (all six chapters, as amended in
 * February 2024) beside the earlier edition "2023". That audits of the earlier edition read,
 * analyse and report as they did is held by test/commands/editions.test.ts on the returns in
 * test/fixtures/editions/working-together-2023@2023/.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Framework } from '../../src/core/framework.js';
import { ROOT, read, runAudit, workspace } from '../helpers/cli.js';

const CURRENT = 'standards/working-together-2023.yaml';
const EARLIER = 'standards/working-together-2023@2023.yaml';
const EARLIER_RETURN = join(ROOT, 'test/fixtures/editions/working-together-2023@2023/borsetshire-police.yaml');

interface EditionCriterion {
  id: string;
  text: string;
  reference?: string;
  audience?: string[];
  appliesTo?: string[];
}
type Edition = Framework & { kinds?: { id: string }[]; legalBasis?: Record<string, string> };

const load = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8')) as Edition;
const criteria = (edition: Edition) => edition.standards.flatMap((s) => s.criteria) as EditionCriterion[];
const current = load(CURRENT);
const earlier = load(EARLIER);

const RETIRED = ['COL-2', 'COL-3', 'COL-4', 'LRN-2', 'LRN-4', 'RSC-1', 'RSC-2', 'INC-2', 'INC-4', 'CHL-1', 'CHL-3', 'ARR-1', 'ARR-4', 'ARR-5', 'LEAD-4', 'CULT-3', 'WORK-1', 'WORK-2', 'WORK-3'];

describe('working-together-2023, edition 2023-amended-2024-02', () => {
  it('passes strict validation, and its earlier edition is filed under its own version', async () => {
    const { code, stdout } = await runAudit(['standards', 'validate', '--strict', CURRENT, EARLIER]);
    expect(code).toBe(0);
    expect(stdout).toContain('working-together-2023.yaml: valid (working-together-2023, 22 standards, 129 criteria)');
    expect(current.version).toBe('2023-amended-2024-02');
    expect(current.version).toMatch(/^[A-Za-z0-9][A-Za-z0-9.-]*$/);
    expect(EARLIER).toBe(`standards/${earlier.id}@${earlier.version}.yaml`);
  });

  it('covers all six chapters, every criterion cited and marked for whom it is', () => {
    const kinds = new Set(current.kinds!.map((k) => k.id));
    const chapters = new Set<string>();
    for (const c of criteria(current)) {
      expect(c.reference, c.id).toMatch(/^WT2023 (ch\.[1-6]|Introduction)/);
      for (const [, chapter] of c.reference!.matchAll(/ch\.(\d)/g)) chapters.add(chapter!);
      expect(c.audience?.length, c.id).toBeGreaterThan(0);
      for (const kind of c.appliesTo ?? []) expect(kinds.has(kind), `${c.id} applies to ${kind}`).toBe(true);
    }
    expect([...chapters].sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(current.legalBasis!.england).toMatch(/section 11/);
    expect(current.legalBasis!.wales).toMatch(/Social Services and Well-being \(Wales\) Act 2014/);
  });

  it('keeps the statement of every id it carries over, and retires the rest, the two duplicates among them', () => {
    const now = new Map(criteria(current).map((c) => [c.id, c.text]));
    const retired = criteria(earlier).filter((c) => !now.has(c.id)).map((c) => c.id);
    expect(retired).toEqual(RETIRED);
    for (const c of criteria(earlier)) if (now.has(c.id)) expect(now.get(c.id), c.id).toBe(c.text);
  });

  it('is the edition audit new takes', async () => {
    const dir = workspace();
    const { code, stdout } = await runAudit(['new', '--framework', 'working-together-2023', '--org', 'Borsetshire Police', '--period', '2026-27', '-o', 'new.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('129 criteria in 22 standards of working-together-2023');
    expect(read(dir, 'new.yaml')).toContain('framework: working-together-2023\nframeworkVersion: "2023-amended-2024-02"\n');
  });

  it('moves a return of edition 2023 to it with audit new --from, naming the criteria added and removed', async () => {
    const dir = workspace();
    copyFileSync(EARLIER_RETURN, join(dir, 'police-2024-25.yaml'));
    const { code, stdout } = await runAudit(['new', '--from', 'police-2024-25.yaml', '--period', '2025-26', '-o', 'police-2025-26.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Framework changed: working-together-2023 edition 2023 → 2023-amended-2024-02: 113 criteria added (COL-5, COL-6,');
    expect(stdout).toContain(`, 19 removed (${RETIRED.join(', ')}).`);
    expect(stdout).not.toContain('not available');
    expect(stdout).toContain('Not carried (no longer in the framework): answers to COL-2, CHL-1, LEAD-4, CULT-3, WORK-1, WORK-2, WORK-3.');
    const next = read(dir, 'police-2025-26.yaml');
    expect(next).toContain('frameworkVersion: "2023-amended-2024-02"');
    expect(next).toMatch(/ {2}LEAD-1:\n {4}rating:\n {4}evidence: Assistant Chief Constable .*\n {4}previous:\n {6}period: "2024-25"\n {6}rating: 4\n/);
  });
});
