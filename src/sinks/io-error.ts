/**
 * A write that failed, named by the file the user asked for (not its temporary name) and said
 * in words: a full disk is "no space left", not `ENOSPC: no space left on device, write`.
 */
export class OutputError extends Error {
  readonly code: string | undefined;
  constructor(readonly path: string, cause: unknown) {
    super(describeWriteFailure(path, cause));
    this.code = (cause as NodeJS.ErrnoException)?.code;
  }
}

export function describeWriteFailure(path: string, cause: unknown): string {
  if (cause instanceof OutputError) return cause.message;
  const e = cause as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOSPC':
      return `no space left on the device holding ${path}`;
    case 'EDQUOT':
      return `disk quota exceeded writing ${path}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied writing ${path}`;
    case 'EROFS':
      return `${path} is on a read-only file system`;
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return `cannot write ${path}: a file or folder of that name is in the way`;
    case 'ENAMETOOLONG':
      return `cannot write ${path}: the name is too long for the file system`;
    case 'EIO':
      return `input/output error writing ${path} (a failing disk or network share)`;
    default:
      return `cannot write ${path}: ${String(e?.message ?? cause).replace(/^E[A-Z]+: /, '')}`;
  }
}

/** Whether an error came from the file system (and so is the user's to fix, not a bug). */
export function isFileSystemError(err: unknown): boolean {
  return err instanceof OutputError || (typeof (err as NodeJS.ErrnoException)?.code === 'string' && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code!) && typeof (err as NodeJS.ErrnoException).syscall === 'string');
}

/** A failure of the machine's resources (a full disk, a quota, a failing device), not of the command line. */
export function outOfSpace(err: unknown): boolean {
  const code = err instanceof OutputError ? err.code : (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO';
}
