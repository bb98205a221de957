import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditError } from '../../src/errors.js';
import { writeFileAtomically } from '../../src/io/atomic-write.js';
import { workspace } from '../helpers/cli.js';

describe('writeFileAtomically', () => {
  it('replaces a file whole and leaves no temporary file behind', async () => {
    const dir = workspace({ 'audit.yaml': 'old\n' });
    await writeFileAtomically(join(dir, 'audit.yaml'), 'new\n');
    expect(readFileSync(join(dir, 'audit.yaml'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['audit.yaml']);
  });

  it('fails with exit status 3 and a reason, leaving what was there untouched', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'report.pdf'));
    writeFileSync(join(dir, 'report.pdf', 'keep.txt'), 'kept');
    const err = await writeFileAtomically(join(dir, 'report.pdf'), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditError);
    expect((err as AuditError).exitCode).toBe(3);
    expect((err as AuditError).message).toMatch(/report\.pdf: not written: it is a directory, and audit writes only regular files; nothing was changed/);
    expect(readdirSync(dir)).toEqual(['report.pdf']);
    expect(readFileSync(join(dir, 'report.pdf', 'keep.txt'), 'utf8')).toBe('kept');

    const missing = await writeFileAtomically(join(dir, 'no', 'such', 'dir.yaml'), 'x').catch((e: unknown) => e);
    expect((missing as AuditError).message).toContain('its folder does not exist');
  });
});
