import type { Literal, NamedNode } from '@rdfjs/types';
import type { Code } from '../diagnostics/codes.js';
import type { MarkerCode } from '../mapping/model.js';

/** A resolved per-row value: the term and its short key for observation IRIs. */
export interface Bound {
  readonly term: NamedNode | Literal;
  readonly key: string;
  /** Markers the cell carries besides its value: `2009a`, a year with a series break, is [b]. */
  readonly markers?: readonly MarkerCode[];
  /** Problems that keep the value (a CSVW cell that does not fit its datatype is kept as a string). */
  readonly warnings?: readonly CellFailure[];
}

/** A value the mapping says to leave out (`missing: {"N/A": omit}`); counted, never silent. */
export interface Omitted {
  readonly omit: true;
  readonly token: string;
  /** How the summary names it (default `omit`; a CSVW null cell is `null`). */
  readonly why?: string;
}

/** A problem with one cell; run/ adds the file, line and column header. */
export interface CellFailure {
  readonly code: Code;
  readonly message: string;
  readonly column: number;
  readonly value: string;
}

export type Resolved = Bound | Omitted | CellFailure;

export const isBound = (r: Resolved): r is Bound => 'term' in r;
export const isFailure = (r: Resolved): r is CellFailure => 'code' in r;
export const OMIT_KEY = '-';

export { keyOf } from '../rdf/iri.js';
