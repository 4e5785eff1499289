/**
 * What a run must undo if Ctrl-C or SIGTERM stops it: temporary files, staging folders and
 * locks. Each is registered while it exists; on the signal the undo steps run synchronously
 * (newest first) and the process exits 130 (SIGINT) or 143 (SIGTERM), as shells expect.
 */
const steps = new Map<number, () => void>();
let next = 0;
let installed = false;

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const key of [...steps.keys()].reverse()) {
    try {
      steps.get(key)!();
    } catch {
      // best effort: the next run removes what is left (by pid)
    }
  }
  steps.clear();
  process.exit(128 + SIGNALS[signal]);
}

/** Registers an undo step; returns the function that forgets it once the work is done. */
export function onInterrupt(undo: () => void): () => void {
  if (!installed) {
    installed = true;
    for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.on(signal, () => onSignal(signal));
  }
  const key = next++;
  steps.set(key, undo);
  return () => {
    steps.delete(key);
  };
}
