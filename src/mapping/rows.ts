import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { NS, XSD } from '../rdf/ns.js';
import type { Aggregation, MeasureCombine, RowFilter } from './model.js';
import type { LocatedDocument } from './parse.js';
import type { RawMapping, RawRowMatch } from './raw.js';

type Report = (code: Diagnostic['code'], message: string, path: readonly (string | number)[], key?: boolean, hint?: string) => void;

/** `filter: {keep: {Column: [values]}, drop: {…}}` → one rule per column; a single value may be a string. */
export function normalizeFilters(raw: RawMapping, doc: LocatedDocument): RowFilter[] {
  const rules = (kind: 'keep' | 'drop', match: RawRowMatch | undefined): RowFilter[] =>
    Object.entries(match ?? {}).map(([name, values]) => ({
      kind,
      column: { name, span: doc.spanOf(['filter', kind, name], true) },
      values: typeof values === 'string' ? [values] : [...values],
    }));
  return [...rules('keep', raw.filter?.keep), ...rules('drop', raw.filter?.drop)];
}

/**
 * `duplicates:` → how each measure combines. `first` makes every measure take the first row;
 * `sum` adds each measure up unless its own `combine:` says otherwise. A combination that
 * cannot give a value of the measure's datatype is a mapping error (JL120).
 */
export function normalizeAggregation(raw: RawMapping, doc: LocatedDocument, datatypeOf: (key: string) => string, report: Report): Aggregation | undefined {
  const d = raw.duplicates;
  const measures = Object.entries(raw.measures ?? {});
  if (!d || d.combine === 'reject') {
    for (const [key, m] of measures) {
      if (m.combine !== undefined || m.weight !== undefined) {
        report('JL120', `measure '${key}' says how to combine rows with the same key, but the mapping does not combine them`, ['measures', key, m.combine !== undefined ? 'combine' : 'weight'], true,
          'Add `duplicates: {combine: sum}` at the top level, or remove the measure\'s `combine:` and `weight:`.');
      }
    }
    return undefined;
  }
  const combined: MeasureCombine[] = [];
  for (const [key, m] of measures) {
    const path = ['measures', key];
    const combine = d.combine === 'first' ? 'first' : m.combine ?? 'sum';
    const datatype = datatypeOf(key);
    const column = raw.measureColumn
      ? { name: raw.measureColumn.value, span: doc.spanOf(['measureColumn', 'value']) }
      : { name: m.column ?? '', span: doc.spanOf([...path, 'column']) };
    if (m.percent && combine === 'sum') {
      report('JL120', `measure '${key}' holds percentages, which cannot be added up`, [...path, 'percent'], true,
        'Give the measure `combine: mean` (with a `weight:` when the rows differ in size), `first`, `min` or `max`.');
      continue;
    }
    if (combine === 'mean' && datatype !== XSD.decimal && datatype !== XSD.double) {
      report('JL120', `the mean of measure '${key}' is not a whole number in general, but the measure is ${datatype.replace(NS.xsd, 'xsd:')}`, [...path, m.combine !== undefined ? 'combine' : 'column'], true,
        'Declare `datatype: xsd:decimal` on the measure, or combine it with sum, first, min or max.');
      continue;
    }
    let weight: MeasureCombine['weight'];
    if (m.weight !== undefined) {
      const w = raw.measures?.[m.weight];
      if (combine !== 'mean') report('JL120', `'weight' only applies to combine: mean, not ${combine}`, [...path, 'weight'], true, 'Remove `weight:`, or set `combine: mean`.');
      else if (!w) report('JL120', `weight '${m.weight}' is not a measure of this mapping`, [...path, 'weight'], false, `Name one of: ${measures.map(([k]) => k).join(', ')}.`);
      else if (m.weight === key) report('JL120', `measure '${key}' cannot weight itself`, [...path, 'weight'], false, 'Name the measure that counts what the mean is taken over.');
      else if (w.column === undefined) report('JL120', 'in a long table a weight is another row, so a mean cannot be weighted', [...path, 'weight'], true, 'Remove `weight:`: the mean of a long table\'s rows is unweighted.');
      else weight = { name: w.column, span: doc.spanOf(['measures', m.weight, 'column']) };
    }
    const marker = raw.measureColumn?.marker;
    combined.push({ key, column, combine, datatype, ...(weight ? { weight } : {}), ...(marker ? { markerColumn: { name: marker, span: doc.spanOf(['measureColumn', 'marker']) } } : {}) });
  }
  // A long table's measures share one value column: they must combine alike.
  if (raw.measureColumn && new Set(combined.map((c) => `${c.combine}:${c.weight?.name ?? ''}`)).size > 1) {
    report('JL120', 'the measures of a long table share the value column, so they must combine alike', ['measureColumn'], true, 'Give every measure the same `combine:` (and `weight:`), or none.');
  }
  const measuresOnce = raw.measureColumn ? combined.slice(0, 1) : combined;
  return { sorted: d.sorted ?? false, measures: measuresOnce, span: doc.spanOf(['duplicates', 'combine']) };
}
