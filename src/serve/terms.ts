import { Parser, type Quad } from 'n3';
import { META_NS, NS, PUBLISHING } from '../rdf/ns.js';
import { compact } from '../query/table.js';
import { iriRef, select, type Binding, type DataSource } from './source.js';
import type { Spaces } from './spaces.js';

/** A term as a page shows it: its label (or a short name) and where it links. */
export interface TermView {
  readonly text: string;
  /** A link here, or to the IRI itself for things the release knows nothing of. */
  readonly href?: string;
  readonly iri?: string;
  /** The datatype's short name or the language tag of a literal. */
  readonly note?: string;
}

/** The prefixes pages, documents and queries use: the data's and the metadata's. */
export const KNOWN_PREFIXES: ReadonlyMap<string, string> = new Map(Object.entries({ ...NS, ...META_NS }));

/** `qb:Observation` for an IRI in a known namespace (as `query` tables shorten them), else the IRI. */
export function curie(iri: string): string {
  const short = compact(iri, KNOWN_PREFIXES);
  return short.startsWith('<') ? iri : short;
}

/** The part of an IRI after its last `#` or `/`: a parameter name for a dimension. */
export const localName = (iri: string): string => /[^/#]*$/.exec(iri)![0] || iri;

const LABELS = [`${NS.skos}prefLabel`, `${NS.rdfs}label`, `${NS.dcterms}title`, `${META_NS.foaf}name`, `${NS.skos}notation`];

/** Labels of IRIs in the release (English or untagged; skos:prefLabel first), in batches. */
export async function labelsOf(source: DataSource, iris: Iterable<string>): Promise<Map<string, string>> {
  const all = [...new Set(iris)].filter((i) => !/[\s<>"{}|^`\\]/.test(i));
  const out = new Map<string, { text: string; rank: number }>();
  for (let i = 0; i < all.length; i += 400) {
    const batch = all.slice(i, i + 400);
    // FILTER IN, not a second VALUES: Oxigraph joins two VALUES blocks ten times slower.
    const rows = await select(source, `SELECT ?s ?p ?l WHERE { VALUES ?s { ${batch.map(iriRef).join(' ')} } ?s ?p ?l FILTER(?p IN (${LABELS.map(iriRef).join(', ')}) && isLiteral(?l) && (lang(?l) = "" || langMatches(lang(?l), "en"))) }`);
    for (const r of rows) {
      const rank = LABELS.indexOf(r['p']!.value);
      const had = out.get(r['s']!.value);
      if (!had || rank < had.rank || (rank === had.rank && r['l']!.value < had.text)) out.set(r['s']!.value, { text: r['l']!.value, rank });
    }
  }
  const labels = new Map([...out].map(([k, v]) => [k, sentenceCase(v.text)]));
  for (const [iri, text] of Object.entries(WELL_KNOWN)) if (all.includes(iri) && !labels.has(iri)) labels.set(iri, text);
  for (const iri of all) {
    if (labels.has(iri)) continue;
    const period = periodLabel(iri);
    if (period) labels.set(iri, period);
  }
  return labels;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A reference.data.gov.uk period as people say it, for the periods releases link to without
 * labelling them: year/2019 → "2019", quarter/2019-Q1 → "2019 Q1", month/2019-02 →
 * "February 2019", government-year/2019-2020 → "2019-20 (financial year)".
 */
export function periodLabel(iri: string): string | undefined {
  if (!iri.startsWith(NS.period)) return undefined;
  const [kind, ...rest] = iri.slice(NS.period.length).split('/');
  const value = rest.join('/');
  let m: RegExpExecArray | null;
  if (kind === 'year' && /^\d{4}$/.test(value)) return value;
  if (kind === 'quarter' && (m = /^(\d{4})-Q([1-4])$/.exec(value))) return `${m[1]} Q${m[2]}`;
  if (kind === 'half' && (m = /^(\d{4})-H([12])$/.exec(value))) return `${m[1]} H${m[2]}`;
  if (kind === 'month' && (m = /^(\d{4})-(\d{2})$/.exec(value)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if (kind === 'government-year' && (m = /^(\d{4})-(\d{4})$/.exec(value))) return `${m[1]}-${m[2]!.slice(2)} (financial year)`;
  if (kind === 'government-quarter' && (m = /^(\d{4})-(\d{4})\/Q([1-4])$/.exec(value))) return `${m[1]}-${m[2]!.slice(2)} Q${m[3]} (financial year)`;
  if (kind === 'gregorian-interval' && (m = /^(\d{4}-\d{2}-\d{2})T00:00:00\/P(\d+)([YMD])$/.exec(value))) {
    return `${m[2]} ${{ Y: 'year', M: 'month', D: 'day' }[m[3] as 'Y' | 'M' | 'D']}${m[2] === '1' ? '' : 's'} from ${m[1]}`;
  }
  return undefined;
}

/** Labels for IRIs from elsewhere that releases link to without labelling. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  [PUBLISHING.ogl3]: 'Open Government Licence v3.0',
  'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/': 'Open Government Licence v3.0',
  'https://creativecommons.org/licenses/by/4.0/': 'Creative Commons Attribution 4.0',
  [`${NS.rdf}type`]: 'Type',
  [`${NS.qb}dataSet`]: 'Dataset',
  [`${NS.qb}Observation`]: 'Observation',
  [`${NS.qb}DataSet`]: 'Data cube',
  [`${NS.unit}NUM`]: 'Number',
  [`${NS.unit}PERCENT`]: 'Percent',
  [`${NS.unit}FRACTION`]: 'Fraction',
  [`${NS.unit}DAY`]: 'Days',
  [`${NS.unit}GBP`]: 'Pounds sterling',
};

/** "offence group" → "Offence group": vocabularies label properties in lower case, pages start with a capital. */
const sentenceCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Observation status concepts as the GSS shorthand (`[c]`, from skos:notation, else the IRI's
 * last part) and what they mean (skos:prefLabel, else skos:definition).
 */
export async function markersOf(source: DataSource, iris: Iterable<string>): Promise<Map<string, { notation: string; meaning: string }>> {
  const all = [...new Set(iris)];
  if (!all.length) return new Map();
  const rows = await select(source, `PREFIX skos: <${NS.skos}> SELECT ?s ?notation ?label ?definition WHERE { VALUES ?s { ${all.map(iriRef).join(' ')} }
    OPTIONAL { ?s skos:notation ?notation } OPTIONAL { ?s skos:prefLabel ?label } OPTIONAL { ?s skos:definition ?definition } } ORDER BY ?s ?notation`);
  const out = new Map<string, { notation: string; meaning: string }>();
  for (const r of rows) {
    const iri = r['s']!.value;
    if (out.has(iri)) continue;
    const code = r['notation']?.value ?? localName(iri);
    out.set(iri, { notation: code.startsWith('[') ? code : `[${code}]`, meaning: r['label']?.value ?? r['definition']?.value ?? code });
  }
  return out;
}

/** A view of an IRI or literal, given the labels known. */
export function termView(t: { termType: string; value: string; datatype?: { value: string }; language?: string } | Binding, labels: ReadonlyMap<string, string>, spaces: Spaces): TermView {
  const kind = 'termType' in t ? t.termType : t.type === 'uri' ? 'NamedNode' : t.type === 'bnode' ? 'BlankNode' : 'Literal';
  if (kind === 'NamedNode') return { text: labels.get(t.value) ?? curie(t.value), href: spaces.hrefOf(t.value), iri: t.value };
  if (kind === 'BlankNode') return { text: '(a structured value, below)' };
  const lang = 'termType' in t ? t.language : t['xml:lang'];
  const datatype = 'termType' in t ? t.datatype?.value : t.datatype;
  const note = lang ? lang : datatype && datatype !== `${NS.xsd}string` ? curie(datatype) : undefined;
  return { text: t.value, ...(note ? { note } : {}) };
}

/** N-Triples text as quads, sorted so that the same description always reads the same. */
export function parseNTriples(text: string): Quad[] {
  return new Parser({ format: 'application/n-triples' }).parse(text);
}
