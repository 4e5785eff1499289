import type { DisclosureCounts } from '../disclosure/run.js';
import { CODES } from '../diagnostics/codes.js';
import { MARKER_MEANING } from '../mapping/markers.js';
import type { ConvertResult } from '../run/convert.js';
import { allRecords, dataRows, type ConvertSummary } from '../run/summary.js';
import { bytes, n, plural, rel } from './format.js';

/** The summary a statistician reads after a conversion: every record accounted for. */
export function summaryText(id: string, s: ConvertSummary): string {
  const r = s.records;
  const parts = [
    r.title && plural(r.title, 'title row'),
    r.header && plural(r.header, 'header row'),
    plural(dataRows(r), 'data row'),
    r.blank && plural(r.blank, 'blank row'),
    r.notes && plural(r.notes, 'notes row'),
  ].filter(Boolean);
  const rejected = [...s.rejectedByCode].map(([code, count]) => `${n(count)} ${code} ${CODES[code].title}`);
  const markers = [...s.markers].sort((a, b) => b[1] - a[1]).map(([c, count]) => `[${c}] ${MARKER_MEANING[c]}: ${n(count)}`);
  const omitted = [...s.omitted].map(([why, count]) => `${why}: ${n(count)}`);
  const secs = s.durationMs / 1000;
  const lines = [
    `${id}  ←  ${rel(s.csv)}${s.encoding ? ` (${s.encoding})` : ''}`,
    `  records       ${n(allRecords(r))} = ${parts.join(' + ')}${r.unread ? ' (stopped early: the rest was not read)' : ''}`,
    `  data rows     ${n(dataRows(r))} read: ${n(r.converted)} converted, ${n(r.rejected)} rejected${rejected.length ? ` (${rejected.join('; ')})` : ''}${r.filtered ? `, ${n(r.filtered)} left out by the filter` : ''}`,
    s.linkset ? `  links         ${n(s.subjects)}, ${n(s.triples)} triples` : s.csvw ? `  subjects      ${n(s.subjects)}, ${n(s.triples)} triples` : `  observations  ${n(s.subjects)}, ${n(s.triples)} triples${r.merged ? `; ${plural(r.merged, 'row')} combined with an earlier row of the same key` : ''}`,
    `  markers       ${markers.length ? markers.join('; ') : 'none'}`,
  ];
  if (omitted.length) lines.push(`  left out      ${omitted.join('; ')}`);
  if (s.validation) {
    const broken = [...s.validation].sort((a, b) => b[1] - a[1]).map(([rule, count]) => `${rule}: ${n(count)}`);
    const scope = s.wholeGraph ? 'observation checks, all 21 integrity constraints and the SHACL shapes on the whole graph' : 'the observation shapes on every observation as it was written; all 21 integrity constraints on the structure and on each code used';
    lines.push(`  validation    ${broken.length ? `${broken.join('; ')}` : `no violations (${scope})`}`);
  } else lines.push(s.csvw ? '  validation    cells read by their datatypes, primary key unique (when the metadata gives one); no Data Cube structure to check' : s.linkset ? '  validation    none: a lookup table written as links is not a Data Cube' : s.written || !r.unread ? '  validation    skipped (--no-validate)' : '  validation    not run: the run stopped early');
  if (s.disclosure) lines.push(`  disclosure    ${disclosureLine(s.disclosure)}`);
  if (s.outputs.length || s.tables?.length) lines.push(`  written       ${[...s.outputs, ...(s.tables ?? [])].map((o) => `${rel(o.path)} (${bytes(o.bytes)})`).join(', ')}`);
  else if (!s.written) lines.push('  written       nothing (the run failed; see the errors above)');
  lines.push(`  time          ${secs.toFixed(2)} s${secs > 0 ? `, ${n(Math.round(dataRows(r) / secs))} rows/s` : ''}`);
  return lines.join('\n');
}

/** What disclosure control found, as a statistician reads it. */
function disclosureLine(d: DisclosureCounts): string {
  const problems = [
    d.smallCounts ? `${plural(d.smallCounts, 'count')} below ${d.threshold} published` : '',
    d.recoverable ? `${n(d.recoverable)} of ${plural(d.suppressed, 'suppressed cell')} can be worked out` : '',
    d.notAddingUp ? `${plural(d.notAddingUp, 'total')} not adding up` : '',
    d.ratesDisagreeing ? `${plural(d.ratesDisagreeing, 'rate')} disagreeing with its counts` : '',
    d.smallGroups ? `${plural(d.smallGroups, 'combination')} of quasi-identifiers with fewer than k people` : '',
    d.dominated ? `${plural(d.dominated, 'amount')} dominated by ${d.dominated === 1 ? 'its' : 'their'} largest rows` : '',
  ].filter(Boolean);
  const suggestion = d.suggested ? `; ${plural(d.suggested.cells, 'cell')} to suppress (${plural(d.suggested.people, 'person', 'people')})${d.suggested.protected ? '' : ', which do not protect every cell'}` : '';
  const applied = d.applied ? `${plural(d.applied.cells, 'cell')} (${plural(d.applied.people, 'person', 'people')}) written as [c]; then ` : '';
  if (problems.length) return `${applied}${problems.join('; ')} (see the warnings)${suggestion}`;
  const groups = (d.smallGroups === 0 ? '; every combination of quasi-identifiers held by at least k people' : '') + (d.dominated === 0 ? '; no amount dominated by its largest rows' : '');
  const safe = `${plural(d.suppressed, 'suppressed cell')}, none pinned closer than ${n(d.protection)}; ${plural(d.totals, 'total')} adding up${groups}`;
  return d.applied ? `${applied}safe: ${safe}` : `no count below ${d.threshold} published; ${safe}`;
}

/** The machine-readable form of one conversion. */
export function summaryJson(result: ConvertResult, exitCode: number): Record<string, unknown> {
  const s = result.summary;
  return {
    mapping: result.model?.file,
    dataset: result.model?.dataset,
    status: result.status,
    exitCode,
    ...(s
      ? {
          csv: s.csv,
          encoding: s.encoding,
          records: { ...s.records, total: allRecords(s.records), dataRows: dataRows(s.records) },
          rejectedByCode: Object.fromEntries(s.rejectedByCode),
          observations: s.subjects,
          triples: s.triples,
          markers: Object.fromEntries(s.markers),
          omitted: Object.fromEntries(s.omitted),
          validation: s.validation ? Object.fromEntries(s.validation) : null,
          ...(s.disclosure ? { disclosure: s.disclosure } : {}),
          outputs: s.outputs,
          ...(s.tables ? { tables: s.tables } : {}),
          written: s.written,
          durationMs: s.durationMs,
        }
      : {}),
  };
}
