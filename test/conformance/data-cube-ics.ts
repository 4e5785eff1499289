/**
 * The W3C RDF Data Cube integrity constraints as the Recommendation writes them
 * (https://www.w3.org/TR/vocab-data-cube/#wf-rules, §11.1–11.2): the normalisation algorithm
 * (phase 1 and phase 2 updates) and the 21 ASK queries, copied from the spec, not our rewrite
 * (src/validate/integrity.ts). An ASK answering true means the constraint is broken. IC-20 and
 * IC-21 are templates: the spec instantiates them for each hierarchical code list's
 * qb:parentChildProperty ($p).
 */
export const SPEC_PREFIXES = `PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
`;

/** §11.1, phase 1 (type and property closure) and phase 2 (push down attachment levels). */
export const SPEC_NORMALIZATION = [
  `INSERT { ?o rdf:type qb:Observation . } WHERE { [] qb:observation ?o . }`,
  `INSERT { ?o rdf:type qb:Observation . } WHERE { ?o qb:dataSet [] . }`,
  `INSERT { ?s rdf:type qb:Slice . } WHERE { [] qb:slice ?s. }`,
  `INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . } WHERE { ?cs qb:dimension ?p . }`,
  `INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . } WHERE { ?cs qb:measure ?p . }`,
  `INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . } WHERE { ?cs qb:attribute ?p . }`,
  `INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
    ?dataset qb:structure [qb:component ?spec]; ?comp ?value .
    ?obs qb:dataSet ?dataset. }`,
  `INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp; qb:componentAttachment qb:Slice .
    ?dataset qb:structure [qb:component ?spec]; qb:slice ?slice .
    ?slice ?comp ?value; qb:observation ?obs . }`,
  `INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp .
    ?comp a qb:DimensionProperty .
    ?dataset qb:structure [qb:component ?spec]; qb:slice ?slice .
    ?slice ?comp ?value; qb:observation ?obs . }`,
];

export const SPEC_ICS: readonly (readonly [id: string, ask: string])[] = [
  ['IC-1', `ASK {
  { ?obs a qb:Observation .
    FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . } }
  UNION
  { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 .
    FILTER (?dataset1 != ?dataset2) } }`],
  ['IC-2', `ASK {
  { ?dataset a qb:DataSet .
    FILTER NOT EXISTS { ?dataset qb:structure ?dsd . } }
  UNION
  { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 .
    FILTER (?dsd1 != ?dsd2) } }`],
  ['IC-3', `ASK {
  ?dsd a qb:DataStructureDefinition .
  FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty [a qb:MeasureProperty]] } }`],
  ['IC-4', `ASK {
  ?dim a qb:DimensionProperty .
  FILTER NOT EXISTS { ?dim rdfs:range [] } }`],
  ['IC-5', `ASK {
  ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
  FILTER NOT EXISTS { ?dim qb:codeList [] } }`],
  ['IC-6', `ASK {
  ?dsd qb:component ?componentSpec .
  ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
  FILTER NOT EXISTS { ?component a qb:AttributeProperty } }`],
  ['IC-7', `ASK {
  ?sliceKey a qb:SliceKey .
  FILTER NOT EXISTS { [a qb:DataStructureDefinition] qb:sliceKey ?sliceKey } }`],
  ['IC-8', `ASK {
  ?slicekey a qb:SliceKey; qb:componentProperty ?prop .
  ?dsd qb:sliceKey ?slicekey .
  FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty ?prop] } }`],
  ['IC-9', `ASK {
  { ?slice a qb:Slice .
    FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
  UNION
  { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2;
    FILTER (?key1 != ?key2) } }`],
  ['IC-10', `ASK {
  ?slice qb:sliceStructure [qb:componentProperty ?dim] .
  FILTER NOT EXISTS { ?slice ?dim [] } }`],
  ['IC-11', `ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty;
  FILTER NOT EXISTS { ?obs ?dim [] } }`],
  ['IC-12', `ASK {
  FILTER( ?allEqual )
  { SELECT (MIN(?equal) AS ?allEqual) WHERE {
      ?obs1 qb:dataSet ?dataset .
      ?obs2 qb:dataSet ?dataset .
      FILTER (?obs1 != ?obs2)
      ?dataset qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty .
      ?obs1 ?dim ?value1 .
      ?obs2 ?dim ?value2 .
      BIND( ?value1 = ?value2 AS ?equal)
    } GROUP BY ?obs1 ?obs2 } }`],
  ['IC-13', `ASK {
  ?obs qb:dataSet/qb:structure/qb:component ?component .
  ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
  FILTER NOT EXISTS { ?obs ?attr [] } }`],
  ['IC-14', `ASK {
  ?obs qb:dataSet/qb:structure ?dsd .
  FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
  ?dsd qb:component/qb:componentProperty ?measure .
  ?measure a qb:MeasureProperty;
  FILTER NOT EXISTS { ?obs ?measure [] } }`],
  ['IC-15', `ASK {
  ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure .
  ?dsd qb:component/qb:componentProperty qb:measureType .
  FILTER NOT EXISTS { ?obs ?measure [] } }`],
  ['IC-16', `ASK {
  ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
  ?dsd qb:component/qb:componentProperty qb:measureType ; qb:component/qb:componentProperty ?omeasure .
  ?omeasure a qb:MeasureProperty .
  FILTER (?omeasure != ?measure) }`],
  ['IC-17', `ASK {
  { SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
      { SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
          ?dsd qb:component/qb:componentProperty ?m.
          ?m a qb:MeasureProperty .
        } GROUP BY ?dsd }
      ?obs1 qb:dataSet/qb:structure ?dsd; qb:dataSet ?dataset ; qb:measureType ?m1 .
      ?obs2 qb:dataSet ?dataset ; qb:measureType ?m2 .
      FILTER NOT EXISTS {
        ?dsd qb:component/qb:componentProperty ?dim .
        FILTER (?dim != qb:measureType)
        ?dim a qb:DimensionProperty .
        ?obs1 ?dim ?v1 .
        ?obs2 ?dim ?v2.
        FILTER (?v1 != ?v2) }
    } GROUP BY ?obs1 ?numMeasures
      HAVING (?count != ?numMeasures) } }`],
  ['IC-18', `ASK {
  ?dataset qb:slice ?slice .
  ?slice qb:observation ?obs .
  FILTER NOT EXISTS { ?obs qb:dataSet ?dataset . } }`],
  ['IC-19', `ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a skos:ConceptScheme .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }`],
  ['IC-19', `ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a skos:Collection .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v } }`],
];

/**
 * IC-20 and IC-21 differ only in the path from a hierarchy's root to a code: along the
 * parent-child property (IC-20), or against it (IC-21, a property given as owl:inverseOf).
 */
const hierarchyAsk = (path: string): string => `ASK {
  ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
  ?dim a qb:DimensionProperty ; qb:codeList ?list .
  ?list a qb:HierarchicalCodeList .
  ?obs ?dim ?v .
  FILTER NOT EXISTS { ?list qb:hierarchyRoot/${path} ?v } }`;

/** IC-20 (a direct parent-child property) and IC-21 (an inverse one), for one property `p`. */
export const specIc20 = (p: string): string => hierarchyAsk(`<${p}>*`);
export const specIc21 = (p: string): string => hierarchyAsk(`(^<${p}>)*`);

/** §11.2: the parent-child properties IC-20 (direct, an IRI) and IC-21 (the inverse of an IRI) are instantiated with. */
export const SPEC_IC20_PROPERTIES = `SELECT ?p WHERE { ?hierarchy a qb:HierarchicalCodeList ; qb:parentChildProperty ?p . FILTER ( isIRI(?p) ) }`;
export const SPEC_IC21_PROPERTIES = `SELECT ?p WHERE { ?hierarchy a qb:HierarchicalCodeList ; qb:parentChildProperty ?pcp . FILTER( isBlank(?pcp) ) ?pcp owl:inverseOf ?p . FILTER( isIRI(?p) ) }`;
