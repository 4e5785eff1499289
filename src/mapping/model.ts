/**
 * The canonical mapping model. Every front end (the YAML mapping format, and later W3C CSVW
 * metadata) is rewritten into this one readonly form; compile/ never sees syntax sugar.
 *
 * The model is a generic row template, close to CSVW and RML: per row, named *variables*
 * turn cells into terms once; then each *subject* (for a cube: one observation per measure)
 * is an IRI template plus predicate → object rules. Cube structure is kept alongside for the
 * DSD and metadata stages.
 */
import type { SchemeDef } from '../codelists/model.js';
import type { Column as CsvwColumn, Table as CsvwTable, TableGroup as CsvwTableGroup } from '../csvw/model.js';
import type { Span } from '../diagnostics/diagnostic.js';

export type Encoding = 'utf-8' | 'windows-1252' | 'auto';

export interface SourceModel {
  readonly path: string; // absolute
  readonly encoding: Encoding;
  readonly delimiter: string;
  readonly quote: string;
  readonly skipRows: number;
  readonly headerRows: number;
  readonly headerJoin: string;
  readonly footer?: string; // regular expression tested against the first cell
  /** CSVW: records whose first cell starts with this are comments (counted as notes). */
  readonly commentPrefix?: string;
  readonly span: Span;
}

/** A column as the mapping names it; resolved against the CSV header when compiling. */
export interface ColumnRef {
  readonly name: string;
  readonly span: Span;
}

export type TemplateFilter = 'slug' | 'lower' | 'upper' | 'raw' | 'code';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly filter?: TemplateFilter };

/** An IRI template split once into constant text and references (columns, variables, built-ins). */
export interface IriTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly span: Span;
  /** A CSVW URI template: RFC 6570 over the row's CSVW values, resolved against the table's URL (`parts` unused). */
  readonly rfc6570?: true;
}

export type ConstTerm =
  | { readonly termType: 'NamedNode'; readonly value: string }
  | { readonly termType: 'Literal'; readonly value: string; readonly datatype: string; readonly language?: string };

export interface HeaderTriple {
  readonly subject: string;
  readonly predicate: string;
  readonly object: ConstTerm;
}

export type PeriodStyle = 'auto' | 'year' | 'quarter' | 'month' | 'government-year' | 'interval';

/** Whether code prefixes are stripped from labels; `always`: even before a digit (`2 1-2 previous …`). */
export type StripCode = boolean | 'always';

/** How a cleaned cell label becomes a term. */
export type Resolver =
  | { readonly kind: 'template'; readonly template: IriTemplate }
  | { readonly kind: 'map'; readonly values: ReadonlyMap<string, string>; readonly fallback?: IriTemplate }
  /** `yearEnding`: the month (1–12) a bare year ends in, when it is not December. */
  | { readonly kind: 'period'; readonly style: PeriodStyle; readonly yearEnding?: number }
  | { readonly kind: 'geography'; readonly type: 'police-force-area' | 'gss-code'; readonly entities?: readonly string[] }
  | { readonly kind: 'literal'; readonly datatype: string; readonly language?: string }
  /** A shipped SKOS scheme (src/codelists), matched by label. */
  | { readonly kind: 'codelist'; readonly scheme: string; readonly def?: SchemeDef }
  /** A code list minted from the labels in the data, under the dataset. */
  | { readonly kind: 'generated'; readonly scheme: string; readonly conceptBase: string; readonly label: string }
  /** A CSVW column (index into `MappingModel.csvw.columns`): its cell as CSVW reads it, an IRI by `valueUrl` or a literal. */
  | { readonly kind: 'csvw'; readonly column: number; readonly valueUrl?: IriTemplate };

/**
 * A release's own spelling of a value that a code list, geography or period reads: another
 * label to read instead (`Girls` → `Female`, `2009a` → `2009`), or the term itself.
 */
export type Alias = { readonly kind: 'label'; readonly label: string } | { readonly kind: 'term'; readonly iri: string };

/** What a token such as `N/A`, `Not known` or the empty cell stands for. */
export type MissingAction = { readonly kind: 'term'; readonly iri: string } | { readonly kind: 'omit' };

export interface CellRule {
  readonly kind: 'cell';
  readonly columns: readonly ColumnRef[];
  readonly resolver: Resolver;
  readonly missing: ReadonlyMap<string, MissingAction>; // keys lower-cased, trimmed
  /** `values:` beside codeList, geography or period: labels as this release spells them. */
  readonly aliases: ReadonlyMap<string, Alias>;
  /** A regular expression whose first capture is the part of the cell this component reads. */
  readonly pattern?: string;
  readonly stripCode: StripCode;
  /** Generated code lists: the release's code is the concept's notation and identity. */
  readonly keepCode: boolean;
}

export type ValueRule =
  | { readonly kind: 'constant'; readonly term: ConstTerm }
  | CellRule
  | { readonly kind: 'firstOf'; readonly alternatives: readonly CellRule[]; readonly skip: readonly string[] };

/** A named per-row value (a dimension or attribute) evaluated once per row. */
export interface Variable {
  readonly name: string;
  /** Dimensions make the observation key (rows with one key combine); attributes ride along. */
  readonly role: 'dimension' | 'attribute';
  readonly rule: ValueRule;
  readonly span: Span;
}

/** A numeric value cell with GSS markers: value literal and/or obsStatus concepts. */
export interface MeasureValue {
  readonly column: ColumnRef;
  /** Long tables: a column holding the row's marker in a cell of its own. */
  readonly markerColumn?: ColumnRef;
  readonly datatype: string;
  readonly percent: boolean;
}

export type ObjectRule =
  | { readonly kind: 'constant'; readonly term: ConstTerm }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'value'; readonly value: MeasureValue }
  | { readonly kind: 'status'; readonly value: MeasureValue };

export interface TripleRule {
  readonly predicate: string;
  readonly object: ObjectRule;
}

export interface SubjectRule {
  readonly id: string; // the measure key for cubes; names the subject in summaries
  readonly subject: IriTemplate;
  /** Links: the subject is this variable's term (read from the row), not the template. */
  readonly subjectVariable?: string;
  /** CSVW columns without an aboutUrl: the subject is a new blank node each row (the template is unused). */
  readonly blankNode?: true;
  /** Variables that a subject template reference `{name}` can see, including per-subject constants. */
  readonly constants: ReadonlyMap<string, ConstTerm>;
  readonly triples: readonly TripleRule[];
}

export type MarkerCode = 'c' | 'x' | 'z' | 'low' | 'u' | 'w' | 'e' | 'f' | 'p' | 'r' | 'b';

/** Whole-cell tokens (legacy `*`, `..`, or custom) → the marker codes they stand for; [] = plain value. */
export type MarkerTable = ReadonlyMap<string, readonly MarkerCode[]>;

/**
 * Rows kept or dropped by a column's value before conversion. `keep` rules must all match,
 * any `drop` rule drops; values are label keys, matched with and without a code prefix.
 */
export interface RowFilter {
  readonly kind: 'keep' | 'drop';
  readonly column: ColumnRef;
  readonly values: readonly string[];
}

/**
 * A long (tidy) table: the measure of each row is named by a column, and the labels listed
 * for each subject (by index) select it. Rows convert to one observation each.
 */
export interface MeasureSelector {
  readonly column: ColumnRef;
  readonly choices: readonly { readonly subject: number; readonly labels: readonly string[] }[];
}

/** How one measure's values of rows with the same key combine. */
export type Combine = 'sum' | 'first' | 'min' | 'max' | 'mean';

export interface MeasureCombine {
  /** The measure's key. */
  readonly key: string;
  readonly column: ColumnRef;
  /** Long tables: the column holding the value's marker, read with it. */
  readonly markerColumn?: ColumnRef;
  readonly combine: Combine;
  /** For a weighted mean: the value column of the weighting measure. */
  readonly weight?: ColumnRef;
  readonly datatype: string;
}

/**
 * Rows that share every dimension value are merged into one observation (record-level
 * extracts with a `Count` weight). Absent: a repeated key is an error (IC-12).
 */
export interface Aggregation {
  /** Rows of one key come together: a group ends when the key changes. */
  readonly sorted: boolean;
  readonly measures: readonly MeasureCombine[];
  readonly span: Span;
}

export interface CubeComponent {
  readonly key: string;
  readonly property: string;
  readonly label?: string;
  /** For a property of the publisher's own: rdfs:comment, rdfs:range and rdfs:subPropertyOf. */
  readonly comment?: string;
  readonly range?: string;
  readonly subPropertyOf?: string;
  /** The scheme IRI the component's values come from, when coded. */
  readonly codeList?: string;
  /** For generated code lists: the declared property this dataset-local one refines. */
  readonly superProperty?: string;
}

export interface CubeMeasure extends CubeComponent {
  readonly datatype: string;
  readonly unit?: string;
}

export interface CubeModel {
  readonly dimensions: readonly CubeComponent[];
  readonly measures: readonly CubeMeasure[];
  readonly attributes: readonly CubeComponent[];
}

/** How often MoJ publishes a dataset (dcterms:accrualPeriodicity). */
export type Frequency = 'annual' | 'quarterly' | 'monthly' | 'irregular';

export interface Publication {
  readonly keywords: readonly string[];
  readonly frequency?: Frequency;
  readonly landingPage?: string;
  readonly sourceUrl?: string;
}

/** Disclosure control and additivity rules (`disclosure:`), by component key. */
export interface DisclosureRules {
  /** Measure keys that count people or cases. */
  readonly counts: readonly string[];
  /** k: counts 1 … k − 1 are unsafe. */
  readonly threshold: number;
  readonly zeroSafe: boolean;
  /** The narrowest interval a suppressed cell may be pinned to. */
  readonly protection: number;
  /** Dimension key → the CSV labels of its total code, lower-cased. */
  readonly totals: ReadonlyMap<string, readonly string[]>;
  /** Dimensions whose totals follow their code list's hierarchy (`totals: {area: hierarchy}`). */
  readonly hierarchies: readonly string[];
  readonly tolerance: number;
  /** `percent`: the rate's measure is a percentage column, held as a fraction. */
  readonly rates: readonly { readonly measure: string; readonly numerator: string; readonly denominator: string; readonly scale: number; readonly tolerance?: number; readonly percent?: boolean }[];
  /** Record-level extracts: combinations of these dimensions held by fewer than k people. */
  readonly kAnonymity?: { readonly quasiIdentifiers: readonly string[]; readonly k: number; readonly weight: string };
  /** Amounts summed over the rows that share a key: a cell its few largest rows dominate is unsafe. */
  readonly dominance: readonly DominanceRule[];
  readonly span: Span;
}

/**
 * (n, k): the n largest contributions make more than k% of the cell; p%: the cell less its two
 * largest contributions is under p% of the largest (the second contributor could estimate the
 * first within p%).
 */
export type DominanceRule =
  | { readonly measure: string; readonly rule: 'nk'; readonly n: number; readonly k: number }
  | { readonly measure: string; readonly rule: 'p'; readonly p: number };

export interface MappingModel {
  readonly version: 1;
  readonly file: string;
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  /** How the dataset is catalogued (keywords, frequency, GOV.UK pages). */
  readonly publication: Publication;
  readonly base: string;
  readonly prefixes: ReadonlyMap<string, string>;
  readonly source: SourceModel;
  readonly dataset: string;
  /** The named graph of the dataset in N-Quads and TriG dumps: {base}graph/{id}. */
  readonly graph: string;
  readonly markers: MarkerTable;
  readonly filters: readonly RowFilter[];
  /** Code lists of the publisher's own, read from files; written into the dataset's dump. */
  readonly codeLists: readonly SchemeDef[];
  readonly measureSelector?: MeasureSelector;
  readonly aggregation?: Aggregation;
  readonly disclosure?: DisclosureRules;
  readonly variables: readonly Variable[];
  readonly subjects: readonly SubjectRule[];
  /** Triples about the dataset and its structure, written once before the rows. */
  readonly header: readonly HeaderTriple[];
  readonly cube: CubeModel;
  /** A lookup table written as links (`links:`): no cube, no observations, no Data Cube checks. */
  readonly linkset: boolean;
  /** Compiled from CSVW metadata: how the table's cells are read (no cube: no Data Cube checks). */
  readonly csvw?: CsvwCells;
}

/** A CSVW table whose rows a mapping converts: the cells are read as CSVW says, by position. */
export interface CsvwCells {
  /** Standard mode: the group, the table and each row are described (csvw:TableGroup, Table, Row). */
  readonly standard?: { readonly group: CsvwTableGroup };
  readonly table: CsvwTable;
  /** The table's columns; the non-virtual ones are the CSV's cells in order. */
  readonly columns: readonly CsvwColumn[];
}
