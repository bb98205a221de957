/**
 * A partnership's report on its schools' KCSIE returns, as the education subgroup reads it: when
 * every return is from a school or college, the report speaks of schools, not of "agencies".
 * The built CLI on real returns; the PDF read back with pdf.js and the Word file with mammoth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { flat, readPdf } from '../helpers/pdf.js';

const ACADEMY = readFileSync(join(ROOT, 'examples', 'kcsie', 'borsetshire-felpersham-park-academy-2025-26.yaml'), 'utf8');

/** The example academy's return, as another school of `kind` (or of no kind). */
function school(name: string, kind: string | undefined): string {
  const renamed = ACADEMY.replace(/^organisation: .*$/m, `organisation: ${name}`);
  return kind === undefined ? renamed.replace(/^kind: .*\n/m, '') : renamed.replace(/^kind: .*$/m, `kind: ${kind}`);
}

function schoolsReturns(secondKind: string | undefined): string {
  return workspace({ 'academy.yaml': ACADEMY, 'primary.yaml': school('St Mary’s CE Primary School', secondKind) });
}

describe('audit aggregate -o of schools’ returns', () => {
  it('words the report for schools and colleges when every return is from one, in PDF and Word, and says so', async () => {
    const dir = schoolsReturns('maintained-school');
    const [pdf, docx] = await Promise.all([
      runAudit(['aggregate', 'academy.yaml', 'primary.yaml', '-o', 'schools.pdf'], { cwd: dir }),
      runAudit(['aggregate', 'academy.yaml', 'primary.yaml', '-o', 'schools.docx', '--public', '--background-paper', 'none'], { cwd: dir }),
    ]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(docx.code, docx.stderr).toBe(0);
    expect(pdf.stdout).toMatch(/^Wrote schools\.pdf: 2 schools, .* where most schools fall short; .*Worded for schools and colleges, as every return is from one \(--template partnership-report/);
    const text = flat((await readPdf(join(dir, 'schools.pdf'))).text);
    const word = (await mammoth.extractRawText({ path: join(dir, 'schools.docx') })).value.replace(/\s+/g, ' ');
    for (const report of [text, word]) {
      // The title may break at its hyphen in the PDF.
      expect(report).toContain('Schools’ and colleges’ safeguarding self');
      expect(report).toContain('Heat map of schools by standard');
      expect(report).toContain('Where most schools fall short');
      expect(report).toContain('School profiles');
      expect(report).toContain('2 schools in all');
      // "Relevant agencies" and "multi-agency" are the law's terms (the legal sections), not the returns' makers.
      expect(report.replace(/relevant agencies|multi-agency/g, '')).not.toMatch(/agenc/i);
    }
  });

  it('keeps the agencies’ wording when a return gives no kind, or when asked for it; and gives the schools’ when asked', async () => {
    const dir = schoolsReturns(undefined);
    const [noKind, forced, asked] = await Promise.all([
      runAudit(['aggregate', 'academy.yaml', 'primary.yaml', '-o', 'no-kind.pdf'], { cwd: dir }),
      runAudit(['aggregate', 'academy.yaml', 'academy.yaml', '-o', 'forced.pdf', '--template', 'partnership-report'], { cwd: dir }),
      runAudit(['aggregate', 'academy.yaml', 'primary.yaml', '-o', 'asked.pdf', '--template', 'schools'], { cwd: dir }),
    ]);
    expect(noKind.code, noKind.stderr).toBe(0);
    expect(noKind.stdout).toMatch(/^Wrote no-kind\.pdf: 2 agencies, /);
    expect(noKind.stdout).not.toContain('Worded for schools');
    expect(flat((await readPdf(join(dir, 'no-kind.pdf'))).text)).toContain('Heat map of agencies by standard');
    expect(forced.code, forced.stderr).toBe(0);
    expect(flat((await readPdf(join(dir, 'forced.pdf'))).text)).toContain('Partner agencies’ safeguarding self');
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).not.toContain('Worded for schools');
    expect(flat((await readPdf(join(dir, 'asked.pdf'))).text)).toContain('Heat map of schools by standard');
  });
});
