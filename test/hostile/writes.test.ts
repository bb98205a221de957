/**
 * Writes that never lie: every writer of the CLI on a nearly full disk of our own (a tmpfs,
 * mounted when the tests run as root, as CI does), onto devices, FIFOs and links, and after a
 * run killed mid-write. Complete, or exit 3 with the old file untouched. Where no disk can be
 * mounted, test/io/atomic-write.test.ts proves the same of the writer with an injected short
 * write.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statfsSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { fixture, isCleanError, listFiles, runAudit, workspace } from '../helpers/cli.js';

const asRoot = process.getuid?.() === 0;

/** A temporary file as a write by process `pid` names it (README: hidden, computer, process, random, .partial). */
const temporaryName = (base: string, pid: number) =>
  `.${base}.${createHash('sha256').update(hostname()).digest('hex').slice(0, 6)}-${pid}-${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}.partial`;
const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
});

/** A folder on a tmpfs of `kilobytes`, or undefined where none can be mounted. */
function smallDisk(kilobytes: number): string | undefined {
  const dir = workspace();
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir]);
  if (mount.status !== 0) return undefined;
  mounted.push(dir);
  return dir;
}

/** Fills the disk holding `dir` until `free` bytes are left: a little room, not none. */
function leaveFree(dir: string, free: number): void {
  const filler = join(dir, 'filler');
  if (!existsSync(filler)) writeFileSync(filler, '');
  truncateSync(filler, 0);
  const { bavail, bsize } = statfsSync(dir);
  const room = Number(bavail) * Number(bsize);
  writeFileSync(filler, Buffer.alloc(Math.max(0, room - free), 'x'));
}

/** A framework of 60 criteria, so that a new audit of it is larger than the room left. */
function bigFramework(): string {
  const criteria = Array.from({ length: 60 }, (_, i) => `      - id: C-${i + 1}\n        text: Criterion ${i + 1} is met in every service, with evidence the board has seen this year.\n`).join('');
  return fixture('mini-framework.yaml').replace(/standards:\n[\s\S]*$/, `standards:\n  - id: BIG\n    title: Big\n    criteria:\n${criteria}`);
}

const long = (n: number) => 'Evidence of a long note. '.repeat(Math.ceil(n / 25)).slice(0, n);

describe('a nearly full disk', () => {
  it.skipIf(!asRoot)('makes every writer exit 3 and leave the old file as it was, and no temporary file', async () => {
    const dir = smallDisk(512);
    if (!dir) return;
    mkdirSync(join(dir, 'returns'));
    writeFileSync(join(dir, 'mini-framework.yaml'), fixture('mini-framework.yaml'));
    writeFileSync(join(dir, 'big-framework.yaml'), bigFramework());
    const audit = fixture('mini-audit.yaml').replace('  W-2:\n', `  W-2:\n    rating: 2\n    evidence: ${long(12_000)}\n`);
    writeFileSync(join(dir, 'audit.yaml'), audit);
    writeFileSync(join(dir, 'returns', 'audit.yaml'), audit.replace('./mini-framework.yaml', '../mini-framework.yaml'));
    for (const old of ['report.pdf', 'check.xml', 'partnership.pdf', 'new.yaml']) writeFileSync(join(dir, old), `the earlier ${old}\n`);

    const writers: [string, string[]][] = [
      ['audit.yaml', ['rate', 'audit.yaml', 'W-3', '--rating', '1', '--evidence', long(12_000)]],
      ['audit.yaml', ['moderate', 'audit.yaml', 'L-1', '--rating', '2', '--note', long(12_000), '--by', 'Panel']],
      ['audit.yaml', ['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS']],
      ['new.yaml', ['new', '--framework', './big-framework.yaml', '--org', 'Org', '--period', '2025-26', '-o', 'new.yaml', '--force']],
      ['report.pdf', ['report', 'audit.yaml', '-o', 'report.pdf']],
      ['check.xml', ['check', 'audit.yaml', '--format', 'junit', '-o', 'check.xml']],
      ['partnership.pdf', ['aggregate', 'returns', '-o', 'partnership.pdf']],
    ];
    for (const [target, args] of writers) {
      const before = readFileSync(join(dir, target));
      leaveFree(dir, 4096);
      const files = listFiles(dir);
      const { code, stderr } = await runAudit(args, { cwd: dir });
      expect(code, `${args[0]}: ${stderr}`).toBe(3);
      expect(stderr, args[0]).toMatch(/could not be written \(the disk is full\); any previous file there is unchanged/);
      expect(isCleanError(stderr)).toBe(true);
      expect(readFileSync(join(dir, target)).equals(before), `${args[0]} changed ${target}`).toBe(true);
      expect(listFiles(dir), `${args[0]} left a file behind`).toEqual(files);
    }
  });
});

describe('a disk full to the last byte', () => {
  it.skipIf(!asRoot)('makes every edit exit 3 naming the disk, and leaves no lock behind to refuse the next edit', async () => {
    const dir = smallDisk(256);
    if (!dir) return;
    writeFileSync(join(dir, 'mini-framework.yaml'), fixture('mini-framework.yaml'));
    writeFileSync(join(dir, 'audit.yaml'), fixture('mini-audit.yaml'));
    const edits = [
      ['rate', 'audit.yaml', 'W-3', '--rating', '1'],
      ['moderate', 'audit.yaml', 'L-1', '--rating', '2', '--note', 'Seen', '--by', 'Panel'],
      ['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'],
      ['new', '--framework', './mini-framework.yaml', '--org', 'Org', '--period', '2025-26', '-o', 'audit.yaml', '--force'],
    ];
    for (const args of edits) {
      leaveFree(dir, 0);
      const files = listFiles(dir);
      const { code, stderr } = await runAudit(args, { cwd: dir });
      expect(code, `${args[0]}: ${stderr}`).toBe(3);
      expect(stderr, args[0]).toContain(`the disk holding ${dir} is full`);
      expect(isCleanError(stderr)).toBe(true);
      expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(fixture('mini-audit.yaml'));
      expect(listFiles(dir), `${args[0]} left a file behind`).toEqual(files);
    }
    // Room again: the next edit goes ahead, no lock in its way.
    truncateSync(join(dir, 'filler'), 0);
    const rate = await runAudit(edits[0]!, { cwd: dir });
    expect(rate.code, rate.stderr).toBe(0);
  });
});

describe('-o onto what is not a regular file', () => {
  // Devices of our own making, never the machine's: a build with the fault would replace them.
  it.skipIf(!asRoot)('writes into a full device (as /dev/full) as a full disk: exit 3, the device still a device', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    expect(spawnSync('mknod', [join(dir, 'full'), 'c', '1', '7']).status).toBe(0);
    const { code, stderr } = await runAudit(['check', 'audit.yaml', '--format', 'json', '-o', 'full'], { cwd: dir });
    expect(code).toBe(3);
    expect(stderr).toMatch(/full: could not be written \(the disk is full\)/);
    expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
  });

  it.skipIf(!asRoot)('writes into a device without replacing it, and refuses a FIFO and a folder', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    expect(spawnSync('mknod', [join(dir, 'null-device'), 'c', '1', '3']).status).toBe(0);
    expect(spawnSync('mkfifo', [join(dir, 'pipe.xml')]).status).toBe(0);
    mkdirSync(join(dir, 'folder.xml'));

    const device = await runAudit(['check', 'audit.yaml', '--format', 'junit', '-o', 'null-device'], { cwd: dir });
    expect(device.code).toBe(1); // the gate's verdict: written, into the device
    expect(lstatSync(join(dir, 'null-device')).isCharacterDevice()).toBe(true);

    for (const [name, kind] of [['pipe.xml', 'a FIFO'], ['folder.xml', 'a directory']]) {
      const { code, stderr } = await runAudit(['check', 'audit.yaml', '--format', 'junit', '-o', name!], { cwd: dir });
      expect(code, name).toBe(3);
      expect(stderr).toContain(`not written: it is ${kind}`);
    }
    expect(lstatSync(join(dir, 'pipe.xml')).isFIFO()).toBe(true);
  });
});

describe('-o through a link', () => {
  it('never overwrites an input through a symbolic or hard link (exit 2), nor follows a link anywhere (exit 3)', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml'), 'elsewhere.txt': 'not ours\n' });
    symlinkSync('audit.yaml', join(dir, 'to-audit.pdf'));
    symlinkSync('mini-framework.yaml', join(dir, 'to-framework.xml'));
    linkSync(join(dir, 'audit.yaml'), join(dir, 'hard.pdf'));
    symlinkSync('elsewhere.txt', join(dir, 'to-elsewhere.xml'));

    for (const [args, what] of [
      [['report', 'audit.yaml', '-o', 'to-audit.pdf'], 'the audit file'],
      [['report', 'audit.yaml', '-o', 'hard.pdf'], 'the audit file'],
      [['check', 'audit.yaml', '-o', 'to-framework.xml'], "the audit's framework file"],
    ] as const) {
      const { code, stderr } = await runAudit([...args], { cwd: dir });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(`is ${what}`);
    }
    const elsewhere = await runAudit(['check', 'audit.yaml', '-o', 'to-elsewhere.xml'], { cwd: dir });
    expect(elsewhere.code).toBe(3);
    expect(elsewhere.stderr).toContain('it is a symbolic link, and audit never writes through a link');
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe(fixture('mini-audit.yaml'));
    expect(readFileSync(join(dir, 'mini-framework.yaml'), 'utf8')).toBe(fixture('mini-framework.yaml'));
    expect(readFileSync(join(dir, 'elsewhere.txt'), 'utf8')).toBe('not ours\n');
    expect(lstatSync(join(dir, 'to-elsewhere.xml')).isSymbolicLink()).toBe(true);
  });
});

describe('temporary files', () => {
  it('are hidden, end in .partial, and are removed by the next write when the run that made them was killed', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const killed = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const leftover = temporaryName('report.pdf', killed);
    const live = temporaryName('other.pdf', process.pid);
    expect(leftover).toMatch(/^\.report\.pdf\.[0-9a-f]{6}-\d+-[0-9a-f]{8}\.partial$/);
    writeFileSync(join(dir, leftover), 'Part 2 evidence, half written');
    writeFileSync(join(dir, live), 'a write under way');

    expect((await runAudit(['report', 'audit.yaml', '-o', 'report.pdf'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([live, 'audit.yaml', 'mini-framework.yaml', 'report.pdf'].sort());
  });
});
