import type { Quad, Term } from '@rdfjs/types';
import type { Code } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { count } from '../compile/plan.js';
import type { MappingModel } from '../mapping/model.js';
import { DataFactory } from '../rdf/factory.js';
import { QB } from '../rdf/ns.js';
import { quadToNTriples, termFromJson, termToJson, type TermJson } from '../rdf/term.js';
import { columnOf } from './locate.js';
import { doing, during } from './activity.js';
import { ObservationChecker, observationEnd, type CheckerKeys, type CubeSpec, type DimensionVisitor } from '../validate/stream-checks.js';
import { firstUseTally } from '../validate/first-use-tally.js';
import type { Violation } from '../validate/violation.js';
import { DisclosureTable } from '../disclosure/table.js';
import type { DisclosureCounts } from '../disclosure/run.js';
import type { SuppressionCost } from '../disclosure/suggest.js';
import { grouped } from '../diagnostics/numbers.js';

/** The diagnostic code a violation is reported under. */
export function codeOf(rule: string): Code {
  if (rule === 'IC-11') return 'JL501';
  if (rule === 'IC-15') return 'JL502';
  if (rule === 'IC-12') return 'JL503';
  if (rule === 'rule:range') return 'JL504';
  if (rule.startsWith('rule:')) return 'JL505';
  if (rule.startsWith('metadata:')) return 'JL507';
  return 'JL506';
}

export function cubeSpecOf(model: MappingModel): CubeSpec {
  return {
    dataset: model.dataset,
    dimensions: model.cube.dimensions.map((d) => d.property),
    measures: new Set(model.cube.measures.map((m) => m.property)),
    unitRequired: model.cube.measures.some((m) => m.unit),
  };
}

/**
 * Runs that size a worker pool: a file this many observations long is worth splitting.
 * (It used to be the whole-graph validation limit too; convert no longer holds the graph.)
 */
export const WHOLE_GRAPH_LIMIT = 20_000;

/** Rows after which a run's size is estimated, to let go of the whole graph early. */
const ESTIMATE_AFTER = 500;

/** Rules the streaming checks already report with their CSV location. */
const STREAMED = /^(IC-1|IC-11|IC-12|IC-13|IC-15|IC-16|IC-17|rule:.*)$/;
/** Rules about a dimension's value alone, checked on the first observation of each value. */
export const CODE_RULES = /^IC-(19|20|21)$/;

/** What a worker's checks hand to the main thread. */
export interface ValidationState {
  readonly keys: CheckerKeys;
  readonly counts: readonly (readonly [string, number])[];
  readonly firstUses: readonly (readonly [string, readonly { line: number; cells: readonly string[]; index: number; subject: string; value: TermJson; uses: number }[]])[];
}

/** Where an observation came from: CSV line, its cells, and its position in the row. */
interface Origin {
  readonly line: number;
  readonly cells: readonly string[];
  readonly index: number;
}

/** The first observation that used a dimension value, and how many did. */
interface FirstUse extends Origin {
  readonly subject: string;
  readonly value: Term;
  readonly dimension: string;
  uses: number;
}

/**
 * Validation during `convert`: every row's observations go through the compiled streaming
 * checks, and each violation is reported at the row's CSV line with the measure's column and
 * cell; at the end the dataset, its DSD and the vocabulary are checked against the integrity
 * constraints in the embedded store, with each distinct dimension value on a stand-in of its
 * first observation (IC-19/20/21). Memory stays bounded: one row, one hash per key, and the
 * distinct codes.
 */
export class RunValidation {
  private readonly checker: ObservationChecker;
  /** The row's triples, as three parallel lists reused from row to row. */
  private readonly rowS: Term[] = [];
  private readonly rowP: Term[] = [];
  private readonly rowO: Term[] = [];
  readonly counts = new Map<string, number>();
  /** The observations' triples (s, p, o, s, p, o, …) while the run is small enough to validate as a whole graph. */
  private graph: Term[] | undefined = [];
  /** Rows seen while the whole graph is kept. */
  private rows = 0;
  /** Where each observation came from, while the whole graph is kept. */
  private readonly origin = new Map<string, Origin>();
  /**
   * dimension → value → first use. Distinct codes are few (periods, areas, offences), so this
   * stays small at any row count, and lets the code-list rules (IC-19/20/21) run on large runs.
   */
  private readonly firstUses = new Map<string, Map<string, FirstUse>>();
  /** First uses of each dimension value of an observation, as the checks tally them. */
  private readonly recordCodes: DimensionVisitor;
  /** The row being checked, for the first uses its observations make. */
  private rowLine = 0;
  private rowCells: readonly string[] = [];
  /** The cube's figures, kept for disclosure control when the mapping asks for it. */
  private readonly disclosure: DisclosureTable | undefined;
  /** What the disclosure checks found (after `finish`). */
  disclosureCounts: DisclosureCounts | undefined;
  /** Suggest cells to suppress, minimising this (--suggest-suppression, --apply-suppression). */
  suggestSuppression: SuppressionCost | undefined;
  /** The cells suggested for suppression (after `finish`): CSV line and column. */
  suppress: readonly { readonly line: number; readonly column: string; readonly value: number }[] = [];

  /** Whether the whole graph was validated too (small runs), or only the structure. */
  get wholeGraph(): boolean {
    return this.graph !== undefined;
  }

  constructor(
    private readonly model: MappingModel,
    private readonly csv: string,
    private readonly header: readonly string[],
    /**
     * Observations up to which the whole graph is also validated by the SHACL engine. None by
     * default: the streaming checks are the observation shapes compiled, and the tests hold
     * them to the engine's results on every case (a reference, not a second pass: it cost
     * seconds and made small runs slower than large ones).
     */
    private readonly wholeGraphLimit = 0,
    keyLimit?: number,
    /** A lower bound of the run's data rows (file size ÷ bytes read per row so far), if known. */
    private readonly rowsAtLeast?: () => number,
    /** Rows with one key are rejected as rows before they are written (the run's key gate): no IC-12 here. */
    keysGated = false,
  ) {
    this.checker = new ObservationChecker({ ...cubeSpecOf(model), repeats: !keysGated }, keyLimit);
    // No limit, or a negative one (a part of a large file, in a worker): no whole graph.
    if (wholeGraphLimit <= 0) this.graph = undefined;
    for (const d of model.cube.dimensions) this.firstUses.set(d.property, new Map());
    const dimensions = model.cube.dimensions.map((d) => d.property);
    this.recordCodes = firstUseTally(dimensions.map((iri) => this.firstUses.get(iri)!), this.checker, (d, value, index, subject) =>
      [value.value, { line: this.rowLine, cells: this.rowCells, index, subject, value, dimension: dimensions[d]!, uses: 1 }]);
    this.disclosure = model.disclosure ? new DisclosureTable(model, header) : undefined;
  }

  add(s: Term, p: Term, o: Term): void {
    this.rowS.push(s);
    this.rowP.push(p);
    this.rowO.push(o);
  }

  /** Checks the row just materialised; `cells` locate the violations. */
  endRow(line: number, cells: readonly string[], largest?: ReadonlyMap<string, readonly number[]>): Diagnostic[] {
    const { rowS, rowP, rowO } = this;
    const n = rowS.length;
    if (this.graph) {
      for (let i = 0; i < n; i++) this.graph.push(rowS[i]!, rowP[i]!, rowO[i]!);
      forEachObservation(rowS, n, (start, _end, index) => this.origin.set(rowS[start]!.value, { line, cells, index }));
      this.rows++;
      // A run sure to pass the limit (twice over, for rows longer further down) lets go of
      // the graph early: it would be dropped anyway, and holding it is a memory peak.
      const surelyLarge = this.rows === ESTIMATE_AFTER && this.rowsAtLeast !== undefined && (this.rowsAtLeast() * this.origin.size) / this.rows > 2 * this.wholeGraphLimit;
      if (surelyLarge || this.origin.size > this.wholeGraphLimit) {
        this.graph = undefined;
        this.origin.clear();
      }
    }
    this.disclosure?.addRow(rowS, rowP, rowO, n, line, cells, largest);
    this.rowLine = line;
    this.rowCells = cells;
    const violations = this.checker.checkTriples(rowS, rowP, rowO, n, line, this.recordCodes);
    const out = violations.length === 0 ? [] : violations.map((v) => this.toDiagnostic(v, line, cells, this.observationIndex(v.focus)));
    rowS.length = rowP.length = rowO.length = 0;
    return out;
  }

  /** The position in the row of the observation `focus`, or -1. */
  private observationIndex(focus: string): number {
    let found = -1;
    forEachObservation(this.rowS, this.rowS.length, (start, _end, index) => {
      if (found < 0 && this.rowS[start]!.value === focus) found = index;
    });
    return found;
  }

  private toDiagnostic(v: Violation, line: number, cells: readonly string[], index: number, note = ''): Diagnostic {
    count(this.counts, v.rule);
    const at = columnOf(this.model, v.path, index, this.header, cells);
    return diagnostic(codeOf(v.rule), `${v.rule}: observation ${v.message}${note}`, {
      span: { file: this.csv, line },
      ...(at >= 0 ? { cell: { columnName: this.header[at]!, value: cells[at] ?? '' } } : {}),
    });
  }

  /**
   * The integrity constraints on the dataset, its DSD, code lists and the vocabulary; for small
   * runs on the whole graph with the cube's SHACL shapes too, each finding on an observation
   * located at its CSV line. Rules the streaming checks report are not reported twice.
   */
  async finish(structure: readonly Quad[]): Promise<Diagnostic[]> {
    const { duplicates, incomplete } = this.checker.settle();
    const out: Diagnostic[] = duplicates.map((d) => this.keyDiagnostic(d));
    // Loops, not push(...list): a table whose every key lacks a measure has a finding a key, and
    // spread arguments overflow the stack past about 100k.
    for (const k of incomplete) {
      count(this.counts, 'IC-17');
      out.push(diagnostic(codeOf('IC-17'), `IC-17: the observations of this row's key have ${k.present} of the cube's ${k.expected} measures`, { span: { file: this.csv, line: k.at } }));
    }
    for (const d of await this.graphChecks(structure)) out.push(d);
    if (this.disclosure && this.model.disclosure) {
      const { disclosureFindings } = await import('../disclosure/run.js');
      const found = await disclosureFindings(this.csv, this.disclosure, this.model.disclosure, this.suggestSuppression);
      out.push(...found.diagnostics);
      this.disclosureCounts = found.counts;
      this.suppress = found.suppress.filter((c) => c.column !== undefined).map((c) => ({ line: c.line, column: c.column!, value: c.value ?? 0 }));
    }
    return out;
  }

  private async graphChecks(structure: readonly Quad[]): Promise<Diagnostic[]> {
    const what = 'checking the cube: 21 integrity constraints on its structure and codes';
    let violations: Violation[];
    if (this.graph) {
      // Loaded on use: the WebAssembly store and the SHACL engine (the whole graph is the tests' reference).
      const [{ validateGraph }, { shapesTurtle }, { CODE_LIST_SHAPES }] = await Promise.all([
        import('../validate/validate-graph.js'), import('../validate/shapes.js'), import('../validate/code-list-shapes.js'),
      ]);
      const text = structure.map(quadToNTriples).join('') + tripleLines(this.graph).join('');
      ({ violations } = await during(what, () => validateGraph([{ name: this.csv, text, format: 'application/n-triples' }], [shapesTurtle(this.model), CODE_LIST_SHAPES])));
    } else {
      // The structure and a stand-in per code: small, so checked directly (what validateGraph with the code-list shapes finds).
      const { checkStructure } = await import('../validate/structure-checks.js');
      violations = doing(what, () => checkStructure([...structure, ...this.codeUses()]));
    }
    const firsts = this.graph ? new Map<string, FirstUse>() : this.firstUseBySubject();
    return violations.filter((v) => !STREAMED.test(v.rule) || !this.origin.has(v.focus)).flatMap((v) => {
      const at = this.origin.get(v.focus);
      if (at) return [this.toDiagnostic(v, at.line, at.cells, at.index)];
      const first = firsts.get(v.focus);
      if (first) {
        // The stand-in observation has only its data set and dimension values: keep the code rules.
        if (!CODE_RULES.test(v.rule)) return [];
        const uses = v.path ? this.firstUses.get(v.path)?.get(v.value ?? '')?.uses ?? 1 : 1;
        return [this.toDiagnostic(v, first.line, first.cells, first.index, uses > 1 ? ` (first of ${grouped(uses)} observations with this value)` : '')];
      }
      count(this.counts, v.rule);
      return [diagnostic(codeOf(v.rule), `${v.rule} ${v.title}: <${v.focus}>${v.path ? ` ${v.path}` : ''}${v.value ? ` (${v.value})` : ''}`, { span: this.model.source.span })];
    });
  }

  private codeUses(): Quad[] {
    return standInQuads(this.model.dataset, this.firstUses);
  }

  private firstUseBySubject(): Map<string, FirstUse> {
    const out = new Map<string, FirstUse>();
    for (const uses of this.firstUses.values()) for (const first of uses.values()) out.set(first.subject, first);
    return out;
  }

  /** This run's streaming state as plain data, to merge in the main thread (workers). */
  exportState(): ValidationState {
    const firstUses: [string, ValidationState['firstUses'][number][1]][] = [];
    for (const [dimension, uses] of this.firstUses) {
      firstUses.push([dimension, [...uses.values()].map((f) => ({ line: f.line, cells: f.cells, index: f.index, subject: f.subject, value: termToJson(f.value), uses: f.uses }))]);
    }
    return { keys: this.checker.exportKeys(), counts: [...this.counts], firstUses };
  }

  /**
   * Merges a worker's state: counts and first uses (the earliest line wins), and the key
   * tables, whose overlaps are duplicates (IC-12) that no one worker could see.
   */
  absorb(state: ValidationState): Diagnostic[] {
    for (const [rule, n] of state.counts) this.counts.set(rule, (this.counts.get(rule) ?? 0) + n);
    for (const [dimension, uses] of state.firstUses) {
      const mine = this.firstUses.get(dimension);
      if (!mine) continue;
      for (const u of uses) {
        const value = termFromJson(u.value);
        const have = mine.get(value.value);
        if (!have) mine.set(value.value, { ...u, value, dimension });
        else if (u.line < have.line) mine.set(value.value, { ...u, value, dimension, uses: u.uses + have.uses });
        else have.uses += u.uses;
      }
    }
    return this.checker.absorbKeys(state.keys).map((d) => this.keyDiagnostic(d));
  }

  /** A duplicate found by merging key tables (workers, or a spilled index): located by line only. */
  private keyDiagnostic({ at, violation: v }: { at: number; violation: Violation }): Diagnostic {
    count(this.counts, v.rule);
    return diagnostic(codeOf(v.rule), `${v.rule}: observation ${v.message}`, { span: { file: this.csv, line: at } });
  }

  get observations(): number {
    return this.checker.count;
  }

  /** Removes temporary files of a run that stops before `finish`. */
  dispose(): void {
    this.checker.dispose();
  }
}

/**
 * Each distinct dimension value on a stand-in of its first observation (its data set and the
 * value): what the code rules (IC-19/20/21) need, for a few quads per code, not per row.
 */
export function standInQuads(dataset: string, firstUses: ReadonlyMap<string, ReadonlyMap<string, { readonly subject: string; readonly value: Term }>>): Quad[] {
  const out: Quad[] = [];
  const dataSet = DataFactory.namedNode(QB.dataSet);
  const ds = DataFactory.namedNode(dataset);
  for (const [dimension, uses] of firstUses) {
    for (const first of uses.values()) {
      const s = DataFactory.namedNode(first.subject);
      out.push(DataFactory.quad(s, dataSet, ds), DataFactory.quad(s, DataFactory.namedNode(dimension), first.value as never));
    }
  }
  return out;
}

/** N-Triples lines of a flat (s, p, o, …) list. */
function tripleLines(flat: readonly Term[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 3) out.push(quadToNTriples(DataFactory.quad(flat[i] as never, flat[i + 1] as never, flat[i + 2] as never)));
  return out;
}

/** Calls `f` for each run of one subject in the first `n` of `subjects`: one observation each. */
function forEachObservation(subjects: readonly Term[], n: number, f: (start: number, end: number, index: number) => void): void {
  for (let start = 0, end = 0, index = 0; start < n; start = end, index++) {
    end = observationEnd(subjects, start, n);
    f(start, end, index);
  }
}
