// This process's peak resident memory in bytes. Not getrusage's maxRSS: Linux carries the
// high-water mark of the process that forked it across exec, so a child of the bench
// (spawned after the bench had generated a 350 MB CSV) reported 434 MB where its own peak
// was 223 MB. /proc's VmHWM belongs to the program's own memory since exec.
import { readFileSync } from 'node:fs';

export function peakRssBytes() {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux: getrusage's figure (exact when the parent was small).
  }
  return process.resourceUsage().maxRSS * 1024;
}
