import type { Quad } from '@rdfjs/types';
import { RDF_TYPE, RDFS, SKOS, XSD } from '../rdf/ns.js';
import { iri, literal, namedNode, quad } from '../rdf/term.js';
import { isBound, type Resolved } from './outcome.js';
import { grouped } from '../diagnostics/numbers.js';

const MINTED_LIMIT = 1_000_000;

/**
 * Distinct labels one generated code list may hold by default. Real code lists have hundreds
 * (offences, local authorities, courts); a column with tens of thousands of distinct values is
 * a free-text or number column mapped by mistake, and every concept is held until the end of
 * the run: the run stops at the first label past the limit (`--max-codes` raises it).
 */
export const DEFAULT_MAX_CODES = 10_000;

/** Thrown by a generated code list's resolver at the first label past the limit: the run stops. */
export class TooManyCodes extends Error {
  constructor(readonly column: number, readonly columnName: string, readonly label: string, readonly limit: number) {
    super(`column '${columnName}' has more than ${grouped(limit)} distinct labels for its generated code list (the next was ${JSON.stringify(label.length > 80 ? `${label.slice(0, 79)}…` : label)}); the run stopped`);
  }
}

/** A minted concept: its label and notation (the slug, or the release's own code with `keepCode`). */
export interface GeneratedConcept {
  readonly label: string;
  readonly notation: string;
}

export interface GeneratedState {
  readonly schemes: readonly (readonly [string, string, readonly (readonly [string, GeneratedConcept])[]])[];
  readonly minted: readonly (readonly [string, string])[];
}

/**
 * Code lists minted from the data (`codeList: generated`): every distinct label seen in a
 * column becomes a concept under the dataset. Bounded by the number of distinct labels, and
 * written after the observations, sorted, so reruns stay byte-identical.
 */
export class GeneratedCodes {
  private readonly schemes = new Map<string, { label: string; concepts: Map<string, GeneratedConcept> }>();
  /** IRIs minted by `iri:` templates → the cell label, so that the dump describes them. */
  private readonly minted = new Map<string, string>();

  /** `base`: only IRIs minted in the publisher's own space are described (not shipped codes or external IRIs). */
  constructor(private readonly base: string, readonly maxCodes: number = DEFAULT_MAX_CODES) {}

  /**
   * Records the label of an IRI minted from a cell (first label wins), so that every IRI of
   * ours that the data uses is also a subject in the dump. Called once per distinct cell text.
   */
  describe(resolved: Resolved, label: string): Resolved {
    if (isBound(resolved) && resolved.term.value.startsWith(this.base) && this.minted.size < MINTED_LIMIT && !this.minted.has(resolved.term.value)) this.minted.set(resolved.term.value, label);
    return resolved;
  }

  /** The slug → concept map of one generated scheme, created on first use. */
  scheme(schemeIri: string, label: string): Map<string, GeneratedConcept> {
    let s = this.schemes.get(schemeIri);
    if (!s) this.schemes.set(schemeIri, (s = { label, concepts: new Map() }));
    return s.concepts;
  }

  /** The codes minted so far, as plain data (workers minting in parts of one file). */
  exportState(): GeneratedState {
    return { schemes: [...this.schemes].map(([iri, s]) => [iri, s.label, [...s.concepts]]), minted: [...this.minted] };
  }

  /** Adds another part's codes; a label already recorded is kept (first part first). */
  absorb(g: GeneratedState): void {
    for (const [iri, label, concepts] of g.schemes) {
      const mine = this.scheme(iri, label);
      for (const [slug, l] of concepts) if (!mine.has(slug)) mine.set(slug, l);
    }
    for (const [iri, label] of g.minted) if (!this.minted.has(iri) && this.minted.size < MINTED_LIMIT) this.minted.set(iri, label);
  }

  quads(): Quad[] {
    const out: Quad[] = [];
    const en = (text: string) => literal(text, 'en');
    for (const [schemeIri, s] of [...this.schemes].sort((a, b) => a[0].localeCompare(b[0]))) {
      const scheme = iri(schemeIri);
      const concepts = [...s.concepts].sort((a, b) => a[0].localeCompare(b[0]));
      out.push(quad(scheme, iri(RDF_TYPE), iri(SKOS.ConceptScheme)), quad(scheme, iri(RDFS.label), en(s.label)));
      // The scheme's own triples first, so that Turtle keeps them together.
      for (const [slug] of concepts) out.push(quad(scheme, iri(SKOS.hasTopConcept), iri(`${schemeIri}/${slug}`)));
      for (const [slug, { label, notation }] of concepts) {
        const c = iri(`${schemeIri}/${slug}`);
        out.push(
          quad(c, iri(RDF_TYPE), iri(SKOS.Concept)),
          quad(c, iri(SKOS.prefLabel), en(label)),
          quad(c, iri(RDFS.label), en(label)),
          quad(c, iri(SKOS.notation), literal(notation, namedNode(XSD.string))),
          quad(c, iri(SKOS.inScheme), scheme),
          quad(c, iri(SKOS.topConceptOf), scheme),
        );
      }
    }
    for (const [value, label] of [...this.minted].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(quad(iri(value), iri(RDFS.label), en(label)));
    return out;
  }
}
