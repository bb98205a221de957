// Wall-clock timing of whole commands, as a user waits for them: median of repeated runs.
import { spawnSync } from 'node:child_process';

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
