/**
 * The accessibility claim, proven: both committee reports (Cabinet and partnership), full and
 * public, in English and in Welsh, pass the PDF/UA-1 checker (test/tools/pdfua_check.py, see
 * its README) with no failure and no warning, and claim PDF/UA-1 in their metadata.
 *
 * The checker needs Python 3 and qpdf; `.ci/run` installs qpdf. Where they are missing the
 * checker's tests are skipped on a developer's machine and fail in CI (CI=true), so that a
 * green CI always means the checker ran. The structural checks after them read the files in
 * process and always run.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT, fixture, runAudit } from '../helpers/cli.js';
import { dictionaryStrings } from '../helpers/pdf.js';

const CHECKER = join(ROOT, 'test/tools/pdfua_check.py');
const canCheck = spawnSync('python3', ['--version']).status === 0 && spawnSync('qpdf', ['--version']).status === 0;
if (!canCheck && process.env.CI) throw new Error('the PDF/UA checker needs python3 and qpdf, and CI must run it: .ci/run installs qpdf');

const WELSH_CABINET = [
  'language: cy',
  'nation: wales',
  'reportTitle: "Hunanarchwiliad diogelu plant {period}"',
  'sections:',
  '  purpose:',
  '    heading: Diben yr adroddiad',
  '    text: |',
  "      Adrodd i {committee} ganfyddiadau hunanarchwiliad {organisation} ar gyfer {period}.",
  'labels:',
  '  contents: Cynnwys',
  '  pageOf: "Tudalen {page} o {pages}"',
  '  rag: { red: Coch, amber: Ambr, green: Gwyrdd, unrated: Heb ei raddio }',
].join('\n');

const WELSH_PARTNERSHIP = [
  'language: cy',
  'nation: wales',
  'partnership: Bwrdd Diogelu Plant Rhanbarthol',
  'labels:',
  '  contents: Cynnwys',
  '  pageOf: "Tudalen {page} o {pages}"',
  '  rag: { red: Coch, amber: Ambr, green: Gwyrdd, unrated: Heb ei raddio }',
].join('\n');

const DETAILS = stringify({
  author: { name: 'Siân Ellis', role: 'Head of Safeguarding', telephone: '01248 752000', email: 'sian.ellis@example.gov.uk' },
  portfolioHolder: 'Councillor Ann Hartley',
  backgroundPapers: ['Self-audit working papers'],
  consultation: 'The draft was shared with the partnership’s panel.',
  childrensVoice: 'Children in care said they want to keep the same social worker.',
});

interface Made {
  name: string;
  file: string;
}

let made: Made[] = [];
// Made once for every test here (the helpers' workspaces are removed after each test).
const dir = mkdtempSync(join(tmpdir(), 'audit-pdfua-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const files = {
    'details.yaml': DETAILS,
    'cymraeg.yaml': WELSH_CABINET,
    'partneriaeth.yaml': WELSH_PARTNERSHIP,
    'mini-framework.yaml': fixture('mini-framework.yaml'),
    'audit.yaml': fixture('mini-audit.yaml'),
    // Symbols and emoji drawn in the fallback fonts, beside Arabic and Chinese marked as unprintable.
    'symbols.yaml': fixture('mini-audit.yaml').replace('Report went to Cabinet in March.', '"Report went ✔ ☐ ★ → ≤ ✅ 🙂 👍 👨\u200d👩\u200d👧; parent محمد علي, child 李小龍"'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const climbie = join(ROOT, 'examples/borsetshire-climbie-2003-04.yaml');
  const returns = join(ROOT, 'examples/section-11');
  // The returns with a school's .xls beside them, left out with --skip-unreadable and named in the report.
  mkdirSync(join(dir, 'left-out'));
  for (const name of readdirSync(returns)) copyFileSync(join(returns, name), join(dir, 'left-out', name));
  writeFileSync(join(dir, 'left-out/st-stephens.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1016)]));
  const common = ['--details', 'details.yaml', '--meeting-date', '2004-07-21'];
  const runs: [string, string[]][] = [
    ['cabinet, full, English', ['report', climbie, '-o', 'cabinet.pdf', ...common]],
    ['cabinet, public, English', ['report', climbie, '-o', 'cabinet-public.pdf', '--public', ...common]],
    ['cabinet, full, Welsh', ['report', climbie, '-o', 'cabinet-cy.pdf', '--template', 'cymraeg.yaml', ...common]],
    ['cabinet, public, Welsh', ['report', climbie, '-o', 'cabinet-public-cy.pdf', '--public', '--template', 'cymraeg.yaml', ...common]],
    ['cabinet, large print', ['report', 'audit.yaml', '-o', 'large.pdf', '--large-print', ...common]],
    ['cabinet, symbols and emoji, unprintable text marked', ['report', 'symbols.yaml', '-o', 'symbols.pdf', '--unprintable', 'placeholder', ...common]],
    [
      'cabinet, direction of travel',
      ['report', join(ROOT, 'examples/section-11-2026-27/borsetshire-police.yaml'), '--history', join(ROOT, 'examples/section-11/borsetshire-police.yaml'), join(ROOT, 'examples/section-11-2024-25/borsetshire-police.yaml'), '-o', 'history.pdf', ...common],
    ],
    ['partnership, full, English', ['aggregate', returns, '-o', 'partnership.pdf', ...common]],
    ['partnership, with last period', ['aggregate', join(ROOT, 'examples/section-11-2026-27'), '--previous', returns, '-o', 'partnership-change.pdf', ...common]],
    ['partnership, public, English', ['aggregate', returns, '-o', 'partnership-public.pdf', '--public', ...common]],
    ['partnership, a file left out', ['aggregate', 'left-out', '--skip-unreadable', '-o', 'partnership-left-out.pdf', ...common]],
    ['partnership, full, Welsh', ['aggregate', returns, '-o', 'partnership-cy.pdf', '--template', 'partneriaeth.yaml', ...common]],
    ['partnership, public, Welsh', ['aggregate', returns, '-o', 'partnership-public-cy.pdf', '--public', '--template', 'partneriaeth.yaml', ...common]],
  ];
  const results = await Promise.all(runs.map(([, args]) => runAudit(args, { cwd: dir })));
  made = runs.map(([name, args], i) => {
    expect(results[i]!.code, `${name}: ${results[i]!.stderr}`).toBe(0);
    return { name, file: join(dir, args[args.indexOf('-o') + 1]!) };
  });
}, 120_000);

describe.skipIf(!canCheck)('the PDF/UA-1 checker', () => {
  it('passes every report, full and public, English and Welsh, with no failure and no warning', () => {
    for (const { name, file } of made) {
      const json = `${file}.json`;
      const run = spawnSync('python3', [CHECKER, file, '--json', json], { encoding: 'utf8' });
      expect(run.status, `${name}: ${run.stdout}${run.stderr}`).toBe(0);
      const results = JSON.parse(readFileSync(json, 'utf8')) as { id: string; status: string; evidence: string }[];
      const problems = results.filter((r) => r.status === 'FAIL' || r.status === 'WARN').map((r) => `${r.status} ${r.id}: ${r.evidence}`);
      expect(problems, name).toEqual([]);
      // The checks that matter most ran and passed, not merely were not applicable.
      for (const id of ['pdfuaid', 'word-breaks', 'list-numbering', 'bookmark-targets', 'table-structure', 'figure-alt', 'lang']) {
        expect(results.find((r) => r.id === id)?.status, `${name}: ${id}`).toBe('PASS');
      }
    }
  }, 120_000);
});

describe('the tagging, read in process', () => {
  const raw = (name: string) => readFileSync(made.find((m) => m.name === name)!.file).toString('latin1');

  it('claims PDF/UA-1 in the XMP metadata, with a title that is well-formed XML', () => {
    for (const { file } of made) {
      const text = readFileSync(file).toString('latin1');
      expect(text).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(text).toMatch(/xmlns:pdfuaid="http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/"/);
    }
  });

  it('says how each list is numbered: lettered recommendations, bullets, the numbered key', () => {
    expect(raw('cabinet, full, English')).toMatch(/\/ListNumbering \/LowerAlpha/);
    expect(raw('cabinet, full, English')).toMatch(/\/ListNumbering \/Disc/);
    expect(raw('partnership, full, English')).toMatch(/\/ListNumbering \/Decimal/);
  });

  it('opens each bookmark at its heading, and says how many a bookmark holds', () => {
    const pdf = raw('cabinet, full, English');
    const dests = [...pdf.matchAll(/\/Dest \[\d+ 0 R \/XYZ (\S+) (\S+) (\S+)\]/g)];
    expect(dests.length).toBeGreaterThan(10);
    for (const [, left, top] of dests) {
      expect(left).toBe('null');
      expect(Number(top)).toBeLessThan(842 - 60);
    }
    expect(pdf).toMatch(/\/Count -\d+/);
  });

  it('marks the English framework text of a Welsh report as English, on its structure elements', () => {
    const pdf = raw('cabinet, full, Welsh');
    expect(pdf).toMatch(/\/Lang \(cy\)/);
    const langs = dictionaryStrings(pdf, 'Lang');
    expect(langs.filter((l) => l === 'en').length).toBeGreaterThan(20);
    // The English report marks nothing as another language.
    expect(dictionaryStrings(raw('cabinet, full, English'), 'Lang').filter((l) => l !== 'en-GB')).toEqual([]);
  });

  it('says what each table is in its summary, not the caption of a figure', () => {
    const summaries = dictionaryStrings(raw('cabinet, full, English'), 'Summary');
    expect(summaries).toContain('The improvement plan: for each gap, its priority, rating against target, action, owner, due date and status as at 21 July 2004.');
    expect(summaries).toContain('The rating scale: each level, its label and what it means.');
    expect(summaries.some((s) => s.startsWith('Figure'))).toBe(false);
    expect(new Set(summaries).size).toBeGreaterThan(5);
  });
});

describe('large print', () => {
  it('sets no text below 12 pt', () => {
    // Font sizes are set in content streams, which pdfkit compresses: inflate them and read every Tf.
    const pdf = readFileSync(made.find((m) => m.name === 'cabinet, large print')!.file);
    const sizes = fontSizes(pdf);
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    const normal = fontSizes(readFileSync(made.find((m) => m.name === 'cabinet, full, English')!.file));
    expect(Math.min(...normal)).toBeGreaterThanOrEqual(9);
  });
});

/** Every font size a PDF's page content sets (the operand of Tf), from its Flate streams. */
function fontSizes(pdf: Buffer): number[] {
  const sizes: number[] = [];
  const text = pdf.toString('latin1');
  for (const match of text.matchAll(/\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      for (const tf of content.matchAll(/\/F\d+ ([\d.]+) Tf/g)) sizes.push(Number(tf[1]));
    } catch {
      // Not a content stream (a font program, an image): nothing to read.
    }
  }
  return sizes;
}

