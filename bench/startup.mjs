// Start-up benchmark: what every CI step and every `audit rate` in a script pays, as ratios to a
// bare `node -e 0` measured in the same rounds. The commands are run in turn, round after round
// (interleaved), so that a machine that gets busier or quieter part-way moves every figure alike.
// Wall-clock medians, as a user waits; and the CPU time (user and system, every thread), which
// other work on a shared machine disturbs far less, in rounds of its own (bench/cpu-probe.cjs).
//
//   node bench/startup.mjs [--runs 30] [--against OTHER/bin/audit.js]     (after npm run build)
//
// --against adds another build's --version, gap and check to the same rounds (a checkout of main,
// built), so that a change is measured against what it changes under the same load.
// Where NODE_EXTRA_CA_CERTS is set (as on the development machine), the rounds run twice: as
// set, and without it (environments(), below).
// Aims (issue 8): audit --version within 1.2x; audit gap and audit check of a 1,000-criterion
// audit within 2x.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeAuditFixture } from './fixtures.mjs';

const BIN = fileURLToPath(new URL('../bin/audit.js', import.meta.url));
// A real audit for comparison: the example Climbié return (62 criteria, a bundled framework).
const EXAMPLE = fileURLToPath(new URL('../examples/borsetshire-climbie-2002-03.yaml', import.meta.url));
const NODE = process.execPath;
const PROBE = fileURLToPath(new URL('./cpu-probe.cjs', import.meta.url));

/** Median and fastest wall-clock milliseconds of each command, run in interleaved rounds. */
export function timeInterleaved(commands, { runs = 30, warmup = 3, env: baseEnv = process.env } = {}) {
  const samples = commands.map(() => ({ wall: [] }));
  const env = { ...baseEnv, NO_COLOR: '1' };
  for (let round = 0; round < warmup + runs; round++) {
    for (const [i, command] of commands.entries()) {
      const start = process.hrtime.bigint();
      const result = spawnSync(NODE, command.args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      if (!(command.statuses ?? [0]).includes(result.status)) {
        throw new Error(`${command.label} exited ${result.status}: ${result.stderr}`);
      }
      if (round >= warmup) samples[i].wall.push(wall);
    }
  }
  const cpu = cpuMedians(commands, env, Math.ceil(runs / 2));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return commands.map((command, i) => ({ label: command.label, aim: command.aim, median: median(samples[i].wall), min: Math.min(...samples[i].wall), cpu: cpu?.[i] }));
}

/** Median CPU milliseconds of each command (interleaved too), each process reporting its own. */
function cpuMedians(commands, env, runs) {
  const samples = commands.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, command] of commands.entries()) {
      const result = spawnSync(NODE, ['-r', PROBE, ...command.args], { env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
      samples[i].push(Number(String(result.output[3]).trim()) / 1000);
    }
  }
  return samples.map((values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
}

/** The commands whose start-up the aims are about, run with `bin`, labelled with `label`. */
function aimedCommands(bin, audit, label = '') {
  return [
    { label: `${label}audit --version`, args: [bin, '--version'], aim: 1.2 },
    { label: `${label}audit gap (1,000 criteria) --format json`, args: [bin, 'gap', audit, '--format', 'json'], aim: 2 },
    { label: `${label}audit gap (1,000 criteria), table`, args: [bin, 'gap', audit], aim: 2 },
    { label: `${label}audit check (1,000 criteria)`, args: [bin, 'check', audit], aim: 2, statuses: [0, 1] },
    { label: `${label}audit check (1,000 criteria) --format junit`, args: [bin, 'check', audit, '--format', 'junit'], aim: 2, statuses: [0, 1] },
  ];
}

/**
 * The environments to measure in: this one, and, where it sets NODE_EXTRA_CA_CERTS, this one
 * without it. That variable makes every Node process read the certificates it names as it
 * starts (on the development machine the system's whole bundle: about 38 ms of CPU, more than a
 * bare `node -e 0` takes without it), which audit, making no network connection, never uses. It
 * adds the same to bare node and to audit, so the ratios with it understate audit's own cost;
 * machines that do not set it see the ratios without it.
 */
function environments() {
  const given = { name: 'in this environment', env: process.env };
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) return [given];
  const { NODE_EXTRA_CA_CERTS: _certificates, ...without } = process.env;
  return [{ ...given, name: 'in this environment, which sets NODE_EXTRA_CA_CERTS' }, { name: 'without NODE_EXTRA_CA_CERTS', env: without }];
}

export function runStartupBenchmark({ runs = 30, against } = {}) {
  return environments().map(({ name, env }) => runStartupRounds({ runs, against, env, name }));
}

function runStartupRounds({ runs, against, env, name }) {
  const fixture = writeAuditFixture(20, 50);
  try {
    const audit = fixture.audit;
    const results = timeInterleaved(
      [
        { label: 'node -e 0', args: ['-e', '0'] },
        ...aimedCommands(BIN, audit),
        { label: 'audit --help', args: [BIN, '--help'] },
        { label: 'audit gap (the 62-criterion example), table', args: [BIN, 'gap', EXAMPLE] },
        { label: 'audit check (the 62-criterion example)', args: [BIN, 'check', EXAMPLE], statuses: [0, 1] },
        // The other build's figures are for comparison: its aims are not this build's to meet.
        ...(against ? aimedCommands(against, audit, 'against: ').map((command) => ({ ...command, aim: undefined })) : []),
      ],
      { runs, env },
    );
    const bare = results[0];
    console.log(`\nStart-up ${name}, as ratios to bare node in the same rounds (median of ${runs} interleaved runs)`);
    for (const r of results) {
      const ratio = r.median / bare.median;
      const verdict = r.aim === undefined ? '' : ratio <= r.aim ? `aim ${r.aim}x: met` : `aim ${r.aim}x: MISSED`;
      const cpu = r.cpu === undefined ? '' : `  CPU ${r.cpu.toFixed(0).padStart(4)} ms ${(r.cpu / bare.cpu).toFixed(2)}x`;
      console.log(`${r.label.padEnd(55)} ${r.median.toFixed(0).padStart(5)} ms (min ${r.min.toFixed(0).padStart(4)}) ${ratio.toFixed(2)}x${cpu}  ${verdict}`);
    }
    return results;
  } finally {
    rmSync(fixture.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, against: { type: 'string' } } });
  runStartupBenchmark({ runs: Number(values.runs), against: values.against });
}
