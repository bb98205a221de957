// Benchmark: `audit aggregate DIR --format json` over 1,000 audit files of a 100-criterion
// framework (10 standards of 10 criteria), as a partnership collecting Section 11 returns
// would run it. Prints the median wall time of several runs, pinned to one core when
// `taskset` is available. Aim: under 5 s.
//
//   node bench/aggregate.mjs [--audits 1000] [--runs 5] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    audits: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const AUDITS = Number(values.audits);
const RUNS = Number(values.runs);
const STANDARDS = 10;
const PER_STANDARD = 10;
const BIN = new URL('../bin/audit.js', import.meta.url).pathname;

/** A deterministic pseudo-random sequence, so every run measures the same files. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function frameworkYaml() {
  const lines = [
    'id: bench-100',
    'title: Benchmark framework of 100 criteria',
    'version: "1"',
    'source:',
    '  title: Generated for the benchmark',
    'scale:',
    ...[1, 2, 3, 4].flatMap((v) => [`  - value: ${v}`, `    label: Level ${v}`, `    description: Level ${v} of 4.`]),
    'target: 3',
    'standards:',
  ];
  for (let s = 1; s <= STANDARDS; s++) {
    lines.push(`  - id: S${s}`, `    title: Standard ${s} of the benchmark framework`, '    criteria:');
    for (let c = 1; c <= PER_STANDARD; c++) {
      lines.push(`      - id: S${s}-${c}`, `        text: The organisation meets requirement ${c} of standard ${s}, with evidence kept.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function auditYaml(n, next) {
  const lines = [
    '# Generated audit for the aggregate benchmark.',
    'framework: ../framework.yaml',
    'frameworkVersion: "1"',
    `organisation: Agency ${String(n).padStart(4, '0')}`,
    'period: "2025-26"',
    `assessor: Assessor ${n}`,
    'responses:',
  ];
  for (let s = 1; s <= STANDARDS; s++) {
    for (let c = 1; c <= PER_STANDARD; c++) {
      const id = `S${s}-${c}`;
      lines.push(`  # ${id}: The organisation meets requirement ${c} of standard ${s}, with evidence kept.`);
      if (next() < 0.05) {
        lines.push(`  ${id}:`);
        continue;
      }
      const rating = 1 + Math.floor(next() * 4);
      lines.push(`  ${id}:`, `    rating: ${rating}`, '    evidence: |', `      Policy reviewed ${2020 + (n % 6)}; audit of ${10 + c} case files.`, '      Minutes of the board meeting on file.');
      if (rating < 3) {
        lines.push('    action:', `      text: Close the gap in requirement ${c} of standard ${s}`, '      owner: Safeguarding lead', '      due: 2026-09-30', '      status: open');
      }
      if (next() < 0.02) lines.push('    moderated:', `      rating: ${Math.max(1, rating - 1)}`, '      note: Evidence did not support the self-rating', '      by: Partnership panel');
    }
  }
  return `${lines.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'audit-bench-aggregate-'));
try {
  const next = random(2003);
  const audits = join(dir, 'audits');
  mkdirSync(audits);
  // The framework sits beside the audits' folder; each audit names it relative to itself.
  writeFileSync(join(dir, 'framework.yaml'), frameworkYaml());
  for (let n = 1; n <= AUDITS; n++) {
    writeFileSync(join(audits, `agency-${String(n).padStart(4, '0')}.yaml`), auditYaml(n, next));
  }

  const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const command = pin ? ['taskset', ['-c', '0', process.execPath, BIN, 'aggregate', audits, '--format', 'json']] : [process.execPath, [BIN, 'aggregate', audits, '--format', 'json']];
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command[0], command[1], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      process.stderr.write(result.stderr);
      throw new Error(`audit aggregate exited ${result.status}`);
    }
    if (run === 0) {
      const view = JSON.parse(result.stdout);
      if (view.agencies.length !== AUDITS) throw new Error(`expected ${AUDITS} agencies, got ${view.agencies.length}`);
    }
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `aggregate: ${AUDITS} audits × ${STANDARDS * PER_STANDARD} criteria, --format json: median ${(median / 1000).toFixed(2)} s ` +
      `over ${RUNS} runs (${times.map((t) => (t / 1000).toFixed(2)).join(', ')})${pin ? ', pinned to one core' : ', not pinned (no taskset)'}; aim < 5 s`,
  );
} finally {
  if (values.keep) console.log(`files kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
