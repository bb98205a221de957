/**
 * Messages that say what happened in our words, naming where: verify never heads a signature
 * that is not good with UNCHANGED; a damaged workbook is named by sheet and cell, not by a
 * library's TypeError or "2:208: disallowed character"; YAML faults are told in our words at
 * their line and column, not the parser's ("With stringKeys, all keys must be strings").
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, runAudit, workspace } from '../helpers/cli.js';
import { buildZip, workbookParts } from '../helpers/zip.js';

function miniAudit(): string {
  return workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
}

describe('verify with a key the sign-off was not signed with', () => {
  it('heads the result NOT VERIFIED, never UNCHANGED, and exits 1', async () => {
    const dir = miniAudit();
    const pem = (kind: 'signer' | 'other') => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      // The signer's alone, as openssl genpkey makes it: sign refuses a key others can read.
      writeFileSync(join(dir, `${kind}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      writeFileSync(join(dir, `${kind}.pub.pem`), publicKey.export({ type: 'spki', format: 'pem' }));
    };
    pem('signer');
    pem('other');
    const signed = await runAudit(['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS', '--key', 'signer.pem'], { cwd: dir });
    expect(signed.code, signed.stderr).toBe(0);
    const good = await runAudit(['verify', 'audit.yaml', '--public-key', 'signer.pub.pem'], { cwd: dir });
    expect([good.code, good.stdout.split('  ')[0]]).toEqual([0, 'UNCHANGED']);
    const other = await runAudit(['verify', 'audit.yaml', '--public-key', 'other.pub.pem'], { cwd: dir });
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/^NOT VERIFIED {2}audit\.yaml: its content is as signed off by Jane Smith/);
    expect(other.stdout).not.toContain('UNCHANGED');
  });
});

describe('a damaged return workbook', () => {
  async function damaged(edit: (name: string, xml: string) => string): Promise<{ dir: string; run: Awaited<ReturnType<typeof runAudit>> }> {
    const dir = miniAudit();
    expect((await runAudit(['export', 'audit.yaml', '-o', 'sent.xlsx'], { cwd: dir })).code).toBe(0);
    const parts = workbookParts(join(dir, 'sent.xlsx')).map((p) => ({ name: p.name, data: Buffer.from(edit(p.name, p.data.toString('utf8')), 'utf8') }));
    writeFileSync(join(dir, 'bad.xlsx'), buildZip(parts));
    return { dir, run: await runAudit(['import', 'bad.xlsx', '-o', 'new.yaml'], { cwd: dir }) };
  }

  it('names the sheet and cell of a shared-text number out of range', async () => {
    const { run } = await damaged((name, xml) => (name === 'xl/worksheets/sheet2.xml' ? xml.replace(/(<c r="B1"[^>]*t="s"[^>]*><v>)\d+/, '$199999') : xml));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^audit: bad\.xlsx: Return!B1: refers to shared text number 99999, but the workbook holds \d+/);
    expect(run.stderr).not.toMatch(/Cannot read|undefined|richText/);
    expect(isCleanError(run.stderr)).toBe(true);
  });

  it('names the sheet and cell, or the part, of a control character XML forbids', async () => {
    const inSheet = await damaged((name, xml) => (name === 'xl/worksheets/sheet2.xml' ? xml.replace(/(<c r="B1"[^>]*><v>\d)/, '$1\u0001') : xml));
    expect(inSheet.run.code).toBe(2);
    expect(inSheet.run.stderr).toMatch(/^audit: bad\.xlsx: its sheet "Return", cell B1, holds the control character U\+0001/);
    const inText = await damaged((name, xml) => (name === 'xl/sharedStrings.xml' ? xml.replace('<t>Criterion</t>', '<t>Crit\u0001erion</t>') : xml));
    expect(inText.run.code).toBe(2);
    expect(inText.run.stderr).toMatch(/^audit: bad\.xlsx: its part xl\/sharedStrings\.xml \(text number \d+, shown in Return!B1\) holds the control character U\+0001/);
    expect(inText.run.stderr).not.toMatch(/disallowed character|^\d+:\d+/m);
  });
});

describe('YAML faults', () => {
  it('are told in our words at their line and column', async () => {
    const cases: [string, RegExp][] = [
      ['  [L-1, L-2]:\n    rating: 1\n', /^audit: audit\.yaml:7:3: invalid YAML: a key must be plain text/],
      [`  ${'L'.repeat(1100)}:\n    rating: 1\n`, /^audit: audit\.yaml:7:3: invalid YAML: a key is more than 1,024 characters long/],
    ];
    for (const [responses, says] of cases) {
      const dir = workspace({
        'mini-framework.yaml': fixture('mini-framework.yaml'),
        'audit.yaml': `framework: ./mini-framework.yaml\norganisation: Org\nperiod: 2025-26\n# answers\nresponses:\n  L-1:\n${responses}`,
      });
      for (const command of ['gap', 'rate']) {
        const run = await runAudit(command === 'gap' ? ['gap', 'audit.yaml'] : ['rate', 'audit.yaml', 'L-1', '--rating', '2'], { cwd: dir });
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toMatch(says);
        expect(run.stderr).not.toMatch(/stringKeys|indicator|implicit/);
      }
    }
  });
});
