// Benchmark: `audit aggregate DIR --format json` over 1,000 audit files of a 100-criterion
// framework (10 standards of 10), as a partnership collecting Section 11 returns runs it.
// Aim: under 5 s on one core. Pinned to one core with `taskset -c 0` where available.
//
//   node bench/aggregate.mjs [--audits 1000] [--runs 5]
// or from bench/run.mjs: import { benchAggregate } from './aggregate.mjs'.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { generateAudit, generateFramework } from './fixtures.mjs';
import { row, timeCommand } from './timing.mjs';

const BIN = fileURLToPath(new URL('../bin/audit.js', import.meta.url));

/** Writes `audits` audits of one framework into a new temporary folder, as agencies' returns. */
export function writeReturns(audits, standards = 10, perStandard = 10) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-aggregate-'));
  const framework = generateFramework(standards, perStandard);
  writeFileSync(join(dir, 'framework.yaml'), stringify(framework));
  mkdirSync(join(dir, 'returns'));
  for (let n = 1; n <= audits; n++) {
    const name = `Agency ${String(n).padStart(4, '0')}`;
    const audit = generateAudit(framework, '../framework.yaml', name, n);
    writeFileSync(join(dir, 'returns', `agency-${String(n).padStart(4, '0')}.yaml`), stringify(audit));
  }
  return { dir, returns: join(dir, 'returns') };
}

export function benchAggregate({ audits = 1000, runs = 5 } = {}) {
  const { dir, returns } = writeReturns(audits);
  try {
    const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
    const [command, args] = pinned
      ? ['taskset', ['-c', '0', process.execPath, BIN, 'aggregate', returns, '--format', 'json']]
      : [process.execPath, [BIN, 'aggregate', returns, '--format', 'json']];
    const check = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (check.status !== 0) throw new Error(`audit aggregate exited ${check.status}: ${check.stderr}`);
    const agencies = JSON.parse(check.stdout).agencies.length;
    if (agencies !== audits) throw new Error(`expected ${audits} agencies in the view, got ${agencies}`);
    const stats = timeCommand(command, args, { runs, warmup: 1, env: { ...process.env, NO_COLOR: '1' } });
    const aim = stats.median < 5000 ? 'aim met' : 'AIM MISSED';
    return row(`audit aggregate: ${audits} audits × ${10 * 10} criteria, json`, stats, `${aim}${pinned ? ', one core' : ', not pinned (no taskset)'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { audits: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' } } });
  console.log('Partnership aggregate (aim: under 5 s on one core)');
  console.log(benchAggregate({ audits: Number(values.audits), runs: Number(values.runs) }));
}
