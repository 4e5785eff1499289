import { current, watch, type Activity } from '../run/activity.js';
import { grouped } from '../diagnostics/numbers.js';

/** A one-line progress bar on a terminal's stderr; silent when not a TTY or with --quiet. */
export interface ProgressState {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

const WIDTH = 24;

/**
 * Reading a CSV: a bar of the bytes read, the rows and rows/s. Once the rows are read, the
 * line names the phase under way instead (checks, metadata, five stars), so the bar never
 * sits at 100% while work goes on.
 */
export function startProgress(label: string, state: ProgressState, enabled: boolean): () => void {
  const started = Date.now();
  return drawing(enabled, () => {
    const a = current();
    if (a) return activityText(a);
    const frac = state.totalBytes > 0 ? Math.min(1, state.bytesRead / state.totalBytes) : 0;
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(state.rows / secs) : 0;
    const rows = `${grouped(state.rows)} rows`;
    // Every byte read is not the end: the last rows and the dumps are still being written.
    if (frac >= 1) return `${label}: ${rows} read; writing the dumps …`;
    return `${label} ${bar(frac)}  ${rows}  ${grouped(rate)} rows/s`;
  });
}

/** The phase under way, whatever the command (validate, diff, publish, query, a release's last steps). */
export function showActivity(enabled: boolean): () => void {
  return drawing(enabled, () => {
    const a = current();
    return a ? activityText(a) : undefined;
  });
}

/** A phase as a line: its name, a bar when its total is known (never full before it ends), its count and time. */
export function activityText(a: Activity): string {
  const secs = ((Date.now() - a.started) / 1000).toFixed(1);
  const count = a.unit ? `  ${amount(a.done, a.unit)}${a.total !== undefined ? ` of ${amount(a.total, a.unit)}` : ''}` : '';
  const frac = a.total ? Math.min(0.99, a.done / a.total) : undefined;
  return `${a.name}${frac !== undefined ? ` ${bar(frac)}` : ' …'}${count}  ${secs} s`;
}

function bar(frac: number): string {
  const filled = Math.round(frac * WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%`;
}

function amount(n: number, unit: string): string {
  if (unit === 'bytes') return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} kB`;
  return `${grouped(n)} ${unit}`;
}

/** Redraws `text()` on stderr every 100 ms while it gives a line; clears it when stopped. */
function drawing(enabled: boolean, text: () => string | undefined): () => void {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return () => {};
  let shown = false;
  const draw = (): void => {
    const t = text();
    if (t === undefined) {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
      return;
    }
    stream.write(`\r${t.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`);
    shown = true;
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  const unwatch = watch(draw);
  return () => {
    clearInterval(timer);
    unwatch();
    if (shown) stream.write('\r\x1b[K');
  };
}
