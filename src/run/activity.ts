/**
 * What the process is doing now, for a progress line: the long phases (checks, metadata,
 * five stars, reading a previous release, uploads, validation) say when they begin, how far
 * they are and when they end. The command line draws it on a terminal; nothing else reads it,
 * so with no one watching this costs a few assignments.
 */
export interface Activity {
  readonly name: string;
  /** Work done so far, in `unit`s, and the total when known (a bar, else a count). */
  done: number;
  readonly total?: number;
  readonly unit?: string;
  readonly started: number;
}

const stack: Activity[] = [];
/** Told when a phase begins or ends: much work is synchronous (a store's load, a query), so a line drawn on a timer would not show the new phase until it was over. */
const watchers = new Set<() => void>();

/** Calls `changed` whenever a phase begins or ends; returns the way to stop. */
export function watch(changed: () => void): () => void {
  watchers.add(changed);
  return () => watchers.delete(changed);
}

/** Starts a phase; nested phases show instead of their parent until they end. */
export function begin(name: string, opts: { total?: number; unit?: string } = {}): Activity {
  const a: Activity = { name, done: 0, ...(opts.total !== undefined ? { total: opts.total } : {}), ...(opts.unit ? { unit: opts.unit } : {}), started: Date.now() };
  stack.push(a);
  for (const w of watchers) w();
  return a;
}

/** Ends a phase (and any it left open). */
export function end(a: Activity): void {
  const i = stack.lastIndexOf(a);
  if (i >= 0) stack.length = i;
  for (const w of watchers) w();
}

/** Runs `work` as one phase. */
export async function during<T>(name: string, work: (a: Activity) => Promise<T> | T, opts: { total?: number; unit?: string } = {}): Promise<T> {
  const a = begin(name, opts);
  try {
    return await work(a);
  } finally {
    end(a);
  }
}

/** Runs synchronous `work` as one phase (the line is drawn when it begins, before the work blocks). */
export function doing<T>(name: string, work: () => T): T {
  const a = begin(name);
  try {
    return work();
  } finally {
    end(a);
  }
}

/** The innermost phase under way, if any. */
export function current(): Activity | undefined {
  return stack.at(-1);
}
