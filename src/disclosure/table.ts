import type { Term } from '@rdfjs/types';
import { isSuppressingIri } from '../mapping/markers.js';
import type { MappingModel } from '../mapping/model.js';
import { QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { columnOf } from '../run/locate.js';
import { observationEnd } from '../validate/stream-checks.js';

/** One published or suppressed figure: a measure at one combination of dimension values. */
export interface Cell {
  /** The measure's key in the mapping. */
  readonly measure: string;
  /** Each dimension's value (an IRI or a literal's text), in the cube's order; '' when absent. */
  readonly codes: readonly string[];
  /** Each dimension's CSV text, trimmed (totals are named by it); '' without a column. */
  readonly labels: readonly string[];
  /** The published number; undefined when suppressed (or not a number). */
  readonly value?: number;
  readonly suppressed: boolean;
  /** 0-based CSV line, and the column of the figure. */
  readonly line: number;
  readonly column?: string;
  readonly text?: string;
}

/** The figures the checks read: the table as written, or with more cells suppressed. */
export interface Cells {
  readonly cells: readonly Cell[];
}

/**
 * The cube's figures as the run writes them, for disclosure control and additivity: one cell
 * per observation and measure, with where it came from. Kept in memory (a few numbers and
 * strings per figure); the checks run at the end of the run.
 */
export class DisclosureTable {
  readonly cells: Cell[] = [];
  /** The dimensions that key a cell (not qb:measureType): their keys, in the cube's order. */
  readonly dimensions: readonly string[];
  /** Their properties, in the same order. */
  private readonly properties: readonly string[];
  /** A dimension property → its position in `dimensions`. */
  private readonly position = new Map<string, number>();
  private readonly measureKey = new Map<string, string>();

  constructor(readonly model: MappingModel, private readonly header: readonly string[]) {
    const keyed = model.cube.dimensions.filter((d) => d.property !== QB.measureType);
    this.dimensions = keyed.map((d) => d.key);
    this.properties = keyed.map((d) => d.property);
    this.properties.forEach((p, i) => this.position.set(p, i));
    for (const m of model.cube.measures) this.measureKey.set(m.property, m.key);
  }

  /** Adds the observations of one row (its triples as parallel lists, observation by observation). */
  addRow(s: readonly Term[], p: readonly Term[], o: readonly Term[], n: number, line: number, cells: readonly string[]): void {
    for (let start = 0, end = 0, index = 0; start < n; start = end, index++) {
      end = observationEnd(s, start, n);
      this.addObservation(p, o, start, end, index, line, cells);
    }
  }

  private addObservation(p: readonly Term[], o: readonly Term[], start: number, end: number, index: number, line: number, cells: readonly string[]): void {
    const codes: string[] = new Array<string>(this.properties.length).fill('');
    const values = new Map<string, number | undefined>();
    let measureType: string | undefined;
    let suppressed = false;
    for (let i = start; i < end; i++) {
      const pred = p[i]!.value;
      const at = this.position.get(pred);
      if (at !== undefined) codes[at] = o[i]!.value;
      else if (pred === QB.measureType) measureType = this.measureKey.get(o[i]!.value);
      else if (pred === SDMX_ATTRIBUTE.obsStatus && isSuppressingIri(o[i]!.value)) suppressed = true;
      else {
        const m = this.measureKey.get(pred);
        if (m !== undefined) values.set(m, Number(o[i]!.value));
      }
    }
    if (!measureType && values.size === 0 && !suppressed) return;
    const labels = this.properties.map((property) => {
      const c = columnOf(this.model, property, index, this.header, cells);
      return c >= 0 ? (cells[c] ?? '').trim() : '';
    });
    const column = columnOf(this.model, undefined, index, this.header, cells);
    const where = { line, ...(column >= 0 ? { column: this.header[column]!, text: cells[column] ?? '' } : {}) };
    // A measure-dimension observation holds one measure; otherwise each measure is a cell.
    const measures = measureType ? [measureType] : suppressed ? this.model.cube.measures.map((m) => m.key) : [...values.keys()];
    for (const measure of measures) {
      const value = values.get(measure);
      this.cells.push({ measure, codes, labels, ...(value !== undefined && Number.isFinite(value) ? { value } : {}), suppressed: value === undefined && suppressed, ...where });
    }
  }
}
