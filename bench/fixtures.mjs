// Generated frameworks and audits of any size, for the benchmarks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A framework of `standards` × `perStandard` criteria on a 1–4 scale, target 3. */
export function generateFramework(standards, perStandard, id = 'bench') {
  return {
    id,
    title: `Benchmark framework (${standards * perStandard} criteria)`,
    version: '1',
    source: { title: 'Generated for benchmarks' },
    scale: [1, 2, 3, 4].map((value) => ({ value, label: `Level ${value}`, description: `Description of level ${value}.` })),
    target: 3,
    standards: Array.from({ length: standards }, (_, s) => ({
      id: `S${s + 1}`,
      title: `Standard ${s + 1}`,
      criteria: Array.from({ length: perStandard }, (_, c) => ({
        id: `S${s + 1}-${c + 1}`,
        text: `Criterion ${c + 1} of standard ${s + 1}: a statement of current performance long enough to wrap in a table cell.`,
        guidance: 'What a rating at target looks like, and what to check.',
        evidenceExamples: ['A policy', 'An audit of case files'],
      })),
    })),
  };
}

/** A fully rated audit of `framework`, every third criterion below target with an action. */
export function generateAudit(framework, frameworkRef, organisation = 'Benchmark Council', seed = 0) {
  const responses = {};
  let n = seed;
  for (const standard of framework.standards) {
    for (const criterion of standard.criteria) {
      const rating = 1 + ((n * 7 + 3) % 4);
      responses[criterion.id] = {
        rating,
        evidence: `Evidence for ${criterion.id}: audit of 20 case files in March, 17 compliant.\nSupervision records sampled.`,
        ...(rating < 3 ? { action: { text: `Improve ${criterion.id}`, owner: 'Service Manager', due: '2026-06-30', status: 'open' } } : {}),
      };
      n++;
    }
  }
  return { framework: frameworkRef, organisation, period: '2025-26', assessor: 'Benchmark', responses };
}

/** Writes a framework and one audit of it into a new temporary folder; returns their paths. */
export function writeAuditFixture(standards, perStandard) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const framework = generateFramework(standards, perStandard);
  writeFileSync(join(dir, 'framework.yaml'), stringify(framework));
  writeFileSync(join(dir, 'audit.yaml'), stringify(generateAudit(framework, './framework.yaml')));
  return { dir, framework: join(dir, 'framework.yaml'), audit: join(dir, 'audit.yaml') };
}
