// The benchmark's sentencing table as CSVW metadata, one description for every tool that reads
// it: justice-lod reads it as JSON (`csvwJson`), @zazuko/rdf-parser-csvw as RDF (`csvwTurtle`,
// the same table schema in the CSVW vocabulary), and test/bench/csvw-equivalent.yaml is the YAML
// mapping that makes the same observations (IRIs from the same cells, encoded the same way).
// CSVW cannot strip `NN: ` codes or look up GSS codes, so codes are the encoded labels; [c] is
// the count's null value.
export const DATASET = 'https://data.justice.gov.uk/data/sentencing-bench';
const J = 'https://w3id.org/justice-lod/def/justice';
const SDMX = 'http://purl.org/linked-data/sdmx/2009';
const QB = 'http://purl.org/linked-data/cube#';
/** The codes are the labels as written, so they live in the dataset's own space, not the shipped code lists'. */
const CODE = 'https://data.justice.gov.uk/def/sentencing-bench';

/** [title, name, property, value IRI prefix]: the dimensions, an IRI per cell. */
export const DIMENSIONS = [
  ['Year', 'year', `${SDMX}/dimension#refPeriod`, 'http://reference.data.gov.uk/id/year/'],
  ['Police Force Area', 'area', `${SDMX}/dimension#refArea`, `${CODE}/police-force-area/`],
  ['Sex', 'sex', `${SDMX}/dimension#sex`, `${CODE}/sex/`],
  ['Age Group', 'age', `${J}#ageBand`, `${CODE}/age-band/`],
  ['Ethnicity', 'ethnicity', `${J}#ethnicity`, `${CODE}/ethnicity/`],
  ['Court Type', 'court', `${J}#courtType`, `${CODE}/court-type/`],
  ['Offence Type', 'offenceType', `${J}#offenceType`, `${CODE}/offence-type/`],
  ['Offence Group', 'offenceGroup', `${J}#offenceGroup`, `${CODE}/offence-group/`],
  ['Sentence Outcome', 'outcome', `${J}#disposal`, `${CODE}/disposal/`],
  ['Custodial Sentence Length', 'length', `${J}#custodialSentenceLength`, `${CODE}/sentence-length/`],
];
export const ABOUT = `${DATASET}/obs/${DIMENSIONS.map(([, name]) => `{${name}}`).join('/')}/sentenced`;
const MEASURE = `${J}#defendantsSentenced`;
const virtual = (dataset) => [
  ['type', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${QB}Observation`],
  ['dataset', `${QB}dataSet`, dataset],
  ['measureType', `${QB}measureType`, MEASURE],
  ['unit', `${SDMX}/attribute#unitMeasure`, 'http://qudt.org/vocab/unit/NUM'],
];

/** The bench matrix's generated-code-list table (matrix/generate-matrix.mjs, layout `generated`), for the zazuko anchor. */
const MATRIX = 'https://data.justice.gov.uk/data/matrix-generated';
const MATRIX_CODE = 'https://data.justice.gov.uk/def/matrix-generated';
const MATRIX_DIMENSIONS = [
  ['Police Force Area', 'area', `${SDMX}/dimension#refArea`, `${MATRIX_CODE}/police-force-area/`],
  ['Sex', 'sex', `${SDMX}/dimension#sex`, `${MATRIX_CODE}/sex/`],
  ['Age Range', 'age', `${J}#ageRange`, `${MATRIX_CODE}/age-range/`],
  ['Ethnicity', 'ethnicity', `${J}#ethnicity`, `${MATRIX_CODE}/ethnicity/`],
  ['Court', 'court', `${J}#courtType`, `${MATRIX_CODE}/court/`],
  ['Plea', 'plea', `${J}#plea`, `${MATRIX_CODE}/plea/`],
  ['Offence Type', 'offenceType', `${J}#offenceType`, `${MATRIX_CODE}/offence-type/`],
  ['Offence Group', 'offenceGroup', `${J}#offenceGroup`, `${MATRIX_CODE}/offence-group/`],
  ['Offence', 'offence', `${J}#offence`, `${MATRIX_CODE}/offence/`],
  ['Sentence Outcome', 'outcome', `${J}#disposal`, `${MATRIX_CODE}/disposal/`],
];
/** The tables: the sentencing bench's, and the matrix's with the period from Year + Quarter. */
const TABLES = {
  sentencing: {
    dataset: DATASET, about: ABOUT, dimensions: DIMENSIONS,
    rest: [{ name: 'acsl', titles: 'Average Custodial Sentence Length', suppressOutput: true }],
  },
  'matrix-generated': {
    dataset: MATRIX,
    about: `${MATRIX}/obs/{year}-{quarter}/${MATRIX_DIMENSIONS.map(([, name]) => `{${name}}`).join('/')}/sentenced`,
    dimensions: MATRIX_DIMENSIONS,
    // Virtual columns come after the CSV's, so the period's is in `rest`.
    period: [{ name: 'year', titles: 'Year', suppressOutput: true }, { name: 'quarter', titles: 'Quarter', suppressOutput: true }],
    rest: [{ name: 'period', virtual: true, propertyUrl: `${SDMX}/dimension#refPeriod`, valueUrl: 'http://reference.data.gov.uk/id/quarter/{year}-{quarter}' }],
  },
};

/** The metadata document (JSON) for the CSV at `url`. */
export function csvwJson(url, table = 'sentencing') {
  const t = TABLES[table];
  return {
    '@context': 'http://www.w3.org/ns/csvw',
    url,
    'dc:title': 'Benchmark sentencing outcomes',
    tableSchema: {
      aboutUrl: t.about,
      columns: [
        ...(t.period ?? []),
        // A blank sentence length is "not applicable" (its default), as the YAML mapping's `missing:` says.
        ...t.dimensions.map(([title, name, propertyUrl, prefix]) => ({ name, titles: title, propertyUrl, valueUrl: `${prefix}{${name}}`, ...(name === 'length' ? { default: 'not-applicable' } : {}) })),
        { name: 'sentenced', titles: 'Sentenced', propertyUrl: MEASURE, datatype: { base: 'integer', format: { groupChar: ',' } }, null: '[c]' },
        ...t.rest,
        ...virtual(t.dataset).map(([name, propertyUrl, valueUrl]) => ({ name, virtual: true, propertyUrl, valueUrl })),
      ],
    },
  };
}

/** The same table schema as Turtle in the CSVW vocabulary (what @zazuko/rdf-parser-csvw reads). */
export function csvwTurtle(url, table = 'sentencing') {
  const t = TABLES[table];
  const lit = (s) => JSON.stringify(s);
  const { columns } = csvwJson(url, table).tableSchema;
  // @zazuko/rdf-parser-csvw fills a template from the row keyed by the CSV's headers, not by
  // the columns' names (CSVW 4.3), so its templates name the headers: `{Police Force Area}`.
  const titles = new Map(columns.filter((c) => c.titles).map((c) => [c.name, c.titles]));
  const fill = (template) => template.replace(/\{(\w+)\}/g, (all, name) => (titles.has(name) ? `{${titles.get(name)}}` : all));
  // Each column of the JSON form, in the CSVW vocabulary.
  const cols = columns.map((c, i) => {
    const props = [c.titles && `csvw:title ${lit(c.titles)}`, `csvw:name ${lit(c.name)}`, c.propertyUrl && `csvw:propertyUrl ${lit(c.propertyUrl)}`,
      c.valueUrl && `csvw:valueUrl ${lit(fill(c.valueUrl))}`, c.default && `csvw:default ${lit(c.default)}`, c.suppressOutput && 'csvw:suppressOutput "true"',
      c.virtual && 'csvw:virtual "true"', c.datatype && 'csvw:datatype <http://www.w3.org/2001/XMLSchema#integer>', c.null && `csvw:null ${lit(c.null)}`];
    return `_:c${i} ${props.filter(Boolean).join(' ; ')} .`;
  });
  return `@prefix csvw: <http://www.w3.org/ns/csvw#> .
_:t csvw:url ${lit(url)} ; csvw:tableSchema _:s .
_:s csvw:aboutUrl ${lit(fill(t.about))} ; csvw:column (${cols.map((_, i) => `_:c${i}`).join(' ')}) .
${cols.join('\n')}
`;
}
