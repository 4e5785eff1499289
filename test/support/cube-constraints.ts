/** Small Data Cube graphs for the integrity-constraint tests: one valid cube, and each way to break it. */

export const PREFIXES = `@prefix ex: <http://example.org/> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix af: <https://purl.org/csv-cubed/resources/attributes/af-obs-marker#> .
`;

/** A valid measure-dimension cube: two dimensions (one coded, hierarchical), two measures. */
export const VALID = `
ex:ds a qb:DataSet ; qb:structure ex:dsd .
ex:dsd a qb:DataStructureDefinition ; qb:component ex:c-area, ex:c-sex, ex:c-mt, ex:c-count, ex:c-rate, ex:c-unit, ex:c-status .
ex:c-area qb:dimension ex:area ; qb:order 1 .
ex:c-sex qb:dimension ex:sex ; qb:order 2 .
ex:c-mt qb:dimension qb:measureType ; qb:order 3 .
ex:c-count qb:measure ex:count ; qb:order 4 .
ex:c-rate qb:measure ex:rate ; qb:order 5 .
ex:c-unit qb:attribute sdmx-attribute:unitMeasure ; qb:componentRequired true ; qb:order 6 .
ex:c-status qb:attribute sdmx-attribute:obsStatus ; qb:componentRequired false ; qb:order 7 .
ex:area rdfs:range rdfs:Resource .
ex:sex rdfs:range skos:Concept ; qb:codeList ex:sexes .
ex:sexes a skos:ConceptScheme, qb:HierarchicalCodeList ; qb:hierarchyRoot ex:all ; qb:parentChildProperty skos:narrower .
ex:all a skos:Concept ; skos:inScheme ex:sexes ; skos:narrower ex:m, ex:f .
ex:m a skos:Concept ; skos:inScheme ex:sexes .
ex:f a skos:Concept ; skos:inScheme ex:sexes .
ex:o1 a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:a1 ; ex:sex ex:m ; qb:measureType ex:count ; ex:count 10 ; sdmx-attribute:unitMeasure ex:num .
ex:o2 a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:a1 ; ex:sex ex:m ; qb:measureType ex:rate ; ex:rate 0.5 ; sdmx-attribute:unitMeasure ex:fraction .
ex:o3 a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:a1 ; ex:sex ex:f ; qb:measureType ex:count ; sdmx-attribute:obsStatus af:c ; sdmx-attribute:unitMeasure ex:num .
ex:o4 a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:a1 ; ex:sex ex:f ; qb:measureType ex:rate ; ex:rate 0.25 ; sdmx-attribute:unitMeasure ex:fraction .
`;

/** The valid cube broken in the way each constraint forbids. */
export const BROKEN: [string, string][] = [
  ['IC-1', `${VALID} ex:o9 a qb:Observation ; ex:area ex:a2 .`],
  ['IC-2', `${VALID} ex:ds qb:structure ex:dsd2 .`],
  ['IC-3', `${VALID} ex:dsd3 a qb:DataStructureDefinition ; qb:component ex:c-area .`],
  ['IC-4', `${VALID} ex:dsd qb:component [ qb:dimension ex:norange ] .`],
  ['IC-5', `${VALID} ex:d5 a qb:DimensionProperty ; rdfs:range skos:Concept .`],
  ['IC-6', `${VALID} ex:c-area qb:componentRequired false .`],
  ['IC-7', `${VALID} ex:sk a qb:SliceKey ; qb:componentProperty ex:area .`],
  ['IC-8', `${VALID} ex:dsd qb:sliceKey ex:sk . ex:sk a qb:SliceKey ; qb:componentProperty ex:elsewhere .`],
  ['IC-9', `${VALID} ex:sl a qb:Slice .`],
  ['IC-10', `${VALID} ex:dsd qb:sliceKey ex:sk . ex:sk a qb:SliceKey ; qb:componentProperty ex:area . ex:sl a qb:Slice ; qb:sliceStructure ex:sk .`],
  ['IC-11', VALID.replace('ex:o1 a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:a1 ;', 'ex:o1 a qb:Observation ; qb:dataSet ex:ds ;')],
  ['IC-12', `${VALID} ex:o1b a qb:Observation ; qb:dataSet ex:ds ; ex:area ex:a1 ; ex:sex ex:m ; qb:measureType ex:count ; ex:count 11 ; sdmx-attribute:unitMeasure ex:num .`],
  ['IC-13', VALID.replace('ex:count 10 ; sdmx-attribute:unitMeasure ex:num .', 'ex:count 10 .')],
  ['IC-14', `${VALID} ex:ds14 a qb:DataSet ; qb:structure ex:dsd14 . ex:dsd14 a qb:DataStructureDefinition ; qb:component ex:c-area, ex:c-count .
    ex:o14 a qb:Observation ; qb:dataSet ex:ds14 ; ex:area ex:a1 .`],
  ['IC-15', VALID.replace('qb:measureType ex:count ; ex:count 10 ;', 'qb:measureType ex:count ;')],
  ['IC-16', VALID.replace('ex:count 10 ;', 'ex:count 10 ; ex:rate 0.1 ;')],
  ['IC-17', VALID.replace(/ex:o4 .*\n/, '')],
  ['IC-18', `${VALID} ex:ds qb:slice ex:sl . ex:sl qb:observation ex:o18 . ex:o18 qb:dataSet ex:other .`],
  ['IC-19', VALID.replace('ex:sex ex:m ; qb:measureType ex:count', 'ex:sex ex:x ; qb:measureType ex:count').replace('ex:sex ex:m ; qb:measureType ex:rate', 'ex:sex ex:x ; qb:measureType ex:rate')],
  ['IC-20', `${VALID.replace(/ex:sex ex:m ;/g, 'ex:sex ex:orphan ;')} ex:orphan a skos:Concept ; skos:inScheme ex:sexes .`],
  ['IC-21', `${VALID.replace('qb:parentChildProperty skos:narrower', 'qb:parentChildProperty [ owl:inverseOf skos:broader ]').replace('skos:narrower ex:m, ex:f .', '.')}
    ex:f skos:broader ex:all .`],
];
