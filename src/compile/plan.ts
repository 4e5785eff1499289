import type { BlankNode, Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappingModel, MarkerCode, MeasureValue, ObjectRule, ValueRule } from '../mapping/model.js';
import { rowsRead } from '../mapping/disclosure.js';
import { SUPPRESSING } from '../mapping/markers.js';
import { markerIri, XSD } from '../rdf/ns.js';
import { blankNode, iri, literal, namedNode, quad } from '../rdf/term.js';
import { splitMarkers, withMarker } from '../csv/markers.js';
import { ColumnResolver } from './columns.js';
import { compileFilters } from './filter.js';
import { compileSelector } from './selector.js';
import { compileCombiner, type Combiner } from './combine.js';
import { CompactKeys } from './compact-key.js';
import { parseNumber, type NumberFormat } from './number.js';
import { isBound, isFailure, OMIT_KEY, type Bound, type CellFailure, type Resolved } from './outcome.js';
import { compileRule, constantBound, type Evaluate } from './resolvers.js';
import { compileTemplate, render, type Piece } from './template.js';
import { GeneratedCodes } from './generated.js';
import { CsvwCellReader } from './csvw-cells.js';
import { StandardRows } from './csvw-rows.js';
import { schemeQuads } from '../codelists/to-turtle.js';

export type Emit = (s: NamedNode | BlankNode, p: NamedNode, o: NamedNode | BlankNode | Literal) => void;

/** Counters the plan adds to while materialising; run/ owns and reports them. */
export interface RowStats {
  subjects: number;
  triples: number;
  readonly markers: Map<MarkerCode, number>;
  /** Values left out on purpose (`omit`, suppressed measures), by reason. */
  readonly omitted: Map<string, number>;
}

export interface RowResult {
  readonly failures: readonly CellFailure[];
  readonly warnings: readonly CellFailure[];
}

/** A row resolved without emitting: its problems, and the key its dimension values make. */
export interface ResolvedRow extends RowResult {
  readonly key: string;
}

export interface RowPlan {
  readonly header: readonly string[];
  readonly headerQuads: readonly Quad[];
  /** Triples known only after the last row: generated code lists; a CSVW table's comments. */
  trailerQuads(): Quad[];
  /** A CSVW table's comment line or skipped row (standard mode writes it about the table). */
  comment(text: string): void;
  /** The code lists minted from the data so far (merged across workers). */
  readonly generated: GeneratedCodes;
  /**
   * Turns one row into triples, or returns its failures and emits nothing (rows are atomic).
   * `admit` sees the row's dimension key first; a line number back (the earlier row with the
   * same key) rejects the row as a repeat (JL503), before anything is emitted.
   */
  materialize(cells: readonly string[], emit: Emit, stats: RowStats, admit?: (key: string) => number, line?: number): RowResult;
  /** Whether the mapping's filters keep the row. */
  keep(cells: readonly string[]): boolean;
  /** Resolves a row and gives its dimension key, writing nothing (rows that combine). */
  resolve(cells: readonly string[]): ResolvedRow;
  /** How rows with the same key combine, when the mapping says (`duplicates:`). */
  readonly combiner?: Combiner;
}

interface CompiledValue {
  readonly index: number;
  readonly parse: (cells: readonly string[]) => ParsedValue | CellFailure;
}

interface ParsedValue {
  readonly literal?: Literal;
  readonly markers: readonly NamedNode[];
  readonly codes: readonly MarkerCode[];
  readonly warning?: CellFailure;
}

type CompiledObject =
  | { readonly kind: 'term'; readonly term: NamedNode | Literal }
  | { readonly kind: 'variable'; readonly index: number }
  | { readonly kind: 'value' | 'status'; readonly value: number };

interface CompiledSubject {
  readonly pieces: readonly Piece[];
  /** Links: the variable whose term is the subject (-1: the IRI template). */
  readonly subjectIndex: number;
  /** A new blank node each row (CSVW rows without an aboutUrl). */
  readonly blank: boolean;
  readonly triples: readonly { readonly predicate: NamedNode; readonly object: CompiledObject }[];
  readonly values: readonly CompiledValue[];
}

const NO_WARNINGS: readonly CellFailure[] = [];
const NO_VALUES: (ParsedValue | CellFailure)[] = [];

/**
 * Compiles the model against the CSV header. Pure: every column index, template piece,
 * constant term and lookup table is fixed here, so the row loop looks nothing up by name.
 */
export function compilePlan(model: MappingModel, header: readonly string[], csvFile: string, maxCodes?: number): { plan?: RowPlan; diagnostics: Diagnostic[] } {
  const columns = new ColumnResolver(header, csvFile);
  const generated = new GeneratedCodes(model.base, maxCodes);
  const csvw = model.csvw ? new CsvwCellReader(model.csvw, header, csvFile) : undefined;
  if (csvw) columns.diagnostics.push(...csvw.diagnostics);
  const variables: Evaluate[] = model.variables.map((v) => compileRule(v.rule, columns, generated, csvw));
  const keyIndex = new Map(model.variables.map((v, i) => [v.name, i]));
  // One term object per IRI across subjects: a wide table's measures share their predicates
  // and constants, and the writers cache a term's bytes by the object.
  const named = new Map<string, NamedNode>();
  const pooled = <T extends Term>(t: T): T => {
    if (t.termType !== 'NamedNode') return t;
    let same = named.get(t.value);
    if (same === undefined) named.set(t.value, (same = t as NamedNode));
    return same as unknown as T;
  };
  const subjects = model.subjects.map((s) => compileSubject(s, model, columns, keyIndex, csvw, pooled));
  const keep = compileFilters(model.filters, columns);
  const select = model.measureSelector ? compileSelector(model.measureSelector, model.subjects.map((s) => s.id), columns) : undefined;
  // A dominance rule reads each cell's largest rows.
  const largest = new Map((model.disclosure?.dominance ?? []).map((r) => [r.measure, rowsRead(r)]));
  const combiner = model.aggregation ? compileCombiner(model.aggregation, columns, model.markers, largest) : undefined;
  if (hasErrors(columns.diagnostics)) return { diagnostics: columns.diagnostics };
  // The dataset's own code lists (from files) travel in its dump, after the structure.
  // Standard mode: the table group and table are described first, then each row as it goes.
  const standard = csvw && model.csvw?.standard ? new StandardRows(csvw, model.csvw) : undefined;
  const standardHeader = standard?.headerQuads();
  const headerQuads = [...model.header.map((h) => quad(iri(h.subject), iri(h.predicate), constantBound(h.object).term)), ...model.codeLists.flatMap(schemeQuads), ...(standardHeader ?? [])];
  const varCount = variables.length;
  const dimensionSlots = model.variables.flatMap((v, i) => (v.role === 'dimension' ? [i] : []));
  const markedSlots = model.variables.flatMap((v, i) => (readsPeriod(v.rule) ? [i] : []));
  const scratch = { bound: new Array<Resolved>(varCount), keys: new Array<string>(varCount) };
  const links = model.linkset ? linkMemory() : undefined;
  let blankCount = 0;
  const primaryKey = model.csvw?.table.primaryKey;

  /** Fills the scratch lists with the row's values; the row loop calls this once at a time. */
  const resolveCells = (cells: readonly string[]): { failures: CellFailure[] | undefined; warnings: CellFailure[] | undefined; parsed: (ParsedValue | CellFailure)[][]; only: number } => {
    let failures: CellFailure[] | undefined;
    let warnings: CellFailure[] | undefined;
    const { bound, keys } = scratch;
    // A long table: the one measure this row is about (-1: every measure, a wide table).
    let only = -1;
    if (select) {
      const s = select(cells);
      if (typeof s === 'number') only = s;
      else (failures ??= []).push(s);
    }
    for (let i = 0; i < varCount; i++) {
      const r = variables[i]!(cells);
      bound[i] = r;
      if (isFailure(r)) (failures ??= []).push(r);
      else if (isBound(r)) {
        keys[i] = r.key;
        if (r.warnings) (warnings ??= []).push(...r.warnings);
      } else keys[i] = OMIT_KEY;
    }
    const parsed: (ParsedValue | CellFailure)[][] = [];
    for (let si = 0; si < subjects.length; si++) {
      const s = subjects[si]!;
      // Only the selected measure's value is read: the others share its cell.
      const row = select && si !== only ? NO_VALUES : s.values.map((v) => v.parse(cells));
      for (const p of row) {
        if (isFailure(p as Resolved)) (failures ??= []).push(p as CellFailure);
        else if ((p as ParsedValue).warning) (warnings ??= []).push((p as ParsedValue).warning!);
      }
      parsed.push(row);
    }
    return { failures, warnings, parsed, only };
  };

  // The row's key: the short keys the observation IRI is made of (notations, codes, periods),
  // as unique as the IRI, each dimension's numbered (a dozen characters to hash and spill,
  // not a hundred). In a long table the measure is part of the key.
  const compact = new CompactKeys(dimensionSlots.length);
  const rowKey = (only: number): string => compact.of(scratch.keys, dimensionSlots, only);

  const resolve = (cells: readonly string[]): ResolvedRow => {
    const { failures, warnings, only } = resolveCells(cells);
    return { failures: failures ?? NO_WARNINGS, warnings: warnings ?? NO_WARNINGS, key: failures ? '' : rowKey(only) };
  };

  const materialize = (cells: readonly string[], emit: Emit, stats: RowStats, admit?: (key: string) => number, line = 0): RowResult => {
    const described: (NamedNode | BlankNode)[] | undefined = standard ? [] : undefined;
    const { failures, warnings, parsed, only } = resolveCells(cells);
    if (failures) return { failures, warnings: warnings ?? NO_WARNINGS };
    const first = admit ? admit(rowKey(only)) : -1;
    if (first >= 0) return { failures: [primaryKey ? repeatedPrimaryKey(first, primaryKey) : repeatedKey(first)], warnings: warnings ?? NO_WARNINGS };
    const { bound, keys } = scratch;

    for (let si = 0; si < subjects.length; si++) {
      if (only >= 0 && si !== only) continue;
      const s = subjects[si]!;
      const values = parsed[si] as ParsedValue[];
      let subject: NamedNode | BlankNode;
      // Labels count the subjects made, so a rerun writes the same labels.
      if (s.blank) subject = blankNode(`r${++blankCount}`);
      else if (s.subjectIndex < 0) subject = namedNode(render(s.pieces, cells, keys));
      else {
        const b = bound[s.subjectIndex]!;
        if (!isBound(b) || b.term.termType !== 'NamedNode') {
          count(stats.omitted, `${(b as { why?: string }).why ?? 'omit'} "${(b as { token?: string }).token ?? ''}"`);
          continue;
        }
        subject = b.term;
      }
      // A lookup repeats its links row after row (every court of an LCJB names its region): each is written once.
      if (links && !links.first(si, subject, s, bound)) {
        count(stats.omitted, 'link already written');
        continue;
      }
      stats.subjects++;
      described?.push(subject);
      for (const t of s.triples) {
        const o = t.object;
        if (o.kind === 'term') emit(subject, t.predicate, o.term);
        else if (o.kind === 'variable') {
          const b = bound[o.index]!;
          if (isBound(b)) emit(subject, t.predicate, b.term);
          else {
            count(stats.omitted, `${(b as { why?: string }).why ?? 'omit'} "${(b as { token: string }).token}"`);
            continue;
          }
        } else if (o.kind === 'value') {
          const v = values[o.value]!;
          if (v.literal) emit(subject, t.predicate, v.literal);
          else {
            const marks = `[${v.codes.join('][')}]`;
            count(stats.omitted, v.codes.some((c) => SUPPRESSING.has(c)) ? `value suppressed ${marks}` : `no value, only ${marks}`);
            continue;
          }
        } else {
          const v = values[o.value]!;
          for (const m of v.markers) emit(subject, t.predicate, m);
          for (const c of v.codes) count(stats.markers, c);
          stats.triples += v.markers.length;
          // Markers a dimension's cell brings (a period with a series break).
          for (const i of markedSlots) {
            const b = bound[i]!;
            if (!isBound(b) || !b.markers) continue;
            for (const c of b.markers) {
              if (v.codes.includes(c)) continue;
              emit(subject, t.predicate, markerTerm(c));
              count(stats.markers, c);
              stats.triples++;
            }
          }
          continue;
        }
        stats.triples++;
      }
    }
    if (standard) stats.triples += standard.describe(emit, line, cells, described!);
    return { failures: NO_WARNINGS, warnings: warnings ?? NO_WARNINGS };
  };
  const plan: RowPlan = { header, headerQuads, materialize, keep, resolve, generated, trailerQuads: () => [...generated.quads(), ...(standard?.commentQuads() ?? [])], comment: (text) => standard?.comment(text), ...(combiner ? { combiner } : {}) };
  return { plan, diagnostics: columns.diagnostics };
}

/** IC-12 as a row: the row repeats the dimension key of line `first` (0-based); no cell is to blame. */
/** A CSVW table's primary key repeated (the metadata's `primaryKey` names the columns). */
function repeatedPrimaryKey(first: number, columns: readonly string[]): CellFailure {
  return { code: 'JL908', message: `row has the primary key (${columns.join(', ')}) of line ${first + 1}`, column: -1, value: '' };
}

function repeatedKey(first: number): CellFailure {
  return { code: 'JL503', message: `IC-12: row has the same dimension values as line ${first + 1}, so its observations would share their IRIs and carry two values`, column: -1, value: '' };
}

/** Adds one to a tally. */
export function count<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function compileSubject(
  s: MappingModel['subjects'][number],
  model: MappingModel,
  columns: ColumnResolver,
  keyIndex: ReadonlyMap<string, number>,
  csvw: CsvwCellReader | undefined,
  pooled: <T extends Term>(t: T) => T,
): CompiledSubject {
  const fixed = new Map<string, string>([['measure', s.id]]);
  for (const [name, term] of s.constants) fixed.set(name, constantBound(term).key);
  const pieces = s.blankNode ? [] : s.subjectVariable === undefined ? compileTemplate(s.subject, { columns, keys: keyIndex, fixed, stripCode: true, ...(csvw ? { csvw } : {}) }) : [];
  const values: CompiledValue[] = [];
  const valueSlot = new Map<MeasureValue, number>();
  const slot = (v: MeasureValue): number => {
    let i = valueSlot.get(v);
    if (i === undefined) {
      i = values.length;
      valueSlot.set(v, i);
      values.push(compileValue(v, model, columns));
    }
    return i;
  };
  const object = (o: ObjectRule): CompiledObject => {
    switch (o.kind) {
      case 'constant':
        return { kind: 'term', term: pooled(constantBound(o.term).term) };
      case 'variable':
        return { kind: 'variable', index: keyIndex.get(o.name)! };
      default:
        return { kind: o.kind, value: slot(o.value) };
    }
  };
  const subjectIndex = s.subjectVariable === undefined ? -1 : keyIndex.get(s.subjectVariable)!;
  return { pieces, subjectIndex, blank: s.blankNode === true, triples: s.triples.map((t) => ({ predicate: pooled(iri(t.predicate)), object: object(t.object) })), values };
}

/** Links already written: a link is its subject and its objects' terms. Lookups are small (thousands of rows). */
function linkMemory(): { first(index: number, subject: NamedNode | BlankNode, s: CompiledSubject, bound: readonly Resolved[]): boolean } {
  const seen = new Set<string>();
  return {
    first(index, subject, s, bound) {
      let id = `${index} ${subject.value}`;
      for (const t of s.triples) if (t.object.kind === 'variable') { const b = bound[t.object.index]!; id += ` ${isBound(b) ? b.term.value : ''}`; }
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    },
  };
}

/** Whether a value rule reads a period (whose cell may carry a series-break marker). */
function readsPeriod(rule: ValueRule): boolean {
  if (rule.kind === 'cell') return rule.resolver.kind === 'period';
  return rule.kind === 'firstOf' && rule.alternatives.some((a) => a.resolver.kind === 'period');
}

const markerTerms = new Map<MarkerCode, NamedNode>();
/** The obsStatus concept of a marker, one term per code. */
function markerTerm(c: MarkerCode): NamedNode {
  let t = markerTerms.get(c);
  if (!t) markerTerms.set(c, (t = iri(markerIri(c))));
  return t;
}

function numberFormat(v: MeasureValue): NumberFormat {
  if (v.datatype === XSD.double) return { datatype: 'double', percent: v.percent };
  if (v.datatype === XSD.decimal || v.percent) return { datatype: 'decimal', percent: v.percent };
  return { datatype: 'integer', percent: false };
}

/** A value cell: markers split off, the number parsed, the literal built once per distinct text. */
function compileValue(v: MeasureValue, model: MappingModel, columns: ColumnResolver): CompiledValue {
  const index = columns.index(v.column);
  const markerIndex = v.markerColumn ? columns.index(v.markerColumn) : -1;
  const format = numberFormat(v);
  const datatype = namedNode(v.percent && v.datatype === XSD.integer ? XSD.decimal : v.datatype);
  const cache = new Map<string, ParsedValue | CellFailure>();
  const parse = (cells: readonly string[]): ParsedValue | CellFailure => {
    const raw = markerIndex < 0 ? cells[index] ?? '' : withMarker(cells[index] ?? '', cells[markerIndex] ?? '');
    let hit = cache.get(raw);
    if (hit) return hit;
    hit = parseValueCell(raw, index, v, model, format, datatype, markerTerm);
    if (cache.size > 50_000) cache.clear();
    cache.set(raw, hit);
    return hit;
  };
  return { index, parse };
}

function parseValueCell(
  raw: string, index: number, v: MeasureValue, model: MappingModel,
  format: NumberFormat, datatype: NamedNode, markerTerm: (c: MarkerCode) => NamedNode,
): ParsedValue | CellFailure {
  const split = splitMarkers(raw, model.markers);
  if ('error' in split) return { code: 'JL303', message: `unknown marker ${split.token} in column '${v.column.name}'`, column: index, value: raw };
  const markers = split.markers.map(markerTerm);
  if (split.value === undefined) {
    const suppressed = split.markers.some((c) => SUPPRESSING.has(c));
    const warning = suppressed ? undefined : { code: 'JL310' as const, message: `marker ${split.markers.map((c) => `[${c}]`).join('')} has no value`, column: index, value: raw };
    return { markers, codes: split.markers, ...(warning ? { warning } : {}) };
  }
  if (split.value === '') return { code: 'JL302', message: `the value cell of '${v.column.name}' is empty`, column: index, value: raw };
  const n = parseNumber(split.value, format);
  if ('error' in n) {
    const what = n.error === 'JL311' ? 'not a whole number' : n.error === 'JL309' ? 'a percentage, but the measure is not `percent: true`' : 'not a number';
    return { code: n.error, message: `${JSON.stringify(split.value)} in '${v.column.name}' is ${what}`, column: index, value: raw };
  }
  return { literal: literal(n.lexical, datatype), markers, codes: split.markers };
}

export type { Bound, Term };
