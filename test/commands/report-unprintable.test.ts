/**
 * PDF reports and the characters their fonts cannot print (trial C, finding 1): evidence that
 * names a child or parent in Arabic or Chinese script, or carries symbols and emoji. Symbols
 * and emoji print in the fallback fonts; text no font has is refused (exit 2, nothing
 * written, the file and place named) unless --unprintable placeholder asks for a marker in its
 * place. Word keeps every character. Each PDF is read back with pdf.js (test/helpers/pdf.ts).
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT, isCleanError, listFiles, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const SYMBOLS = 'Checked ✔ ☐ ☑ ★ → • ≤ ✅ 🙂 👍 👨\u200d👩\u200d👧 🇬🇧';
const NAMES = 'Met with parent محمد علي and child 李小龍 and Ψυχολόγος (Polish: Łukasz Żółć)';

const DETAILS = {
  author: { name: 'Jo Bloggs', role: 'Head of Safeguarding', telephone: '01632 960000', email: 'jo.bloggs@example.gov.uk' },
  backgroundPapers: ['Self-audit working papers'],
  consultation: 'Shared with the partnership’s panel.',
  childrensVoice: 'Children said they want the same worker.',
};

/** The Climbié example with evidence and an owner as councils write them. */
function auditWith(edits: { evidence?: Record<string, string>; owner?: Record<string, string>; organisation?: string }): string {
  const audit = parse(readFileSync(join(ROOT, 'examples/borsetshire-climbie-2003-04.yaml'), 'utf8')) as {
    organisation: string;
    responses: Record<string, { evidence?: string; action?: { owner?: string } }>;
  };
  for (const [id, text] of Object.entries(edits.evidence ?? {})) audit.responses[id]!.evidence = text;
  for (const [id, owner] of Object.entries(edits.owner ?? {})) audit.responses[id]!.action!.owner = owner;
  if (edits.organisation) audit.organisation = edits.organisation;
  return stringify(audit);
}

const COMMON = ['--details', 'details.yaml', '--meeting-date', '2004-07-21'];

describe('audit report -o FILE.pdf with characters the fonts cannot print', () => {
  it('refuses by default, writing nothing, naming the file, the criterion and field, the script and an excerpt, and what to do', async () => {
    const dir = workspace({
      'details.yaml': stringify({ ...DETAILS, author: { ...DETAILS.author, name: 'Jo Bloggs (陈静)' } }),
      'audit.yaml': auditWith({ evidence: { 'REF-2': `${NAMES} ${SYMBOLS}` }, owner: { 'ASS-5': 'অনিতা দাস, Service Manager' } }),
    });
    const result = await runAudit(['report', 'audit.yaml', '-o', 'report.pdf', ...COMMON], { cwd: dir });
    expect(result.code).toBe(2);
    expect(isCleanError(result.stderr)).toBe(true);
    expect(listFiles(dir)).toEqual(['audit.yaml', 'details.yaml']);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toContain('audit: audit.yaml: REF-2 evidence: Arabic script (محمد علي) and Chinese characters (李小龍) cannot be printed in the PDF');
    expect(lines).toContain('audit: audit.yaml: ASS-5 action.owner: Bengali script (অনিতা দাস) cannot be printed in the PDF');
    expect(lines).toContain('audit: details.yaml: author.name: Chinese characters (陈静) cannot be printed in the PDF');
    expect(result.stderr).toMatch(/the PDF was not written: .*-o REPORT\.docx.*--unprintable placeholder/s);
    // Symbols and emoji print: they are not named.
    expect(result.stderr).not.toMatch(/✔|🙂|emoji|symbols/);
  });

  it('with --unprintable placeholder writes the PDF with a marker in place of each unprintable stretch, and symbols and emoji as they are', async () => {
    const dir = workspace({ 'details.yaml': stringify(DETAILS), 'audit.yaml': auditWith({ evidence: { 'REF-2': `${NAMES} ${SYMBOLS}` } }) });
    const result = await runAudit(['report', 'audit.yaml', '-o', 'report.pdf', '--unprintable', 'placeholder', '--large-print', ...COMMON], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('note: the PDF has a marker in place of Arabic script (محمد علي) and Chinese characters (李小龍) that its fonts cannot print, in audit.yaml REF-2 evidence');
    const pdf = await readPdf(join(dir, 'report.pdf'));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Met with parent [Arabic script not printable in PDF: see the Word version or the audit] and child [Chinese characters not printable in PDF: see the Word version or the audit] and Ψυχολόγος (Polish: Łukasz Żółć)');
    for (const symbol of SYMBOLS.split(' ')) expect(text, symbol).toContain(symbol);
    // The fallback fonts are embedded (subset), and nothing is drawn as the missing glyph.
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSymbols2-Regular/);
    expect(pdf.raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji-Regular/);
  });

  it('prints symbols and emoji with no flag and no note, and checks only what the report prints (a public report has no evidence)', async () => {
    const dir = workspace({ 'details.yaml': stringify(DETAILS), 'audit.yaml': auditWith({ evidence: { 'REF-1': SYMBOLS, 'REF-2': NAMES } }) });
    const [full, open] = await Promise.all([
      runAudit(['report', 'audit.yaml', '-o', 'symbols.pdf', ...COMMON], { cwd: dir }),
      runAudit(['report', 'audit.yaml', '-o', 'public.pdf', '--public', ...COMMON], { cwd: dir }),
    ]);
    expect(full.code).toBe(2);
    expect(open.code, open.stderr).toBe(0);
    expect(open.stderr).toBe('');
    const dir2 = workspace({ 'details.yaml': stringify(DETAILS), 'audit.yaml': auditWith({ evidence: { 'REF-1': SYMBOLS } }) });
    const symbols = await runAudit(['report', 'audit.yaml', '-o', 'symbols.pdf', ...COMMON], { cwd: dir2 });
    expect(symbols.code, symbols.stderr).toBe(0);
    expect(symbols.stderr).toBe('');
    expect((await readPdf(join(dir2, 'symbols.pdf'))).text.replace(/\s+/g, ' ')).toContain(SYMBOLS);
  });

  it('refuses an emoji sequence the emoji font cannot draw as one glyph, rather than draw its parts', async () => {
    const dir = workspace({ 'details.yaml': stringify(DETAILS), 'audit.yaml': auditWith({ evidence: { 'REF-3': 'Reviewed 👍\u200d✅ by the panel' } }) });
    const result = await runAudit(['report', 'audit.yaml', '-o', 'report.pdf', ...COMMON], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('audit: audit.yaml: REF-3 evidence: emoji (👍\u200d✅) cannot be printed in the PDF');
  });

  it('keeps every character in the Word version, and refuses --unprintable for it', async () => {
    const dir = workspace({ 'details.yaml': stringify(DETAILS), 'audit.yaml': auditWith({ evidence: { 'REF-2': `${NAMES} ${SYMBOLS}` } }) });
    const [word, wrong] = await Promise.all([
      runAudit(['report', 'audit.yaml', '-o', 'report.docx', ...COMMON], { cwd: dir }),
      runAudit(['report', 'audit.yaml', '-o', 'other.docx', '--unprintable', 'placeholder', ...COMMON], { cwd: dir }),
    ]);
    expect(word.code, word.stderr).toBe(0);
    expect((await mammoth.extractRawText({ path: join(dir, 'report.docx') })).value).toContain(`${NAMES} ${SYMBOLS}`);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--unprintable is for a PDF report: Word keeps every character');
  });
});

describe('audit aggregate -o FILE.pdf with characters the fonts cannot print', () => {
  it('refuses, naming the return and where, and writes the partnership report with markers when asked', async () => {
    const returns = join(ROOT, 'examples/section-11');
    const dir = workspace({ 'details.yaml': stringify(DETAILS) });
    const first = listFiles(returns).find((name) => name.endsWith('.yaml'))!;
    const audit = parse(readFileSync(join(returns, first), 'utf8')) as { organisation: string; framework: string };
    const organisation = `${audit.organisation} (مسجد النور)`;
    // The returns name their framework by id, so they read the same from the test's folder.
    for (const name of readdirSync(returns)) if (name.endsWith('.yaml')) copyFileSync(join(returns, name), join(dir, name));
    writeFileSync(join(dir, first), stringify({ ...audit, organisation }));
    const yamls = listFiles(dir).filter((name) => name !== 'details.yaml');
    const [refused, marked] = await Promise.all([
      runAudit(['aggregate', ...yamls, '-o', 'partnership.pdf', ...COMMON], { cwd: dir }),
      runAudit(['aggregate', ...yamls, '-o', 'marked.pdf', '--unprintable', 'placeholder', ...COMMON], { cwd: dir }),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`audit: ${first}: organisation: Arabic script (مسجد النور) cannot be printed in the PDF`);
    expect(listFiles(dir)).not.toContain('partnership.pdf');
    expect(marked.code, marked.stderr).toBe(0);
    expect((await readPdf(join(dir, 'marked.pdf'))).text.replace(/\s+/g, ' ')).toContain('[Arabic script not printable in PDF: see the Word version or the audit]');
  });
});
