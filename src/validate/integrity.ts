/**
 * The 21 integrity constraints of the W3C RDF Data Cube (spec §11.1, "wf-rules"), as SELECT
 * forms of the spec's ASK queries that return the offending nodes. IC-15 is relaxed as
 * VOCABULARY.md §3.6 decides: a suppressed observation ([c] [x] [z] [low]) may omit its
 * measure. IC-20/21 are templates, instantiated per parent-child property found.
 */
import { SUPPRESSING_IRIS } from '../mapping/markers.js';
import { NS } from '../rdf/ns.js';

export interface IntegrityConstraint {
  readonly id: string; // IC-1 … IC-21
  readonly title: string;
  /** SELECT ?focus (?value): one row per violation. */
  readonly query: string;
}

const PREFIXES = `PREFIX qb: <${NS.qb}>
PREFIX rdf: <${NS.rdf}>
PREFIX rdfs: <${NS.rdfs}>
PREFIX skos: <${NS.skos}>
PREFIX owl: <${NS.owl}>
PREFIX xsd: <${NS.xsd}>
PREFIX sdmx-attribute: <${NS['sdmx-attribute']}>
`;

const ic = (id: string, title: string, body: string): IntegrityConstraint => ({ id, title, query: `${PREFIXES}${body}` });

export const INTEGRITY_CONSTRAINTS: readonly IntegrityConstraint[] = [
  ic('IC-1', 'Unique DataSet: every observation has exactly one qb:dataSet', `SELECT DISTINCT ?focus WHERE {
    { ?focus a qb:Observation . FILTER NOT EXISTS { ?focus qb:dataSet ?d1 } }
    UNION { ?focus a qb:Observation ; qb:dataSet ?d1, ?d2 . FILTER (?d1 != ?d2) } }`),
  ic('IC-2', 'Unique DSD: every qb:DataSet has exactly one qb:structure', `SELECT DISTINCT ?focus WHERE {
    { ?focus a qb:DataSet . FILTER NOT EXISTS { ?focus qb:structure ?s1 } }
    UNION { ?focus a qb:DataSet ; qb:structure ?s1, ?s2 . FILTER (?s1 != ?s2) } }`),
  ic('IC-3', 'DSD includes measure: every DSD has at least one measure', `SELECT DISTINCT ?focus WHERE {
    ?focus a qb:DataStructureDefinition .
    FILTER NOT EXISTS { ?focus qb:component/qb:componentProperty ?m . ?m a qb:MeasureProperty } }`),
  ic('IC-4', 'Dimensions have range: every dimension has an rdfs:range', `SELECT DISTINCT ?focus WHERE {
    ?focus a qb:DimensionProperty . FILTER NOT EXISTS { ?focus rdfs:range [] } }`),
  ic('IC-5', 'Concept dimensions have code lists', `SELECT DISTINCT ?focus WHERE {
    ?focus a qb:DimensionProperty ; rdfs:range skos:Concept . FILTER NOT EXISTS { ?focus qb:codeList [] } }`),
  ic('IC-6', 'Only attributes may be optional', `SELECT DISTINCT ?focus ?value WHERE {
    ?dsd qb:component ?focus . ?focus qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?value .
    FILTER NOT EXISTS { ?value a qb:AttributeProperty } }`),
  ic('IC-7', 'Slice keys must be declared by a DSD', `SELECT DISTINCT ?focus WHERE {
    ?focus a qb:SliceKey . FILTER NOT EXISTS { [ a qb:DataStructureDefinition ] qb:sliceKey ?focus } }`),
  ic('IC-8', 'Slice keys consistent with the DSD', `SELECT DISTINCT ?focus ?value WHERE {
    ?focus a qb:SliceKey ; qb:componentProperty ?value . ?dsd qb:sliceKey ?focus .
    FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty ?value } }`),
  ic('IC-9', 'Unique slice structure', `SELECT DISTINCT ?focus WHERE {
    { ?focus a qb:Slice . FILTER NOT EXISTS { ?focus qb:sliceStructure ?k } }
    UNION { ?focus a qb:Slice ; qb:sliceStructure ?k1, ?k2 . FILTER (?k1 != ?k2) } }`),
  ic('IC-10', 'Slice dimensions complete', `SELECT DISTINCT ?focus ?value WHERE {
    ?focus qb:sliceStructure/qb:componentProperty ?value . FILTER NOT EXISTS { ?focus ?value [] } }`),
  ic('IC-11', 'All dimensions required on every observation', `SELECT DISTINCT ?focus ?value WHERE {
    ?focus qb:dataSet/qb:structure/qb:component/qb:componentProperty ?value . ?value a qb:DimensionProperty .
    FILTER NOT EXISTS { ?focus ?value [] } }`),
  ic('IC-13', 'Required attributes present', `SELECT DISTINCT ?focus ?value WHERE {
    ?focus qb:dataSet/qb:structure/qb:component ?c . ?c qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?value .
    FILTER NOT EXISTS { ?focus ?value [] } }`),
  ic('IC-14', 'All measures present (cubes without qb:measureType)', `SELECT DISTINCT ?focus ?value WHERE {
    ?focus qb:dataSet/qb:structure ?dsd . FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
    ?dsd qb:component/qb:componentProperty ?value . ?value a qb:MeasureProperty .
    FILTER NOT EXISTS { ?focus ?value [] } }`),
  ic('IC-15', 'Measure dimension consistent (a value, or a suppression marker)', `SELECT DISTINCT ?focus ?value WHERE {
    ?focus qb:dataSet/qb:structure ?dsd ; qb:measureType ?value . ?dsd qb:component/qb:componentProperty qb:measureType .
    FILTER NOT EXISTS { ?focus ?value [] }
    FILTER NOT EXISTS { ?focus sdmx-attribute:obsStatus ?s . FILTER (?s IN (${SUPPRESSING_IRIS.map((m) => `<${m}>`).join(', ')})) } }`),
  // Measures first: scanning every predicate of every observation (the spec's order) is slow.
  ic('IC-16', 'Single measure on a measure-dimension observation', `SELECT DISTINCT ?focus ?value WHERE {
    ?dsd qb:component/qb:componentProperty qb:measureType ; qb:component/qb:componentProperty ?value .
    ?value a qb:MeasureProperty .
    ?focus ?value [] ; qb:measureType ?m ; qb:dataSet/qb:structure ?dsd . FILTER (?value != ?m) }`),
  ic('IC-18', 'Consistent data set links of sliced observations', `SELECT DISTINCT ?focus WHERE {
    ?dataset qb:slice ?slice . ?slice qb:observation ?focus . FILTER NOT EXISTS { ?focus qb:dataSet ?dataset } }`),
  // Two queries, as in the spec: inside a UNION branch a FILTER could not see ?value.
  ic('IC-19', 'Codes from the code list (concept scheme)', `SELECT DISTINCT ?focus ?value (?dim AS ?path) WHERE {
    ?focus qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme . ?focus ?dim ?value .
    FILTER NOT EXISTS { ?value a skos:Concept ; skos:inScheme ?list } }`),
  ic('IC-19', 'Codes from the code list (collection)', `SELECT DISTINCT ?focus ?value (?dim AS ?path) WHERE {
    ?focus qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:Collection . ?focus ?dim ?value .
    FILTER NOT EXISTS { ?value a skos:Concept . ?list skos:member+ ?value } }`),
];

/** Each dataset's dimensions in DSD order, to instantiate IC-12. */
export const DATASET_DIMENSIONS = `${PREFIXES}SELECT ?ds ?dim WHERE {
  ?ds qb:structure/qb:component ?c . ?c qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
  OPTIONAL { ?c qb:order ?order } } ORDER BY ?ds ?order ?dim`;

/**
 * IC-12 for one dataset: the spec's form compares every pair of observations; grouping by
 * the concatenated dimension values finds the same duplicates in linear time.
 */
export function duplicateConstraint(dataset: string, dimensions: readonly string[]): IntegrityConstraint {
  const patterns = dimensions.map((d, i) => `?obs <${d}> ?v${i} .`).join(' ');
  const key = dimensions.map((_, i) => `STR(?v${i})`).join(', "\u0001", ');
  return ic('IC-12', 'No duplicate observations (same dimension values)', `SELECT (SAMPLE(?obs) AS ?focus) (COUNT(?obs) AS ?value) WHERE {
    ?obs qb:dataSet <${dataset}> . ${patterns} BIND (CONCAT(${key}) AS ?key) } GROUP BY ?key HAVING (COUNT(?obs) > 1)`);
}

/** Each dataset's number of measures, to instantiate IC-17. */
export const DATASET_MEASURES = `${PREFIXES}SELECT ?ds (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?ds qb:structure/qb:component/qb:componentProperty ?m . ?m a qb:MeasureProperty } GROUP BY ?ds`;

/**
 * IC-17 for one measure-dimension dataset: at every key of the other dimensions there is one
 * observation per measure. Grouping by that key replaces the spec's pairwise comparison.
 */
export function completenessConstraint(dataset: string, dimensions: readonly string[], measures: number): IntegrityConstraint {
  const others = dimensions.filter((d) => d !== `${NS.qb}measureType`);
  const patterns = others.map((d, i) => `?obs <${d}> ?v${i} .`).join(' ');
  const key = others.length ? `CONCAT(${others.map((_, i) => `STR(?v${i})`).join(', "\u0001", ')}, "")` : '""';
  return ic('IC-17', 'All measures present in a measure-dimension cube', `SELECT (SAMPLE(?obs) AS ?focus) (COUNT(?obs) AS ?value) WHERE {
    ?obs qb:dataSet <${dataset}> ; qb:measureType ?m . ${patterns} BIND (${key} AS ?key) }
    GROUP BY ?key HAVING (COUNT(?obs) != ${measures})`);
}

/** Parent-child properties of hierarchical code lists, to instantiate IC-20 and IC-21. */
export const HIERARCHY_PROPERTIES = `${PREFIXES}SELECT DISTINCT ?p ?inverse WHERE {
  ?list a qb:HierarchicalCodeList ; qb:parentChildProperty ?pcp .
  OPTIONAL { ?pcp owl:inverseOf ?inv }
  BIND (COALESCE(?inv, ?pcp) AS ?p) BIND (BOUND(?inv) AS ?inverse) FILTER (isIRI(?p)) }`;

/** IC-20 (direct parent-child property) or IC-21 (declared as owl:inverseOf) for one property. */
export function hierarchyConstraint(property: string, inverse: boolean): IntegrityConstraint {
  const path = inverse ? `(^<${property}>)*` : `<${property}>*`;
  const pcp = inverse ? `[ owl:inverseOf <${property}> ]` : `<${property}>`;
  return ic(inverse ? 'IC-21' : 'IC-20', `Codes from the hierarchy (${inverse ? 'inverse ' : ''}<${property}>)`, `SELECT DISTINCT ?focus ?value (?dim AS ?path) WHERE {
    ?focus qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
    ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a qb:HierarchicalCodeList ; qb:parentChildProperty ${pcp} .
    ?focus ?dim ?value . FILTER NOT EXISTS { ?list qb:hierarchyRoot/${path} ?value } }`);
}

/** Phase 1 of the spec's normalisation: type and property closure (closure.ru). */
export const CLOSURE = [
  `INSERT { ?o rdf:type qb:Observation } WHERE { [] qb:observation ?o }`,
  `INSERT { ?o rdf:type qb:Observation } WHERE { ?o qb:dataSet [] }`,
  `INSERT { ?s rdf:type qb:Slice } WHERE { [] qb:slice ?s }`,
  `INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty } WHERE { ?cs qb:dimension ?p }`,
  `INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty } WHERE { ?cs qb:measure ?p }`,
  `INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty } WHERE { ?cs qb:attribute ?p }`,
].map((u) => `${PREFIXES}${u}`);
