// Benchmark of the Excel returns: `audit export` and `audit import` of a 1,000-criterion return,
// and `audit aggregate` of 200 filled .xlsx returns of a 100-criterion framework. Aims: each
// return under 1 s; the 200 under 10 s. Figures also as ratios to bare `node -e 0`, measured in
// the same run.
//
//   node bench/xlsx.mjs
// or from bench/run.mjs: import { benchXlsx } from './xlsx.mjs'.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { generateAudit, generateFramework, writeAuditFixture } from './fixtures.mjs';
import { cpuOfNode, row, timeCommand } from './timing.mjs';

const BIN = fileURLToPath(new URL('../bin/audit.js', import.meta.url));
const node = process.execPath;
const flag = (ok) => (ok ? 'aim met' : 'AIM MISSED');

/** 200 returns as agencies send them back: workbooks made by the tool's own renderer, filled. */
async function writeWorkbookReturns(dir, count) {
  const { importSources } = await import('../scripts/import-sources.mjs');
  const { buildReturnForm, renderReturnWorkbook } = await importSources({
    buildReturnForm: 'src/core/return-form.ts',
    renderReturnWorkbook: 'src/render/xlsx/return.ts',
  });
  const framework = generateFramework(10, 10, 'bench-returns');
  writeFileSync(join(dir, 'bench-returns.yaml'), stringify(framework));
  mkdirSync(join(dir, 'returns'));
  for (let n = 1; n <= count; n++) {
    const audit = generateAudit(framework, 'bench-returns', `Agency ${String(n).padStart(3, '0')}`, n);
    const form = buildReturnForm(framework, { organisation: audit.organisation, period: audit.period, createdBy: 'bench', created: '2026-01-01' }, audit.responses);
    writeFileSync(join(dir, 'returns', `agency-${String(n).padStart(3, '0')}.xlsx`), await renderReturnWorkbook(form, { created: new Date(0), creator: 'bench' }));
  }
  return join(dir, 'returns');
}

export async function benchXlsx() {
  const lines = ['Excel returns (aims: export and import of a 1,000-criterion return each under 1 s; aggregate of 200 returns under 10 s)'];
  const env = { ...process.env, NO_COLOR: '1' };
  const bare = timeCommand(node, ['-e', '0'], { env, runs: 20 });
  const bareCpu = cpuOfNode(['-e', '0'], { env, runs: 11 });
  const ratio = (stats) => `${(stats.median / bare.median).toFixed(1)}x node -e 0`;
  // CPU time too: on a loaded machine the wall clock says more about the other work than about ours.
  const cpu = (args, options = {}) => {
    const ms = cpuOfNode(args, { env, ...options });
    return `CPU ${ms.toFixed(0)} ms (${(ms / bareCpu).toFixed(1)}x)`;
  };
  lines.push(row('node -e 0', bare, `CPU ${bareCpu.toFixed(0)} ms`));

  const fixture = writeAuditFixture(20, 50);
  try {
    const workbook = join(fixture.dir, 'return.xlsx');
    const exportArgs = [BIN, 'export', fixture.audit, '-o', workbook, '--force'];
    const exported = timeCommand(node, exportArgs, { env, runs: 7 });
    lines.push(row('audit export (1,000 criteria)', exported, `${ratio(exported)}, ${cpu(exportArgs)}, ${flag(exported.median < 1000)}`));
    const importArgs = [BIN, 'import', workbook, '-o', join(fixture.dir, 'back.yaml'), '--force'];
    const imported = timeCommand(node, importArgs, { env, runs: 7 });
    lines.push(row('audit import (1,000 criteria)', imported, `${ratio(imported)}, ${cpu(importArgs)}, ${flag(imported.median < 1000)}`));
  } finally {
    rmSync(fixture.dir, { recursive: true, force: true });
  }

  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-xlsx-'));
  try {
    const returns = await writeWorkbookReturns(dir, 200);
    const aggregateArgs = [BIN, 'aggregate', returns, '--format', 'json'];
    const aggregateEnv = { ...env, AUDIT_STANDARDS_PATH: dir };
    const aggregate = timeCommand(node, aggregateArgs, { env: aggregateEnv, runs: 3, warmup: 1 });
    const aggregateCpu = cpu(aggregateArgs, { env: aggregateEnv, runs: 3 });
    lines.push(row('audit aggregate of 200 .xlsx returns (100 criteria)', aggregate, `${ratio(aggregate)}, ${aggregateCpu}, ${flag(aggregate.median < 10_000)}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchXlsx());
