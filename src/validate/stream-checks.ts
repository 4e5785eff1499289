import type { Term } from '@rdfjs/types';
import { SUPPRESSING_IRIS } from '../mapping/markers.js';
import { QB, RDF_TYPE, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { rangeOf, ROW_RULES } from './rules.js';
import type { Violation } from './violation.js';
import { hash53 } from '../rdf/hash.js';

/** What the streaming checks need to know about a cube: its DSD in a few sets. */
export interface CubeSpec {
  readonly dataset: string;
  /** Dimension properties other than qb:measureType. */
  readonly dimensions: readonly string[];
  readonly measures: ReadonlySet<string>;
  readonly unitRequired: boolean;
}

/** One observation's triples, in the order they were written. */
export interface ObservationTriples {
  readonly subject: string;
  readonly triples: readonly (readonly [predicate: string, object: Term])[];
}

const SUPPRESSING = new Set(SUPPRESSING_IRIS);

/** A key of the other dimensions whose observations do not cover every measure (IC-17). */
export interface IncompleteKey {
  /** The `at` of the first row with this key. */
  readonly at: number;
  readonly present: number;
  readonly expected: number;
}

/**
 * Observation shapes compiled once and applied to each observation as it streams by, in
 * bounded memory: IC-1, IC-11, IC-13, relaxed IC-15, IC-16, value ranges, the business rules
 * between the measures of one row, and, from one hashed entry per key of the dimensions other
 * than qb:measureType holding a bitmask of the measures seen, IC-12 and IC-17.
 */
export class ObservationChecker {
  /** hash of the key without the measure → slot in `firstAt` and `masks` (typed arrays: no object per key). */
  private readonly seen = new Map<number, number>();
  private firstAt = new Float64Array(1024);
  private masks = new Int32Array(1024);
  private readonly measureBit: ReadonlyMap<string, number>;
  private observations = 0;

  constructor(private readonly spec: CubeSpec) {
    // Beyond 31 measures the bitmask would overflow; no MoJ table comes near that.
    this.measureBit = new Map([...spec.measures].slice(0, 31).map((m, i) => [m, 1 << i]));
  }

  /** Checks the observations of one row (or one key); `at` identifies the row for IC-12 messages. */
  checkRow(group: readonly ObservationTriples[], at: number): Violation[] {
    const out: Violation[] = [];
    const values = new Map<string, number>();
    const subjects = new Map<string, string>();
    for (const obs of group) {
      this.observations++;
      this.checkObservation(obs, at, out, values, subjects);
    }
    for (const rule of ROW_RULES) {
      if (!rule.uses.every((p) => values.has(p))) continue;
      const message = rule.check((p) => values.get(p)!);
      // Reported on the observation of the rule's first measure, as the SHACL-SPARQL form does.
      if (message) out.push({ rule: rule.id, title: rule.title, severity: 'error', focus: subjects.get(rule.uses[0]!)!, message });
    }
    return out;
  }

  private checkObservation(obs: ObservationTriples, at: number, out: Violation[], values: Map<string, number>, subjects: Map<string, string>): void {
    const { spec } = this;
    const by = new Map<string, Term[]>();
    for (const [p, o] of obs.triples) by.set(p, [...(by.get(p) ?? []), o]);
    if (!(by.get(RDF_TYPE) ?? []).some((t) => t.value === QB.Observation)) return;
    const v = (rule: string, title: string, message: string, extra: Partial<Violation> = {}) =>
      out.push({ rule, title, severity: 'error', focus: obs.subject, message, ...extra });
    const ds = by.get(QB.dataSet) ?? [];
    if (ds.length !== 1 || ds[0]!.value !== spec.dataset) v('IC-1', 'Unique DataSet', `has ${ds.length} qb:dataSet values, expected <${spec.dataset}>`);
    const key: string[] = [];
    for (const d of spec.dimensions) {
      const got = by.get(d) ?? [];
      if (got.length === 0) v('IC-11', 'All dimensions required', `has no value for dimension <${d}>`, { path: d });
      key.push(got.map((t) => t.value).join('\u0002'));
    }
    const measureType = by.get(QB.measureType) ?? [];
    const measure = measureType[0]?.value;
    if (measureType.length !== 1 || !measure || !spec.measures.has(measure)) {
      v('IC-15', 'Measure dimension consistent', `qb:measureType must be one of the cube's measures`, { path: QB.measureType });
    } else {
      const value = by.get(measure) ?? [];
      const status = by.get(SDMX_ATTRIBUTE.obsStatus) ?? [];
      if (value.length === 0 && !status.some((s) => SUPPRESSING.has(s.value))) {
        v('IC-15', 'Measure dimension consistent', `has no value for <${measure}> and no suppression marker`, { path: measure });
      }
      const n = value.length === 1 ? Number(value[0]!.value) : NaN;
      if (!Number.isNaN(n)) {
        values.set(measure, n);
        subjects.set(measure, obs.subject);
        const range = rangeOf(measure);
        if (range && ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max))) {
          v('rule:range', 'value in range', `${n} is outside [${range.min ?? '−∞'}, ${range.max ?? '∞'}]`, { path: measure, value: value[0]!.value });
        }
      }
      for (const other of spec.measures) {
        if (other !== measure && by.has(other)) v('IC-16', 'Single measure on a measure-dimension observation', `also has a value for <${other}>`, { path: other });
      }
    }
    if (spec.unitRequired && !by.has(SDMX_ATTRIBUTE.unitMeasure)) v('IC-13', 'Required attributes', 'has no sdmx-attribute:unitMeasure', { path: SDMX_ATTRIBUTE.unitMeasure });
    const h = hash53(key.join('\u0001'));
    const bit = (measure && this.measureBit.get(measure)) || 0;
    const slot = this.seen.get(h);
    if (slot === undefined) this.remember(h, at, bit);
    else if (bit === 0 || (this.masks[slot]! & bit) !== 0) v('IC-12', 'No duplicate observations', `has the same dimension values as the observation of line ${this.firstAt[slot]! + 1}`);
    else this.masks[slot]! |= bit;
  }

  private remember(h: number, at: number, bit: number): void {
    const slot = this.seen.size;
    if (slot === this.masks.length) {
      const at2 = new Float64Array(slot * 2);
      at2.set(this.firstAt);
      this.firstAt = at2;
      const masks2 = new Int32Array(slot * 2);
      masks2.set(this.masks);
      this.masks = masks2;
    }
    this.firstAt[slot] = at;
    this.masks[slot] = bit;
    this.seen.set(h, slot);
  }

  /** IC-17, once every observation has been seen: the keys that lack some measure. */
  incompleteKeys(): IncompleteKey[] {
    const expected = this.measureBit.size;
    const full = expected === 31 ? 0x7fffffff : (1 << expected) - 1;
    const out: IncompleteKey[] = [];
    for (let slot = 0; slot < this.seen.size; slot++) {
      const mask = this.masks[slot]!;
      if (mask !== full) out.push({ at: this.firstAt[slot]!, present: popcount(mask), expected });
    }
    return out.sort((a, b) => a.at - b.at);
  }

  get count(): number {
    return this.observations;
  }
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}
