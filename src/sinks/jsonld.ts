import type { Term } from '@rdfjs/types';
import { RDF_LANG_STRING, RDF_TYPE, XSD } from '../rdf/ns.js';
import { contextFor, type JsonLdContext } from './jsonld-context.js';
import type { Serializer } from './serializer.js';
import type { TextOut } from './text-out.js';

const GEN_DELIM = /[:/?#[\]@]$/;
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
  const { compactIri, compactSubject, propertyKey } = compactor(context);
  let node: Map<string, unknown[]> | undefined;
  let nodeId: string | undefined;
  let first = true;

  const flush = (): string => {
    if (!node || nodeId === undefined) return '';
    // Subjects are new at each node: compacted without the cache, which they would only churn.
    const obj: Record<string, unknown> = { '@id': compactSubject(nodeId) };
    for (const [key, values] of node) obj[key] = values.length === 1 ? values[0] : values;
    const text = `${first ? '' : ',\n'}    ${JSON.stringify(obj)}`;
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
      const [key, value] = p.value === RDF_TYPE && o.termType === 'NamedNode' ? ['@type', compactIri(o.value)] : propertyKey(p.value, o);
      const values = node!.get(key);
      if (!values) node!.set(key, [value]);
      else if (!values.some((v) => sameValue(v, value))) values.push(value);
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

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** IRI and value compaction against one context; results of IRI compaction are cached. */
function compactor(context: JsonLdContext) {
  const prefixes: [string, string][] = [];
  const coercion = new Map<string, { key: string; type: string }>();
  const expand = (value: string): string => {
    const i = value.indexOf(':');
    const ns = i > 0 ? context[value.slice(0, i)] : undefined;
    return typeof ns === 'string' ? ns + value.slice(i + 1) : value;
  };
  for (const [key, def] of Object.entries(context)) {
    if (typeof def === 'string') {
      if (GEN_DELIM.test(def) && !key.includes(':')) prefixes.push([key, def]);
    } else coercion.set(expand(key), { key, type: def['@type'] === '@id' ? '@id' : expand(def['@type']) });
  }
  const cache = new Map<string, string>();

  /** The shortest, then least, compact IRI that is not a term of another meaning. */
  const curie = (iri: string, forValue: boolean): string | undefined => {
    let best: string | undefined;
    for (const [prefix, ns] of prefixes) {
      if (iri.length <= ns.length || !iri.startsWith(ns)) continue;
      const c = `${prefix}:${iri.slice(ns.length)}`;
      const term = context[c];
      if (term !== undefined && (forValue || expand(c) !== iri)) continue;
      if (best === undefined || c.length < best.length || (c.length === best.length && c < best)) best = c;
    }
    return best;
  };
  /**
   * The compact form of an IRI. Vocabulary-relative and plain compaction agree here: the
   * context has no @vocab and no term for a class or datatype, so one cache serves both.
   */
  const compactIri = (iri: string): string => {
    let c = cache.get(iri);
    if (c === undefined) {
      c = curie(iri, false) ?? iri;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(iri, c);
    }
    return c;
  };
  const expandedValue = (o: Term): unknown => {
    if (o.termType === 'NamedNode') return { '@id': compactIri(o.value) };
    if (o.termType === 'BlankNode') return { '@id': `_:${o.value}` };
    if (o.termType !== 'Literal') throw new Error(`cannot write a ${o.termType} in JSON-LD`);
    if (o.language) return { '@value': o.value, '@language': o.language };
    const dt = o.datatype.value;
    return dt === XSD.string || dt === RDF_LANG_STRING ? o.value : { '@value': o.value, '@type': compactIri(dt) };
  };
  const propertyKey = (p: string, o: Term): [string, unknown] => {
    const coerced = coercion.get(p);
    if (coerced) {
      if (coerced.type === '@id' && o.termType === 'NamedNode') return [coerced.key, compactIri(o.value)];
      if (o.termType === 'Literal' && !o.language && o.datatype.value === coerced.type) return [coerced.key, o.value];
    }
    return [curie(p, coerced !== undefined) ?? p, expandedValue(o)];
  };
  return { compactIri, compactSubject: (iri: string): string => curie(iri, false) ?? iri, propertyKey };
}
