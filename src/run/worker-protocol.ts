import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GeneratedState } from '../compile/generated.js';
import type { FactsState } from '../metadata/facts.js';
import type { ValidationState } from './validation.js';
import type { ChunkSlots, PartChunk } from './shared-chunks.js';

/** What a worker is told once: enough to compile the same plan as the main thread. */
export interface WorkerSetup {
  readonly mapping: string;
  readonly csv: string;
  readonly header: readonly string[];
  readonly formats: readonly string[];
  readonly validate: boolean;
  readonly facts: boolean;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly recordDelimiter: '\n' | '\r\n';
  /** The worker's output chunks, shared with the main thread. */
  readonly slots: ChunkSlots;
}

/** A part of the CSV: whole records, and the 0-based line of the first. */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly index: number;
  readonly line: number;
  /** The part is the first `length` bytes. */
  readonly bytes: ArrayBuffer;
  readonly length: number;
}

export interface BatchDone {
  readonly kind: 'batch';
  readonly index: number;
  /** The part did not tokenize as regular CSV: the run starts again in one process. */
  readonly irregular: boolean;
  readonly rows: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Per output format, the serialised bytes in order. */
  readonly outputs: readonly (readonly PartChunk[])[];
}

/** Everything a worker counted, sent when the main thread says the file is done. */
export interface WorkerState {
  readonly kind: 'state';
  readonly records: { blank: number; converted: number; rejected: number; filtered: number };
  readonly rejectedByCode: readonly (readonly [string, number])[];
  readonly subjects: number;
  readonly triples: number;
  readonly markers: readonly (readonly [string, number])[];
  readonly omitted: readonly (readonly [string, number])[];
  readonly validation?: ValidationState;
  readonly facts: FactsState;
  readonly generated: GeneratedState;
}
