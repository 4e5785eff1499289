import { NS } from '../rdf/ns.js';

/**
 * Where IRIs live on the server's origin (issue 21). The release's `base` and the vocabulary's
 * own space (`https://w3id.org/justice-lod/`) are both served from the root: an IRI's path
 * after its space is its path here. Following the UK Government Linked Data URI patterns,
 * `/id/{x}` names a thing whose document is `/doc/{x}`; every other resource path `p`
 * (datasets and observations under `/data/`, vocabularies under `/def/`) has its document at
 * `/doc/{p}`. A hash IRI's document is that of the IRI before the `#`.
 */
export const VOCAB_SPACE = NS.code.replace(/def\/justice\/$/, '');

/** Paths the server answers itself; an IRI whose path starts so is not served as a resource. */
export const RESERVED = ['/doc/', '/cube/', '/assets/', '/downloads/', '/sparql', '/resource', '/catalogue', '/healthz'];

export class Spaces {
  /** `base` first: when both spaces hold a path, the release's own resource wins. */
  readonly spaces: readonly string[];

  constructor(readonly base: string) {
    this.spaces = base === VOCAB_SPACE ? [base] : [base, VOCAB_SPACE];
  }

  /** The IRIs a request path may name (its path under each space), or none for the server's own paths. */
  irisOfPath(path: string): string[] {
    if (path === '/' || RESERVED.some((r) => path === r || path.startsWith(r.endsWith('/') ? r : `${r}/`))) return [];
    return this.spaces.map((s) => s + path.slice(1));
  }

  /** The path of an IRI in one of the spaces (without its fragment), or undefined. */
  pathOf(iri: string): string | undefined {
    const plain = iri.split('#')[0]!;
    const space = this.spaces.find((s) => plain.startsWith(s) && plain.length > s.length);
    return space === undefined ? undefined : `/${plain.slice(space.length)}`;
  }

  /** The document path for an IRI's path: `/id/x` → `/doc/x`, `/p` → `/doc/p`. */
  static docOf(path: string): string {
    return path.startsWith('/id/') ? `/doc/${path.slice(4)}` : `/doc${path}`;
  }

  /** The document of an IRI in one of the spaces (`/doc/…`, fragment dropped). */
  documentOf(iri: string): string {
    return Spaces.docOf(this.pathOf(iri)!);
  }

  /** The cube page of a dataset in one of the spaces (`/cube/data/{id}`). */
  cubeOf(dataset: string): string {
    return `/cube${this.pathOf(dataset) ?? ''}`;
  }

  /** The IRIs a document path may describe, most likely first (the `/id/` form, then the plain one). */
  irisOfDoc(docPath: string): string[] {
    const rest = docPath.slice('/doc/'.length);
    if (rest === '') return [];
    return [`id/${rest}`, rest].flatMap((p) => this.spaces.map((s) => s + p));
  }

  /**
   * Where a page links for an IRI: its document here (with the fragment, so a hash term lands
   * on its section), else the page for resources from elsewhere that the release describes.
   */
  hrefOf(iri: string): string {
    const path = this.pathOf(iri);
    if (path !== undefined) {
      const hash = iri.includes('#') ? iri.slice(iri.indexOf('#')) : '';
      return `${Spaces.docOf(path)}${hash}`;
    }
    return `/resource?uri=${encodeURIComponent(iri)}`;
  }
}
