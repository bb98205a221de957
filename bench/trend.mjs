// Benchmark: `audit trend` over 10 periods of one organisation's audits of a 500-criterion
// framework (10 standards of 50), as a Cabinet's "is it getting better?" is answered.
// Aim: under 1 s. Also the same ten periods when the first five were made against an earlier
// edition, read onto the newest through a 500-row crosswalk; and bare `node -e 0` in the same
// run, for the ratio.
//
//   node bench/trend.mjs
// or from bench/run.mjs: import { benchTrend } from './trend.mjs'.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { generateAudit, generateFramework } from './fixtures.mjs';
import { row, timeCommand } from './timing.mjs';

const BIN = fileURLToPath(new URL('../bin/audit.js', import.meta.url));
const PERIODS = Array.from({ length: 10 }, (_, i) => `${2016 + i}-${String(17 + i).padStart(2, '0')}`);

/** Ten periods' audits in a new folder; with `editions`, the first five of edition 1 in a library with a crosswalk onto edition 2. */
function writePeriods(editions) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-trend-'));
  const current = { ...generateFramework(10, 50), version: '2', ...(editions ? { supersedes: '1' } : {}) };
  const earlier = { ...current, version: '1' };
  delete earlier.supersedes;
  mkdirSync(join(dir, 'lib', 'crosswalks'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'bench.yaml'), stringify(current));
  if (editions) {
    writeFileSync(join(dir, 'lib', 'bench@1.yaml'), stringify(earlier));
    const mappings = current.standards.flatMap((s) => s.criteria.map((c) => ({ from: c.id, to: c.id, relationship: 'equal' })));
    writeFileSync(join(dir, 'lib', 'crosswalks', 'bench-1-2.yaml'), stringify({ from: { framework: 'bench', version: '1' }, to: { framework: 'bench', version: '2' }, mappings }));
  }
  const files = PERIODS.map((period, i) => {
    const audit = { ...generateAudit(current, 'bench', 'Benchmark Council', i), period, frameworkVersion: editions && i < 5 ? '1' : '2' };
    const file = join(dir, `council-${period}.yaml`);
    writeFileSync(file, stringify(audit));
    return file;
  });
  return { dir, files: files.reverse(), env: { ...process.env, NO_COLOR: '1', AUDIT_STANDARDS_PATH: join(dir, 'lib') } };
}

export function benchTrend() {
  const lines = ['Direction of travel: audit trend over 10 periods of a 500-criterion framework (aim: under 1 s)'];
  const bare = timeCommand(process.execPath, ['-e', '0'], { runs: 15 });
  lines.push(row('node -e 0', bare));
  for (const editions of [false, true]) {
    const { dir, files, env } = writePeriods(editions);
    try {
      for (const format of ['table', 'json']) {
        const stats = timeCommand(process.execPath, [BIN, 'trend', ...files, '--format', format], { env, runs: 10 });
        const label = `audit trend --format ${format}${editions ? ', 5 via a crosswalk' : ''}`;
        lines.push(row(label, stats, `${(stats.median / bare.median).toFixed(1)}x bare node, ${stats.median < 1000 ? 'aim met' : 'AIM MISSED'}`));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(benchTrend());
