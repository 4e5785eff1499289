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
const VIRTUAL = [
  ['type', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${QB}Observation`],
  ['dataset', `${QB}dataSet`, DATASET],
  ['measureType', `${QB}measureType`, MEASURE],
  ['unit', `${SDMX}/attribute#unitMeasure`, 'http://qudt.org/vocab/unit/NUM'],
];

/** The metadata document (JSON) for the CSV at `url`. */
export function csvwJson(url) {
  return {
    '@context': 'http://www.w3.org/ns/csvw',
    url,
    'dc:title': 'Benchmark sentencing outcomes',
    tableSchema: {
      aboutUrl: ABOUT,
      columns: [
        // A blank sentence length is "not applicable" (its default), as the YAML mapping's `missing:` says.
        ...DIMENSIONS.map(([title, name, propertyUrl, prefix]) => ({ name, titles: title, propertyUrl, valueUrl: `${prefix}{${name}}`, ...(name === 'length' ? { default: 'not-applicable' } : {}) })),
        { name: 'sentenced', titles: 'Sentenced', propertyUrl: MEASURE, datatype: { base: 'integer', format: { groupChar: ',' } }, null: '[c]' },
        { name: 'acsl', titles: 'Average Custodial Sentence Length', suppressOutput: true },
        ...VIRTUAL.map(([name, propertyUrl, valueUrl]) => ({ name, virtual: true, propertyUrl, valueUrl })),
      ],
    },
  };
}

/** The same table schema as Turtle in the CSVW vocabulary (what @zazuko/rdf-parser-csvw reads). */
export function csvwTurtle(url) {
  const lit = (s) => JSON.stringify(s);
  const cols = [];
  DIMENSIONS.forEach(([title, name, property, prefix], i) => cols.push(`_:c${i} csvw:title ${lit(title)} ; csvw:name ${lit(name)} ; csvw:propertyUrl ${lit(property)} ; csvw:valueUrl ${lit(`${prefix}{${name}}`)}${name === 'length' ? ' ; csvw:default "not-applicable"' : ''} .`));
  cols.push(`_:c10 csvw:title "Sentenced" ; csvw:name "sentenced" ; csvw:propertyUrl ${lit(MEASURE)} ; csvw:datatype <http://www.w3.org/2001/XMLSchema#integer> ; csvw:null "[c]" .`);
  cols.push('_:c11 csvw:title "Average Custodial Sentence Length" ; csvw:name "acsl" ; csvw:suppressOutput "true" .');
  VIRTUAL.forEach(([name, property, value], i) => cols.push(`_:c${12 + i} csvw:name ${lit(name)} ; csvw:virtual "true" ; csvw:propertyUrl ${lit(property)} ; csvw:valueUrl ${lit(value)} .`));
  return `@prefix csvw: <http://www.w3.org/ns/csvw#> .
_:t csvw:url ${lit(url)} ; csvw:tableSchema _:s .
_:s csvw:aboutUrl ${lit(ABOUT)} ; csvw:column (${cols.map((_, i) => `_:c${i}`).join(' ')}) .
${cols.join('\n')}
`;
}
