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
export async function locateObservations(mappingPath: string, paths: ReadonlyMap<string, string | undefined>, csv?: (model: MappingModel) => Promise<string | undefined>): Promise<Map<string, CsvOrigin>> {
  const found = new Map<string, CsvOrigin>();
  const loaded = await loadMapping(mappingPath);
  const model = loaded.model;
  if (!model || loaded.diagnostics.some((d) => d.severity === 'error')) return found;
  const mine = [...paths.keys()].filter((iri) => iri.startsWith(`${model.dataset}/`));
  if (mine.length === 0) return found;
  const wanted = new Set(mine);
  const file = csv ? await csv(model) : model.source.path;
  if (file === undefined) return found;
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

/**
 * Each violation on an observation of these mappings' datasets, with its CSV origin added
 * (line 1-based, as every report prints it). Where the dumps' metadata records the CSV a
 * release converted (PROV, with its SHA-256), the observations are traced in that file — one
 * of `sources`, the mapping's default CSV or a file of the same name beside it, whichever has
 * the recorded checksum — and a finding that cannot be traced says why.
 */
export async function traceViolations(violations: readonly Violation[], mappings: readonly string[], opts: { dumps?: readonly string[]; sources?: readonly string[] } = {}): Promise<Violation[]> {
  const paths = new Map<string, string | undefined>();
  for (const v of violations) if (!v.source && !paths.has(v.focus)) paths.set(v.focus, v.path);
  if (paths.size === 0) return [...violations];
  const { recordedSources, findSource } = await import('../validate/provenance.js');
  const recorded = recordedSources(opts.dumps ?? []);
  const untraced = new Map<string, string>();
  const traced = new Set<string>();
  const csvOf = async (model: MappingModel): Promise<string | undefined> => {
    traced.add(model.dataset);
    const record = recorded.get(model.dataset);
    if (!record) return model.source.path;
    const found = await findSource(record, opts.sources ?? [], model.source.path);
    if (!found) untraced.set(model.dataset, `the release converted ${record.title} (SHA-256 ${record.sha256.slice(0, 12)}…), which is not ${model.source.path} nor beside it; give it with --source`);
    return found;
  };
  const origins = new Map<string, CsvOrigin>();
  for (const m of mappings) for (const [iri, at] of await locateObservations(m, paths, csvOf)) origins.set(iri, at);
  return violations.map((v) => {
    if (v.source) return v;
    const at = origins.get(v.focus);
    if (at) return { ...v, source: { file: at.file, line: at.line + 1, ...(at.column ? { column: at.column } : {}) } };
    const why = [...untraced].find(([ds]) => v.focus.startsWith(`${ds}/`))?.[1]
      ?? ([...recorded.keys()].find((ds) => v.focus.startsWith(`${ds}/`) && !traced.has(ds)) ? 'no mapping of its data set was given (--mapping) or found in mappings/' : undefined);
    return why ? { ...v, untraced: why } : v;
  });
}
