import type { Datatype } from './datatypes.js';
import type { Dialect } from './dialect.js';

/** The properties a column takes from its schema, table and table group unless it sets them. */
export interface Inherited {
  readonly aboutUrl?: string;
  readonly propertyUrl?: string;
  readonly valueUrl?: string;
  readonly datatype: Datatype;
  readonly default: string;
  readonly lang: string;
  readonly null: readonly string[];
  readonly ordered: boolean;
  readonly required: boolean;
  readonly separator: string | null;
  readonly textDirection: string;
}

/** A JSON-LD value of a common property (`dc:title`), kept to be written as RDF. */
export type CommonValue = unknown;

export interface Column extends Inherited {
  readonly name: string;
  /** The metadata gave the name (keys and references may only use such columns). */
  readonly named?: boolean;
  readonly titles: readonly { readonly value: string; readonly lang: string }[];
  readonly virtual: boolean;
  readonly suppressOutput: boolean;
  /** 1-based, among the table's columns. */
  readonly number: number;
  readonly common: readonly (readonly [string, CommonValue])[];
}

export interface ForeignKey {
  /** The foreign key's object in the metadata, to locate problems with it. */
  readonly at?: object;
  readonly columnReference: readonly string[];
  readonly reference: { readonly resource?: string; readonly schemaReference?: string; readonly columnReference: readonly string[] };
}

export interface Table {
  readonly url: string;
  readonly id?: string;
  readonly suppressOutput: boolean;
  readonly dialect: Dialect;
  readonly columns: readonly Column[];
  readonly primaryKey?: readonly string[];
  readonly rowTitles?: readonly string[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly schemaId?: string;
  readonly notes: readonly CommonValue[];
  readonly common: readonly (readonly [string, CommonValue])[];
  /** The schema's inherited properties, for columns the file has beyond the metadata's. */
  readonly inherited: Inherited;
  /** The language of the metadata's context, for common properties' strings. */
  readonly contextLang?: string;
  /** Described by a metadata document (columns it does not describe are `_col.N`), not only by the file's header. */
  readonly fromMetadata?: boolean;
}

export interface TableGroup {
  readonly id?: string;
  readonly tables: readonly Table[];
  readonly notes: readonly CommonValue[];
  readonly common: readonly (readonly [string, CommonValue])[];
  readonly contextLang?: string;
  /** Where the metadata came from (its base for relative IRIs in common properties). */
  readonly base: string;
}
