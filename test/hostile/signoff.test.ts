/**
 * A sign-off that means something: it covers the framework the ratings were judged against and
 * its own names and date, `verify` says what changed, a `__proto__` key counts, an older
 * sign-off is still checked, and a signer may add a real signature with a key they hold.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';

const files = (audit = fixture('mini-audit.yaml')) => ({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit });
const SIGN = ['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'];

describe('what a sign-off covers', () => {
  it('the framework: a target lowered or a criterion reworded after sign-off is named by verify', async () => {
    const dir = workspace(files());
    expect((await runAudit(SIGN, { cwd: dir })).code).toBe(0);
    // W-1 (rated 1) and W-2 now need less; the audit turns from red to amber on the framework alone.
    writeFileSync(
      join(dir, 'mini-framework.yaml'),
      fixture('mini-framework.yaml')
        .replace('      - id: W-2\n        text: Safer recruitment checks are made.\n', '      - id: W-2\n        text: Safer recruitment checks are made.\n        target: 2\n')
        .replace('Staff are supervised.', 'Staff are supervised now and then.'),
    );
    const { code, stdout } = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('CHANGED  audit.yaml: changed since it was signed off by Jane Smith (DCS)');
    expect(stdout).toContain('  - framework target of W-2 changed from 3 (the default) to 2\n');
    expect(stdout).toContain('  - framework wording of W-3 changed (statement, guidance or evidence examples)\n');
    const json = JSON.parse((await runAudit(['verify', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(json).toMatchObject({ status: 'changed', signed: true, passed: false, covers: ['content', 'framework', 'signoff'] });
    expect(json.changes.map((c: { part: string }) => c.part)).toEqual(['framework', 'framework']);
  });

  it('its own name, role and date: an edit of them is a change', async () => {
    const dir = workspace(files());
    await runAudit(SIGN, { cwd: dir });
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace('  by: Jane Smith', '  by: Chief Executive'));
    const { code, stdout } = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('  - the sign-off record itself was edited (its name, role, date or what it covered)');
  });

  it('a __proto__ key in an extension like any other key', async () => {
    const dir = workspace(files(fixture('mini-audit.yaml').replace('responses:\n', 'x-local:\n  __proto__:\n    note: first\nresponses:\n')));
    await runAudit(SIGN, { cwd: dir });
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace('note: first', 'note: second'));
    const { code, stdout } = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(code, stdout).toBe(1);
    expect(stdout).toContain("the audit's header changed: x-local");
  });

  it('an older sign-off, of the content alone, is still checked and said to be of the older kind', async () => {
    const dir = workspace(files());
    await runAudit(SIGN, { cwd: dir });
    const content = /^ {2}content: ([0-9a-f]{64})$/m.exec(read(dir, 'audit.yaml'))![1];
    // As audit wrote it before: by, role, date, and the content's digest as sha256.
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace(/ {2}sha256: .*\n {2}content: .*\n {2}framework:\n(?: {4}.*\n)+/, `  sha256: ${content}\n`));
    const { code, stdout } = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("it covers the audit's content only, not the framework it was judged against or the sign-off's own names and date. Sign it again to cover them.");
  });
});

describe('verify for scripts', () => {
  it('tells "not signed off" apart from "changed", and passes an unsigned audit with --allow-unsigned', async () => {
    const dir = workspace(files());
    const unsigned = JSON.parse((await runAudit(['verify', 'audit.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(unsigned).toMatchObject({ status: 'unsigned', signed: false, passed: false });
    const allowed = await runAudit(['verify', 'audit.yaml', '--allow-unsigned'], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^NOT SIGNED OFF {2}audit\.yaml/);
    await runAudit(SIGN, { cwd: dir });
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace('rating: 1\n', 'rating: 2\n'));
    const changed = await runAudit(['verify', 'audit.yaml', '--allow-unsigned', '--format', 'json'], { cwd: dir });
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.stdout)).toMatchObject({ status: 'changed', signed: true, passed: false });
  });
});

describe('a signature with a key the signer holds', () => {
  it('signs with --key and is checked with --public-key; another key or a changed file fails', async () => {
    const pem = () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, pub: publicKey.export({ type: 'spki', format: 'pem' }) as string };
    };
    const signer = pem();
    const other = pem();
    const dir = workspace({ ...files(), 'key.pem': signer.key, 'key.pub.pem': signer.pub, 'other.pub.pem': other.pub, 'rsa.pem': generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });

    // The signer's alone, as openssl genpkey makes them: sign refuses a key others can read.
    for (const key of ['key.pem', 'rsa.pem']) chmodSync(join(dir, key), 0o600);
    const signed = await runAudit([...SIGN, '--key', 'key.pem'], { cwd: dir });
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(/Signed with the Ed25519 key [0-9a-f]{16}/);
    expect(read(dir, 'audit.yaml')).toMatch(/ {2}signature:\n {4}algorithm: ed25519\n {4}key: "?[0-9a-f]{16}"?\n {4}value: "?[A-Za-z0-9+/=]+"?\n/);

    const good = await runAudit(['verify', 'audit.yaml', '--public-key', 'key.pub.pem'], { cwd: dir });
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toContain('Key: signature good');
    const wrong = await runAudit(['verify', 'audit.yaml', '--public-key', 'other.pub.pem'], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('SIGNATURE NOT GOOD: signed with another key');
    const rsa = await runAudit([...SIGN, '--force', '--key', 'rsa.pem'], { cwd: dir });
    expect(rsa.code).toBe(2);
    expect(rsa.stderr).toContain('rsa.pem: signing key is an rsa key; audit signs with Ed25519 keys');
  });
});
