/**
 * Why the machine refused to make or write a file, in words, by the error's code: shared by the
 * writer (src/io/atomic-write.ts) and the lock (src/io/lock.ts), which cannot import each other.
 */
export const WRITE_FAILURE_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for the disk',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is a file, not a folder',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ELOOP: 'a loop of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error',
  ETXTBSY: 'the file is in use',
  EBUSY: 'the file is in use',
  EXDEV: 'the folder is on another disk',
  EMFILE: 'too many open files',
};
