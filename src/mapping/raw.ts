/** The YAML mapping as the JSON Schema guarantees it, before normalisation. */
import type { Frequency, PeriodStyle } from './model.js';

export interface RawAlternative {
  readonly column?: string;
  readonly pattern?: string;
  readonly period?: PeriodStyle;
  readonly yearEnding?: string;
  readonly geography?: 'police-force-area' | 'gss-code';
  readonly entities?: readonly string[];
  readonly values?: Readonly<Record<string, string>>;
  readonly iri?: string;
  readonly codeList?: string | { readonly file: string; readonly label?: string; readonly extends?: string };
  readonly datatype?: string;
  readonly lang?: string;
  readonly missing?: Readonly<Record<string, string>>;
  readonly labels?: RawLabels;
}

export interface RawLabels {
  readonly stripCode?: boolean | 'always';
  readonly keepCode?: boolean;
}

/** How a property of the publisher's own is described (the justice vocabulary describes its own). */
export interface RawDescription {
  readonly label?: string;
  readonly comment?: string;
  readonly range?: string;
  readonly subPropertyOf?: string;
}

export interface RawComponent extends RawAlternative, RawDescription {
  readonly property: string;
  readonly columns?: readonly string[];
  readonly value?: string;
  readonly firstOf?: readonly (RawAlternative & { readonly column: string })[];
  readonly skip?: readonly string[];
}

export interface RawMeasure extends RawDescription {
  readonly property: string;
  /** Wide tables: the value column. Long tables give `when` instead. */
  readonly column?: string;
  readonly when?: string | readonly string[];
  readonly datatype?: string;
  readonly unit?: string;
  readonly percent?: boolean;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly combine?: 'sum' | 'first' | 'min' | 'max' | 'mean';
  readonly weight?: string;
}

export interface RawLink {
  readonly property: string;
  readonly label?: string;
  readonly subject: RawAlternative & { readonly column: string };
  readonly object: RawAlternative & { readonly column: string };
}

export type RawRowMatch = Readonly<Record<string, string | readonly string[]>>;

export interface RawMapping {
  readonly version: 1;
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  readonly publication?: RawPublication;
  readonly base: string;
  readonly prefixes?: Readonly<Record<string, string>>;
  readonly source: {
    readonly path: string;
    readonly encoding?: 'utf-8' | 'windows-1252' | 'auto';
    readonly delimiter?: string;
    readonly quote?: string;
    readonly skipRows?: number;
    readonly headerRows?: number;
    readonly headerJoin?: string;
    readonly footer?: string;
  };
  readonly dataset?: string;
  readonly observation?: string;
  readonly labels?: RawLabels;
  readonly markers?: Readonly<Record<string, string>>;
  readonly missing?: Readonly<Record<string, string>>;
  readonly filter?: { readonly keep?: RawRowMatch; readonly drop?: RawRowMatch };
  readonly duplicates?: { readonly combine: 'sum' | 'first' | 'reject'; readonly sorted?: boolean };
  readonly disclosure?: RawDisclosure;
  readonly measureColumn?: { readonly column: string; readonly value: string; readonly marker?: string };
  readonly dimensions?: Readonly<Record<string, RawComponent>>;
  readonly measures?: Readonly<Record<string, RawMeasure>>;
  /** A lookup table written as links instead of a cube. */
  readonly links?: Readonly<Record<string, RawLink>>;
  readonly attributes?: Readonly<Record<string, RawComponent>>;
}

export interface RawPublication {
  readonly keywords?: readonly string[];
  readonly frequency?: Frequency;
  readonly landingPage?: string;
  readonly sourceUrl?: string;
}

export interface RawDisclosure {
  readonly counts?: readonly string[];
  readonly threshold?: number;
  readonly zeroSafe?: boolean;
  readonly protection?: number;
  readonly totals?: Readonly<Record<string, string | readonly string[]>>;
  readonly tolerance?: number;
  readonly rates?: readonly { readonly measure: string; readonly numerator: string; readonly denominator: string; readonly scale?: number; readonly tolerance?: number }[];
  readonly kAnonymity?: { readonly quasiIdentifiers: readonly string[]; readonly k?: number; readonly weight?: string };
  readonly dominance?: readonly { readonly measure: string; readonly n?: number; readonly k?: number; readonly p?: number }[];
}
