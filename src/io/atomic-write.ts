/**
 * Every write of a user's file goes through here: written to a temporary file beside the
 * target, flushed to disk, then renamed over it, so a crash or a full disk leaves either the
 * old file or the new one, never half of one.
 */
import writeFileAtomic from 'write-file-atomic';
import { AuditError } from '../errors.js';

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'its folder does not exist',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
};

export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, typeof data === 'string' ? data : Buffer.from(data), { fsync: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    // Exit 3: the input was fine, the machine refused the write.
    throw new AuditError(`${file}: could not be written (${REASONS[code] ?? code}); any previous file there is unchanged`, 3);
  }
}
