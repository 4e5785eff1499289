/**
 * Every IRI the code spells lives here (convention 11). Terms of our own vocabulary are
 * checked against vocab/ by a test once the vocabulary ships.
 */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  prov: 'http://www.w3.org/ns/prov#',
  void: 'http://rdfs.org/ns/void#',
  qb: 'http://purl.org/linked-data/cube#',
  sdmx: 'http://purl.org/linked-data/sdmx#',
  'sdmx-concept': 'http://purl.org/linked-data/sdmx/2009/concept#',
  'sdmx-dimension': 'http://purl.org/linked-data/sdmx/2009/dimension#',
  'sdmx-measure': 'http://purl.org/linked-data/sdmx/2009/measure#',
  'sdmx-attribute': 'http://purl.org/linked-data/sdmx/2009/attribute#',
  'sdmx-code': 'http://purl.org/linked-data/sdmx/2009/code#',
  unit: 'http://qudt.org/vocab/unit/',
  justice: 'https://w3id.org/justice-lod/def/justice#',
  code: 'https://w3id.org/justice-lod/def/justice/',
  af: 'https://purl.org/csv-cubed/resources/attributes/af-obs-marker#',
  geo: 'http://statistics.data.gov.uk/id/statistical-geography/',
  period: 'http://reference.data.gov.uk/id/',
  year: 'http://reference.data.gov.uk/id/year/',
  quarter: 'http://reference.data.gov.uk/id/quarter/',
  month: 'http://reference.data.gov.uk/id/month/',
  'government-year': 'http://reference.data.gov.uk/id/government-year/',
  leg: 'http://www.legislation.gov.uk/id/',
} as const;

export type Prefix = keyof typeof NS;

export const RDF_TYPE = `${NS.rdf}type`;
export const RDFS_LABEL = `${NS.rdfs}label`;
export const XSD = {
  string: `${NS.xsd}string`,
  integer: `${NS.xsd}integer`,
  decimal: `${NS.xsd}decimal`,
  double: `${NS.xsd}double`,
  boolean: `${NS.xsd}boolean`,
  date: `${NS.xsd}date`,
  dateTime: `${NS.xsd}dateTime`,
  nonNegativeInteger: `${NS.xsd}nonNegativeInteger`,
  hexBinary: `${NS.xsd}hexBinary`,
  gYear: `${NS.xsd}gYear`,
} as const;
export const RDF_LANG_STRING = `${NS.rdf}langString`;

export const QB = {
  DataSet: `${NS.qb}DataSet`,
  Observation: `${NS.qb}Observation`,
  DataStructureDefinition: `${NS.qb}DataStructureDefinition`,
  ComponentSpecification: `${NS.qb}ComponentSpecification`,
  DimensionProperty: `${NS.qb}DimensionProperty`,
  CodedProperty: `${NS.qb}CodedProperty`,
  MeasureProperty: `${NS.qb}MeasureProperty`,
  AttributeProperty: `${NS.qb}AttributeProperty`,
  dataSet: `${NS.qb}dataSet`,
  structure: `${NS.qb}structure`,
  component: `${NS.qb}component`,
  dimension: `${NS.qb}dimension`,
  measure: `${NS.qb}measure`,
  attribute: `${NS.qb}attribute`,
  order: `${NS.qb}order`,
  componentRequired: `${NS.qb}componentRequired`,
  codeList: `${NS.qb}codeList`,
  measureType: `${NS.qb}measureType`,
} as const;

export const SKOS = {
  Concept: `${NS.skos}Concept`,
  ConceptScheme: `${NS.skos}ConceptScheme`,
  prefLabel: `${NS.skos}prefLabel`,
  altLabel: `${NS.skos}altLabel`,
  notation: `${NS.skos}notation`,
  definition: `${NS.skos}definition`,
  inScheme: `${NS.skos}inScheme`,
  topConceptOf: `${NS.skos}topConceptOf`,
  hasTopConcept: `${NS.skos}hasTopConcept`,
  broader: `${NS.skos}broader`,
  narrower: `${NS.skos}narrower`,
} as const;

export const DCTERMS = {
  title: `${NS.dcterms}title`,
  description: `${NS.dcterms}description`,
  source: `${NS.dcterms}source`,
} as const;

export const RDFS = {
  label: `${NS.rdfs}label`,
  comment: `${NS.rdfs}comment`,
  range: `${NS.rdfs}range`,
  subPropertyOf: `${NS.rdfs}subPropertyOf`,
  isDefinedBy: `${NS.rdfs}isDefinedBy`,
  seeAlso: `${NS.rdfs}seeAlso`,
} as const;

/** The justice vocabulary's own terms that the code spells (checked against vocab/ by a test). */
export const JUSTICE = {
  vocabulary: 'https://w3id.org/justice-lod/def/justice',
  obsMarkerScheme: `${NS.code}obs-marker`,
  policeForceAreaScheme: `${NS.code}police-force-area`,
} as const;

export const SDMX_ATTRIBUTE = {
  obsStatus: `${NS['sdmx-attribute']}obsStatus`,
  unitMeasure: `${NS['sdmx-attribute']}unitMeasure`,
} as const;

/** Statistical geography of a GSS code (statistics.data.gov.uk). */
export const gssIri = (code: string): string => `${NS.geo}${code}`;

/** The Analysis Function shorthand marker concept for a code such as `c` (VOCABULARY.md §3.6). */
export const markerIri = (code: string): string => `${NS.af}${code}`;

/** Namespaces of the metadata only (kept out of NS so that data dumps keep their prefixes). */
export const META_NS = {
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  iana: 'https://www.iana.org/assignments/media-types/',
  'eu-theme': 'http://publications.europa.eu/resource/authority/data-theme/',
  'eu-frequency': 'http://publications.europa.eu/resource/authority/frequency/',
  'eu-file-type': 'http://publications.europa.eu/resource/authority/file-type/',
  adms: 'http://www.w3.org/ns/adms#',
} as const;

/** Defaults of the published metadata (VOCABULARY.md §4). */
export const PUBLISHING = {
  ogl3: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  moj: 'https://www.gov.uk/government/organisations/ministry-of-justice',
  hmcts: 'https://www.gov.uk/government/organisations/hm-courts-and-tribunals-service',
  mojName: 'Ministry of Justice',
  mojEmail: 'mailto:statistics.enquiries@justice.gov.uk',
  qbSpec: 'http://purl.org/linked-data/cube',
  toolBase: 'https://w3id.org/justice-lod/software/',
  home: 'https://w3id.org/justice-lod',
} as const;
