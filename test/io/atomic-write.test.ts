import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditError } from '../../src/errors.js';
import { writeAll, writeFileAtomically } from '../../src/io/atomic-write.js';
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

  // The fault of write-file-atomic 7.0.1: one write call, its count of bytes never looked at.
  it('writes every byte however few each write takes, and calls a write of nothing a full disk', async () => {
    const bytes = Buffer.from('x'.repeat(10_000));
    const written: Buffer[] = [];
    const short = {
      write: async (buffer: Uint8Array, offset: number, length: number) => {
        const n = Math.min(length, 4096); // a nearly full disk takes a page at a time
        written.push(Buffer.from(buffer.subarray(offset, offset + n)));
        return { bytesWritten: n, buffer };
      },
    };
    await writeAll(short as never, bytes);
    expect(Buffer.concat(written).equals(bytes)).toBe(true);

    let calls = 0;
    const full = {
      write: async (buffer: Uint8Array, _offset: number, length: number) => ({ bytesWritten: calls++ === 0 ? Math.min(length, 4096) : 0, buffer }),
    };
    const err = await writeAll(full as never, bytes).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  });
});
