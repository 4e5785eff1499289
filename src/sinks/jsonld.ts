import type { Term } from '@rdfjs/types';
import { RDF_LANG_STRING, RDF_TYPE, XSD } from '../rdf/ns.js';
import { contextFor, type JsonLdContext } from './jsonld-context.js';
import type { Serializer } from './serializer.js';
import type { TextOut } from './text-out.js';

/** RFC 3986 gen-delims: `:` `/` `?` `#` `[` `]` `@`. */
const isGenDelim = (c: number): boolean => c === 58 || c === 47 || c === 63 || c === 35 || c === 91 || c === 93 || c === 64;
const CACHE_LIMIT = 20_000;

/**
 * Compacted JSON-LD written one subject at a time, so it streams: each node object of the
 * `@graph` array sits on one line. The compaction follows the JSON-LD 1.1 IRI and value
 * compaction rules for our context (shortest usable compact IRI, type-coerced terms), so
 * jsonld.js compacting the same graph with the same context gives the same node objects;
 * a test holds it to that. Triples must arrive grouped by subject, as the converter emits them.
 */
export function jsonldSerializer(prefixes: ReadonlyMap<string, string>): Serializer {
  const context = contextFor(prefixes);
  const { compactSubject, member } = compactor(context);
  /** The node being gathered: each member's key and values as JSON text, in order of first use. */
  let node: Map<string, string[]> | undefined;
  let nodeId: string | undefined;
  let first = true;

  const flush = (): string => {
    if (!node || nodeId === undefined) return '';
    // Subjects are new at each node: compacted without the cache, which they would only churn.
    // The node object's text is built member by member from JSON texts: the same text as
    // JSON.stringify of the object (no key is an array index, so members keep their order),
    // without an object per node whose keys V8 would keep as a slow dictionary.
    let text = `${first ? '' : ',\n'}    {"@id":${JSON.stringify(compactSubject(nodeId))}`;
    for (const [key, values] of node) text += `,${key}:${values.length === 1 ? values[0] : `[${values.join(',')}]`}`;
    text += '}';
    first = false;
    node = undefined;
    return text;
  };

  return {
    begin: () => `{\n  "@context": ${JSON.stringify(context, null, 2).replace(/\n/g, '\n  ')},\n  "@graph": [\n`,
    triple(s: Term, p: Term, o: Term, out: TextOut) {
      if (s.termType !== 'NamedNode' && s.termType !== 'BlankNode') throw new Error(`cannot write a ${s.termType} subject in JSON-LD`);
      // A blank node (a CSVW row) is its `_:` label, which compaction leaves as it is.
      const id = s.termType === 'BlankNode' ? `_:${s.value}` : s.value;
      if (id !== nodeId) {
        out.text(flush());
        node = new Map();
        nodeId = id;
      }
      const [key, value] = member(p.value, o);
      const values = node!.get(key);
      // Equal JSON texts are equal values: a repeated triple is written once.
      if (!values) node!.set(key, [value]);
      else if (!values.includes(value)) values.push(value);
    },
    cut: () => {
      const text = flush();
      nodeId = undefined;
      first = false;
      return text;
    },
    end: () => `${flush()}${first ? '' : '\n'}  ]\n}\n`,
  };
}

/** IRI and value compaction against one context; results of IRI compaction are cached. */
function compactor(context: JsonLdContext) {
  const prefixes: [string, string][] = [];
  /** Coerced properties: the key (as JSON text) and the type of their values. */
  const coercion = new Map<string, { keyText: string; type: string }>();
  const expand = (value: string): string => {
    const i = value.indexOf(':');
    const ns = i > 0 ? context[value.slice(0, i)] : undefined;
    return typeof ns === 'string' ? ns + value.slice(i + 1) : value;
  };
  for (const [key, def] of Object.entries(context)) {
    if (typeof def === 'string') {
      if (isGenDelim(def.charCodeAt(def.length - 1)) && !key.includes(':')) prefixes.push([key, def]);
    } else coercion.set(expand(key), { keyText: JSON.stringify(key), type: def['@type'] === '@id' ? '@id' : expand(def['@type']) });
  }
  /** IRI → its compact form, and that as JSON text. */
  const cache = new Map<string, { readonly compact: string; readonly text: string }>();
  // A compact IRI longer than every term cannot be one (observation IRIs never are).
  const longestTerm = Math.max(0, ...Object.keys(context).map((k) => k.length));
  /**
   * Every prefix, best first: two candidates' compact IRIs differ in length by the same amount
   * for any IRI both can compact, and compare by their distinct prefix names, so one order
   * holds for every IRI. Every namespace here ends with a gen-delim, so a prefix can compact
   * an IRI exactly when the IRI starts with its namespace and goes on past it.
   */
  const ranked = [...prefixes].sort(([p1, ns1], [p2, ns2]) => p1.length - ns1.length - (p2.length - ns2.length) || (`${p1}:` < `${p2}:` ? -1 : 1));

  /** The shortest, then least, compact IRI that is not a term of another meaning. */
  const curie = (iri: string, forValue: boolean): string | undefined => {
    for (const [prefix, ns] of ranked) {
      if (iri.length <= ns.length || !iri.startsWith(ns)) continue;
      const c = `${prefix}:${iri.slice(ns.length)}`;
      const term = c.length <= longestTerm ? context[c] : undefined;
      if (term !== undefined && (forValue || expand(c) !== iri)) continue;
      return c;
    }
    return undefined;
  };
  /**
   * The compact form of an IRI. Vocabulary-relative and plain compaction agree here: the
   * context has no @vocab and no term for a class or datatype, so one cache serves both.
   */
  const compacted = (iri: string): { readonly compact: string; readonly text: string } => {
    let c = cache.get(iri);
    if (c === undefined) {
      const compact = curie(iri, false) ?? iri;
      c = { compact, text: JSON.stringify(compact) };
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(iri, c);
    }
    return c;
  };
  const compactIri = (iri: string): string => compacted(iri).compact;
  const iriText = (iri: string): string => compacted(iri).text;
  const expandedValue = (o: Term): unknown => {
    if (o.termType === 'NamedNode') return { '@id': compactIri(o.value) };
    if (o.termType === 'BlankNode') return { '@id': `_:${o.value}` };
    if (o.termType !== 'Literal') throw new Error(`cannot write a ${o.termType} in JSON-LD`);
    if (o.language) return { '@value': o.value, '@language': o.language };
    const dt = o.datatype.value;
    return dt === XSD.string || dt === RDF_LANG_STRING ? o.value : { '@value': o.value, '@type': compactIri(dt) };
  };
  // A property's key (as JSON text) when its value is not coerced: it depends on the property alone.
  const plainKeys = new Map<string, string>();
  /** A triple's member of its node object: the key and the value, each as JSON text. */
  const member = (p: string, o: Term): [string, string] => {
    if (p === RDF_TYPE && o.termType === 'NamedNode') return ['"@type"', iriText(o.value)];
    const coerced = coercion.get(p);
    if (coerced) {
      if (coerced.type === '@id' && o.termType === 'NamedNode') return [coerced.keyText, iriText(o.value)];
      if (o.termType === 'Literal' && !o.language && o.datatype.value === coerced.type) return [coerced.keyText, JSON.stringify(o.value)];
    }
    let key = plainKeys.get(p);
    if (key === undefined) {
      key = JSON.stringify(curie(p, coerced !== undefined) ?? p);
      if (plainKeys.size >= CACHE_LIMIT) plainKeys.clear();
      plainKeys.set(p, key);
    }
    return [key, JSON.stringify(expandedValue(o))];
  };
  return { compactSubject: (iri: string): string => curie(iri, false) ?? iri, member };
}
