import type { MessagePort } from 'node:worker_threads';
import type { Term } from '@rdfjs/types';
import { DataFactory } from './factory.js';
import { INTERN_LIMIT } from './ntriples-lines.js';
import type { GzipMember } from './gzip-index.js';

/** Triples per message. */
export const BATCH = 16_384;
/** Messages sent and not yet checked before the reader waits. */
export const IN_FLIGHT = 8;
/** Terms in the table before it starts again (a dump's subjects are new on every observation). */
export const TABLE_LIMIT = 65_536;

/** The parts a plain file is read in, in turn by each thread (about 35,000 lines of a dump). */
export const PART_BYTES = 8 << 20;

export interface ReaderSetup {
  readonly path: string;
  readonly gzip: boolean;
  /** Two Int32s: batches the main thread has handled; messages this thread has posted. */
  readonly acks: SharedArrayBuffer;
  /** Post here instead of to the parent (read synchronously, with `receiveMessageOnPort`). */
  readonly port?: MessagePort;
  /** This thread reads parts index, index + of, index + 2·of, … of a plain file or an indexed gzip (another gzip: all of it, `of` is 1). */
  readonly index: number;
  readonly of: number;
  /** `PART_BYTES`, or smaller in tests. */
  readonly partBytes: number;
  /** A gzip file's members, when each says its size (src/rdf/gzip-index.ts): each is a part. */
  readonly members?: readonly GzipMember[];
  /**
   * A module (URL) whose `createConsumer()` takes the triples in the thread instead of them
   * being sent (`ThreadConsumer`); its batches are sent as they fill, and a last one at the end.
   */
  readonly consumer?: string;
}

/**
 * Work done on the triples inside a reader thread, so that what the main thread receives is
 * the result (the previous release's observations as numbers), not 15 triples an observation.
 */
export interface ThreadConsumer {
  triple(s: Term, p: Term, o: Term): void;
  /** Whether a batch is full and should go now. */
  readonly full: boolean;
  /** What was gathered since the last batch; `last` once the file is read (then everything left). */
  take(last: boolean): { readonly payload: unknown; readonly transfer: readonly ArrayBuffer[] };
}

/**
 * `count` triples as numbers into the thread's term table, with the terms new in this batch
 * (numbered on), two strings each (`encodeTerm`). A part's last batch says how many lines
 * the part had (-1 on the others).
 */
export interface ReaderBatch {
  readonly kind: 'batch';
  readonly ids: Int32Array;
  readonly count: number;
  readonly terms: readonly string[];
  /** The table starts again before this batch's terms. */
  readonly fresh: boolean;
  readonly lines: number;
  /** Bytes of the file read so far (gzip: of the compressed file). */
  readonly bytes: number;
  /** With a consumer: its batch (and no triples). */
  readonly payload?: unknown;
}

/** What a reader thread sends, in order: batches, then `done`, or a syntax error at a line of its part. */
export type ReaderMessage =
  | ReaderBatch
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly line: number; readonly reason: string }
  /** Any other error (the file could not be read): its message and errno code. */
  | { readonly kind: 'failed'; readonly message: string; readonly code?: string };

/**
 * A term as two strings: its kind (`I`, `S` for an IRI first met as a subject, `B`, or `L` with
 * its language and datatype) and its value. (The value travels alone: a slice of a longer
 * string would be slower to compare.)
 */
export function encodeTerm(t: Term, out: string[], subject: boolean): void {
  out.push(t.termType === 'Literal' ? `L${t.language}\u0001${t.datatype.value}` : t.termType === 'BlankNode' ? 'B' : subject ? 'S' : 'I', t.value);
}

/** Terms by kind and value, made once each (within a bound), so that equal terms are one object. */
export class TermDecoder {
  private readonly kinds = new Map<string, Map<string, Term>>();
  private size = 0;

  decode(kind: string, value: string): Term {
    // A subject IRI first met as a subject (an observation's: used on its lines, and gone).
    if (kind === 'S') return DataFactory.namedNode(value);
    let byValue = this.kinds.get(kind);
    if (!byValue) this.kinds.set(kind, (byValue = new Map()));
    let t = byValue.get(value);
    if (!t) {
      if (this.size >= INTERN_LIMIT) {
        for (const m of this.kinds.values()) m.clear();
        this.size = 0;
      }
      byValue.set(value, (t = make(kind, value)));
      this.size++;
    }
    return t;
  }
}

function make(kind: string, value: string): Term {
  if (kind === 'I') return DataFactory.namedNode(value);
  if (kind === 'B') return DataFactory.blankNode(value);
  // Language tags and IRIs hold no U+0001.
  const a = kind.indexOf('\u0001');
  const language = kind.slice(1, a);
  return language ? DataFactory.literal(value, language) : DataFactory.literal(value, DataFactory.namedNode(kind.slice(a + 1)));
}
