import type { Quad, Term } from '@rdfjs/types';
import type { Code } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappingModel } from '../mapping/model.js';
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
export class RunValidation {
  private readonly checker: ObservationChecker;
  private row: [Term, Term, Term][] = [];
  readonly counts = new Map<string, number>();

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
    this.count(v.rule);
    const column = this.columnOf(v, index);
    const at = column === undefined ? -1 : this.header.indexOf(column);
    return diagnostic(codeOf(v.rule), `${v.rule}: observation ${v.message}`, {
      span: { file: this.csv, line },
      ...(at >= 0 ? { cell: { columnName: this.header[at]!, value: cells[at] ?? '' } } : {}),
    });
  }

  private count(rule: string): void {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + 1);
  }

  /** The structural integrity constraints on the dataset, its DSD, code lists and the vocabulary. */
  async finish(structure: readonly Quad[]): Promise<Diagnostic[]> {
    // Loaded on use: the WebAssembly store is not needed by commands that never validate.
    const [{ storeWithVocabulary }, { checkIntegrity }] = await Promise.all([import('../validate/vocab-graph.js'), import('../validate/check-integrity.js')]);
    const store = storeWithVocabulary();
    store.load(structure.map(quadToNTriples).join(''), 'application/n-triples');
    return checkIntegrity(store).map((v) => {
      this.count(v.rule);
      return diagnostic('JL506', `${v.rule} ${v.title}: <${v.focus}>${v.value ? ` (${v.value})` : ''}`, { span: this.model.source.span });
    });
  }

  get observations(): number {
    return this.checker.count;
  }
}
