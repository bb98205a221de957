// Wall-clock timing of whole commands, as a user waits for them: median of repeated runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function timeCommand(command, args, { runs = 15, warmup = 3, env = process.env, cwd } = {}) {
  const samples = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (i >= warmup) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

export function row(label, stats, note = '') {
  return `${label.padEnd(48)} ${stats.median.toFixed(0).padStart(6)} ms  (min ${stats.min.toFixed(0)}, max ${stats.max.toFixed(0)})  ${note}`;
}

const PROBE = fileURLToPath(new URL('./cpu-probe.cjs', import.meta.url));

/**
 * Median CPU time (user and system, every thread) of `node ARGS`, in milliseconds: what other
 * work on a shared machine disturbs far less than the wall clock (bench/cpu-probe.cjs).
 */
export function cpuOfNode(args, { runs = 7, env = process.env, cwd } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['-r', PROBE, ...args], { env, cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    samples.push(Number(String(result.output[3]).trim()) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
