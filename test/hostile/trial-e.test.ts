/**
 * What an independent attack on the editing commands found (findings/trial-e.md), each proven
 * through the built CLI on real files: an edit never leaves an audit that no command reads
 * again, or one other YAML readers refuse; names are one plain line; a signing key is the
 * signer's alone and a verifier is never handed it; a new audit is a regular file.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, isCleanError, read, runAudit, workspace } from '../helpers/cli.js';

const files = () => ({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });

describe('an edit that would make the audit too large to read', () => {
  it('is refused, exit 2, and the audit is left as it was', async () => {
    const big = fixture('mini-audit.yaml').replace('    evidence: Report went to Cabinet in March.', `    evidence: "${'a'.repeat(7_900_000)}"`);
    const dir = workspace({ ...files(), 'audit.yaml': big });
    const added = await runAudit(['rate', 'audit.yaml', 'W-1', '--evidence', '-'], { cwd: dir, input: 'b'.repeat(500_000) });
    expect(added.code, added.stderr).toBe(2);
    expect(added.stderr).toMatch(/^audit: audit\.yaml: the audit would be 8\.0 MB, more than the 8 MB an audit file may be, so no command could read it again; nothing was written/);
    expect(isCleanError(added.stderr)).toBe(true);
    expect(read(dir, 'audit.yaml')).toBe(big);
    // The audit still reads: the refusal kept it within what every command opens.
    expect((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).code).toBe(0);
  });
});

describe('text outside YAML printable characters', () => {
  it('is written escaped, so the audit stays YAML every reader takes, and reads back the same', async () => {
    const dir = workspace(files());
    // DEL, C1 CSI, NEL, a line separator and a noncharacter: none may reach the file raw.
    const evidence = 'Seen \u007f by \u009b[31m panel \u0085 twice\u2028then \ufffe end';
    const rated = await runAudit(['rate', 'audit.yaml', 'W-1', '--rating', '2', '--evidence', evidence, '--action', `Fix ${evidence}`], { cwd: dir });
    expect(rated.code, rated.stderr).toBe(0);
    const text = read(dir, 'audit.yaml');
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/);
    expect(text).toContain('evidence: "Seen \\x7f by \\x9b[31m panel \\x85 twice\\u2028then \\uFFFE end"');
    const json = JSON.parse((await runAudit(['gap', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout) as { criteria: { criterion: string; evidence?: string }[] };
    expect(json.criteria.find((c) => c.criterion === 'W-1')?.evidence).toBe(evidence);
    // And the strict reader of the next edit takes it too.
    expect((await runAudit(['rate', 'audit.yaml', 'W-2', '--rating', '3'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'audit.yaml')).toContain('\\x9b[31m');
  });
});

describe('a framework\'s words in the comments of a new audit', () => {
  it('leave out controls, separators and bidi controls, which a comment cannot escape', async () => {
    // A statement pasted from a Windows-1252 document read as Latin-1 (U+0092 for an apostrophe), with an override and a separator.
    const framework = fixture('mini-framework.yaml').replace('text: A senior lead for safeguarding is named.', 'text: "The board\u0092s senior lead \u202eis named\u2028by the board."');
    const dir = workspace({ 'mini-framework.yaml': framework });
    const made = await runAudit(['new', '--framework', 'mini-framework.yaml', '--org', 'Borsetshire', '--period', '2025-26', '-o', 'new.yaml'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    const text = read(dir, 'new.yaml');
    expect(text).toContain('  # L-1: The board s senior lead  is named by the board.\n');
    expect(text).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
  });
});

describe('names on the record are one plain line', () => {
  it('refuses control characters and line breaks in --org, --period, --assessor, --owner, a panel --by and a return\'s --return-to, as sign does', async () => {
    const dir = workspace(files());
    const before = read(dir, 'audit.yaml');
    const tries: [string[], string][] = [
      [['new', '--framework', 'mini-framework.yaml', '--org', 'Borset\u001b[31mshire', '--period', '2025-26', '-o', 'n1.yaml'], '--org'],
      [['new', '--framework', 'mini-framework.yaml', '--org', 'Borsetshire', '--period', '2025-26\u202e', '-o', 'n2.yaml'], '--period'],
      [['new', '--framework', 'mini-framework.yaml', '--org', 'Borsetshire', '--period', '2025-26', '--assessor', 'Jo\nBloggs', '-o', 'n3.yaml'], '--assessor'],
      [['rate', 'audit.yaml', 'W-1', '--rating', '2', '--owner', 'HR\rlead'], '--owner'],
      [['moderate', 'audit.yaml', 'W-1', '--rating', '2', '--note', 'n', '--by', 'Panel\u0085chair'], '--by'],
      // A blank return's names head the workbook and come back into the audit it is imported as.
      [['export', '--framework', 'mini-framework.yaml', '--org', 'Borset\u001b[2Jshire', '--period', '2025-26', '-o', 'n4.xlsx'], '--org'],
      [['export', '--framework', 'mini-framework.yaml', '--org', 'Borsetshire', '--period', '2025\n26', '-o', 'n5.xlsx'], '--period'],
      [['export', '--framework', 'mini-framework.yaml', '--org', 'Borsetshire', '--period', '2025-26', '--assessor', 'Jo\u2028Bloggs', '-o', 'n6.xlsx'], '--assessor'],
      [['export', 'audit.yaml', '--return-to', 'Sam\rPatel', '-o', 'n7.xlsx'], '--return-to'],
    ];
    for (const [args, flag] of tries) {
      const result = await runAudit(args, { cwd: dir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toBe(`audit: ${flag} must be plain text on one line, without control characters or line breaks\n`);
    }
    expect(read(dir, 'audit.yaml')).toBe(before);
    expect(readdirSync(dir).filter((name) => name.startsWith('n'))).toEqual([]);
  });
});

describe('signing keys', () => {
  const pems = () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, pub: publicKey.export({ type: 'spki', format: 'pem' }) as string };
  };
  const SIGN = ['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS', '--force'];

  it.skipIf(process.platform === 'win32')('refuses a private key other users can read, and takes it once it is the signer’s alone', async () => {
    const { key } = pems();
    const dir = workspace({ ...files(), 'key.pem': key });
    chmodSync(join(dir, 'key.pem'), 0o644);
    const before = read(dir, 'audit.yaml');
    const open = await runAudit([...SIGN, '--key', 'key.pem'], { cwd: dir });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/^audit: key\.pem: signing key can be read or changed by every user of this computer \(mode 644\), so a signature with it would not show who signed: make it yours alone \(chmod 600 /);
    expect(read(dir, 'audit.yaml')).toBe(before);
    chmodSync(join(dir, 'key.pem'), 0o640);
    expect((await runAudit([...SIGN, '--key', 'key.pem'], { cwd: dir })).stderr).toContain('can be read or changed by its group (mode 640)');
    chmodSync(join(dir, 'key.pem'), 0o600);
    const signed = await runAudit([...SIGN, '--key', 'key.pem'], { cwd: dir });
    expect(signed.code, signed.stderr).toBe(0);
  });

  it('refuses the private key where the public key is asked for, and says what is wrong with a key', async () => {
    const { key } = pems();
    const dir = workspace({ ...files(), 'key.pem': key, 'noise.pem': '\u0000\u0001binary' });
    chmodSync(join(dir, 'key.pem'), 0o600);
    expect((await runAudit([...SIGN, '--key', 'key.pem'], { cwd: dir })).code).toBe(0);
    const given = await runAudit(['verify', 'audit.yaml', '--public-key', 'key.pem'], { cwd: dir });
    expect(given.code).toBe(2);
    expect(given.stderr).toMatch(/^audit: key\.pem: public key is a private key: verify with the public key only/);
    expect(given.stdout).toBe('');
    const binary = await runAudit(['verify', 'audit.yaml', '--public-key', 'noise.pem'], { cwd: dir });
    expect(binary.stderr).toBe('audit: noise.pem: public key is not a key file in PEM form (text starting -----BEGIN)\n');
    const empty = await runAudit([...SIGN, '--key', ''], { cwd: dir });
    expect([empty.code, empty.stderr]).toEqual([2, 'audit: --key needs the path of a key file\n']);
  });

  it('does not call a signature good, bare, beside an audit that changed since', async () => {
    const { key, pub } = pems();
    const dir = workspace({ ...files(), 'key.pem': key, 'key.pub.pem': pub });
    chmodSync(join(dir, 'key.pem'), 0o600);
    expect((await runAudit([...SIGN, '--key', 'key.pem'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace(/ {2}date: "[^"]+"/, '  date: "2020-01-01T00:00:00Z"'));
    const result = await runAudit(['verify', 'audit.yaml', '--public-key', 'key.pub.pem'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^CHANGED {2}audit\.yaml: .*\n {2}- the sign-off record itself was edited/);
    expect(result.stdout).toContain('  Key: signature good on the sign-off as it was made, which this file no longer matches (see above)\n');
  });

  it('says a passphrase is wrong rather than asking for it again', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const dir = workspace({ ...files(), 'locked.pem': privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'right' }) as string });
    chmodSync(join(dir, 'locked.pem'), 0o600);
    const wrong = await runAudit([...SIGN, '--key', 'locked.pem'], { cwd: dir, env: { AUDIT_SIGNING_KEY_PASSPHRASE: 'wrong' } });
    expect([wrong.code, wrong.stderr]).toEqual([2, 'audit: locked.pem: signing key is encrypted and the passphrase in AUDIT_SIGNING_KEY_PASSPHRASE does not open it\n']);
    expect((await runAudit([...SIGN, '--key', 'locked.pem'], { cwd: dir, env: { AUDIT_SIGNING_KEY_PASSPHRASE: 'right' } })).code).toBe(0);
  });
});

describe('where a new audit goes', () => {
  it.skipIf(process.platform === 'win32')('refuses a device as -o, even with --force, rather than report it created', async () => {
    const dir = workspace(files());
    const result = await runAudit(['new', '--framework', 'section-11', '--org', 'Borsetshire', '--period', '2025-26', '--force', '-o', '/dev/null'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([3, 'audit: /dev/null: not written: it is a device, and an audit is a regular file; nothing was changed\n']);
    expect(result.stdout).toBe('');
  });

  it('shortens a long organisation in the default file name', async () => {
    const dir = workspace(files());
    const org = `${'Borsetshire and Felpersham '.repeat(10)}Safeguarding Partnership`;
    const result = await runAudit(['new', '--framework', 'mini-framework.yaml', '--org', org, '--period', '2025-26'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const made = readdirSync(dir).filter((name) => name.startsWith('borsetshire-'));
    expect(made).toHaveLength(1);
    expect(made[0]!.length).toBeLessThanOrEqual(100);
    expect(made[0]).toMatch(/^borsetshire-and-felpersham-[a-z-]+[a-z]-mini-2025-26\.yaml$/);
    expect(read(dir, made[0]!)).toContain(`organisation: ${org}`);
  });
});

describe('an audit that cannot be changed', () => {
  it.skipIf(process.platform === 'win32')('a read-only audit is not replaced by an edit, even as root: exit 3', async () => {
    const dir = workspace(files());
    chmodSync(join(dir, 'audit.yaml'), 0o444);
    const before = read(dir, 'audit.yaml');
    const result = await runAudit(['rate', 'audit.yaml', 'W-1', '--rating', '2'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([3, 'audit: audit.yaml: not changed: the audit file is read-only; make it writable (chmod u+w audit.yaml) to change it\n']);
    expect(read(dir, 'audit.yaml')).toBe(before);
    expect(statSync(join(dir, 'audit.yaml')).mode & 0o777).toBe(0o444);
  });

  it.skipIf(process.getuid?.() !== 0)('a lock that cannot be made says why in words, not an error code', () => {
    const dir = workspace(files());
    chmodSync(dir, 0o755);
    for (const name of ['audit.yaml', 'mini-framework.yaml']) chmodSync(join(dir, name), 0o644);
    // As nobody, in a folder of root's: the audit is readable, no lock can be made beside it.
    const result = spawnSync(process.execPath, [BIN, 'rate', 'audit.yaml', 'W-1', '--rating', '2'], { cwd: dir, uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/^audit: .*audit\.yaml\.lock: the lock for this audit could not be created \(permission denied\), so nothing was changed\n$/);
    expect(existsSync(join(dir, 'audit.yaml.lock'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('an audit whose name leaves no room for `.lock` is still edited, its lock named shorter', async () => {
    const name = `${'ä'.repeat(120)}-police.yaml`; // 252 bytes: FILE.lock would be 257
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), [name]: fixture('mini-audit.yaml') });
    const result = await runAudit(['rate', name, 'W-1', '--rating', '2'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, name)).toMatch(/ {2}W-1:\n {4}rating: 2\n/);
    expect(readdirSync(dir).filter((file) => file.endsWith('.lock'))).toEqual([]);
  });

  it('a UTF-16 audit is named as such, with what to do', async () => {
    const dir = workspace(files());
    writeFileSync(join(dir, 'wide.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(dir, 'audit.yaml'), 'utf8'), 'utf16le')]));
    const result = await runAudit(['gap', 'wide.yaml'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([2, 'audit: wide.yaml: audit file is UTF-16 text (as Notepad\'s "Unicode" saves it): save it as UTF-8\n']);
  });
});
