// npm run bench: the figures the issues set aims for, measured on this machine.
// Not a test: numbers are printed, and an aim missed is flagged, never failed.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeAuditFixture } from './fixtures.mjs';
import { row, timeCommand } from './timing.mjs';

const BIN = fileURLToPath(new URL('../bin/audit.js', import.meta.url));
const node = process.execPath;
const env = { ...process.env, NO_COLOR: '1' };
const flag = (ok) => (ok ? 'aim met' : 'AIM MISSED');

console.log(`audit benchmarks on node ${process.version}, ${process.platform}/${process.arch}\n`);

const { runStartupBenchmark } = await import('./startup.mjs');
runStartupBenchmark();

console.log('\nGap analysis of a 1,000-criterion audit (aim: under 300 ms)');
const fixture = writeAuditFixture(20, 50);
try {
  for (const format of ['json', 'table', 'csv']) {
    const stats = timeCommand(node, [BIN, 'gap', fixture.audit, '--format', format], { env });
    console.log(row(`audit gap --format ${format}`, stats, flag(stats.median < 300)));
  }
  const rate = timeCommand(node, [BIN, 'rate', fixture.audit, 'S10-25', '--rating', '2', '--evidence', 'Re-rated'], { env });
  console.log(row('audit rate (rewrite of the 1,000-criterion file)', rate));
} finally {
  rmSync(fixture.dir, { recursive: true, force: true });
}

console.log('\nPartnership aggregate (aim: under 5 s on one core)');
const { benchAggregate } = await import('./aggregate.mjs');
console.log(benchAggregate());

console.log('');
const { benchTrend } = await import('./trend.mjs');
console.log(benchTrend());

console.log('');
const { runReportBenchmark } = await import('./report.mjs');
await runReportBenchmark();

console.log('');
const { benchXlsx } = await import('./xlsx.mjs');
console.log(await benchXlsx());
