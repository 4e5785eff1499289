import type { Term } from '@rdfjs/types';
import { escapeLiteral } from '../rdf/term.js';
import { escapeIri } from '../rdf/iri.js';
import { RDF_TYPE, XSD } from '../rdf/ns.js';
import type { Serializer } from './serializer.js';

const PN_LOCAL = /^(?:[A-Za-z0-9_:]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.:-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_:-]|%[0-9A-Fa-f]{2}))?$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d*\.\d+$/;
const CACHE_LIMIT = 100_000;

/**
 * Turtle grouped by subject: `;` between a subject's predicates and `,` between objects of
 * one predicate, with the mapping's prefixes. The converter emits each observation's
 * triples together, so grouping needs no buffering and the output streams.
 */
export function turtleSerializer(prefixes: ReadonlyMap<string, string>, opts: { prefixes?: boolean } = {}): Serializer {
  const ordered = [...prefixes].filter(([, ns]) => ns !== '').sort((a, b) => b[1].length - a[1].length);
  const cache = new Map<string, string>();
  let subject: string | undefined;
  let predicate: string | undefined;

  const abbreviate = (value: string): string => {
    for (const [prefix, ns] of ordered) {
      if (value.startsWith(ns) && PN_LOCAL.test(value.slice(ns.length))) return `${prefix}:${value.slice(ns.length)}`;
    }
    return `<${escapeIri(value)}>`;
  };
  /** Repeated IRIs (predicates, codes, periods) are abbreviated once; subjects are not cached. */
  const iriText = (value: string): string => {
    let s = cache.get(value);
    if (s === undefined) {
      s = abbreviate(value);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(value, s);
    }
    return s;
  };
  const termText = (t: Term): string => {
    if (t.termType === 'NamedNode') return iriText(t.value);
    if (t.termType !== 'Literal') throw new Error(`cannot write a ${t.termType} in Turtle`);
    const dt = t.datatype.value;
    if (dt === XSD.integer && INTEGER.test(t.value)) return t.value;
    if (dt === XSD.decimal && DECIMAL.test(t.value)) return t.value;
    if (dt === XSD.boolean && (t.value === 'true' || t.value === 'false')) return t.value;
    const lex = `"${escapeLiteral(t.value)}"`;
    if (t.language) return `${lex}@${t.language}`;
    return dt === XSD.string ? lex : `${lex}^^${iriText(dt)}`;
  };

  return {
    begin: () => (opts.prefixes === false ? '' : turtlePrefixes(prefixes)),
    triple(s, p, o) {
      const st = s.termType === 'NamedNode' ? s.value : termText(s);
      const pt = p.value === RDF_TYPE ? 'a' : iriText(p.value);
      const ot = termText(o);
      if (st === subject) {
        if (pt === predicate) return `, ${ot}`;
        predicate = pt;
        return ` ;\n    ${pt} ${ot}`;
      }
      const close = subject === undefined ? '' : ' .\n\n';
      subject = st;
      predicate = pt;
      return `${close}${s.termType === 'NamedNode' ? abbreviate(st) : st} ${pt} ${ot}`;
    },
    end: () => (subject === undefined ? '' : ' .\n'),
  };
}


/** The `@prefix` lines, sorted by name, and a blank line. */
export function turtlePrefixes(prefixes: ReadonlyMap<string, string>): string {
  return (
    [...prefixes]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([p, ns]) => `@prefix ${p}: <${escapeIri(ns)}> .\n`)
      .join('') + '\n'
  );
}
