// What differs on Windows and macOS, tested here on Linux: the path logic with Windows paths
// (path.win32), the rename that Windows refuses while a file is open, and line breaks typed on
// Windows. What ran under Windows Node itself (Wine) is scripts/wine-check.sh.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frameworkPathFrom } from '../../src/commands/new-audit-file.js';
import { renameOver } from '../../src/io/atomic-write.js';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';

describe('the framework path an audit records', () => {
  it('is relative to the audit, with forward slashes, on Windows as on Linux', () => {
    expect(frameworkPathFrom('C:\\audits\\2025\\police.yaml', 'C:\\audits\\standards\\local.yaml', path.win32)).toBe('../standards/local.yaml');
    expect(frameworkPathFrom('C:\\audits\\police.yaml', 'C:\\audits\\local.yaml', path.win32)).toBe('./local.yaml');
    expect(frameworkPathFrom('/srv/audits/2025/police.yaml', '/srv/audits/standards/local.yaml', path.posix)).toBe('../standards/local.yaml');
  });

  it('is the absolute path of a framework on another drive (no relative path leads there)', () => {
    // It was ./D:/standards/local.yaml, which no audit could find.
    expect(frameworkPathFrom('C:\\audits\\police.yaml', 'D:\\standards\\local.yaml', path.win32)).toBe('D:/standards/local.yaml');
    expect(frameworkPathFrom('C:\\audits\\police.yaml', '\\\\fileserver\\standards\\local.yaml', path.win32)).toBe('//fileserver/standards/local.yaml');
    // …and read back as that file.
    expect(path.win32.resolve('C:\\audits', 'D:/standards/local.yaml')).toBe('D:\\standards\\local.yaml');
  });
});

describe('replacing a file that another program holds open', () => {
  const refused = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

  it('is tried again on Windows until the program lets go (a virus scanner, an indexer)', async () => {
    for (const code of ['EPERM', 'EACCES', 'EBUSY']) {
      let calls = 0;
      const rename = async () => {
        if (++calls < 3) throw refused(code);
      };
      await renameOver('a.partial', 'report.pdf', { platform: 'win32', rename, waitMs: 2000 });
      expect(calls).toBe(3);
    }
  });

  it('is reported as open in another program when Windows still refuses it, in words the user can act on', async () => {
    let calls = 0;
    const rename = async () => {
      calls++;
      throw refused('EPERM');
    };
    await expect(renameOver('a.partial', 'report.pdf', { platform: 'win32', rename, waitMs: 50 })).rejects.toMatchObject({ code: 'EINUSE' });
    expect(calls).toBeGreaterThan(1);
  });

  it('is never tried again elsewhere, where EPERM means what it says', async () => {
    let calls = 0;
    const rename = async () => {
      calls++;
      throw refused('EPERM');
    };
    for (const platform of ['linux', 'darwin'] as const) {
      await expect(renameOver('a.partial', 'report.pdf', { platform, rename, waitMs: 2000 })).rejects.toMatchObject({ code: 'EPERM' });
    }
    expect(calls).toBe(2);
  });
});

describe('line breaks typed on Windows', () => {
  it('are written to the audit as LF in an action and a moderation note, as in evidence', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const rated = await runAudit(['rate', 'audit.yaml', 'W-2', '--rating', '2', '--evidence', 'Sampled 20 files\r\n19 complete', '--action', 'Chase DBS checks\r\nReport to HR'], { cwd: dir });
    expect(rated.code).toBe(0);
    expect(rated.stdout).not.toContain('\r');
    const moderated = await runAudit(['moderate', 'audit.yaml', 'W-2', '--rating', '1', '--by', 'Chair', '--note', 'Two files\r\nlacked checks'], { cwd: dir });
    expect(moderated.code, moderated.stderr).toBe(0);
    const text = read(dir, 'audit.yaml');
    expect(text).not.toContain('\r');
    const w2 = (parse(text) as { responses: Record<string, { evidence: string; action: { text: string }; moderated: { note: string } }> }).responses['W-2']!;
    expect(w2.evidence).toBe('Sampled 20 files\n19 complete');
    expect(w2.action.text).toBe('Chase DBS checks\nReport to HR');
    expect(w2.moderated.note).toBe('Two files\nlacked checks');
  });
});
