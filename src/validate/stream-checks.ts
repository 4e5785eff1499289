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

/** A checker's key table: hash, first line and measures seen, by slot. */
export interface CheckerKeys {
  readonly hashes: Float64Array;
  readonly firstAt: Float64Array;
  readonly masks: Int32Array;
  readonly observations: number;
}

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
  /**
   * Every predicate the checks read → a slot: dimensions first (0…D-1), then the measures,
   * then the fixed ones. An observation's triples are tallied into per-slot counts and first
   * objects, so checking one costs a map lookup per triple and no allocation.
   */
  private readonly slotOf = new Map<string, number>();
  private readonly measureSlots: readonly number[];
  private readonly counts: Int32Array;
  private readonly firsts: (Term | undefined)[];
  /** Second and later objects of a slot, kept only when a predicate repeats (rare: a broken row). */
  private readonly extra = new Map<number, Term[]>();
  private readonly dataSetSlot: number;
  private readonly typeSlot: number;
  private readonly measureTypeSlot: number;
  private readonly statusSlot: number;
  private readonly unitSlot: number;
  /** Hashes of dimension values, so an observation's key is hashed from a few numbers. */
  private readonly valueHash = new Map<string, number>();

  constructor(private readonly spec: CubeSpec) {
    // Beyond 31 measures the bitmask would overflow; no MoJ table comes near that.
    this.measureBit = new Map([...spec.measures].slice(0, 31).map((m, i) => [m, 1 << i]));
    const slot = (p: string): number => {
      let i = this.slotOf.get(p);
      if (i === undefined) this.slotOf.set(p, (i = this.slotOf.size));
      return i;
    };
    spec.dimensions.forEach(slot);
    this.measureSlots = [...spec.measures].map(slot);
    this.dataSetSlot = slot(QB.dataSet);
    this.typeSlot = slot(RDF_TYPE);
    this.measureTypeSlot = slot(QB.measureType);
    this.statusSlot = slot(SDMX_ATTRIBUTE.obsStatus);
    this.unitSlot = slot(SDMX_ATTRIBUTE.unitMeasure);
    this.counts = new Int32Array(this.slotOf.size);
    this.firsts = new Array(this.slotOf.size).fill(undefined);
  }

  /** Checks the observations of one row (or one key); `at` identifies the row for IC-12 messages. */
  checkRow(group: readonly ObservationTriples[], at: number): Violation[] {
    const out: Violation[] = [];
    let values: Map<string, number> | undefined;
    let subjects: Map<string, string> | undefined;
    for (const obs of group) {
      this.observations++;
      const measured = this.checkObservation(obs, at, out);
      if (measured && ROW_RULES.length > 0) {
        (values ??= new Map()).set(measured.measure, measured.value);
        (subjects ??= new Map()).set(measured.measure, obs.subject);
      }
    }
    if (!values) return out;
    for (const rule of ROW_RULES) {
      if (!rule.uses.every((p) => values.has(p))) continue;
      const message = rule.check((p) => values.get(p)!);
      // Reported on the observation of the rule's first measure, as the SHACL-SPARQL form does.
      if (message) out.push({ rule: rule.id, title: rule.title, severity: 'error', focus: subjects!.get(rule.uses[0]!)!, message });
    }
    return out;
  }

  /** All objects of a slot, in order. */
  private all(slot: number): Term[] {
    const first = this.firsts[slot];
    return first === undefined ? [] : [first, ...(this.extra.get(slot) ?? [])];
  }

  private checkObservation(obs: ObservationTriples, at: number, out: Violation[]): { measure: string; value: number } | undefined {
    const { spec, counts, firsts, slotOf } = this;
    counts.fill(0);
    if (this.extra.size) this.extra.clear();
    let isObservation = false;
    let suppressed = false;
    for (const [p, o] of obs.triples) {
      const k = slotOf.get(p);
      if (k === undefined) continue;
      const seen = counts[k]!;
      counts[k] = seen + 1;
      if (seen === 0) firsts[k] = o;
      else {
        const more = this.extra.get(k);
        if (more) more.push(o);
        else this.extra.set(k, [o]);
      }
      if (k === this.typeSlot && o.value === QB.Observation) isObservation = true;
      else if (k === this.statusSlot && SUPPRESSING.has(o.value)) suppressed = true;
    }
    if (!isObservation) return undefined;
    const v = (rule: string, title: string, message: string, extra: Partial<Violation> = {}): void => {
      out.push({ rule, title, severity: 'error', focus: obs.subject, message, ...extra });
    };
    if (counts[this.dataSetSlot] !== 1 || firsts[this.dataSetSlot]!.value !== spec.dataset) v('IC-1', 'Unique DataSet', `has ${counts[this.dataSetSlot]} qb:dataSet values, expected <${spec.dataset}>`);
    // The key's hash, from a cached hash of each dimension's value(s), mixed in dimension order.
    let h1 = 0x9e3779b9;
    let h2 = 0x85ebca6b;
    for (let d = 0; d < spec.dimensions.length; d++) {
      const n = counts[d]!;
      if (n === 0) v('IC-11', 'All dimensions required', `has no value for dimension <${spec.dimensions[d]}>`, { path: spec.dimensions[d] });
      const text = n === 0 ? '' : n === 1 ? firsts[d]!.value : this.all(d).map((t) => t.value).join('\u0002');
      let vh = this.valueHash.get(text);
      if (vh === undefined) {
        vh = hash53(text);
        if (this.valueHash.size >= 100_000) this.valueHash.clear();
        this.valueHash.set(text, vh);
      }
      h1 = Math.imul(h1 ^ (vh >>> 0), 2654435761) ^ d;
      h2 = Math.imul(h2 ^ Math.floor(vh / 4294967296), 1597334677) ^ (h1 >>> 15);
    }
    const h = 4294967296 * (2097151 & (h2 ^ (h1 >>> 7))) + (Math.imul(h1 ^ (h2 >>> 13), 3266489909) >>> 0);
    const measureType = this.all(this.measureTypeSlot);
    const measure = measureType[0]?.value;
    let measured: { measure: string; value: number } | undefined;
    if (measureType.length !== 1 || !measure || !spec.measures.has(measure)) {
      v('IC-15', 'Measure dimension consistent', `qb:measureType must be one of the cube's measures`, { path: QB.measureType });
    } else {
      const ms = slotOf.get(measure)!;
      if (counts[ms] === 0 && !suppressed) {
        v('IC-15', 'Measure dimension consistent', `has no value for <${measure}> and no suppression marker`, { path: measure });
      }
      const n = counts[ms] === 1 ? Number(firsts[ms]!.value) : NaN;
      if (!Number.isNaN(n)) {
        measured = { measure, value: n };
        const range = rangeOf(measure);
        if (range && ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max))) {
          v('rule:range', 'value in range', `${n} is outside [${range.min ?? '−∞'}, ${range.max ?? '∞'}]`, { path: measure, value: firsts[ms]!.value });
        }
      }
      for (const other of this.measureSlots) {
        if (other !== ms && counts[other]! > 0) {
          const iri = [...slotOf].find(([, i]) => i === other)![0];
          v('IC-16', 'Single measure on a measure-dimension observation', `also has a value for <${iri}>`, { path: iri });
        }
      }
    }
    if (spec.unitRequired && counts[this.unitSlot] === 0) v('IC-13', 'Required attributes', 'has no sdmx-attribute:unitMeasure', { path: SDMX_ATTRIBUTE.unitMeasure });
    const bit = (measure && this.measureBit.get(measure)) || 0;
    const slot = this.seen.get(h);
    if (slot === undefined) this.remember(h, at, bit);
    else if (bit === 0 || (this.masks[slot]! & bit) !== 0) out.push(duplicate(obs.subject, this.firstAt[slot]!));
    else this.masks[slot]! |= bit;
    return measured;
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

  /** The key table, to merge with another checker's (workers checking parts of one file). */
  exportKeys(): CheckerKeys {
    const n = this.seen.size;
    const hashes = new Float64Array(n);
    for (const [h, slot] of this.seen) hashes[slot] = h;
    return { hashes, firstAt: this.firstAt.slice(0, n), masks: this.masks.slice(0, n), observations: this.observations };
  }

  /**
   * Merges another part's key table. A key seen in both with a common measure is a duplicate
   * (IC-12), reported at the later of the two lines.
   */
  absorbKeys(k: CheckerKeys): { at: number; violation: Violation }[] {
    const duplicates: { at: number; violation: Violation }[] = [];
    this.observations += k.observations;
    for (let i = 0; i < k.hashes.length; i++) {
      const h = k.hashes[i]!;
      const at = k.firstAt[i]!;
      const bit = k.masks[i]!;
      const slot = this.seen.get(h);
      if (slot === undefined) {
        this.remember(h, at, bit);
        continue;
      }
      const mine = this.firstAt[slot]!;
      // The focus is not known here (the observation's IRI stayed in its worker).
      if (bit === 0 || (this.masks[slot]! & bit) !== 0) duplicates.push({ at: Math.max(at, mine), violation: duplicate('', Math.min(at, mine)) });
      this.masks[slot]! |= bit;
      this.firstAt[slot] = Math.min(mine, at);
    }
    return duplicates;
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

/** IC-12: an observation with the key of the one first seen at line `firstAt` (0-based). */
function duplicate(focus: string, firstAt: number): Violation {
  return { rule: 'IC-12', title: 'No duplicate observations', severity: 'error', focus, message: `has the same dimension values as the observation of line ${firstAt + 1}` };
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}
