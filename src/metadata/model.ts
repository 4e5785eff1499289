import type { Frequency } from '../mapping/model.js';
import type { FileFacts } from '../sinks/atomic.js';
import type { OutputFormat } from '../sinks/registry.js';
import type { DatasetFacts } from './facts.js';

/** A file with its size and SHA-256, as measured when it was written or read. */
export type FileRecord = FileFacts;

export interface DumpRecord extends FileRecord {
  readonly format: OutputFormat;
}

/** A file of a dataset's CSVW table group: the metadata document (`csvw`) or a table (`csv`). */
export interface CsvwRecord extends FileRecord {
  readonly role: 'csvw' | 'csv';
}

export type { Frequency };

/** What the catalogue says about the whole release (from a release config or convert's options). */
export interface ReleaseInfo {
  readonly catalog: string;
  readonly title: string;
  readonly description: string;
  readonly publisher: string;
  readonly publisherName: string;
  readonly contactEmail: string;
  readonly license: string;
  /** MoJ release date, xsd:date. */
  readonly issued: string;
  readonly version?: string;
  /** Where the dumps will be downloadable from; ends with `/`. */
  readonly downloadBase: string;
  readonly toolVersion: string;
  /** The release this one revises (a release run with `previous:`). */
  readonly previous?: PreviousRelease;
}

/** The catalogue a release revises, as its metadata.ttl names it. */
export interface PreviousRelease {
  readonly catalog: string;
  readonly version?: string;
}

/** One dataset of the release: its description, the facts of its graph, its files and provenance. */
export interface DatasetRecord {
  readonly id: string;
  readonly iri: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly frequency?: Frequency;
  readonly landingPage?: string;
  /** The data structure definition the dataset conforms to (cubes only). */
  readonly structure?: string;
  readonly uriSpace: string;
  readonly vocabularies: readonly string[];
  readonly facts: DatasetFacts;
  readonly dumps: readonly DumpRecord[];
  /** `--format csvw`: the CSVW table group, its metadata document first. */
  readonly tables?: readonly CsvwRecord[];
  readonly source?: FileRecord & { readonly url?: string };
  readonly mapping?: FileRecord;
  readonly started: Date;
  readonly ended: Date;
  /** What changed since the previous release (adms:versionNotes), when the dataset was in it. */
  readonly versionNotes?: string;
  /** Cells the run published as [c] for disclosure control (--apply-suppression), and the people they hold. */
  readonly suppressed?: { readonly cells: number; readonly people: number };
  /** Disclosure findings the release stands with, and why (skos:editorialNote). */
  readonly acknowledged?: readonly { readonly code: string; readonly count: number; readonly reason: string }[];
}
