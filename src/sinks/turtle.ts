import type { Term } from '@rdfjs/types';
import { escapeLiteral } from '../rdf/term.js';
import { escapeIri } from '../rdf/iri.js';
import { RDF_TYPE, XSD } from '../rdf/ns.js';
import type { Serializer } from './serializer.js';
import { TermBytes } from './text-out.js';

const PN_LOCAL = /^(?:[A-Za-z0-9_:]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.:-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_:-]|%[0-9A-Fa-f]{2}))?$/;
/**
 * Longer local names are written as full IRIs: the pattern above backtracks once per
 * character, and an 8 MB IRI would overflow the regular-expression stack.
 */
const MAX_LOCAL = 2048;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d*\.\d+$/;
const CACHE_LIMIT = 20_000;

/**
 * Turtle grouped by subject: `;` between a subject's predicates and `,` between objects of
 * one predicate, with the mapping's prefixes. The converter emits each observation's
 * triples together, so grouping needs no buffering and the output streams.
 */
export function turtleSerializer(prefixes: ReadonlyMap<string, string>, opts: { prefixes?: boolean } = {}): Serializer {
  const ordered = [...prefixes].filter(([, ns]) => ns !== '').sort((a, b) => b[1].length - a[1].length);
  const cache = new Map<string, string>();

  const abbreviate = (value: string): string => {
    for (const [prefix, ns] of ordered) {
      if (value.startsWith(ns) && value.length - ns.length <= MAX_LOCAL && PN_LOCAL.test(value.slice(ns.length))) return `${prefix}:${value.slice(ns.length)}`;
    }
    return `<${escapeIri(value)}>`;
  };
  /** Repeated IRIs (datatypes) are abbreviated once. */
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
    if (t.termType === 'BlankNode') return `_:${t.value}`;
    if (t.termType !== 'Literal') throw new Error(`cannot write a ${t.termType} in Turtle`);
    const dt = t.datatype.value;
    if (dt === XSD.integer && t.value.length <= MAX_LOCAL && INTEGER.test(t.value)) return t.value;
    if (dt === XSD.decimal && t.value.length <= MAX_LOCAL && DECIMAL.test(t.value)) return t.value;
    if (dt === XSD.boolean && (t.value === 'true' || t.value === 'false')) return t.value;
    const lex = `"${escapeLiteral(t.value)}"`;
    if (t.language) return `${lex}@${t.language}`;
    return dt === XSD.string ? lex : `${lex}^^${iriText(dt)}`;
  };
  // Predicates with the space after them, objects as they stand: cached bytes per term.
  const predicates = new TermBytes((p) => `${p.value === RDF_TYPE ? 'a' : iriText(p.value)} `);
  const objects = new TermBytes(termText);
  let subject: Term | undefined;
  let predicate: Term | undefined;
  /** After a cut, statements came before: the next subject is preceded by a blank line. */
  let afterCut = false;

  return {
    begin: () => (opts.prefixes === false ? '' : turtlePrefixes(prefixes)),
    triple(s, p, o, out) {
      if (subject !== undefined && (s === subject || (s.termType === subject.termType && s.value === subject.value))) {
        if (p === predicate || p.value === predicate!.value) out.bytes(COMMA);
        else {
          predicate = p;
          out.bytes(SEMICOLON);
          out.bytes(predicates.get(p));
        }
        out.bytes(objects.get(o));
        return;
      }
      out.text(`${subject !== undefined ? ' .\n\n' : afterCut ? '\n' : ''}${s.termType === 'NamedNode' ? abbreviate(s.value) : termText(s)} `);
      subject = s;
      predicate = p;
      out.bytes(predicates.get(p));
      out.bytes(objects.get(o));
    },
    cut: () => {
      const text = subject === undefined ? '' : ' .\n';
      subject = predicate = undefined;
      afterCut = true;
      return text;
    },
    end: () => (subject === undefined ? '' : ' .\n'),
  };
}

const COMMA = Buffer.from(', ');
const SEMICOLON = Buffer.from(' ;\n    ');

/** The `@prefix` lines, sorted by name, and a blank line. */
export function turtlePrefixes(prefixes: ReadonlyMap<string, string>): string {
  return (
    [...prefixes]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([p, ns]) => `@prefix ${p}: <${escapeIri(ns)}> .\n`)
      .join('') + '\n'
  );
}
