import type { Quad } from '@rdfjs/types';
import { XSD } from '../rdf/ns.js';
import { iri, literal, quad } from '../rdf/term.js';

/** A small builder of metadata quads: named nodes by IRI, literals by datatype or language. */
export class QuadList {
  readonly quads: Quad[] = [];

  link(s: string, p: string, o: string): this {
    this.quads.push(quad(iri(s), iri(p), iri(o)));
    return this;
  }

  text(s: string, p: string, value: string, lang = 'en'): this {
    this.quads.push(quad(iri(s), iri(p), literal(value, lang)));
    return this;
  }

  typed(s: string, p: string, value: string | number, datatype: string = XSD.string): this {
    this.quads.push(quad(iri(s), iri(p), literal(String(value), iri(datatype))));
    return this;
  }
}
