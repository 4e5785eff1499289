import type { Quad, Term } from '@rdfjs/types';
import type { Code } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { count } from '../compile/plan.js';
import type { MappingModel } from '../mapping/model.js';
import { DataFactory } from '../rdf/factory.js';
import { quadToNTriples } from '../rdf/term.js';
import { ObservationChecker, type CubeSpec, type ObservationTriples } from '../validate/stream-checks.js';
import type { Violation } from '../validate/violation.js';

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
 * Validation during `convert`: every row's observations go through the compiled streaming
 * checks, and each violation is reported at the row's CSV line with the measure's column and
 * cell; at the end the dataset, its DSD and the vocabulary are checked against the integrity
 * constraints in the embedded store. Memory stays bounded: one row, and one hash per key.
 */
/** Up to this many observations, the whole graph is also validated (SHACL shapes, all ICs). */
export const WHOLE_GRAPH_LIMIT = 20_000;

/** Rules the streaming checks already report with their CSV location. */
const STREAMED = /^(IC-1|IC-11|IC-12|IC-13|IC-15|IC-16|rule:.*)$/;

export class RunValidation {
  private readonly checker: ObservationChecker;
  private row: [Term, Term, Term][] = [];
  readonly counts = new Map<string, number>();
  /** N-Triples of the observations while the run is small enough to validate as a whole graph. */
  private graph: string[] | undefined = [];
  /** Where each observation came from: CSV line, its cells, and its position in the row. */
  private readonly origin = new Map<string, { line: number; cells: readonly string[]; index: number }>();

  /** Whether the whole graph was validated too (small runs), or only the structure. */
  get wholeGraph(): boolean {
    return this.graph !== undefined;
  }

  constructor(private readonly model: MappingModel, private readonly csv: string, private readonly header: readonly string[]) {
    this.checker = new ObservationChecker(cubeSpecOf(model));
  }

  add(s: Term, p: Term, o: Term): void {
    this.row.push([s, p, o]);
  }

  /** Checks the row just materialised; `cells` locate the violations. */
  endRow(line: number, cells: readonly string[]): Diagnostic[] {
    const groups: ObservationTriples[] = [];
    for (const [s, p, o] of this.row) {
      const last = groups[groups.length - 1];
      if (last && last.subject === s.value) (last.triples as [string, Term][]).push([p.value, o]);
      else groups.push({ subject: s.value, triples: [[p.value, o]] });
    }
    if (this.graph) {
      for (const [s, p, o] of this.row) this.graph.push(quadToNTriples(DataFactory.quad(s as never, p as never, o as never)));
      groups.forEach((g, index) => this.origin.set(g.subject, { line, cells, index }));
      if (this.origin.size > WHOLE_GRAPH_LIMIT) {
        this.graph = undefined;
        this.origin.clear();
      }
    }
    this.row = [];
    const violations = this.checker.checkRow(groups, line);
    return violations.map((v) => this.toDiagnostic(v, line, cells, groups.findIndex((g) => g.subject === v.focus)));
  }

  /** The CSV column a violation is about: the dimension's for IC-11, else the measure's value column. */
  private columnOf(v: Violation, index: number): string | undefined {
    const dimension = this.model.cube.dimensions.find((d) => d.property === v.path);
    const variable = dimension && this.model.variables.find((x) => x.name === dimension.key);
    if (variable?.rule.kind === 'cell') return variable.rule.columns[0]?.name;
    const valueRule = this.model.subjects[index]?.triples.find((t) => t.object.kind === 'value')?.object;
    return valueRule?.kind === 'value' ? valueRule.value.column.name : undefined;
  }

  private toDiagnostic(v: Violation, line: number, cells: readonly string[], index: number): Diagnostic {
    count(this.counts, v.rule);
    const column = this.columnOf(v, index);
    const at = column === undefined ? -1 : this.header.indexOf(column);
    return diagnostic(codeOf(v.rule), `${v.rule}: observation ${v.message}`, {
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
    // Loaded on use: the WebAssembly store and the SHACL engine are not needed by other commands.
    const [{ validateGraph }, { shapesTurtle }, { CODE_LIST_SHAPES }] = await Promise.all([
      import('../validate/validate-graph.js'), import('../validate/shapes.js'), import('../validate/code-list-shapes.js'),
    ]);
    const text = structure.map(quadToNTriples).join('') + (this.graph ?? []).join('');
    const shapes = this.graph ? [shapesTurtle(this.model), CODE_LIST_SHAPES] : [];
    const { violations } = await validateGraph([{ name: this.csv, text, format: 'application/n-triples' }], shapes);
    return violations.filter((v) => !STREAMED.test(v.rule) || !this.origin.has(v.focus)).map((v) => {
      const at = this.origin.get(v.focus);
      if (at) return this.toDiagnostic(v, at.line, at.cells, at.index);
      count(this.counts, v.rule);
      return diagnostic(codeOf(v.rule), `${v.rule} ${v.title}: <${v.focus}>${v.path ? ` ${v.path}` : ''}${v.value ? ` (${v.value})` : ''}`, { span: this.model.source.span });
    });
  }

  get observations(): number {
    return this.checker.count;
  }
}
