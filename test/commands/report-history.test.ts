/**
 * `audit report FILE --history EARLIER...`: the direction of travel in the Cabinet report, as
 * its reader meets it in the PDF (read back with a PDF library: text, figures and their
 * alternative text) and in the Word document (unzipped: its charts and their descriptions).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isCleanError, listFiles, ROOT, runAudit, workspace } from '../helpers/cli.js';
import { flat, readPdf } from '../helpers/pdf.js';

const example = (path: string) => readFileSync(join(ROOT, 'examples', path), 'utf8');

/** The police's three years: 2024-25 and 2025-26 on the 2007-2018 edition, 2026-27 on the 2023 edition. */
function policeYears(): string {
  return workspace({
    'police-2024-25.yaml': example('section-11-2024-25/borsetshire-police.yaml'),
    'police-2025-26.yaml': example('section-11/borsetshire-police.yaml'),
    'police-2026-27.yaml': example('section-11-2026-27/borsetshire-police.yaml'),
  });
}

const HISTORY = ['--history', 'police-2025-26.yaml', 'police-2024-25.yaml', '--meeting-date', '2026-11-20', '--background-paper', 'none'];

describe('audit report --history', () => {
  it('adds the direction of travel to the PDF: a line chart per standard described in words, and a table of the same', async () => {
    const dir = policeYears();
    const { code, stdout, stderr } = await runAudit(['report', 'police-2026-27.yaml', '-o', 'report.pdf', ...HISTORY], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^Wrote report\.pdf: /);
    const pdf = await readPdf(join(dir, 'report.pdf'));
    const text = flat(pdf.text);
    expect(text).toContain('4. Direction of travel');
    expect(text).toContain('This section sets the self-audit for 2026-27 beside the 2 earlier ones, from 2024-25: 3 periods in all.');
    expect(text).toContain(
      'The 2024-25 self-audit was made against edition 2007-2018 of the framework and is read here onto edition 2023, through the crosswalk between the two: 47 of its 53 criteria have an equal counterpart',
    );
    // "its criteria" are the earlier edition's own, not the newest edition's 66.
    const earlier = parse(readFileSync(join(ROOT, 'standards/section-11@2007-2018.yaml'), 'utf8')) as { standards: { criteria: unknown[] }[] };
    expect(earlier.standards.reduce((n, s) => n + s.criteria.length, 0)).toBe(53);
    expect(text).toContain('Figure 2: Mean rating by standard, 2024-25 to 2026-27');
    // One figure for the summary's bar chart, then one per standard, each giving every figure in words.
    expect(pdf.figureAlts).toHaveLength(1 + 16);
    expect(pdf.figureAlts[1]).toBe('1. Senior leadership and commitment: 2024-25 3.50 (Amber), 2025-26 4.00 (Green), 2026-27 4.00 (Green); target 4.');
    expect(pdf.figureAlts.find((alt) => alt.startsWith('13. A culture of safety'))).toBe(
      '13. A culture of safety, equality and protection: 2024-25 not rated, 2025-26 not rated, 2026-27 2.67 (Red); target 4.',
    );
    // The table: each period's mean and RAG in words, and the change over the span.
    expect(text).toMatch(/2\. A clear line of accountability 3\.00 Red 3\.25 Amber 4\.00 Green \+1\.00/);
    // The change is on the criteria rated in both 2024-25 and 2026-27, not the difference of the means.
    expect(text).toMatch(/All standards 3\.23 Red 3\.36 Red 3\.61 Red \+0\.49/);
  });

  it('adds the same to the Word document, each chart a Word line chart with the same description', async () => {
    const dir = policeYears();
    const { code, stderr } = await runAudit(['report', 'police-2026-27.yaml', '-o', 'report.docx', ...HISTORY], { cwd: dir });
    expect(code, stderr).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, 'report.docx'))));
    const parts = Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]));
    const charts = Object.keys(parts).filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name));
    expect(charts).toHaveLength(17);
    expect(charts.filter((name) => parts[name]!.includes('<c:lineChart>') && !parts[name]!.includes('<c:barChart>'))).toHaveLength(16);
    const document = parts['word/document.xml']!;
    expect(document).toContain('Direction of travel');
    expect(document).toContain('descr="2. A clear line of accountability: 2024-25 3.00 (Red), 2025-26 3.25 (Amber), 2026-27 4.00 (Green); target 4."');
  });

  it('refuses a later period, another organisation, the same period twice, and the audit itself, writing nothing', async () => {
    const dir = policeYears();
    const later = example('section-11-2026-27/borsetshire-police.yaml').replace('period: "2026-27"', 'period: "2027-28"');
    const council = example('section-11/borsetshire-childrens-services.yaml');
    const files = { 'police-2027-28.yaml': later, 'council-2025-26.yaml': council };
    for (const [name, text] of Object.entries(files)) (await import('node:fs')).writeFileSync(join(dir, name), text);
    const cases: [string[], string | RegExp][] = [
      [['police-2027-28.yaml'], 'audit: --history takes earlier periods than 2026-27, the period of police-2026-27.yaml: police-2027-28.yaml is of 2027-28\n'],
      [['council-2025-26.yaml'], /^audit: a trend follows one organisation, but these audits are of 2: Borsetshire County Council \(Children's Services\) \(council-2025-26\.yaml\); Borsetshire Police \(police-2026-27\.yaml\)/],
      [['police-2025-26.yaml', 'police-2025-26.yaml'], 'audit: the same audit file is named twice: give each period once\n'],
      [['police-2026-27.yaml'], 'audit: --history names police-2026-27.yaml, the audit reported on: give the earlier periods\' audits\n'],
    ];
    for (const [history, message] of cases) {
      const { code, stdout, stderr } = await runAudit(['report', 'police-2026-27.yaml', '-o', 'report.pdf', '--history', ...history], { cwd: dir });
      expect(code, history.join(' ')).toBe(2);
      expect(stdout).toBe('');
      if (typeof message === 'string') expect(stderr).toBe(message);
      else expect(stderr).toMatch(message);
      expect(isCleanError(stderr)).toBe(true);
    }
    expect(listFiles(dir)).not.toContain('report.pdf');
  });
});
