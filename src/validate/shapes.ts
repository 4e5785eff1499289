/**
 * SHACL shapes generated from a cube's structure (VOCABULARY.md §6.4): one observation shape
 * in SHACL Core (IC-1, IC-11, IC-13, relaxed IC-15, IC-16, datatypes, ranges), and the
 * business rules between a key's observations in SHACL-SPARQL. Every shape carries the rule
 * id it enforces (dcterms:identifier), so its results compare with the streaming checks'.
 */
import type { MappingModel } from '../mapping/model.js';
import { escapeLiteral } from '../rdf/term.js';
import { NS, QB, SDMX_ATTRIBUTE } from '../rdf/ns.js';
import { rangeOf, ROW_RULES } from './rules.js';
import { SUPPRESSING_IRIS } from '../mapping/markers.js';

const SUPPRESSING = SUPPRESSING_IRIS.map((m) => `<${m}>`).join(' ');
const iri = (v: string): string => `<${v}>`;
const str = (v: string): string => `"${escapeLiteral(v)}"`;

export const shapesIri = (model: MappingModel): string => `${model.dataset}/shapes`;

export function shapesTurtle(model: MappingModel): string {
  const base = shapesIri(model);
  const dims = model.cube.dimensions.map((d) => d.property);
  const measures = [...new Map(model.cube.measures.map((m) => [m.property, m])).values()];
  const unit = model.cube.measures.some((m) => m.unit);
  const shapes: string[] = [];
  const named = (id: string, rule: string, body: string): string => {
    shapes.push(`<${base}#${id}> dcterms:identifier ${str(rule)} ;\n${body} .`);
    return `<${base}#${id}>`;
  };
  const props = [
    named('dataset', 'IC-1', `  sh:path qb:dataSet ; sh:minCount 1 ; sh:maxCount 1 ; sh:hasValue ${iri(model.dataset)}`),
    ...model.cube.dimensions.map((d) => named(`dimension-${d.key}`, 'IC-11', `  sh:path ${iri(d.property)} ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI`)),
    named('measure-type', 'IC-15', `  sh:path qb:measureType ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( ${measures.map((m) => iri(m.property)).join(' ')} )`),
    ...measures.map((m) => {
      const range = rangeOf(m.property);
      const bounds = [range?.min !== undefined ? ` ; sh:minInclusive ${range.min}` : '', range?.max !== undefined ? ` ; sh:maxInclusive ${range.max}` : ''].join('');
      return named(`value-${m.key}`, range ? 'rule:range' : 'datatype', `  sh:path ${iri(m.property)} ; sh:maxCount 1 ; sh:datatype ${iri(m.datatype)}${bounds}`);
    }),
    ...(unit ? [named('unit', 'IC-13', `  sh:path ${iri(SDMX_ATTRIBUTE.unitMeasure)} ; sh:minCount 1 ; sh:maxCount 1`)] : []),
  ];
  // Relaxed IC-15 and IC-16: the observation's measure has a value or a suppression marker,
  // and no other measure of the cube has one.
  const branches = measures.map((m) => named(`measure-${m.key}`, 'IC-15', `  a sh:NodeShape ;
  sh:or ( [ sh:not [ sh:path qb:measureType ; sh:hasValue ${iri(m.property)} ] ]
          [ sh:path ${iri(m.property)} ; sh:minCount 1 ]
          [ sh:path ${iri(SDMX_ATTRIBUTE.obsStatus)} ; sh:qualifiedValueShape [ sh:in ( ${SUPPRESSING} ) ] ; sh:qualifiedMinCount 1 ] )`));
  // IC-16: an observation of measure m has no value for any other measure — all of them at
  // once, so the second branch is one node shape with a property shape per other measure.
  const exclusive = measures.length > 1 ? measures.map((m) => named(`single-${m.key}`, 'IC-16', `  a sh:NodeShape ;
  sh:or ( [ sh:not [ sh:path qb:measureType ; sh:hasValue ${iri(m.property)} ] ]
          [ sh:property ${measures.filter((o) => o !== m).map((o) => `[ sh:path ${iri(o.property)} ; sh:maxCount 0 ]`).join(',\n                        ')} ] )`)) : [];
  const rules = ROW_RULES.filter((r) => r.uses.every((p) => measures.some((m) => m.property === p)))
    .map((r) => named(r.id.replace('rule:', ''), r.id, rowRuleBody(r, dims)));
  const prefixes = `@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix qb: <${NS.qb}> .\n@prefix dcterms: <${NS.dcterms}> .\n@prefix xsd: <${NS.xsd}> .\n`;
  const observation = `<${base}#observation> a sh:NodeShape ;
  rdfs:label ${str(`Observations of ${model.title ?? model.id}`)} ;
  sh:target [ a sh:SPARQLTarget ; sh:select """SELECT ?this WHERE { ?this <${QB.dataSet}> <${model.dataset}> }""" ] ;
  sh:property ${props.join(', ')} ;
  sh:node ${[...branches, ...exclusive].join(', ')} ${rules.length ? `;\n  sh:sparql ${rules.join(', ')} ` : ''}.`;
  return `# SHACL shapes of ${model.id}, generated from its mapping by \`npm run shapes\`; do not edit by hand.\n${prefixes}@prefix rdfs: <${NS.rdfs}> .\n\n${observation}\n\n${shapes.join('\n\n')}\n`;
}

/** A business rule between the observations that share a key (all dimensions but the measure type). */
function rowRuleBody(rule: (typeof ROW_RULES)[number], dims: readonly string[]): string {
  const [first, ...others] = rule.uses;
  const siblings = others.map((p, i) => `?o${i} ${iri(QB.dataSet)} ?ds ; ${iri(QB.measureType)} ${iri(p)} ; ${iri(p)} ?v${i + 1} .\n      ${dims.map((d, j) => `?o${i} ${iri(d)} ?k${j} .`).join(' ')}`).join('\n      ');
  const values = ['?v0', ...others.map((_, i) => `?v${i + 1}`)];
  return `  sh:message ${str(rule.title)} ;
  sh:select """SELECT $this WHERE {
      $this ${iri(QB.dataSet)} ?ds ; ${iri(QB.measureType)} ${iri(first!)} ; ${iri(first!)} ?v0 .
      ${dims.map((d, j) => `$this ${iri(d)} ?k${j} .`).join(' ')}
      ${siblings}
      FILTER (${sparqlCheck(rule.id, values)}) }"""`;
}

function sparqlCheck(id: string, v: readonly string[]): string {
  if (id === 'rule:proportion-matches-counts') return `${v[2]} > 0 && ABS(${v[1]} / ${v[2]} - ${v[0]}) > 0.0006`;
  return `${v[0]} > ${v[1]}`;
}
