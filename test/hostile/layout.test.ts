/**
 * Output that fits the terminal, as a new user meets it at 80 columns, narrower and wider: no
 * line longer than the terminal, no word broken where it did not have to be, nothing that
 * identifies a row cut short. COLUMNS sets the width as a terminal would (and one run is in a
 * real terminal of 80 columns).
 */
import stringWidth from 'fast-string-width';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { GapAnalysis } from '../../src/core/gap-analysis.js';
import { analyseGaps } from '../../src/core/gap-analysis.js';
import { PLAIN } from '../../src/render/style.js';
import { renderWalkSummary } from '../../src/render/text/walk-summary.js';
import { auditOf, mini } from '../core/mini.js';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';
import { flat, readPdf } from '../helpers/pdf.js';
import { PtyAudit } from '../helpers/pty.js';

const CLIMBIE = ['examples/borsetshire-climbie-2002-03.yaml', '--as-of', '2003-11-30'];
const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));
/** Every word of `phrase` stands whole somewhere in `text` (it may wrap between words, never within one). */
const wordsWhole = (text: string, phrase: string) => phrase.split(/\s+/).every((word) => new RegExp(`(^|[\\s(])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s),;:])`, 'm').test(text));

describe('tables and prose at the terminal’s width', () => {
  it.each([80, 60, 40])('plan, aggregate, gap and the standards fit %i columns, words and names whole', async (columns) => {
    const env = { COLUMNS: String(columns) };
    const [plan, aggregate, gap, list, show, compare, check] = await Promise.all([
      runAudit(['plan', ...CLIMBIE], { env }),
      runAudit(['aggregate', 'examples/section-11/'], { env }),
      runAudit(['gap', CLIMBIE[0]!], { env }),
      runAudit(['standards', 'list'], { env }),
      runAudit(['standards', 'show', 'section-11'], { env }),
      runAudit(['compare', CLIMBIE[0]!, 'examples/borsetshire-climbie-2003-04.yaml'], { env }),
      runAudit(['check', CLIMBIE[0]!, '--fail-on', 'gap'], { env }),
    ]);
    for (const run of [plan, aggregate, gap, list, show, compare, check]) {
      expect(run.code === 0 || run === check, run.stderr).toBe(true);
      expect(widest(run.stdout), run.stdout).toBeLessThanOrEqual(columns);
      expect(run.stdout).not.toContain('…');
    }
    const plans = JSON.parse((await runAudit(['plan', ...CLIMBIE, '--format', 'json'])).stdout) as { actions: { criterion: string; owner: string | null }[] };
    for (const action of plans.actions) {
      expect(wordsWhole(plan.stdout, action.criterion), action.criterion).toBe(true);
      if (action.owner) expect(wordsWhole(plan.stdout, action.owner), action.owner).toBe(true);
    }
    for (const agency of ['Borsetshire County Council (Children’s Services)'.replace('’', "'"), 'Borsetshire Health NHS Trust', 'Borsetshire Police']) {
      expect(wordsWhole(aggregate.stdout, agency), agency).toBe(true);
    }
    expect(list.stdout).toContain('climbie-2003');
  });

  it('keeps a row on one line where the terminal is wide enough', async () => {
    const { stdout } = await runAudit(['plan', ...CLIMBIE], { env: { COLUMNS: '240' } });
    expect(stdout).toMatch(/^HIGH {6}ALL-1 {6}2 → 4 {3}2003-06-30 {2}In progress, overdue by 153 days {2}Service Director for Children's Services {6}Every registered child allocated/m);
  });

  it('fits a real terminal of 80 columns', async () => {
    const session = new PtyAudit(['plan', ...CLIMBIE], { cwd: process.cwd(), env: { PTY_COLS: '80', COLUMNS: undefined } });
    const { code, screen } = await session.exited;
    expect(code).toBe(0);
    expect(widest(screen.replace(/\r/g, ''))).toBeLessThanOrEqual(80);
    expect(screen).toContain("Service Director for Children's Services");
  });

  it('the end-of-walk summary fits, however narrow', () => {
    const analysis: GapAnalysis = analyseGaps(mini, auditOf({ 'L-1': { rating: 1 }, 'W-1': { rating: 2 } }));
    for (const width of [40, 60, 80]) {
      const text = renderWalkSummary({ analysis, file: 'borsetshire-police-section-11-2025-26.yaml', skipped: ['W-2'], withoutEvidence: ['L-1', 'W-1'] }, PLAIN, width);
      expect(widest(stripVTControlCharacters(text)), text).toBeLessThanOrEqual(width);
      // A command is kept whole wherever the line can hold it.
      if (width >= 60) expect(text).toContain('audit resume borsetshire-police-section-11-2025-26.yaml');
    }
  });
});

describe('small things a new user met', () => {
  it('counts with their nouns: 1 gap, 1 standard, 1 criterion', async () => {
    const framework = fixture('mini-framework.yaml').replace(/standards:\n[\s\S]*$/, 'standards:\n  - id: ONE\n    title: One\n    criteria:\n      - id: O-1\n        text: The one criterion.\n');
    const dir = workspace({
      'one.yaml': framework,
      'audit.yaml': 'framework: ./one.yaml\norganisation: Org\nperiod: "2025-26"\nresponses:\n  O-1:\n    rating: 2\n',
    });
    const runs = await Promise.all([
      runAudit(['standards', 'validate', 'one.yaml'], { cwd: dir }),
      runAudit(['plan', 'audit.yaml', '--format', 'markdown'], { cwd: dir }),
      runAudit(['report', 'audit.yaml'], { cwd: dir }),
      runAudit(['new', '--framework', './one.yaml', '--org', 'Other', '--period', '2025-26', '-o', 'new.yaml'], { cwd: dir }),
    ]);
    expect(runs[0]!.stdout).toBe('one.yaml: valid (mini, 1 standard, 1 criterion)\n');
    expect(runs[1]!.stdout).toContain('**1 gap** (');
    expect(runs[2]!.stdout).toMatch(/^Wrote audit\.pdf: 1 gap, /);
    expect(runs[3]!.stdout).toMatch(/^Created new\.yaml: 1 criterion in 1 standard of mini/);
    for (const run of runs) expect(run.stdout).not.toMatch(/\b1 (gaps|standards|criteria)\b/);
  });

  it('fills --title placeholders as the template’s own title does, and refuses an unknown one', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const made = await runAudit(['report', 'audit.yaml', '--title', 'Self-audit {period}: {organisation} {{draft}}', '-o', 'r.pdf'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    expect(flat((await readPdf(join(dir, 'r.pdf'))).text)).toContain('Self-audit 2025-26: Borsetshire County Council {draft}');
    const wrong = await runAudit(['report', 'audit.yaml', '--title', 'Self-audit {perod}', '-o', 'r.pdf'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--title: unknown placeholder {perod} (did you mean {period}?)');
  });

  it('refuses --evidence "" rather than blank the evidence recorded', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const { code, stderr } = await runAudit(['rate', 'audit.yaml', 'L-1', '--evidence', ''], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('--evidence is empty; nothing was changed');
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
  });
});
