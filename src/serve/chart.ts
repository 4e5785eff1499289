/**
 * Charts drawn on the server as SVG (issue 21), so they show without JavaScript: a line of a
 * measure over time, or bars of a measure by a category. One mark (circle or bar) per
 * observation with a value, each with its own <title>; observations without a value (a
 * suppressed cell) leave a gap and are counted, never drawn as 0. Pure.
 */
import { escapeMarkup as esc } from './markup.js';

export interface ChartPoint {
  readonly label: string;
  /** Undefined: the observation has no value (suppressed or not available). */
  readonly value: number | undefined;
}

export interface ChartSpec {
  readonly kind: 'line' | 'bar';
  readonly title: string;
  readonly measure: string;
  readonly points: readonly ChartPoint[];
}

const fmt = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** Round tick steps (1, 2 or 5 × 10^k) so that about `count` ticks cover [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1]! < max) out.push(Number((out[out.length - 1]! + step).toPrecision(12)));
  return out;
}

export function chartSvg(spec: ChartSpec): string {
  return spec.kind === 'line' ? lineChart(spec) : barChart(spec);
}

function frame(width: number, height: number, spec: ChartSpec, body: string): string {
  const drawn = spec.points.filter((p) => p.value !== undefined).length;
  const desc = `${spec.measure}: ${drawn} values${drawn < spec.points.length ? `, ${spec.points.length - drawn} without a value` : ''}.`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-title chart-desc">`
    + `<title id="chart-title">${esc(spec.title)}</title><desc id="chart-desc">${esc(desc)}</desc>${body}</svg>`;
}

function lineChart(spec: ChartSpec): string {
  const W = 760;
  const H = 360;
  const m = { left: 80, right: 20, top: 20, bottom: 70 };
  const values = spec.points.flatMap((p) => (p.value === undefined ? [] : [p.value]));
  const ys = ticks(values.reduce((a, b) => Math.min(a, b), 0), values.reduce((a, b) => Math.max(a, b), 0));
  const [y0, y1] = [ys[0]!, ys[ys.length - 1]!];
  const x = (i: number): number => m.left + (spec.points.length === 1 ? (W - m.left - m.right) / 2 : (i * (W - m.left - m.right)) / (spec.points.length - 1));
  const y = (v: number): number => H - m.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - m.top - m.bottom);
  const parts: string[] = [];
  for (const t of ys) parts.push(`<line class="app-chart__grid" x1="${m.left}" x2="${W - m.right}" y1="${y(t)}" y2="${y(t)}"/><text class="app-chart__tick" x="${m.left - 8}" y="${y(t) + 5}" text-anchor="end">${esc(fmt(t))}</text>`);
  // Segments join consecutive values only: a missing value breaks the line.
  let path = '';
  spec.points.forEach((p, i) => {
    if (p.value === undefined) return;
    path += `${i > 0 && spec.points[i - 1]!.value !== undefined ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (path) parts.push(`<path class="app-chart__line" d="${path}"/>`);
  const every = Math.ceil(spec.points.length / 12);
  spec.points.forEach((p, i) => {
    if (i % every === 0 || i === spec.points.length - 1) parts.push(`<text class="app-chart__tick" x="${x(i)}" y="${H - m.bottom + 20}" text-anchor="end" transform="rotate(-35 ${x(i)} ${H - m.bottom + 20})">${esc(p.label)}</text>`);
    if (p.value !== undefined) parts.push(`<circle class="app-chart__mark" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="4"><title>${esc(`${p.label}: ${fmt(p.value)}`)}</title></circle>`);
  });
  return frame(W, H, spec, parts.join(''));
}

function barChart(spec: ChartSpec): string {
  const W = 760;
  const bar = 22;
  const gap = 8;
  const m = { left: 250, right: 70, top: 10, bottom: 30 };
  const H = m.top + m.bottom + spec.points.length * (bar + gap);
  const values = spec.points.flatMap((p) => (p.value === undefined ? [] : [p.value]));
  const xs = ticks(values.reduce((a, b) => Math.min(a, b), 0), values.reduce((a, b) => Math.max(a, b), 0));
  const [x0, x1] = [xs[0]!, xs[xs.length - 1]!];
  const x = (v: number): number => m.left + ((v - x0) / (x1 - x0 || 1)) * (W - m.left - m.right);
  const parts: string[] = [];
  for (const t of xs) parts.push(`<line class="app-chart__grid" x1="${x(t)}" x2="${x(t)}" y1="${m.top}" y2="${H - m.bottom}"/><text class="app-chart__tick" x="${x(t)}" y="${H - m.bottom + 18}" text-anchor="middle">${esc(fmt(t))}</text>`);
  spec.points.forEach((p, i) => {
    const top = m.top + i * (bar + gap);
    const label = p.label.length > 38 ? `${p.label.slice(0, 36)}…` : p.label;
    parts.push(`<text class="app-chart__label" x="${m.left - 8}" y="${top + bar / 2 + 5}" text-anchor="end">${esc(label)}</text>`);
    if (p.value === undefined) {
      parts.push(`<text class="app-chart__missing" x="${x(0) + 6}" y="${top + bar / 2 + 5}">no value</text>`);
      return;
    }
    const [a, b] = [x(Math.min(0, p.value)), x(Math.max(0, p.value))];
    parts.push(`<rect class="app-chart__mark" x="${a.toFixed(1)}" y="${top}" width="${Math.max(1, b - a).toFixed(1)}" height="${bar}"><title>${esc(`${p.label}: ${fmt(p.value)}`)}</title></rect>`);
    parts.push(`<text class="app-chart__value" x="${(b + 6).toFixed(1)}" y="${top + bar / 2 + 5}">${esc(fmt(p.value))}</text>`);
  });
  return frame(W, H, spec, parts.join(''));
}
