import { foldHeader } from '../compile/columns.js';
import { compilePlan, type RowPlan, type RowStats } from '../compile/plan.js';
import { readCsv } from '../csv/read.js';
import { loadMapping } from '../mapping/load.js';
import type { MappingModel } from '../mapping/model.js';
import type { Violation } from '../validate/violation.js';

/** Where an observation came from in its CSV. */
export interface CsvOrigin {
  readonly file: string;
  /** 0-based, as diagnostics' spans. */
  readonly line: number;
  readonly column?: string;
  readonly value?: string;
}

/**
 * The CSV column a finding on an observation is about, as a header index: the column of the
 * dimension or attribute the finding names (for `firstOf`, the alternative the row used),
 * else the column of the observation's value. `index` is the observation's position among
 * the subjects one row makes. Names match the header as the compiler matches them.
 */
export function columnOf(model: MappingModel, path: string | undefined, index: number, header: readonly string[], cells: readonly string[]): number {
  const at = (name: string | undefined): number => (name === undefined ? -1 : header.findIndex((h) => foldHeader(h) === foldHeader(name)));
  const component = [...model.cube.dimensions, ...model.cube.attributes].find((d) => d.property === path);
  const variable = component && model.variables.find((x) => x.name === component.key);
  const rule = variable?.rule;
  if (rule?.kind === 'cell') return at(rule.columns[0]?.name);
  if (rule?.kind === 'firstOf') {
    const skip = new Set(rule.skip.map((s) => s.trim()));
    const used = rule.alternatives.map((a) => at(a.columns[0]?.name)).find((i) => i >= 0 && !skip.has((cells[i] ?? '').trim()));
    return used ?? at(rule.alternatives[0]?.columns[0]?.name);
  }
  const valueRule = model.subjects[index]?.triples.find((t) => t.object.kind === 'value')?.object;
  return at(valueRule?.kind === 'value' ? valueRule.value.column.name : undefined);
}

/**
 * Traces observation IRIs in a dump back to the CSV rows they came from, by running the
 * mapping's compiled plan over its CSV again and watching for those subjects (bounded memory;
 * stops once all are found). `paths` gives each IRI the property its finding is about, to
 * name the column. Used by `validate`, which sees only the RDF.
 */
export async function locateObservations(mappingPath: string, paths: ReadonlyMap<string, string | undefined>): Promise<Map<string, CsvOrigin>> {
  const found = new Map<string, CsvOrigin>();
  const loaded = await loadMapping(mappingPath);
  const model = loaded.model;
  if (!model || loaded.diagnostics.some((d) => d.severity === 'error')) return found;
  const mine = [...paths.keys()].filter((iri) => iri.startsWith(`${model.dataset}/`));
  if (mine.length === 0) return found;
  const wanted = new Set(mine);
  const file = model.source.path;
  const stats: RowStats = { subjects: 0, triples: 0, markers: new Map(), omitted: new Map() };
  let plan: RowPlan | undefined;
  let header: readonly string[] = [];
  try {
    for await (const ev of readCsv(model.source, { path: file })) {
      if (ev.kind === 'header') {
        header = ev.names;
        plan = compilePlan(model, ev.names, file).plan;
        if (!plan) return found;
      }
      if (ev.kind !== 'row' || !plan) continue;
      const subjects: string[] = [];
      plan.materialize(ev.cells, (s) => {
        if (subjects[subjects.length - 1] !== s.value) subjects.push(s.value);
      }, stats);
      subjects.forEach((subject, index) => {
        if (!wanted.delete(subject)) return;
        const at = columnOf(model, paths.get(subject), index, header, ev.cells);
        found.set(subject, { file, line: ev.line, ...(at >= 0 ? { column: header[at]!, value: ev.cells[at] ?? '' } : {}) });
      });
      if (wanted.size === 0) break;
    }
  } catch {
    // An unreadable CSV leaves the findings where they are: on their IRIs.
  }
  return found;
}

/** Each violation on an observation of these mappings' datasets, with its CSV origin added. */
export async function traceViolations(violations: readonly Violation[], mappings: readonly string[]): Promise<Violation[]> {
  const paths = new Map<string, string | undefined>();
  for (const v of violations) if (!v.source && !paths.has(v.focus)) paths.set(v.focus, v.path);
  if (paths.size === 0) return [...violations];
  const origins = new Map<string, CsvOrigin>();
  for (const m of mappings) for (const [iri, at] of await locateObservations(m, paths)) origins.set(iri, at);
  return violations.map((v) => {
    const at = v.source ? undefined : origins.get(v.focus);
    return at ? { ...v, source: { file: at.file, line: at.line, ...(at.column ? { column: at.column } : {}) } } : v;
  });
}
