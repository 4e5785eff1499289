import type { Term } from '@rdfjs/types';
import { hash53 } from '../rdf/hash.js';
import { HashSet53, type HashLookup } from '../rdf/hash-set.js';
import { NS, RDF_TYPE } from '../rdf/ns.js';
import { periodBounds } from './periods.js';
import { LINK_TARGETS, linkTargetOf } from './targets.js';

/** What VoID and DCAT say about one dataset's graph, counted while it is written. */
export interface DatasetFacts {
  readonly triples: number;
  readonly distinctSubjects: number;
  /** Subjects in the data set's URI space (void:entities with void:uriSpace); all subjects when it has none. */
  readonly entities: number;
  /** rdf:type class → entities of that class. */
  readonly classes: ReadonlyMap<string, number>;
  /** Predicate → triples using it. */
  readonly properties: ReadonlyMap<string, number>;
  /** Link target key → predicate → triples whose object lies in the target's URI space. */
  readonly links: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** First and last day covered by the reference.data.gov.uk periods used. */
  readonly temporal?: readonly [string, string];
  /** The statistical geographies used (ONS GSS code IRIs), sorted. */
  readonly spatial: readonly string[];
  /**
   * What the five-star check would learn by parsing the dump again, counted as it was
   * written (absent when a run had too many distinct objects to keep them).
   */
  readonly content?: ContentFacts;
}

/** A dump's content as the five-star check reads it (five-star.ts `parseOne`). */
export interface ContentFacts {
  /** Triples with a blank node as subject or object. */
  readonly blankTriples: number;
  /** Hashes of every subject (hash53). */
  readonly subjects: HashLookup;
  /** Subjects outside the data set's URI space → their triples (few: the structure's own terms, if any). */
  readonly subjectsOutside: ReadonlyMap<string, number>;
  /** Distinct http(s) IRIs used as objects (the only ones that can lie in the bundle's own spaces). */
  readonly objects: ReadonlySet<string>;
}

/** Distinct object IRIs kept for the five-star check; beyond this it parses the dump instead. */
const OBJECT_LIMIT = 200_000;

const CACHE_LIMIT = 100_000;

/** A collector's counts as plain data (structured-clone safe). */
export interface FactsState {
  readonly triples: number;
  readonly subjects: number;
  readonly entities: number;
  readonly predicates: readonly (readonly [string, number, readonly number[]])[];
  readonly types: readonly (readonly [string, number])[];
  readonly start: string | undefined;
  readonly end: string | undefined;
  readonly areas: readonly string[];
  readonly content: { readonly blankTriples: number; readonly subjects: readonly number[]; readonly subjectsOutside: readonly (readonly [string, number])[]; readonly objects: readonly string[] } | undefined;
}

interface PredicateCount {
  readonly iri: string;
  triples: number;
  /** Triples per link target (index in LINK_TARGETS). */
  readonly links: Float64Array;
}
const SPATIAL_LIMIT = 5_000;
const NONE = -1;

/**
 * A triple target that only counts. Object terms repeat (resolvers cache them by cell
 * text), so each is classified once and every later triple costs a few map increments.
 * Subjects are counted as runs: the converter writes each subject's triples together, and
 * IC-12 keeps observation IRIs distinct.
 */
export class FactsCollector {
  readonly full = false;
  private triples = 0;
  private subjects = 0;
  private entities = 0;
  private lastSubject: Term | undefined;

  /** `uriSpace`: the data set's void:uriSpace, whose subjects are its entities. */
  constructor(private readonly uriSpace?: string) {}
  /** Counters per predicate term object (the plan reuses them): one map lookup per triple. */
  private readonly byPredicate = new Map<Term, PredicateCount>();
  private readonly types = new Map<string, number>();
  private readonly objectClass = new Map<Term, number>();
  private start: string | undefined;
  private end: string | undefined;
  private readonly areas = new Set<string>();
  private blankTriples = 0;
  private readonly subjectHashes = new HashSet53();
  private readonly subjectsOutside = new Map<string, number>();
  /** Distinct object IRIs, or undefined once past OBJECT_LIMIT. */
  private objects: Set<string> | undefined = new Set();
  private lastOutside = false;

  add(s: Term, p: Term, o: Term): void {
    this.triples++;
    if (s !== this.lastSubject && s.value !== this.lastSubject?.value) {
      this.subjects++;
      this.subjectHashes.add(hash53(s.value));
      this.lastOutside = this.uriSpace !== undefined && !s.value.startsWith(this.uriSpace);
      if (!this.lastOutside) this.entities++;
    }
    this.lastSubject = s;
    // As the five-star check counts them: a triple with a blank node is that, and nothing else.
    if (s.termType === 'BlankNode' || o.termType === 'BlankNode') this.blankTriples++;
    else if (this.lastOutside) this.subjectsOutside.set(s.value, (this.subjectsOutside.get(s.value) ?? 0) + 1);
    let count = this.byPredicate.get(p);
    if (count === undefined) {
      count = { iri: p.value, triples: 0, links: new Float64Array(LINK_TARGETS.length) };
      if (this.byPredicate.size >= CACHE_LIMIT) this.merge();
      this.byPredicate.set(p, count);
    }
    count.triples++;
    if (o.termType !== 'NamedNode') return;
    if (count.iri === RDF_TYPE) this.types.set(o.value, (this.types.get(o.value) ?? 0) + 1);
    let target = this.objectClass.get(o);
    if (target === undefined) target = this.classify(o);
    if (target !== NONE) count.links[target]!++;
  }

  /** Counts folded by predicate IRI, kept when the per-term map is reset. */
  private readonly folded = new Map<string, PredicateCount>();

  private merge(): void {
    for (const c of this.byPredicate.values()) {
      const f = this.folded.get(c.iri);
      if (!f) this.folded.set(c.iri, { iri: c.iri, triples: c.triples, links: Float64Array.from(c.links) });
      else {
        f.triples += c.triples;
        c.links.forEach((n, i) => (f.links[i]! += n));
      }
    }
    this.byPredicate.clear();
  }

  /** What this collector counted, to merge into another (workers counting parts of one file). */
  exportState(): FactsState {
    this.merge();
    return {
      triples: this.triples, subjects: this.subjects, entities: this.entities, predicates: [...this.folded.values()].map((c) => [c.iri, c.triples, [...c.links]]),
      types: [...this.types], start: this.start, end: this.end, areas: [...this.areas],
      content: this.objects && { blankTriples: this.blankTriples, subjects: this.subjectHashes.values(), subjectsOutside: [...this.subjectsOutside], objects: [...this.objects] },
    };
  }

  absorb(f: FactsState): void {
    this.merge();
    this.triples += f.triples;
    this.subjects += f.subjects;
    this.entities += f.entities;
    for (const [iri, triples, links] of f.predicates) {
      const c = this.folded.get(iri) ?? { iri, triples: 0, links: new Float64Array(LINK_TARGETS.length) };
      c.triples += triples;
      links.forEach((n, i) => (c.links[i]! += n));
      this.folded.set(iri, c);
    }
    for (const [t, n] of f.types) this.types.set(t, (this.types.get(t) ?? 0) + n);
    if (f.start !== undefined && (this.start === undefined || f.start < this.start)) this.start = f.start;
    if (f.end !== undefined && (this.end === undefined || f.end > this.end)) this.end = f.end;
    for (const a of f.areas) if (this.areas.size < SPATIAL_LIMIT) this.areas.add(a);
    if (!f.content) this.objects = undefined;
    else {
      this.blankTriples += f.content.blankTriples;
      for (const h of f.content.subjects) this.subjectHashes.add(h);
      for (const [s, n] of f.content.subjectsOutside) this.subjectsOutside.set(s, (this.subjectsOutside.get(s) ?? 0) + n);
      for (const o of f.content.objects) this.keepObject(o);
    }
  }

  private classify(o: Term): number {
    const t = linkTargetOf(o.value);
    const target = t ? LINK_TARGETS.indexOf(t) : NONE;
    const bounds = periodBounds(o.value);
    if (bounds) {
      if (this.start === undefined || bounds[0] < this.start) this.start = bounds[0];
      if (this.end === undefined || bounds[1] > this.end) this.end = bounds[1];
    }
    if (o.value.startsWith(NS.geo) && this.areas.size < SPATIAL_LIMIT) this.areas.add(o.value);
    this.keepObject(o.value);
    if (this.objectClass.size >= CACHE_LIMIT) this.objectClass.clear();
    this.objectClass.set(o, target);
    return target;
  }

  private keepObject(iri: string): void {
    // The five-star check wants the objects in the bundle's own spaces, which are http(s):
    // others (each CSVW row's `file:…#row=N`) would only fill the set, and past its limit
    // the dump would be read back to find them.
    if (!this.objects || !(iri.startsWith('https://') || iri.startsWith('http://'))) return;
    this.objects.add(iri);
    if (this.objects.size > OBJECT_LIMIT) this.objects = undefined;
  }

  async flush(): Promise<void> {}
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}

  facts(): DatasetFacts {
    const byValue = (m: ReadonlyMap<string, number>): Map<string, number> => new Map([...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    this.merge();
    const predicates = new Map<string, number>();
    const links = new Map<string, ReadonlyMap<string, number>>();
    for (const c of this.folded.values()) predicates.set(c.iri, c.triples);
    LINK_TARGETS.forEach((t, i) => {
      const counts = new Map<string, number>();
      for (const c of this.folded.values()) if (c.links[i]! > 0) counts.set(c.iri, c.links[i]!);
      if (counts.size > 0) links.set(t.key, byValue(counts));
    });
    return {
      triples: this.triples,
      distinctSubjects: this.subjects,
      entities: this.entities,
      classes: byValue(this.types),
      properties: byValue(predicates),
      links,
      ...(this.start && this.end ? { temporal: [this.start, this.end] as const } : {}),
      spatial: [...this.areas].sort(),
      ...(this.objects ? { content: { blankTriples: this.blankTriples, subjects: this.subjectHashes, subjectsOutside: this.subjectsOutside, objects: this.objects } } : {}),
    };
  }
}
