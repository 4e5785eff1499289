import type { Term } from '@rdfjs/types';
import { SUPPRESSING_IRIS } from '../mapping/markers.js';
import { QB, RDF_TYPE, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { rangeOf, ROW_RULES, type Range, type RowRule } from './rules.js';
import { KEY_LIMIT, KeyIndex, type KeyDuplicate } from './key-index.js';
import type { Violation } from './violation.js';
import { hash53 } from '../rdf/hash.js';
import { DataFactory } from '../rdf/factory.js';

/** What the streaming checks need to know about a cube: its DSD in a few sets. */
export interface CubeSpec {
  readonly dataset: string;
  /** Dimension properties other than qb:measureType. */
  readonly dimensions: readonly string[];
  readonly measures: ReadonlySet<string>;
  readonly unitRequired: boolean;
  /** Whether repeated keys are reported here (IC-12); off where the run rejects such rows itself. */
  readonly repeats?: boolean;
}

/**
 * Sees each observation's dimension values as the checks tally them (convert's first uses of
 * codes, IC-19/20/21): `index` is the observation's place in the row, `values` the first
 * value of each dimension and `counts` how many (the others: `ObservationChecker.valuesOf`).
 */
export type DimensionVisitor = (index: number, focus: string, values: readonly (Term | undefined)[], counts: Int32Array) => void;

/** One observation's triples, in the order they were written. */
export interface ObservationTriples {
  readonly subject: string;
  readonly triples: readonly (readonly [predicate: string, object: Term])[];
}

const SUPPRESSING = new Set(SUPPRESSING_IRIS);
/** Places of an observation's triples whose predicate's slot is remembered (more are looked up). */
const PLACES = 64;

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
 * than qb:measureType holding a bitmask of the measures seen, IC-12 and IC-17. A row arrives as
 * three parallel term lists (subject runs are observations), so checking it allocates
 * nothing unless something is wrong.
 */
export class ObservationChecker {
  /** Key hash without the measure → first line and measures seen (spills to disk when large). */
  private readonly keys: KeyIndex;
  private settled: { duplicates: KeyDuplicate[]; incomplete: IncompleteKey[] } | undefined;
  private observations = 0;
  /**
   * Every predicate the checks read → a slot: dimensions first (0…D-1), then the measures,
   * then the fixed ones. An observation's triples are tallied into per-slot counts and first
   * objects; the plan reuses one term object per predicate, so the slot is found by identity.
   */
  private readonly slotOf = new Map<string, number>();
  private readonly slotOfTerm = new Map<Term, number>();
  private readonly slotIri: readonly string[];
  private readonly measureSlots: readonly number[];
  /** Per slot: the measure's index (bit), its range; -1 / undefined for other slots. */
  private readonly measureIndex: Int32Array;
  private readonly ranges: readonly (Range | undefined)[];
  private readonly counts: Int32Array;
  private readonly firsts: (Term | undefined)[];
  /** Second and later objects of a slot, kept only when a predicate repeats (rare: a broken row). */
  private readonly extra = new Map<number, Term[]>();
  private readonly dataSetSlot: number;
  private readonly typeSlot: number;
  private readonly measureTypeSlot: number;
  private readonly statusSlot: number;
  private readonly unitSlot: number;
  /**
   * The slot of the predicate at each place of the previous observation: the plan writes an
   * observation's triples in the same order with the same predicate objects every time, so
   * nearly every slot is found by one comparison.
   */
  private readonly predicateAt: (Term | undefined)[] = new Array(PLACES).fill(undefined);
  private readonly slotAt = new Int32Array(PLACES);
  /** Per dimension: the value term last hashed and its hash (the observations of a wide row, sorted releases). */
  private readonly lastValue: (Term | undefined)[];
  private readonly lastValueHash: Float64Array;
  /** Hashes of dimension values, so an observation's key is hashed from a few numbers. */
  private readonly valueHash = new Map<string, number>();
  /** The row rules whose measures this cube has, and the row's value and focus per measure. */
  private readonly rules: readonly RowRule[];
  private readonly rowValue: Float64Array;
  private readonly rowFocus: (string | undefined)[];
  private readonly valueOf = (p: string): number => this.rowValue[this.measureIndexOf(p)]!;
  /**
   * Behind the run's key gate (no IC-12 here): the row's observations so far that share one
   * set of dimension values (one object each), and the measures they cover. A row that covers
   * every measure of its key (a wide row; any row of a one-measure cube) leaves nothing for
   * IC-17 to find later, and the gate keeps other rows off its key: it skips the key index.
   */
  private readonly pendingDims: (Term | undefined)[];
  private pendingBits = 0;
  private pendingAt = -1;
  /** One value a dimension (the pending key's counts). */
  private readonly ones: Int32Array;
  /** Every measure's bit: a key with these is complete (IC-17). */
  private readonly allBits: number;

  /** `keyLimit`: distinct keys kept in memory before the key index spills (workers: never). */
  constructor(private readonly spec: CubeSpec, keyLimit = KEY_LIMIT) {
    this.keys = new KeyIndex(keyLimit);
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
    this.slotIri = [...this.slotOf.keys()];
    this.counts = new Int32Array(this.slotOf.size);
    this.firsts = new Array(this.slotOf.size).fill(undefined);
    this.measureIndex = new Int32Array(this.slotOf.size).fill(-1);
    this.measureSlots.forEach((ms, i) => (this.measureIndex[ms] = i));
    this.ranges = this.slotIri.map((iri, i) => (this.measureIndex[i]! >= 0 ? rangeOf(iri) : undefined));
    this.rules = ROW_RULES.filter((r) => r.uses.every((p) => spec.measures.has(p)));
    this.rowValue = new Float64Array(this.measureSlots.length).fill(NaN);
    this.rowFocus = new Array(this.measureSlots.length).fill(undefined);
    this.lastValue = new Array(spec.dimensions.length).fill(undefined);
    this.lastValueHash = new Float64Array(spec.dimensions.length);
    this.pendingDims = new Array(spec.dimensions.length).fill(undefined);
    this.ones = new Int32Array(spec.dimensions.length).fill(1);
    const expected = Math.min(this.measureSlots.length, 31);
    this.allBits = expected === 31 ? 0x7fffffff : (1 << expected) - 1;
  }

  /** Checks the observations of one row (or one key) given as groups (whole graphs, tests); `at` identifies the row for IC-12 messages. */
  checkRow(group: readonly ObservationTriples[], at: number): Violation[] {
    const s: Term[] = [];
    const p: Term[] = [];
    const o: Term[] = [];
    for (const obs of group) {
      const subject = DataFactory.namedNode(obs.subject);
      for (const [predicate, object] of obs.triples) {
        s.push(subject);
        p.push(DataFactory.namedNode(predicate));
        o.push(object);
      }
    }
    return this.checkTriples(s, p, o, s.length, at);
  }

  /** Checks a row given as parallel lists of its first `n` triples; each subject run is one observation. */
  checkTriples(s: readonly Term[], p: readonly Term[], o: readonly Term[], n: number, at: number, visit?: DimensionVisitor): Violation[] {
    let out: Violation[] = NONE;
    const { rowValue, rowFocus } = this;
    rowValue.fill(NaN);
    for (let start = 0, end = 0, index = 0; start < n; start = end, index++) {
      end = observationEnd(s, start, n);
      this.observations++;
      const found = this.checkObservation(s[start]!.value, p, o, start, end, at, index, visit);
      if (found !== NONE) out = added(out, ...found);
    }
    this.flushPending();
    for (const rule of this.rules) {
      if (!rule.uses.every((u) => !Number.isNaN(this.valueOf(u)))) continue;
      const message = rule.check(this.valueOf);
      // Reported on the observation of the rule's first measure, as the SHACL-SPARQL form does.
      if (message) out = added(out, violation(rowFocus[this.measureIndexOf(rule.uses[0]!)]!, rule.id, rule.title, message));
    }
    return out;
  }

  /** A measure's index (its bit, its place in the row's values). */
  private measureIndexOf(p: string): number {
    return this.measureIndex[this.slotOf.get(p)!]!;
  }

  private slot(p: Term): number {
    let k = this.slotOfTerm.get(p);
    if (k === undefined) {
      k = this.slotOf.get(p.value) ?? -1;
      if (this.slotOfTerm.size >= 10_000) this.slotOfTerm.clear();
      this.slotOfTerm.set(p, k);
    }
    return k;
  }

  private valueHashOf(text: string): number {
    let vh = this.valueHash.get(text);
    if (vh === undefined) {
      vh = hash53(text);
      if (this.valueHash.size >= 20_000) this.valueHash.clear();
      this.valueHash.set(text, vh);
    }
    return vh;
  }

  /** Every value of dimension `d` in the observation being checked (for a `DimensionVisitor`). */
  valuesOf(d: number): Term[] {
    return this.all(d);
  }

  /** All objects of a slot, in order. */
  private all(slot: number): Term[] {
    const first = this.firsts[slot];
    return first === undefined ? [] : [first, ...(this.extra.get(slot) ?? [])];
  }

  private checkObservation(focus: string, ps: readonly Term[], os: readonly Term[], start: number, end: number, at: number, index: number, visit: DimensionVisitor | undefined): Violation[] {
    const { spec, counts, firsts } = this;
    counts.fill(0);
    if (this.extra.size) this.extra.clear();
    let isObservation = false;
    let suppressed = false;
    const { predicateAt, slotAt } = this;
    for (let i = start; i < end; i++) {
      const pt = ps[i]!;
      const j = i - start;
      let k: number;
      if (j < PLACES && predicateAt[j] === pt) k = slotAt[j]!;
      else {
        k = this.slot(pt);
        if (j < PLACES) {
          predicateAt[j] = pt;
          slotAt[j] = k;
        }
      }
      if (k < 0) continue;
      const o = os[i]!;
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
    if (!isObservation) return NONE;
    visit?.(index, focus, firsts, counts);
    let out: Violation[] = NONE;
    if (counts[this.dataSetSlot] !== 1 || firsts[this.dataSetSlot]!.value !== spec.dataset) out = added(out, violation(focus, 'IC-1', 'Unique DataSet', `has ${counts[this.dataSetSlot]} qb:dataSet values, expected <${spec.dataset}>`));
    for (let d = 0; d < spec.dimensions.length; d++) {
      if (counts[d] === 0) out = added(out, violation(focus, 'IC-11', 'All dimensions required', `has no value for dimension <${spec.dimensions[d]}>`, { path: spec.dimensions[d] }));
    }
    const mt = this.measureTypeSlot;
    const measure = counts[mt] === 1 ? firsts[mt]!.value : undefined;
    const ms = measure === undefined ? -1 : this.slotOf.get(measure) ?? -1;
    const mi = ms < 0 ? -1 : this.measureIndex[ms]!;
    if (mi < 0) {
      out = added(out, violation(focus, 'IC-15', 'Measure dimension consistent', `qb:measureType must be one of the cube's measures`, { path: QB.measureType }));
    } else {
      if (counts[ms] === 0 && !suppressed) {
        out = added(out, violation(focus, 'IC-15', 'Measure dimension consistent', `has no value for <${measure}> and no suppression marker`, { path: measure }));
      }
      const n = counts[ms] === 1 ? Number(firsts[ms]!.value) : NaN;
      if (!Number.isNaN(n)) {
        this.rowValue[mi] = n;
        this.rowFocus[mi] = focus;
        const range = this.ranges[ms];
        if (range && ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max))) {
          out = added(out, violation(focus, 'rule:range', 'value in range', `${n} is outside [${range.min ?? '−∞'}, ${range.max ?? '∞'}]`, { path: measure, value: firsts[ms]!.value }));
        }
      }
      for (const other of this.measureSlots) {
        if (other !== ms && counts[other]! > 0) {
          const iri = this.slotIri[other]!;
          out = added(out, violation(focus, 'IC-16', 'Single measure on a measure-dimension observation', `also has a value for <${iri}>`, { path: iri }));
        }
      }
    }
    if (spec.unitRequired && counts[this.unitSlot] === 0) out = added(out, violation(focus, 'IC-13', 'Required attributes', 'has no sdmx-attribute:unitMeasure', { path: SDMX_ATTRIBUTE.unitMeasure }));
    // Beyond 31 measures the bitmask would overflow; no MoJ table comes near that.
    const bit = mi >= 0 && mi < 31 ? 1 << mi : 0;
    if (spec.repeats === false) this.gatedKey(bit, at);
    else {
      const first = this.keys.observe(this.keyHash(this.firsts, this.counts), at, bit);
      if (first >= 0) out = added(out, duplicate(focus, first));
    }
    return out;
  }

  /** Behind the key gate: the observation joins its row's pending key, or the key index. */
  private gatedKey(bit: number, at: number): void {
    const { counts, firsts, pendingDims } = this;
    const d0 = this.spec.dimensions.length;
    if (this.pendingAt >= 0) {
      let same = true;
      for (let d = 0; d < d0 && same; d++) same = counts[d] === 1 && firsts[d] === pendingDims[d];
      if (same) {
        this.pendingBits |= bit;
        return;
      }
      this.flushPending();
    }
    for (let d = 0; d < d0; d++) {
      // A dimension with no value or several: straight to the index, as without the gate.
      if (counts[d] !== 1) {
        this.keys.observe(this.keyHash(firsts, counts), at, bit);
        return;
      }
    }
    for (let d = 0; d < d0; d++) pendingDims[d] = firsts[d];
    this.pendingBits = bit;
    this.pendingAt = at;
  }

  /** The row's pending key to the index, unless its observations covered every measure. */
  private flushPending(): void {
    if (this.pendingAt < 0) return;
    if (this.pendingBits !== this.allBits) this.keys.observe(this.keyHash(this.pendingDims, this.ones), this.pendingAt, this.pendingBits);
    this.pendingAt = -1;
    this.pendingDims.fill(undefined);
  }

  /**
   * A key's hash, from a cached hash of each dimension's value(s), mixed in dimension order:
   * `firsts` the first value of each dimension, `counts` how many (several only for the
   * observation being checked, whose others are in `extra`).
   */
  private keyHash(firsts: readonly (Term | undefined)[], counts: ArrayLike<number>): number {
    let h1 = 0x9e3779b9;
    let h2 = 0x85ebca6b;
    for (let d = 0; d < this.spec.dimensions.length; d++) {
      const n = counts[d]!;
      let vh: number;
      if (n === 1 && firsts[d] === this.lastValue[d]) vh = this.lastValueHash[d]!;
      else {
        vh = this.valueHashOf(n === 0 ? '' : n === 1 ? firsts[d]!.value : this.all(d).map((t) => t.value).join('\u0002'));
        if (n === 1) {
          this.lastValue[d] = firsts[d];
          this.lastValueHash[d] = vh;
        }
      }
      h1 = Math.imul(h1 ^ (vh >>> 0), 2654435761) ^ d;
      h2 = Math.imul(h2 ^ Math.floor(vh / 4294967296), 1597334677) ^ (h1 >>> 15);
    }
    return 4294967296 * (2097151 & (h2 ^ (h1 >>> 7))) + (Math.imul(h1 ^ (h2 >>> 13), 3266489909) >>> 0);
  }

  /** The key table, to merge with another checker's (workers checking parts of one file). */
  exportKeys(): CheckerKeys {
    return { ...this.keys.export(), observations: this.observations };
  }

  /**
   * Merges another part's key table. A key seen in both with a common measure is a duplicate
   * (IC-12), reported at the later of the two lines (once the index has spilled: by `settle`).
   */
  absorbKeys(k: CheckerKeys): { at: number; violation: Violation }[] {
    const duplicates: { at: number; violation: Violation }[] = [];
    this.observations += k.observations;
    for (let i = 0; i < k.hashes.length; i++) {
      const at = k.firstAt[i]!;
      const first = this.keys.observe(k.hashes[i]!, at, k.masks[i]!);
      // The focus is not known here (the observation's IRI stayed in its worker).
      if (first >= 0) duplicates.push({ at: Math.max(at, first), violation: duplicate('', Math.min(at, first)) });
    }
    return duplicates;
  }

  /**
   * Once every observation has been seen: the duplicates the spilled key index found at the
   * end (IC-12; none when it stayed in memory) and the keys that lack some measure (IC-17).
   */
  settle(): { duplicates: { at: number; violation: Violation }[]; incomplete: IncompleteKey[] } {
    if (!this.settled) {
      const expected = Math.min(this.measureSlots.length, 31);
      const { duplicates, shortfalls } = this.keys.settle(this.allBits);
      this.settled = { duplicates, incomplete: shortfalls.map((s) => ({ at: s.at, present: popcount(s.bits), expected })) };
    }
    return {
      duplicates: this.spec.repeats === false ? [] : this.settled.duplicates.map((d) => ({ at: d.at, violation: duplicate('', d.first) })),
      incomplete: this.settled.incomplete,
    };
  }

  /** IC-17, once every observation has been seen: the keys that lack some measure. */
  incompleteKeys(): IncompleteKey[] {
    return this.settle().incomplete;
  }

  /** Removes the key index's temporary files (a run that stopped early). */
  dispose(): void {
    this.keys.dispose();
  }

  get count(): number {
    return this.observations;
  }
}

/** No violations: one shared empty list, so a clean row allocates no list. */
const NONE: Violation[] = [];

/** `list` with `more` added; the shared empty NONE is never written to. */
function added(list: Violation[], ...more: Violation[]): Violation[] {
  const out = list === NONE ? [] : list;
  out.push(...more);
  return out;
}

/** An error on the observation `focus`. */
function violation(focus: string, rule: string, title: string, message: string, extra: Partial<Violation> = {}): Violation {
  return { rule, title, severity: 'error', focus, message, ...extra };
}

/** Where the observation starting at `start` ends: its subject's run in a row's triples. */
export function observationEnd(subjects: readonly Term[], start: number, n: number): number {
  const subject = subjects[start]!;
  let end = start + 1;
  while (end < n && (subjects[end] === subject || subjects[end]!.value === subject.value)) end++;
  return end;
}

/** IC-12: an observation with the key of the one first seen at line `firstAt` (0-based). */
function duplicate(focus: string, firstAt: number): Violation {
  return violation(focus, 'IC-12', 'No duplicate observations', `has the same dimension values as the observation of line ${firstAt + 1}`);
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}
