import { NS } from '../../rdf/ns.js';
import { grouped } from '../../diagnostics/numbers.js';
import { chartSvg, type ChartPoint } from '../chart.js';
import { figure, type Page, type Site } from '../site.js';
import { iriRef, select, type Row } from '../source.js';
import { labelsOf, localName, markersOf } from '../terms.js';

/** Rows of the observations table per page. */
export const PAGE_SIZE = 50;
/** Points a chart draws at most (more is unreadable). */
const CHART_POINTS = 120;
const REF_PERIOD = `${NS['sdmx-dimension']}refPeriod`;
const OBS_STATUS = `${NS['sdmx-attribute']}obsStatus`;
/** A total code by its label ("All offences", "Total") … */
const TOTAL = /^(all|total)\b/i;
/** … or a whole-country area (England and Wales, England, Wales, the UK, Great Britain). */
const NATIONAL = /\/statistical-geography\/(K04000001|E92000001|W92000004|K02000001|K03000001)$/;

interface Component {
  readonly iri: string;
  /** The name in the page's query string (the property's local name, made unique). */
  readonly name: string;
  readonly label: string;
}

interface Dimension extends Component {
  /** The codes the observations use, by label. */
  readonly values: readonly { readonly iri: string; readonly label: string }[];
  readonly measureType: boolean;
}

/**
 * A cube's page: a table of its observations, filtered by any dimensions (a plain form, so it
 * works without JavaScript), labels instead of codes and GSS markers with a key; and a chart of
 * one measure by one dimension with the other dimensions held at the filter's value or their
 * total ("All …") code.
 */
export async function cubePage(site: Site, dataset: string, query: URLSearchParams): Promise<Page> {
  const d = iriRef(dataset);
  const { title, measures, dimensions } = await structureOf(site, dataset);

  // The filter: a dimension's value from the query string, if it is one of its codes.
  const fixed = new Map<string, string>();
  const problems: string[] = [];
  for (const dim of dimensions) {
    const v = query.get(dim.name);
    if (v === null || v === '') continue;
    if (dim.values.some((x) => x.iri === v)) fixed.set(dim.iri, v);
    else problems.push(`${dim.label} has no value ${v.length > 80 ? `${v.slice(0, 80)}…` : v}; showing every ${dim.label.toLowerCase()}`);
  }

  // Only the filtered dimensions narrow the observations (every observation has every
  // dimension, as IC-11 requires): counting and paging join those alone, then read the page's rows.
  const filtered = dimensions.filter((dim) => fixed.has(dim.iri)).map((dim) => `?o ${iriRef(dim.iri)} ${iriRef(fixed.get(dim.iri)!)} .`).join(' ');
  const [countRow] = await select(site.source, `SELECT (COUNT(?o) AS ?n) WHERE { ?o <${NS.qb}dataSet> ${d} . ${filtered} }`, 60_000);
  const total = Number(countRow?.['n']?.value ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1));
  const rows = await select(site.source, `SELECT ?o ${dimensions.map((_, i) => `?d${i}`).join(' ')} ${measures.map((_, i) => `?m${i}`).join(' ')} WHERE {
      { SELECT ?o WHERE { ?o <${NS.qb}dataSet> ${d} . ${filtered} } ORDER BY ?o LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE} }
      ${dimensions.map((dim, i) => `OPTIONAL { ?o ${iriRef(dim.iri)} ?d${i} }`).join(' ')} ${measures.map((m, i) => `OPTIONAL { ?o ${iriRef(m.iri)} ?m${i} }`).join(' ')}
    } ORDER BY ?o`, 60_000);
  const statuses = await markersByObservation(site, rows.map((r) => r['o']!.value));
  const valueLabel = new Map(dimensions.flatMap((dim) => dim.values.map((v) => [`${dim.iri} ${v.iri}`, v.label] as const)));
  const markersSeen = new Map<string, { notation: string; meaning: string }>();
  const table = rows.map((r) => {
    const marks = statuses.get(r['o']!.value) ?? [];
    for (const m of marks) markersSeen.set(m.notation, m);
    return {
      href: site.spaces.hrefOf(r['o']!.value),
      cells: dimensions.map((dim, i) => valueLabel.get(`${dim.iri} ${r[`d${i}`]?.value}`) ?? r[`d${i}`]?.value ?? ''),
      values: measures.map((_, i) => (r[`m${i}`] ? figure(r[`m${i}`]!.value) : '')),
      markers: marks.map((m) => m.notation).join(' '),
    };
  });

  const chart = await chartOf(site, dataset, dimensions, measures, fixed, query);
  const link = (p: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `?${q.toString()}`;
  };
  return {
    template: 'cube.njk', title: `${title}: data`,
    data: {
      title, datasetHref: site.spaces.hrefOf(dataset), problems,
      dimensions: dimensions.map((dim) => ({ name: dim.name, label: dim.label, selected: fixed.get(dim.iri) ?? '', values: dim.values })),
      measures: measures.map((m) => ({ name: m.name, label: m.label })),
      rows: table, total: grouped(total), totalCount: total, page, pages,
      from: total ? grouped((page - 1) * PAGE_SIZE + 1) : '0', to: grouped(Math.min(total, page * PAGE_SIZE)),
      previous: page > 1 ? link(page - 1) : undefined, next: page < pages ? link(page + 1) : undefined,
      markers: [...markersSeen.values()].sort((a, b) => a.notation.localeCompare(b.notation)),
      chart,
      chartDimensions: dimensions.filter((x) => !x.measureType && x.values.length > 1).map((x) => ({ name: x.name, label: x.label })),
    },
  };
}

interface CubeStructure {
  readonly title: string;
  readonly measures: readonly Component[];
  readonly dimensions: readonly Dimension[];
}

/** Structures by data source and dataset: a release does not change while it is served, and reading the codes is most of a cube page's work. */
const structures = new WeakMap<object, Map<string, Promise<CubeStructure>>>();

function structureOf(site: Site, dataset: string): Promise<CubeStructure> {
  let known = structures.get(site.source);
  if (!known) structures.set(site.source, (known = new Map()));
  let s = known.get(dataset);
  if (!s) {
    s = readStructure(site, dataset);
    known.set(dataset, s);
    // A failure (a time-out, say) is not kept: the next request tries again.
    s.catch(() => known!.delete(dataset));
  }
  return s;
}

/** A cube's title, measures and dimensions with the codes its observations use, by label. */
async function readStructure(site: Site, dataset: string): Promise<CubeStructure> {
  const d = iriRef(dataset);
  const comps = await select(site.source, `PREFIX qb: <${NS.qb}>
    SELECT ?prop ?kind (MIN(?ord) AS ?order) WHERE { ${d} qb:structure/qb:component ?c .
      { ?c qb:dimension ?prop BIND("d" AS ?kind) } UNION { ?c qb:measure ?prop BIND("m" AS ?kind) } UNION { ?c qb:attribute ?prop BIND("a" AS ?kind) }
      OPTIONAL { ?c qb:order ?ord } } GROUP BY ?prop ?kind ORDER BY ?order ?prop`);
  const [titleRow] = await select(site.source, `SELECT ?t WHERE { ${d} <${NS.dcterms}title> ?t } LIMIT 1`);
  const title = titleRow?.['t']?.value ?? dataset;
  const props = comps.map((r) => r['prop']!.value);
  const labels = await labelsOf(site.source, props);
  const used = new Set<string>();
  const named = (iri: string): Component => {
    let name = localName(iri);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    return { iri, name, label: labels.get(iri) ?? name };
  };
  const dimensionIris = comps.filter((r) => r['kind']!.value === 'd').map((r) => r['prop']!.value);
  const measures = comps.filter((r) => r['kind']!.value === 'm').map((r) => named(r['prop']!.value));
  const dimensions: Dimension[] = [];
  for (const iri of dimensionIris) {
    const c = named(iri);
    const rows = await select(site.source, `SELECT DISTINCT ?v WHERE { ?o <${NS.qb}dataSet> ${d} ; ${iriRef(iri)} ?v }`, 60_000);
    const codes = rows.map((r) => r['v']!.value);
    const codeLabels = await labelsOf(site.source, codes);
    const values = codes.map((v) => ({ iri: v, label: codeLabels.get(v) ?? labels.get(v) ?? localName(v) }))
      .sort((a, b) => (iri === REF_PERIOD ? a.iri.localeCompare(b.iri) : a.label.localeCompare(b.label, 'en-GB', { numeric: true })));
    dimensions.push({ ...c, values, measureType: iri === `${NS.qb}measureType` });
  }
  return { title, measures, dimensions };
}

/** Each observation's markers: the GSS shorthand and what it means. */
async function markersByObservation(site: Site, observations: readonly string[]): Promise<Map<string, { notation: string; meaning: string }[]>> {
  const out = new Map<string, { notation: string; meaning: string }[]>();
  if (!observations.length) return out;
  const rows = await select(site.source, `SELECT ?o ?s WHERE { VALUES ?o { ${observations.map(iriRef).join(' ')} } ?o <${OBS_STATUS}> ?s } ORDER BY ?o ?s`);
  const markers = await markersOf(site.source, rows.map((r) => r['s']!.value));
  for (const r of rows) {
    const m = markers.get(r['s']!.value)!;
    const list = out.get(r['o']!.value) ?? [];
    if (!list.some((x) => x.notation === m.notation)) list.push(m);
    out.set(r['o']!.value, list);
  }
  for (const list of out.values()) list.sort((x, y) => x.notation.localeCompare(y.notation));
  return out;
}

/** The chart: one measure by one dimension, the others held at one value each (the filter's, else the total code, else the first). */
async function chartOf(site: Site, dataset: string, dimensions: readonly Dimension[], measures: readonly Component[], fixed: ReadonlyMap<string, string>, query: URLSearchParams) {
  const candidates = dimensions.filter((x) => !x.measureType && x.values.length > 1);
  if (!candidates.length || !measures.length) return undefined;
  const by = candidates.find((x) => x.name === query.get('chart')) ?? candidates.find((x) => x.iri === REF_PERIOD) ?? candidates[0]!;
  // The measure asked for, else the one the table is filtered to (by qb:measureType), else the first.
  const filteredTo = dimensions.find((x) => x.measureType && fixed.has(x.iri));
  const measure = measures.find((m) => m.name === query.get('measure')) ?? measures.find((m) => filteredTo && m.iri === fixed.get(filteredTo.iri)) ?? measures[0]!;
  // The other dimensions are held at the filter's value, else their total (national) code, else
  // their first; where no observation has that combination (sparse tables), at the coordinates
  // of the first observation that matches the filter and has the measure.
  const others = dimensions.filter((dim) => dim !== by);
  const preferred = new Map(others.map((dim) => [dim.iri, dim.measureType ? measure.iri : fixed.get(dim.iri) ?? (dim.values.find((v) => TOTAL.test(v.label) || NATIONAL.test(v.iri)) ?? dim.values[0])?.iri]));
  const chartRows = (hold: ReadonlyMap<string, string | undefined>): Promise<Row[]> => {
    const patterns = others.flatMap((dim) => (hold.get(dim.iri) ? [`?o ${iriRef(dim.iri)} ${iriRef(hold.get(dim.iri)!)} .`] : []));
    return select(site.source, `SELECT ?x (SAMPLE(?v) AS ?value) WHERE { ?o <${NS.qb}dataSet> ${iriRef(dataset)} ; ${iriRef(by.iri)} ?x . ${patterns.join(' ')} OPTIONAL { ?o ${iriRef(measure.iri)} ?v } } GROUP BY ?x`, 60_000);
  };
  let hold: ReadonlyMap<string, string | undefined> = preferred;
  let rows = await chartRows(hold);
  if (!rows.length) {
    const vars = others.map((_, i) => `?h${i}`).join(' ');
    const filter = others.flatMap((dim) => (dim.measureType ? [`?o ${iriRef(dim.iri)} ${iriRef(measure.iri)} .`] : fixed.has(dim.iri) ? [`?o ${iriRef(dim.iri)} ${iriRef(fixed.get(dim.iri)!)} .`] : [])).join(' ');
    const [first] = await select(site.source, `SELECT ${vars} WHERE { ?o <${NS.qb}dataSet> ${iriRef(dataset)} ; ${iriRef(measure.iri)} ?v . ${filter} ${others.map((dim, i) => `?o ${iriRef(dim.iri)} ?h${i} .`).join(' ')} } ORDER BY ?o LIMIT 1`, 60_000);
    if (first) {
      hold = new Map(others.map((dim, i) => [dim.iri, first[`h${i}`]?.value]));
      rows = await chartRows(hold);
    }
  }
  const held = others.filter((dim) => !dim.measureType && hold.get(dim.iri)).map((dim) => ({ label: dim.label, value: dim.values.find((v) => v.iri === hold.get(dim.iri))?.label ?? hold.get(dim.iri)! }));
  const byX = new Map(rows.map((r) => [r['x']!.value, r['value']?.value]));
  const points: ChartPoint[] = by.values.filter((v) => byX.has(v.iri)).slice(0, CHART_POINTS).map((v) => {
    const raw = byX.get(v.iri);
    const n = raw === undefined ? undefined : Number(raw);
    return { label: v.label, value: n === undefined || Number.isNaN(n) ? undefined : n };
  });
  const kind = by.iri === REF_PERIOD ? 'line' : 'bar';
  const chartTitle = `${measure.label} by ${by.label.toLowerCase()}`;
  return {
    svg: chartSvg({ kind, title: chartTitle, measure: measure.label, points }),
    title: chartTitle, by: by.name, measure: measure.name, held, kind,
    points: points.map((p) => ({ label: p.label, value: p.value === undefined ? 'no value' : figure(String(p.value)) })),
    drawn: points.filter((p) => p.value !== undefined).length,
    cut: by.values.filter((v) => byX.has(v.iri)).length > CHART_POINTS,
  };
}
