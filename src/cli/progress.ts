/** A one-line progress bar on a terminal's stderr; silent when not a TTY or with --quiet. */
export interface ProgressState {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export function startProgress(label: string, state: ProgressState, enabled: boolean): () => void {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return () => {};
  const started = Date.now();
  const draw = (): void => {
    const frac = state.totalBytes > 0 ? Math.min(1, state.bytesRead / state.totalBytes) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(state.rows / secs) : 0;
    const text = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${state.rows.toLocaleString('en-GB')} rows  ${rate.toLocaleString('en-GB')} rows/s`;
    stream.write(`\r${text.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    stream.write('\r\x1b[K');
  };
}
