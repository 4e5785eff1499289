import type { Quad, Term } from '@rdfjs/types';
import { RDF_TYPE } from './ns.js';
import { termKey } from './term.js';

const NONE: readonly Term[] = [];
const NO_VALUES: ReadonlyMap<string, readonly Term[]> = new Map();

/** A term, or an IRI as a string. */
type TermOrIri = Term | string;
const keyOf = (t: TermOrIri): string => (typeof t === 'string' ? t : termKey(t));

/**
 * A set of triples indexed both ways (subject → predicate → objects, predicate → object →
 * subjects): enough for the Data Cube constraints on a cube's structure and for reading a
 * release's metadata, a few thousand triples, without a store (n3's Store brings its stream
 * library, ~40 ms to load, into every run). Each triple is kept once, as in a store.
 */
export class TripleIndex {
  private readonly spo = new Map<string, Map<string, Term[]>>();
  private readonly pos = new Map<string, Map<string, Term[]>>();
  private readonly pairs = new Map<string, [Term, Term][]>();
  private readonly subjectTerms = new Map<string, Term>();
  private readonly triples = new Set<string>();

  constructor(quads: Iterable<Quad> = []) {
    for (const q of quads) this.add(q.subject, q.predicate.value, q.object);
  }

  /** Adds a triple; false when it was there already. */
  add(s: Term, p: string, o: Term): boolean {
    const sk = termKey(s);
    const ok = termKey(o);
    const triple = `${sk}\u0001${p}\u0001${ok}`;
    if (this.triples.has(triple)) return false;
    this.triples.add(triple);
    let bySubject = this.spo.get(sk);
    if (!bySubject) {
      this.spo.set(sk, (bySubject = new Map()));
      this.subjectTerms.set(sk, s);
    }
    let objects = bySubject.get(p);
    if (!objects) bySubject.set(p, (objects = []));
    objects.push(o);
    let byPredicate = this.pos.get(p);
    if (!byPredicate) this.pos.set(p, (byPredicate = new Map()));
    let subjects = byPredicate.get(ok);
    if (!subjects) byPredicate.set(ok, (subjects = []));
    subjects.push(s);
    let list = this.pairs.get(p);
    if (!list) this.pairs.set(p, (list = []));
    list.push([s, o]);
    return true;
  }

  /** The objects of `s p ?o`, in the order they were added. */
  objects(s: TermOrIri, p: string): readonly Term[] {
    return this.spo.get(keyOf(s))?.get(p) ?? NONE;
  }

  /** Every predicate of `s` with its objects. */
  valuesOf(s: TermOrIri): ReadonlyMap<string, readonly Term[]> {
    return this.spo.get(keyOf(s)) ?? NO_VALUES;
  }

  /** The subjects of `?s p o`. */
  subjects(p: string, o: TermOrIri): readonly Term[] {
    return this.pos.get(p)?.get(keyOf(o)) ?? NONE;
  }

  /** Every subject, once, in the order first added. */
  allSubjects(): Term[] {
    return [...this.subjectTerms.values()];
  }

  /** Every `(s, o)` with `s p o`. A term that is not an IRI is never a predicate: none. */
  pairsOf(p: string): readonly (readonly [Term, Term])[] {
    return this.pairs.get(p) ?? [];
  }

  has(s: TermOrIri, p: string, o: TermOrIri): boolean {
    return this.triples.has(`${keyOf(s)}\u0001${p}\u0001${keyOf(o)}`);
  }

  /** Whether `s` has any value for the predicate `p` (a term; only IRIs are predicates). */
  hasAny(s: Term, p: Term): boolean {
    return p.termType === 'NamedNode' && this.objects(s, p.value).length > 0;
  }

  isA(s: TermOrIri, cls: string): boolean {
    return this.objects(s, RDF_TYPE).some((t) => t.termType === 'NamedNode' && t.value === cls);
  }

  /** The subjects typed `cls` (rdf:type, no subclass inference). */
  instances(cls: string): readonly Term[] {
    return this.pos.get(RDF_TYPE)?.get(cls) ?? NONE;
  }
}
