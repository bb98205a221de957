// Benchmark of `audit report` on a 500-criterion audit (about 40 pages), beside the common
// alternative: writing the same content as Markdown and converting it with pandoc.
//
//   node bench/report.mjs [--runs N] [--criteria N]     (after npm run build; 500 criteria by default)
//
// Aim: the whole `audit report` command under 1 s, and at least 3 times faster than pandoc with
// xelatex on the same content, measured in the same run. Not a test: figures are printed, and an aim
// missed is flagged, never failed. The pandoc half is skipped when pandoc is not installed;
// it uses whichever PDF engines are present (Debian: apt-get install pandoc weasyprint, and
// texlive-xetex for the LaTeX route).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { timeCommand } from './timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/audit.js');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const criteriaArg = process.argv.indexOf('--criteria');
const CRITERIA = criteriaArg > 0 ? Number(process.argv[criteriaArg + 1]) : 500;
const AS_OF = '2026-03-01';

// ---------------------------------------------------------------------------------------------
// A realistic 500-criterion audit: 20 standards of 25 criteria, ratings spread over the scale,
// evidence from a line to a long paragraph (with £, é, Welsh ŵ and curly quotes), actions on
// most gaps, some overdue, some moderated.

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Audit of 20 case files in March: 17 met the standard, 3 had no recorded management oversight.',
  'The Climbié recommendations are reflected in the procedures manual, reviewed by the partnership in January.',
  'Budget of £143,000 agreed for additional social work capacity in the front door team.',
  'Supervision records sampled for 12 practitioners; all had monthly supervision with reflective discussion.',
  'Gwasanaethau Plant: the Welsh-language “Cynllun Diogelu” is available and used by the Ysgol Gŵyr cluster.',
  'Multi-agency training attendance was 84% against a target of 90%; health visitors were the lowest at 61%.',
  'The Local Safeguarding Children Board’s section 11 panel challenged the self-rating and agreed it.',
  'Referral records show telephone referrals confirmed in writing within 48 hours in 92% of cases.',
];
const OWNERS = ['Director of Children’s Services', 'Head of Safeguarding', 'Principal Social Worker', 'Service Manager, Front Door', 'Workforce Development Lead'];

export function generateBenchmark(criteria = 500, standards = 20) {
  const rand = random(2003);
  const per = Math.round(criteria / standards);
  const framework = {
    id: 'bench-report',
    title: 'Benchmark framework for the committee report',
    version: '1',
    source: { title: 'Generated for benchmarks' },
    scale: [
      { value: 1, label: 'Not in place', description: 'The practice does not exist, or there are major gaps.' },
      { value: 2, label: 'Partly in place', description: 'Some of it is in place, or practice is inconsistent.' },
      { value: 3, label: 'In place', description: 'In place and consistently practised, not yet systematically monitored.' },
      { value: 4, label: 'In place and monitored', description: 'In place, consistently practised and evidenced by systematic monitoring.' },
    ],
    target: 3,
    standards: Array.from({ length: standards }, (_, s) => ({
      id: `S${s + 1}`,
      title: ['Referral', 'Assessment', 'Allocation, service provision and closure', 'Guidance', 'Training and development', 'Organisation and management', 'Inter-agency working'][s % 7] + (s >= 7 ? ` (${Math.floor(s / 7) + 1})` : ''),
      criteria: Array.from({ length: per }, (_, c) => ({
        id: `S${s + 1}-${c + 1}`,
        text: `Statement ${c + 1} of standard ${s + 1}: practitioners record the child’s views and the manager’s decision, and the record shows why.`,
      })),
    })),
  };
  const responses = {};
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) {
      const r = rand();
      const rating = r < 0.12 ? 1 : r < 0.4 ? 2 : r < 0.85 ? 3 : 4;
      // Mostly a sentence or two; some none; a few long enough to run over a page.
      const e = rand();
      const length = e < 0.2 ? 0 : e < 0.7 ? 1 : e < 0.95 ? 2 : e < 0.99 ? 8 : 60;
      const evidence = Array.from({ length }, () => SENTENCES[Math.floor(rand() * SENTENCES.length)]).join(' ');
      const response = length ? { rating, evidence } : { rating };
      if (rating < 3 && rand() < 0.8) {
        const month = 1 + Math.floor(rand() * 12);
        response.action = {
          text: 'Re-audit a sample of case files, brief every team manager and report the findings to the partnership.',
          owner: OWNERS[Math.floor(rand() * OWNERS.length)],
          due: `2026-${String(month).padStart(2, '0')}-28`,
          status: ['open', 'in-progress', 'done'][Math.floor(rand() * 3)],
        };
      }
      if (rand() < 0.05) response.moderated = { rating: Math.max(1, rating - 1), by: 'Section 11 panel', note: 'Evidence did not show monitoring.' };
      responses[criterion.id] = response;
    }
  }
  const audit = { framework: './framework.yaml', organisation: 'Borsetshire County Council', period: '2025-26', assessor: 'Safeguarding lead', responses };
  return { framework, audit };
}

// ---------------------------------------------------------------------------------------------
// The same content as Markdown, for pandoc.

export function markdownOf(model) {
  const esc = (t) => String(t).replace(/\\/g, '\\\\').replace(/([|*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
  const out = [`---\ntitle: "${model.title.replace(/"/g, '\\"')}"\nlang: ${model.language}\n---\n`];
  out.push(`**${esc(model.cover.organisation)}** — ${esc(model.cover.part)}\n`);
  out.push('| | |\n|---|---|');
  for (const row of model.cover.rows) out.push(`| **${esc(row.label)}** | ${esc(row.value)} |`);
  out.push('');
  for (const section of model.sections) {
    out.push(`# ${esc(section.heading)}\n`);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') out.push(`${block.number ? `${block.number} ` : ''}${esc(block.text)}\n`);
      else if (block.kind === 'list') out.push(`${block.items.map((i) => `- ${esc(i.text)}`).join('\n')}\n`);
      else if (block.kind === 'subheading') out.push(`## ${block.number ? `${block.number} ` : ''}${esc(block.text)}\n`);
      else if (block.kind === 'chart') out.push(`**${esc(block.caption)}**\n\n${block.bars.map((b) => `- ${esc(b.label)}: ${esc(b.valueText)} (target ${b.target})`).join('\n')}\n`);
      else if (block.kind === 'table') {
        out.push(`| ${block.columns.map((c) => esc(c.header)).join(' | ')} |`);
        out.push(`|${block.columns.map((c) => (c.kind === 'long' ? '----------------' : c.kind === 'text' ? '--------' : '---')).join('|')}|`);
        for (const row of block.rows) out.push(`| ${row.map((cell) => esc([cell.text, cell.detail, cell.note && `(${cell.note})`].filter(Boolean).join(' '))).join(' | ')} |`);
        out.push('');
      }
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

/** Median wall time of a whole command, as a user waits for it (bench/timing.mjs). */
function time(command, args, { cwd, runs = RUNS, warmup = 1 } = {}) {
  return timeCommand(command, args, { cwd, runs, warmup, env: { ...process.env, NO_COLOR: '1' } });
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function pageCount(pdf) {
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '');
  if (pages) return Number(pages[1]);
  // Without poppler: count page objects (true of pdfkit's output, which has no object streams).
  return (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length || '?';
}

function line(label, stats, pages, note = '') {
  const ms = stats ? `${stats.median.toFixed(0).padStart(6)} ms  (min ${stats.min.toFixed(0)}, max ${stats.max.toFixed(0)})` : '     –';
  return `${label.padEnd(46)} ${ms.padEnd(30)} ${String(pages ?? '–').padStart(5)}  ${note}`;
}

/** Prints the benchmark's table; for bench/run.mjs to call, or run this file directly. */
export async function runReportBenchmark() {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-report-'));
  try {
    const { framework, audit } = generateBenchmark(CRITERIA, Math.max(1, Math.round(CRITERIA / 25)));
    writeFileSync(join(dir, 'framework.yaml'), stringify(framework));
    writeFileSync(join(dir, 'audit.yaml'), stringify(audit));

    console.log(`Committee report of a ${CRITERIA}-criterion audit (aim for 500: audit report under 1 s), median of ${RUNS} runs\n`);
    console.log(`${'what'.padEnd(46)} ${'time'.padEnd(30)} ${'pages'.padStart(5)}`);

    const report = time(process.execPath, [BIN, 'report', 'audit.yaml', '-o', 'report.pdf', '--as-of', AS_OF], { cwd: dir });
    console.log(line('audit report (whole command)', report, pageCount(join(dir, 'report.pdf')), CRITERIA !== 500 ? '' : report.median < 1000 ? 'aim met' : 'AIM MISSED'));
    const publicReport = time(process.execPath, [BIN, 'report', 'audit.yaml', '-o', 'public.pdf', '--public', '--background-paper', 'none', '--as-of', AS_OF], { cwd: dir });
    console.log(line('audit report --public', publicReport, pageCount(join(dir, 'public.pdf'))));
    const word = time(process.execPath, [BIN, 'report', 'audit.yaml', '-o', 'report.docx', '--as-of', AS_OF], { cwd: dir });
    console.log(line('audit report -o report.docx (Word)', word, undefined));

    // The Markdown the alternative starts from: the same model, so the same words and tables.
    const { importSources } = await import('../scripts/import-sources.mjs');
    const { readAudit, loadReportTemplate, buildReportModel } = await importSources({
      readAudit: 'src/io/audit-file.ts',
      loadReportTemplate: 'src/io/report-template.ts',
      buildReportModel: 'src/core/report-model.ts',
    });
    const loaded = await readAudit(join(dir, 'audit.yaml'));
    const { template } = await loadReportTemplate(undefined);
    const model = buildReportModel(loaded.framework.framework, loaded.audit, { template, isPublic: false, asOf: AS_OF });
    writeFileSync(join(dir, 'report.md'), markdownOf(model));

    if (!has('pandoc')) {
      console.log(line('pandoc (not installed: skipped)', undefined, undefined, 'apt-get install pandoc weasyprint texlive-xetex'));
      return;
    }
    const engines = [
      ['xelatex', ['-V', 'mainfont=Noto Sans', '-V', 'geometry:a4paper,margin=2cm']],
      ['weasyprint', []],
      ['wkhtmltopdf', []],
    ];
    let ran = 0;
    for (const [engine, extra] of engines) {
      if (!has(engine)) continue;
      ran++;
      const out = `pandoc-${engine}.pdf`;
      try {
        const stats = time('pandoc', ['report.md', '-o', out, `--pdf-engine=${engine}`, ...extra], { cwd: dir, runs: Math.min(RUNS, 3) });
        const ratio = stats.median / report.median;
        const aim = engine === 'xelatex' && CRITERIA === 500 ? (ratio >= 3 ? '; aim (3x) met' : '; AIM (3x) MISSED') : '';
        console.log(line(`Markdown + pandoc --pdf-engine=${engine}`, stats, pageCount(join(dir, out)), `${ratio.toFixed(1)}x audit report; untagged${aim}`));
      } catch (err) {
        console.log(line(`Markdown + pandoc --pdf-engine=${engine}`, undefined, undefined, `failed: ${String(err.message).split('\n')[0].slice(0, 80)}`));
      }
    }
    if (!ran) console.log(line('pandoc: no PDF engine installed (skipped)', undefined, undefined, 'apt-get install weasyprint or texlive-xetex'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runReportBenchmark();
