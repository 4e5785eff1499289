import { changed, type DatasetChanges, type ObservationChange, type ReleaseChanges } from './changes.js';
import { cellText } from './change-log.js';
import { displayValue, localName } from './observation.js';
import { grouped } from '../diagnostics/numbers.js';

const n = grouped;
const releaseName = (r: ReleaseChanges['previous']): string => r.version ?? (r.catalog ? localName(r.catalog) : r.dir);
const SHOWN_CODES = 8;

const HEAD = ['dataset', 'status', 'added', 'removed', 'revised', 'markers', 'codes'];

/** One row per dataset: what changed, in numbers (the first two columns text, the rest counts). */
function tableRows(changes: ReleaseChanges): string[][] {
  return changes.datasets.map((d) => [d.id, statusText(d), n(d.counts.added), n(d.counts.removed), n(d.counts.revised), n(d.counts.markerChanged), n(d.codes.reduce((a, c) => a + c.added.length + c.removed.length, 0) + d.concepts.added.length + d.concepts.removed.length + d.concepts.relabelled.length)]);
}

/** The rows aligned for a terminal. */
function table(changes: ReleaseChanges): string[] {
  const rows = tableRows(changes);
  const width = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i < 2 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(HEAD), ...rows.map(line)];
}

function statusText(d: DatasetChanges): string {
  if (d.status === 'new') return 'new dataset';
  if (d.status === 'dropped') return 'dropped';
  if (d.status === 'structure-changed') return 'new structure';
  return changed(d) ? 'changed' : 'unchanged';
}

const keyText = (c: ObservationChange): string => c.key.map(([dim, v]) => (dim === 'measureType' ? displayValue(v) : `${dim}=${displayValue(v)}`)).join(' ');

function changeText(c: ObservationChange): string {
  if (c.kind === 'added') return `${keyText(c)}: ${cellText(c.after) || '(no value)'}`;
  if (c.kind === 'removed') return `${keyText(c)}: was ${cellText(c.before) || '(no value)'}`;
  return `${keyText(c)}: ${cellText(c.before) || '(no value)'} → ${cellText(c.after) || '(no value)'}`;
}

const LABEL: Readonly<Record<ObservationChange['kind'], string>> = { revised: 'value revised', marker: 'marker changed', added: 'added', removed: 'removed' };

/** What changed in one dataset, with a few examples of each kind. */
function details(d: DatasetChanges): string[] {
  if (!changed(d) || d.status === 'new' || d.status === 'dropped') return [];
  const out = [`${d.id}:`];
  if (d.structure) out.push(`  structure     dimensions added: ${d.structure.added.join(', ') || 'none'}; dropped: ${d.structure.removed.join(', ') || 'none'} (every observation counts as removed and added)`);
  for (const kind of ['revised', 'marker', 'added', 'removed'] as const) {
    const shown = d.examples.filter((c) => c.kind === kind);
    const total = d.counts[kind === 'marker' ? 'markerChanged' : kind];
    if (!total) continue;
    out.push(`  ${LABEL[kind]} (${n(total)}${total > shown.length ? `, first ${shown.length} shown` : ''}):`);
    for (const c of shown) out.push(`    ${changeText(c)}`);
  }
  for (const c of d.codes) {
    const list = (xs: readonly string[]): string => `${xs.slice(0, SHOWN_CODES).join(', ')}${xs.length > SHOWN_CODES ? ` and ${n(xs.length - SHOWN_CODES)} more` : ''}`;
    out.push(`  codes of ${c.dimension}: ${[c.added.length && `now used ${list(c.added)}`, c.removed.length && `no longer used ${list(c.removed)}`].filter(Boolean).join('; ')}`);
  }
  const k = d.concepts;
  if (k.added.length) out.push(`  code-list concepts added (${n(k.added.length)}): ${k.added.slice(0, SHOWN_CODES).map(localName).join(', ')}`);
  if (k.removed.length) out.push(`  code-list concepts removed (${n(k.removed.length)}): ${k.removed.slice(0, SHOWN_CODES).map(localName).join(', ')}`);
  for (const r of k.relabelled.slice(0, SHOWN_CODES)) out.push(`  relabelled ${localName(r.concept)}: "${r.before}" → "${r.after}"`);
  return out;
}

/** The report a statistician reads: a table of counts, then examples per dataset. */
export function changesText(changes: ReleaseChanges): string {
  const lines = [`Changes from ${releaseName(changes.previous)} to ${releaseName(changes.current)}:`, '', ...table(changes).map((l) => `  ${l}`)];
  const more = changes.datasets.flatMap(details);
  if (more.length) lines.push('', ...more);
  if (changes.datasets.some((d) => d.counts.revised)) lines.push('', 'Revised observations carry the [r] marker (sdmx-attribute:obsStatus) in the new release.');
  return lines.join('\n');
}

/** The same report as Markdown, written beside the dumps as changes.md. */
export function changesMarkdown(changes: ReleaseChanges): string {
  const md = [
    `# Changes from ${releaseName(changes.previous)} to ${releaseName(changes.current)}`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...tableRows(changes).map((r) => `| ${r.join(' | ')} |`),
  ];
  const more = changes.datasets.flatMap(details);
  if (more.length) md.push('', '```text', ...more, '```');
  md.push('', 'Every changed observation is listed in `changes/<dataset>.csv`. Revised values are marked `[r]` in the dumps.', '');
  return md.join('\n');
}

export function changesJson(changes: ReleaseChanges): Record<string, unknown> {
  return {
    previous: changes.previous,
    current: changes.current,
    datasets: changes.datasets.map((d) => ({
      ...d,
      examples: d.examples.map((c) => ({ kind: c.kind, key: Object.fromEntries(c.key.map(([k, v]) => [k, displayValue(v)])), ...(c.observation ? { observation: c.observation } : {}), ...(c.before ? { before: c.before } : {}), ...(c.after ? { after: c.after } : {}) })),
    })),
  };
}
