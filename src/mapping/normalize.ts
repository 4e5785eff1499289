import { dirname, resolve } from 'node:path';
import { diagnostic, type Diagnostic, type Span } from '../diagnostics/diagnostic.js';
import { datasetGraph } from '../rdf/graphs.js';
import { NS, QB, RDF_TYPE, SDMX_ATTRIBUTE, SKOS, XSD } from '../rdf/ns.js';
import { buildStructure } from '../cube/structure.js';
import { conceptIri, isShippedIri, SCHEMES, schemeIri } from '../codelists/registry.js';
import { knownTerms } from '../codelists/terms.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { isValidIri } from '../rdf/iri.js';
import { expandCurie, expandTemplatePrefix } from './curie.js';
import { DEFAULT_MARKER_TOKENS } from './markers.js';
import { checkPrefixes, prefixesOf, withDerivedPrefixes } from './prefixes.js';
import { NESTED_REPETITION_HINT, repeatsARepetition } from './regex-safety.js';
import { readCodeListFile } from './codelist-file.js';
import { linksetHeader, normalizeLinks } from './links.js';
import { normalizeDisclosure } from './disclosure.js';
import { normalizeAggregation, normalizeFilters } from './rows.js';
import type { SchemeDef } from '../codelists/model.js';
import { normalizeSource } from './source.js';
import type {
  Alias, CellRule, ColumnRef, ConstTerm, MeasureValue, CubeComponent, CubeMeasure, IriTemplate, MappingModel, MarkerCode, MissingAction,
  Resolver, SubjectRule, TripleRule, ValueRule, Variable,
} from './model.js';
import type { LocatedDocument } from './parse.js';
import { bindTemplate, parseTemplate, templateRefs } from './templates.js';
import type { RawAlternative, RawComponent, RawDescription, RawMapping, RawMeasure } from './raw.js';

type Path = readonly (string | number)[];

/**
 * Rewrites a schema-valid YAML mapping into the canonical MappingModel. Each piece of sugar
 * has one small function here; semantic problems come back as located diagnostics.
 */
export function normalizeMapping(doc: LocatedDocument): { model?: MappingModel; diagnostics: Diagnostic[] } {
  const raw = doc.data as RawMapping;
  const ctx = new Context(doc, prefixesOf(raw));
  checkPrefixes(raw, (code, message, path, key, hint) => ctx.error(code, message, path, key, hint));
  const base = ctx.iri(raw.base, ['base']);
  const known = new Map([['base', base ?? ''], ['id', raw.id]]);
  ctx.known = known;
  const datasetTpl = ctx.template(raw.dataset ?? '{base}data/{id}', raw.dataset === undefined ? ['id'] : ['dataset'], new Set(['base', 'id']));
  const dataset = datasetTpl ? textOf(bindTemplate(datasetTpl, known)) : undefined;
  if (dataset !== undefined && !isValidIri(dataset)) ctx.error('JL110', `dataset IRI ${JSON.stringify(dataset)} is not a valid IRI`, ['dataset']);
  known.set('dataset', dataset ?? '');

  if (raw.links && (raw.dimensions || raw.measures)) {
    ctx.error('JL111', 'a mapping describes a cube (dimensions and measures) or a lookup table (links), not both', ['links'], true, 'Put the links in a mapping of their own.');
  } else if (!raw.links) {
    for (const k of ['dimensions', 'measures'] as const) if (!raw[k]) ctx.error('JL104', `'${k}' is required (or 'links', for a lookup table)`, [], false);
  }
  const dims = Object.entries(raw.dimensions ?? {});
  const measures = Object.entries(raw.measures ?? {});
  const attrs = Object.entries(raw.attributes ?? {});
  const variables: Variable[] = [];
  const rowBound = new Set<string>();
  for (const [key, spec] of dims) {
    // A dimension with a source counts as row-bound even when the source is broken, so one
    // mistake is reported once rather than again as "not bound" for every measure.
    if (SOURCES.some((s) => spec[s] !== undefined)) rowBound.add(key);
    const rule = ctx.valueRule(spec, ['dimensions', key], raw, false);
    if (rule) variables.push({ name: key, role: 'dimension', rule, span: doc.spanOf(['dimensions', key], true) });
  }
  for (const [key, spec] of attrs) {
    const rule = ctx.valueRule(spec, ['attributes', key], raw, true);
    if (rule) variables.push({ name: key, role: 'attribute', rule, span: doc.spanOf(['attributes', key], true) });
  }

  if (raw.measureColumn) {
    const ref = (name: string, at: string): ColumnRef => ({ name, span: doc.spanOf(['measureColumn', at]) });
    const mc = raw.measureColumn;
    ctx.measureColumn = { column: ref(mc.column, 'column'), value: ref(mc.value, 'value'), ...(mc.marker ? { marker: ref(mc.marker, 'marker') } : {}) };
  }
  ctx.unitPerRow = attrs.some(([, a]) => ctx.iri(a.property, []) === SDMX_ATTRIBUTE.unitMeasure);
  const choices = measures.map(([key, m], subject) => ({ subject, labels: ctx.measureSource(key, m) ?? [] }));
  const dimKeys = dims.map(([k]) => k);
  const obsSource = raw.observation ?? `{dataset}/obs/${dimKeys.map((k) => `{${k}}`).join('/')}/{measure}`;
  const obsTpl = ctx.template(obsSource, raw.observation === undefined ? ['dimensions'] : ['observation'], undefined);
  const subjects: SubjectRule[] = [];
  for (const [key, m] of measures) {
    const s = obsTpl && ctx.subject(key, m, bindTemplate(obsTpl, known), dims, attrs, rowBound, dataset ?? '');
    if (s) subjects.push(s);
  }
  const links = raw.links && !raw.dimensions && !raw.measures
    ? normalizeLinks(raw.links, { cellRule: (spec, path) => ctx.cellRule(spec, [spec.column], path, raw), iri: (text, path) => ctx.iri(text, path), span: (path) => doc.spanOf(path, true), error: (message, path) => ctx.error('JL111', message, path, true) })
    : undefined;
  if (links) {
    variables.push(...links.variables);
    subjects.push(...links.subjects);
  }
  const source = normalizeSource(raw, doc, (code, message, path) => ctx.error(code, message, path));
  const filters = normalizeFilters(raw, doc);
  const aggregation = normalizeAggregation(raw, doc, (key) => measureDatatype(raw.measures![key]!, (t) => ctx.iri(t, [])), (code, message, path, key, hint) => ctx.error(code, message, path, key, hint));
  const disclosure = normalizeDisclosure(raw, doc, (code, message, path, key, hint) => ctx.error(code, message, path, key, hint));
  if (ctx.failed || !source || base === undefined || dataset === undefined) return { diagnostics: ctx.diagnostics };

  const component = (section: 'measures' | 'attributes') => ([key, c]: [string, RawDescription & { property: string }]): CubeComponent => ({
    key, property: ctx.iri(c.property, []) ?? '', ...ctx.description(c, [section, key]),
  });
  const cubeMeasures: CubeMeasure[] = measures.map(([key, m]) => ({
    ...component('measures')([key, m]),
    datatype: measureDatatype(m, (t) => ctx.iri(t, [])),
    ...(m.unit ? { unit: ctx.iri(m.unit, []) ?? '' } : {}),
  }));
  const cube = { dimensions: dims.map(([key, d]) => ctx.dimensionComponent(key, d)), measures: cubeMeasures, attributes: attrs.map(component('attributes')) };
  const header = links ? linksetHeader(dataset, links.predicates, raw.title, raw.description) : buildStructure({ dataset, known: knownTerms().components, ...(raw.title ? { title: raw.title } : {}), ...(raw.description ? { description: raw.description } : {}) }, cube);
  const model: MappingModel = {
    version: 1, file: doc.file, id: raw.id, base, prefixes: withDerivedPrefixes(ctx.prefixes, variables, subjects), source, dataset, graph: datasetGraph(base, raw.id),
    ...(raw.title ? { title: raw.title } : {}), ...(raw.description ? { description: raw.description } : {}),
    publication: { ...raw.publication, keywords: raw.publication?.keywords ?? [] },
    linkset: links !== undefined, markers: markerTable(raw.markers), filters, codeLists: [...ctx.codeLists.values()],
    ...(ctx.measureColumn ? { measureSelector: { column: ctx.measureColumn.column, choices } } : {}), ...(aggregation ? { aggregation } : {}),
    ...(disclosure ? { disclosure } : {}), variables, subjects, header, cube,
  };
  return { model, diagnostics: ctx.diagnostics };
}

const named = (value: string): ConstTerm => ({ termType: 'NamedNode', value });
const lit = (value: string, datatype: string): ConstTerm => ({ termType: 'Literal', value, datatype });
const textOf = (t: IriTemplate): string | undefined =>
  t.parts.every((p) => p.kind === 'text') ? t.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('') : undefined;

/** A percentage is stored as a decimal fraction whatever the declared datatype says. */
function measureDatatype(m: RawMeasure, expand: (text: string) => string | undefined): string {
  return m.percent && (m.datatype ?? 'xsd:integer') === 'xsd:integer' ? XSD.decimal : expand(m.datatype ?? 'xsd:integer') ?? XSD.integer;
}

function markerTable(overrides: Readonly<Record<string, string>> | undefined): Map<string, readonly MarkerCode[]> {
  const table = new Map(DEFAULT_MARKER_TOKENS);
  for (const [token, code] of Object.entries(overrides ?? {})) {
    table.set(token.trim(), code === 'none' ? [] : [code as MarkerCode]);
  }
  return table;
}

const SOURCES = ['column', 'columns', 'firstOf', 'value'] as const;

/** A code list of the dataset's own (generated, or from a file): its dimension gets a local sub-property. */
const ownList = (spec: RawComponent): boolean => spec.codeList === 'generated' || typeof spec.codeList === 'object';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

class Context {
  readonly diagnostics: Diagnostic[] = [];
  failed = false;
  /** Template references whose text is known while normalising ({base}, {id}, {dataset}). */
  known: ReadonlyMap<string, string> = new Map();
  constructor(readonly doc: LocatedDocument, readonly prefixes: ReadonlyMap<string, string>) {
    for (const [p, ns] of Object.entries(doc.data as RawMapping).flatMap(([k, v]) => (k === 'prefixes' ? Object.entries(v as object) : []))) {
      if (!isValidIri(String(ns))) this.error('JL110', `prefix '${p}' must be an absolute IRI, not ${JSON.stringify(ns)}`, ['prefixes', p]);
    }
  }

  private readonly reported = new Set<string>();

  error(code: Diagnostic['code'], message: string, path: Path, key = false, hint?: string): void {
    const d = diagnostic(code, message, { span: this.doc.spanOf(path, key), ...(hint ? { hint } : {}) });
    // Shared sections (the top-level `missing:`) are read once per component: report once.
    const id = `${code}@${d.span?.line}:${d.span?.column}:${message}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.diagnostics.push(d);
    if (d.severity === 'error') this.failed = true;
  }

  span(path: Path): Span {
    return this.doc.spanOf(path);
  }

  iri(text: string, path: Path): string | undefined {
    const r = expandCurie(text, this.prefixes);
    if ('iri' in r) return this.ours(r.iri, text, path);
    if (r.error === 'undefined-prefix') {
      this.error('JL109', `prefix '${r.prefix}:' in ${JSON.stringify(text)} is not declared`, path);
    } else {
      this.error('JL110', `${JSON.stringify(text)} is not a valid IRI or compact IRI (prefix:local)`, path);
    }
    return undefined;
  }

  /** An IRI in our namespaces must be defined by vocab/: a typo there would mint a term nobody defines. */
  ours(iri: string, text: string, path: Path): string {
    if (path.length === 0) return iri;
    const terms = knownTerms().justice;
    if (iri.startsWith(NS.justice) && !terms.has(iri)) {
      const local = [...terms].map((t) => t.slice(NS.justice.length));
      this.error('JL119', `${text} is not a term of the justice vocabulary.${didYouMean(iri.slice(NS.justice.length), local)}`, path);
    } else if (iri.startsWith(NS.code) && !isShippedIri(iri)) {
      this.error('JL119', `${text} is not a code list or concept shipped in vocab/`, path);
    }
    return iri;
  }

  /** Parses and prefix-expands a template; `allowed` limits the names it may reference. */
  template(text: string, path: Path, allowed: ReadonlySet<string> | undefined): IriTemplate | undefined {
    const expanded = expandTemplatePrefix(text, this.prefixes);
    if (!('iri' in expanded)) {
      if (expanded.error === 'undefined-prefix') this.error('JL109', `prefix '${expanded.prefix}:' in template ${JSON.stringify(text)} is not declared`, path);
      else this.error('JL108', `template ${JSON.stringify(text)} must start with a prefix, a scheme (https:) or {base}`, path);
      return undefined;
    }
    const r = parseTemplate(expanded.iri, this.span(path));
    if ('error' in r) {
      this.error('JL108', `template ${JSON.stringify(text)}: ${r.error}`, path);
      return undefined;
    }
    for (const name of templateRefs(r.template)) {
      if (allowed && !allowed.has(name)) this.error('JL108', `template ${JSON.stringify(text)} may only use ${[...allowed].map((a) => `{${a}}`).join(', ')}, not {${name}}`, path);
    }
    return bindTemplate(r.template, this.known);
  }

  missing(global: Readonly<Record<string, string>> | undefined, local: Readonly<Record<string, string>> | undefined, path: Path): Map<string, MissingAction> {
    const table = new Map<string, MissingAction>();
    const add = (entries: Readonly<Record<string, string>> | undefined, at: Path) => {
      for (const [token, target] of Object.entries(entries ?? {})) {
        if (target === 'omit') table.set(token, { kind: 'omit' });
        else {
          const iri = this.iri(target, [...at, token]);
          if (iri) table.set(token, { kind: 'term', iri });
        }
      }
    };
    add(global, ['missing']);
    add(local, [...path, 'missing']);
    return table;
  }

  valueRule(spec: RawComponent, path: Path, raw: RawMapping, literalDefault: boolean): ValueRule | undefined {
    const given = SOURCES.filter((s) => spec[s] !== undefined);
    if (given.length > 1) {
      this.error('JL111', `give only one of ${given.join(', ')} for '${path.join('.')}'`, [...path, given[1]!], true);
      return undefined;
    }
    if (given.length === 0) {
      if (literalDefault) this.error('JL104', `'${path.join('.')}' needs one of column, columns or value`, path);
      return undefined; // a dimension bound per measure
    }
    if (spec.value !== undefined) {
      if (spec.datatype !== undefined) {
        const dt = this.iri(spec.datatype, [...path, 'datatype']);
        return dt ? { kind: 'constant', term: lit(spec.value, dt) } : undefined;
      }
      const iri = this.iri(spec.value, [...path, 'value']);
      return iri ? { kind: 'constant', term: named(iri) } : undefined;
    }
    if (spec.firstOf !== undefined) {
      const alternatives = spec.firstOf.map((alt, i) => this.cellRule(alt, [alt.column], [...path, 'firstOf', i], raw));
      if (alternatives.some((a) => a === undefined)) return undefined;
      return { kind: 'firstOf', alternatives: alternatives as CellRule[], skip: spec.skip ?? ['-', ''] };
    }
    const columns = spec.columns ?? [spec.column!];
    return this.cellRule(spec, columns, path, raw);
  }

  cellRule(spec: RawAlternative & { readonly columns?: readonly string[]; readonly label?: string }, columns: readonly string[], path: Path, raw: RawMapping): CellRule | undefined {
    const resolver = this.resolver(spec, path, spec.label);
    if (!resolver) return undefined;
    const colPath = spec.columns ? [...path, 'columns'] : [...path, 'column'];
    const pattern = spec.pattern === undefined ? undefined : this.pattern(spec.pattern, [...path, 'pattern']);
    if (spec.pattern !== undefined && pattern === undefined) return undefined;
    return {
      kind: 'cell',
      ...(pattern ? { pattern } : {}),
      columns: columns.map((name, i) => ({ name, span: this.span(spec.columns ? [...colPath, i] : colPath) })),
      resolver,
      missing: this.missing(raw.missing, spec.missing, path),
      aliases: resolver.kind === 'map' || resolver.kind === 'template' ? new Map() : this.aliases(spec.values, path),
      stripCode: spec.labels?.stripCode ?? raw.labels?.stripCode ?? true,
      keepCode: spec.labels?.keepCode ?? raw.labels?.keepCode ?? false,
    };
  }

  /**
   * A pattern that splits a cell: it must compile, capture one part, and be safe to run on any
   * cell — a quantified group that itself repeats (`(a+)+`) can backtrack for ever, so it is refused.
   */
  pattern(text: string, path: Path): string | undefined {
    let re: RegExp;
    try {
      re = new RegExp(text, 'u');
    } catch (err) {
      this.error('JL113', `pattern: ${(err as Error).message}`, path);
      return undefined;
    }
    if (new RegExp(`${re.source}|`).exec('')!.length < 2) {
      this.error('JL113', `pattern ${JSON.stringify(text)} captures nothing; put the part to read in ( )`, path);
      return undefined;
    }
    if (repeatsARepetition(text)) {
      this.error('JL113', `pattern ${JSON.stringify(text)} repeats a group that repeats itself, which can take for ever on some cells`, path, false, NESTED_REPETITION_HINT);
      return undefined;
    }
    return text;
  }

  /**
   * `values:` beside a code list, geography or period: a target that is an IRI (a declared
   * prefix or a scheme) is the term itself; any other text is a label for the reader.
   */
  aliases(values: Readonly<Record<string, string>> | undefined, path: Path): Map<string, Alias> {
    const table = new Map<string, Alias>();
    for (const [label, target] of Object.entries(values ?? {})) {
      const r = expandCurie(target, this.prefixes);
      table.set(label, 'iri' in r ? { kind: 'term', iri: this.ours(r.iri, target, [...path, 'values', label]) } : { kind: 'label', label: target });
    }
    return table;
  }

  resolver(spec: RawAlternative, path: Path, label?: string): Resolver | undefined {
    // Each group is one way to read a cell; `iri` alone mints IRIs, with `values` it is the
    // fallback. Beside a code list, geography or period, `values` gives aliases instead.
    const aliasing = spec.iri === undefined && (spec.period !== undefined || spec.geography !== undefined || spec.codeList !== undefined);
    const groups = [
      spec.period !== undefined && 'period',
      spec.geography !== undefined && 'geography',
      ((spec.values !== undefined && !aliasing) || spec.iri !== undefined) && (spec.values !== undefined ? 'values' : 'iri'),
      spec.datatype !== undefined && 'datatype',
      spec.codeList !== undefined && 'codeList',
    ].filter((g): g is string => g !== false);
    if (groups.length > 1) {
      this.error('JL111', `'${path.join('.')}' combines ${groups.join(' and ')}; choose one way to read the cell`, [...path, groups[1]!], true, 'Keep one of period, geography, codeList, values (with an optional iri fallback), iri or datatype; `values:` may sit beside period, geography or codeList to map this release\'s own spellings.');
      return undefined;
    }
    if (spec.yearEnding !== undefined && spec.period === undefined) {
      this.error('JL111', `'yearEnding' reads a bare year as the 12 months to that month, and needs 'period'`, [...path, 'yearEnding'], true, 'Add `period: auto` (or `year`, `government-year`, `interval`), or remove `yearEnding:`.');
      return undefined;
    }
    if (spec.period !== undefined) return { kind: 'period', style: spec.period, ...(spec.yearEnding ? { yearEnding: MONTH_NAMES.indexOf(spec.yearEnding) + 1 } : {}) };
    if (spec.codeList !== undefined) return this.codeList(spec.codeList, path, label);
    if (spec.geography !== undefined) return { kind: 'geography', type: spec.geography, ...(spec.entities ? { entities: spec.entities } : {}) };
    const iri = spec.iri === undefined ? undefined : this.template(spec.iri, [...path, 'iri'], undefined);
    if (spec.iri !== undefined && !iri) return undefined;
    if (spec.values !== undefined) {
      const values = new Map<string, string>();
      for (const [label, target] of Object.entries(spec.values)) {
        const t = this.iri(target, [...path, 'values', label]);
        if (t) values.set(label, t);
      }
      return { kind: 'map', values, ...(iri ? { fallback: iri } : {}) };
    }
    if (iri) return { kind: 'template', template: iri };
    const datatype = spec.datatype === undefined ? XSD.string : this.iri(spec.datatype, [...path, 'datatype']);
    if (!datatype) return undefined;
    return { kind: 'literal', datatype, ...(spec.lang ? { language: spec.lang } : {}) };
  }

  /** Code lists read from files next to the mapping, by scheme IRI. */
  readonly codeLists = new Map<string, SchemeDef>();

  codeList(id: string | { readonly file: string; readonly label?: string }, path: Path, label: string | undefined): Resolver | undefined {
    if (typeof id === 'object') return this.codeListFile(id, path, label);
    if (id === 'generated') {
      const key = String(path[1]);
      const scheme = this.ownListIri(key);
      return { kind: 'generated', scheme, conceptBase: `${scheme}/`, label: label ?? key };
    }
    if (!SCHEMES.has(id)) {
      this.error('JL117', `there is no shipped code list '${id}'.${didYouMean(id, [...SCHEMES.keys(), 'generated'])}`, [...path, 'codeList'], false,
        `Shipped code lists: ${[...SCHEMES.keys()].join(', ')}; or \`generated\`.`);
      return undefined;
    }
    return { kind: 'codelist', scheme: id };
  }

  /** A code list of the publisher's own, from a CSV or YAML file: a scheme under the dataset. */
  codeListFile(spec: { readonly file: string; readonly label?: string; readonly extends?: string }, path: Path, label: string | undefined): Resolver | undefined {
    const key = String(path[1]);
    const extended = spec.extends === undefined ? undefined : SCHEMES.get(spec.extends);
    if (spec.extends !== undefined && !extended) {
      this.error('JL117', `there is no shipped code list '${spec.extends}' to extend.${didYouMean(spec.extends, [...SCHEMES.keys()])}`, [...path, 'codeList', 'extends']);
      return undefined;
    }
    // The shipped concepts keep their IRIs; the file's live under the dataset.
    const base = extended ? extended.concepts.map((c) => ({ ...c, iri: conceptIri(extended, c) })) : [];
    const read = readCodeListFile(resolve(dirname(this.doc.file), spec.file), spec.file, base);
    if ('error' in read) {
      this.error('JL121', read.error, [...path, 'codeList', 'file'], false);
      return undefined;
    }
    const iri = this.ownListIri(key);
    const title = spec.label ?? label ?? key;
    const def: SchemeDef = {
      id: key, iri, label: title, definition: `The codes of ${title}, from ${spec.file}${extended ? `, extending ${schemeIri(extended)}` : ''}.`,
      conceptClass: SKOS.Concept, concepts: [...base, ...read.concepts], ...(extended ? { extends: schemeIri(extended) } : {}),
    };
    this.codeLists.set(iri, def);
    return { kind: 'codelist', scheme: key, def };
  }

  /** The IRI of a code list of the dataset's own (generated or from a file): `{dataset}/codes/{key}`. */
  ownListIri(key: string): string {
    return `${this.known.get('dataset')}/codes/${key}`;
  }

  /** The observation predicate: a dataset-local sub-property when the code list is the dataset's own. */
  dimensionProperty(key: string, spec: RawComponent): string | undefined {
    if (ownList(spec)) return `${this.known.get('dataset')}/dimension/${key}`;
    return this.iri(spec.property, ['dimensions', key, 'property']);
  }

  /** label, comment, range and subPropertyOf of a component, IRIs expanded. */
  description(c: RawDescription, path: Path): Pick<CubeComponent, 'label' | 'comment' | 'range' | 'subPropertyOf'> {
    const range = c.range === undefined ? undefined : this.iri(c.range, [...path, 'range']);
    const sup = c.subPropertyOf === undefined ? undefined : this.iri(c.subPropertyOf, [...path, 'subPropertyOf']);
    return { ...(c.label ? { label: c.label } : {}), ...(c.comment ? { comment: c.comment } : {}), ...(range ? { range } : {}), ...(sup ? { subPropertyOf: sup } : {}) };
  }

  dimensionComponent(key: string, spec: RawComponent): CubeComponent {
    const declared = this.iri(spec.property, []) ?? '';
    const label = this.description(spec, ['dimensions', key]);
    if (ownList(spec)) {
      return { key, property: this.dimensionProperty(key, spec)!, superProperty: declared, codeList: this.ownListIri(key), ...label };
    }
    // A firstOf dimension mixes sources, so it claims no single code list.
    const scheme = typeof spec.codeList === 'string' ? SCHEMES.get(spec.codeList) : spec.geography === 'police-force-area' ? SCHEMES.get('police-force-area') : undefined;
    return { key, property: declared, ...label, ...(scheme ? { codeList: schemeIri(scheme) } : {}) };
  }

  /** An attribute reads the unit from a column (sdmx-attribute:unitMeasure), so measures have none. */
  unitPerRow = false;

  /** Long tables (`measureColumn:`): the shared value column, and the marker column if any. */
  measureColumn: { readonly column: ColumnRef; readonly value: ColumnRef; readonly marker?: ColumnRef } | undefined;

  /** Each measure reads its own column (wide) or is chosen by labels in the measure column (long). */
  measureSource(key: string, m: RawMeasure): readonly string[] | undefined {
    const path = ['measures', key];
    if (!this.measureColumn) {
      if (m.when !== undefined) this.error('JL111', `measure '${key}' gives 'when', which needs a top-level 'measureColumn'`, [...path, 'when'], true, 'Add `measureColumn: {column: …, value: …}` for a long table, or give the measure a `column:`.');
      else if (m.column === undefined) this.error('JL104', `measure '${key}' needs 'column' (or, in a long table, 'when' with a top-level 'measureColumn')`, path, true);
      return undefined;
    }
    if (m.column !== undefined) {
      this.error('JL111', `measure '${key}' gives 'column', but 'measureColumn' says the value is in '${this.measureColumn.value.name}'`, [...path, 'column'], true, 'In a long table a measure says which labels of the measure column select it: `when: Receipts`.');
      return undefined;
    }
    const when = m.when ?? m.label;
    if (when === undefined) {
      this.error('JL104', `measure '${key}' needs 'when': the label(s) in '${this.measureColumn.column.name}' that select it`, path, true);
      return undefined;
    }
    return typeof when === 'string' ? [when] : when;
  }

  subject(
    key: string, m: RawMeasure, template: IriTemplate,
    dims: readonly [string, RawComponent][], attrs: readonly [string, RawComponent][],
    rowBound: ReadonlySet<string>, dataset: string,
  ): SubjectRule | undefined {
    const path = ['measures', key];
    const property = this.iri(m.property, [...path, 'property']);
    const datatype = this.iri(m.datatype ?? 'xsd:integer', [...path, 'datatype']);
    const unit = m.unit === undefined ? undefined : this.iri(m.unit, [...path, 'unit']);
    if (m.unit === undefined && !this.unitPerRow) this.error('JL118', `measure '${key}' has no unit`, path, true);
    if (m.unit !== undefined && this.unitPerRow) this.error('JL111', `measure '${key}' has a unit, and an attribute reads the unit from a column`, [...path, 'unit'], true, 'Keep one: the measure\'s `unit:` or the attribute on sdmx-attribute:unitMeasure.');
    const constants = new Map<string, ConstTerm>();
    for (const [dim, value] of Object.entries(m.dimensions ?? {})) {
      if (!dims.some(([k]) => k === dim)) {
        this.error('JL102', `measure '${key}' sets dimension '${dim}', which is not declared under dimensions`, [...path, 'dimensions', dim], true);
      } else if (rowBound.has(dim)) {
        this.error('JL111', `dimension '${dim}' is read from a column; measure '${key}' cannot also fix it`, [...path, 'dimensions', dim], true);
      }
      const iri = this.iri(value, [...path, 'dimensions', dim]);
      if (iri) constants.set(dim, named(iri));
    }
    if (!property || !datatype) return undefined;
    const long = this.measureColumn;
    const value: MeasureValue = long
      ? { column: long.value, ...(long.marker ? { markerColumn: long.marker } : {}), datatype, percent: m.percent ?? false }
      : { column: { name: m.column ?? '', span: this.span([...path, 'column']) }, datatype, percent: m.percent ?? false };
    const triples: TripleRule[] = [
      { predicate: RDF_TYPE, object: { kind: 'constant', term: named(QB.Observation) } },
      { predicate: QB.dataSet, object: { kind: 'constant', term: named(dataset) } },
    ];
    for (const [dim, spec] of dims) {
      const predicate = this.dimensionProperty(dim, spec) ?? '';
      const fixed = constants.get(dim);
      if (fixed) triples.push({ predicate, object: { kind: 'constant', term: fixed } });
      else if (rowBound.has(dim)) triples.push({ predicate, object: { kind: 'variable', name: dim } });
      else this.error('JL112', `dimension '${dim}' has no column and measure '${key}' gives no value for it`, [...path], true);
    }
    triples.push({ predicate: QB.measureType, object: { kind: 'constant', term: named(property) } });
    triples.push({ predicate: property, object: { kind: 'value', value } });
    if (unit) triples.push({ predicate: SDMX_ATTRIBUTE.unitMeasure, object: { kind: 'constant', term: named(unit) } });
    triples.push({ predicate: SDMX_ATTRIBUTE.obsStatus, object: { kind: 'status', value } });
    for (const [attr, spec] of attrs) {
      const predicate = this.iri(spec.property, ['attributes', attr, 'property']);
      if (predicate) triples.push({ predicate, object: { kind: 'variable', name: attr } });
    }
    const allowed = new Set([...dims.map(([k]) => k), 'measure']);
    for (const ref of templateRefs(template)) {
      if (!allowed.has(ref)) this.error('JL108', `observation template may use dimension keys and {measure}, {dataset}, {base}, {id}; {${ref}} is none of them`, ['observation']);
    }
    return { id: key, subject: template, constants, triples };
  }

}
