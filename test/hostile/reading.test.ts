/**
 * Reading only what is a file: devices, FIFOs, links and odd paths wherever a file is read (an
 * audit's framework, --template, standards validate and show, a folder of returns,
 * AUDIT_STANDARDS_PATH, standard input), each refused with exit 2 naming it, never a hang, a
 * runaway read or an internal error; and nothing quoted from a file the user did not name.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';

const HEAD = 'organisation: Borsetshire County Council\nperiod: "2025-26"\nresponses: {}\n';
const auditNaming = (framework: string) => `framework: ${framework}\n${HEAD}`;

function fifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

describe('a framework path that is not a file', () => {
  it('refuses /dev/zero, /dev/urandom and a FIFO at once, naming them (exit 2)', async () => {
    const dir = workspace({ 'zero.yaml': auditNaming('/dev/zero'), 'random.yaml': auditNaming('/dev/urandom'), 'fifo.yaml': auditNaming('./framework.yaml') });
    fifo(join(dir, 'framework.yaml'));
    for (const [file, message] of [
      ['zero.yaml', /zero\.yaml:1:12: framework file \/dev\/zero is not read: a framework named by path must be a \.yaml or \.yml file/],
      ['random.yaml', /random\.yaml:1:12: framework file \/dev\/urandom is not read/],
      ['fifo.yaml', /framework file \.\/framework\.yaml is a FIFO \(named pipe\), not a file/],
    ] as const) {
      const { code, stderr } = await runAudit(['gap', file], { cwd: dir });
      expect(code, file).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it('refuses a FIFO given to --template, standards validate and standards show, and one in a folder of returns', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    fifo(join(dir, 'template.yaml'));
    mkdirSync(join(dir, 'returns'));
    writeFileSync(join(dir, 'returns', 'council.yaml'), fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml'));
    fifo(join(dir, 'returns', 'police.yaml'));
    const runs = await Promise.all([
      runAudit(['report', 'audit.yaml', '--template', './template.yaml'], { cwd: dir }),
      runAudit(['standards', 'validate', 'template.yaml', '/dev/zero'], { cwd: dir }),
      runAudit(['standards', 'show', './template.yaml'], { cwd: dir }),
      runAudit(['aggregate', 'returns'], { cwd: dir }),
    ]);
    for (const { code, stderr } of runs) {
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(/is a FIFO \(named pipe\), not (a|an audit) file|is a device, not a file/);
      expect(isCleanError(stderr)).toBe(true);
    }
    expect(runs[3]!.stderr).toBe('audit: returns/police.yaml: is a FIFO (named pipe), not an audit file\n');
  });

  it('refuses an edit, rather than wait, when a FIFO stands where the audit’s lock goes', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    fifo(join(dir, 'audit.yaml.lock'));
    const { code, stderr } = await runAudit(['rate', 'audit.yaml', 'W-3', '--rating', '2'], { cwd: dir, env: { AUDIT_LOCK_TIMEOUT: '0.2' } });
    expect(code).toBe(3);
    expect(stderr).toContain('its lock');
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
  });

  it('refuses a FIFO in AUDIT_STANDARDS_PATH rather than wait on it', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'ours'));
    fifo(join(dir, 'ours', 'local.yaml'));
    const { code, stderr } = await runAudit(['standards', 'list'], { cwd: dir, env: { AUDIT_STANDARDS_PATH: join(dir, 'ours') } });
    expect(code).toBe(2);
    expect(stderr).toContain('local.yaml: framework file is a FIFO (named pipe), not a file');
  });
});

describe('where a framework may be', () => {
  it('refuses a file outside the audit’s project without reading it, and quotes nothing of a framework it did not name', async () => {
    const outer = workspace({ 'secret.yaml': 'token: hunter2-abcdefghijklmnopqrstuvwxyz\n', '.git-credentials': 'https://user:hunter2@example.org\n' });
    mkdirSync(join(outer, 'project', 'audits'), { recursive: true });
    mkdirSync(join(outer, 'project', '.git'));
    const project = join(outer, 'project');
    writeFileSync(join(project, 'audits', 'creds.yaml'), auditNaming('../../.git-credentials'));
    writeFileSync(join(project, 'audits', 'outside.yaml'), auditNaming('../../secret.yaml'));
    writeFileSync(join(project, 'config.yaml'), 'password: hunter2-abcdefghijklmnopqrstuvwxyz\n');
    writeFileSync(join(project, 'audits', 'inside.yaml'), auditNaming('../config.yaml'));

    for (const file of ['creds.yaml', 'outside.yaml']) {
      const { code, stderr } = await runAudit(['check', `audits/${file}`], { cwd: project });
      expect(code).toBe(2);
      expect(stderr).toMatch(/framework file .* is not read: a framework named by path must be/);
      expect(stderr).not.toContain('hunter2');
    }
    // Within the repository, read, but told without a word of it: it is not the file the user named.
    const inside = await runAudit(['check', 'audits/inside.yaml'], { cwd: project });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toBe('audit: config.yaml:1:1: not a valid framework (named by the audit); see what is wrong with: audit standards validate config.yaml\n');
  });
});

describe('paths that made `audit` report an internal error (exit 70)', () => {
  it('are bad input, exit 2, the file named', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    mkdirSync(join(dir, 'returns'));
    writeFileSync(join(dir, 'returns', 'council.yaml'), fixture('mini-audit.yaml').replace('./mini-framework.yaml', '../mini-framework.yaml'));
    symlinkSync('gone.yaml', join(dir, 'returns', 'broken.yaml'));
    const deep = `framework: ./mini-framework.yaml\n${HEAD.replace('responses: {}\n', '')}x-deep:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}a:\n`).join('')}responses: {}\n`;
    writeFileSync(join(dir, 'deep.yaml'), deep);
    const long = `${'a'.repeat(300)}.yaml`;

    for (const [args, message] of [
      [['gap', 'loop-a.yaml'], /^audit: loop-a\.yaml: audit file cannot be read: a loop of symbolic links\n$/],
      [['aggregate', 'returns'], /^audit: returns\/broken\.yaml: is a symbolic link to a file that does not exist\n$/],
      [['gap', long], /^audit: a{300}\.yaml: audit file cannot be read: the name is too long\n$/],
      [['gap', 'audit.yaml/x.yaml'], /^audit: audit\.yaml\/x\.yaml: audit file not found: a part of its path is a file, not a folder\n$/],
      [['gap', 'deep.yaml'], /^audit: deep\.yaml(:\d+:\d+)?: invalid YAML: nested more than 64 levels deep\n$/],
      [['rate', 'deep.yaml', 'L-1', '--rating', '3'], /^audit: deep\.yaml(:\d+:\d+)?: invalid YAML: nested more than 64 levels deep\n$/],
    ] as const) {
      const { code, stderr } = await runAudit([...args], { cwd: dir });
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file (when not root, who reads anything)', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    chmodSync(join(dir, 'mini-framework.yaml'), 0);
    const { code, stderr } = await runAudit(['gap', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('cannot be read (permission denied)');
  });
});

describe('rate --evidence -', () => {
  it('reads at most the size limit from standard input, and only UTF-8 text', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const huge = await runAudit(['rate', 'audit.yaml', 'W-3', '--evidence', '-'], { cwd: dir, input: 'x'.repeat(9 * 1024 * 1024) });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe('audit: the evidence on standard input is more than the 8 MB allowed\n');
    const latin1 = await runAudit(['rate', 'audit.yaml', 'W-3', '--evidence', '-'], { cwd: dir, input: Buffer.from('Caf\xe9 minutes', 'latin1') });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toBe('audit: standard input: the evidence is not UTF-8 text (save it as UTF-8)\n');
    expect(read(dir, 'audit.yaml')).toBe(fixture('mini-audit.yaml'));
    const windows = await runAudit(['rate', 'audit.yaml', 'W-3', '--evidence', '-'], { cwd: dir, input: 'Minutes\r\nof the board\r\n' });
    expect(windows.code).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('  W-3:\n    evidence: |-\n      Minutes\n      of the board\n');
  });
});
