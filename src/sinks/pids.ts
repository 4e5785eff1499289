/** Whether a process with this id runs on this machine (a stale lock or temp file has none). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a name this tool gave a temporary file or folder (`.x.tmp-<pid>-…`, `.staging-<pid>`). */
export function pidInName(name: string): number | undefined {
  const m = /(?:\.tmp-|-staging-|\.partial-|\.old-)(\d+)(?:-|$)/.exec(name);
  return m ? Number(m[1]) : undefined;
}
