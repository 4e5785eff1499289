import type { ConstTerm, CubeComponent, CubeModel, HeaderTriple } from '../mapping/model.js';
import { keyOf } from '../rdf/iri.js';
import { DCTERMS, NS, QB, RDF_TYPE, RDFS, SDMX_ATTRIBUTE, SKOS, XSD } from '../rdf/ns.js';

const named = (value: string): ConstTerm => ({ termType: 'NamedNode', value });
const text = (value: string): ConstTerm => ({ termType: 'Literal', value, datatype: XSD.string, language: 'en' });
const integer = (n: number): ConstTerm => ({ termType: 'Literal', value: String(n), datatype: XSD.integer });
const bool = (b: boolean): ConstTerm => ({ termType: 'Literal', value: String(b), datatype: XSD.boolean });

export interface DatasetInfo {
  readonly dataset: string;
  readonly title?: string;
  readonly description?: string;
  /** Component properties that a shipped vocabulary already defines (vocab/justice.ttl, external.ttl). */
  readonly known: ReadonlySet<string>;
}

/** Namespaces of standard vocabularies: their terms are theirs to define, never ours. */
const STANDARD = [NS.rdf, NS.rdfs, NS.owl, NS.skos, NS.dcterms, NS.dcat, NS.prov, NS.qb, NS.sdmx, NS['sdmx-concept'], NS['sdmx-dimension'], NS['sdmx-measure'], NS['sdmx-attribute'], NS.xsd];

const RESOURCE = `${NS.rdfs}Resource`;
const RDF_PROPERTY = `${NS.rdf}Property`;

/** A label for a property nobody labelled: its local name in words (`custodialSentenced` → `custodial sentenced`), never the mapping key. */
function labelOf(property: string): string {
  const local = property.replace(/^.*[/#]/, '');
  return decodeURIComponent(local).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase().trim() || property;
}

/** The DSD of a dataset lives under it: `{dataset}/structure`, components `{dataset}/structure/{key}`. */
export const structureIri = (dataset: string): string => `${dataset}/structure`;

/**
 * The qb:DataSet and its generated qb:DataStructureDefinition (VOCABULARY.md §1.2): one
 * component specification per dimension in mapping order, then qb:measureType, one per
 * distinct measure, the required unit and the optional status attributes. Dataset-local
 * properties of generated code lists are defined here too.
 */
export function buildStructure(info: DatasetInfo, cube: CubeModel): HeaderTriple[] {
  const out: HeaderTriple[] = [];
  const add = (subject: string, predicate: string, object: ConstTerm): void => void out.push({ subject, predicate, object });
  const ds = info.dataset;
  const dsd = structureIri(ds);
  add(ds, RDF_TYPE, named(QB.DataSet));
  add(ds, QB.structure, named(dsd));
  if (info.title) {
    add(ds, RDFS.label, text(info.title));
    add(ds, DCTERMS.title, text(info.title));
  }
  if (info.description) add(ds, DCTERMS.description, text(info.description));
  add(dsd, RDF_TYPE, named(QB.DataStructureDefinition));
  if (info.title) add(dsd, RDFS.label, text(`Structure of ${info.title}`));

  // The DSD's own triples first, then each specification's, so Turtle groups them by subject.
  const specs: HeaderTriple[] = [];
  const locals: HeaderTriple[] = [];
  let order = 0;
  const component = (key: string, kind: string, property: string, required?: boolean, codeList?: string): void => {
    const spec = `${dsd}/${key}`;
    add(dsd, QB.component, named(spec));
    const push = (p: string, o: ConstTerm) => void specs.push({ subject: spec, predicate: p, object: o });
    push(RDF_TYPE, named(QB.ComponentSpecification));
    push(kind, named(property));
    push(QB.order, integer(++order));
    if (required !== undefined) push(QB.componentRequired, bool(required));
    // Also on the specification, so reused SDMX dimensions (sex, refArea) say which list they draw on.
    if (codeList) push(QB.codeList, named(codeList));
  };
  // A property of the publisher's own is defined here, as csvcubed does, so that the cube
  // stands on its own (IC-4 needs every dimension's range) and its IRIs denote something.
  const declared = new Set<string>();
  const declare = (property: string, type: string, c: CubeComponent, defaults: { range: string; codeList?: string; subPropertyOf?: string }): void => {
    if (declared.has(property) || info.known.has(property) || STANDARD.some((ns) => property.startsWith(ns))) return;
    declared.add(property);
    const local = (p: string, o: ConstTerm) => void locals.push({ subject: property, predicate: p, object: o });
    local(RDF_TYPE, named(RDF_PROPERTY));
    local(RDF_TYPE, named(type));
    if (defaults.codeList) local(RDF_TYPE, named(QB.CodedProperty));
    local(RDFS.label, text(c.label ?? labelOf(property)));
    if (c.comment) local(RDFS.comment, text(c.comment));
    local(RDFS.range, named(c.range ?? defaults.range));
    const sup = c.subPropertyOf ?? defaults.subPropertyOf;
    if (sup) local(RDFS.subPropertyOf, named(sup));
    if (defaults.codeList) local(QB.codeList, named(defaults.codeList));
  };
  for (const d of cube.dimensions) {
    component(d.key, QB.dimension, d.property, undefined, d.codeList);
    if (!d.superProperty) declare(d.property, QB.DimensionProperty, d, d.codeList ? { range: SKOS.Concept, codeList: d.codeList } : { range: RESOURCE });
    // The declared property a generated code list's local property refines: ours too, maybe.
    else declare(d.superProperty, QB.DimensionProperty, d, { range: RESOURCE });
    if (d.superProperty && d.codeList) {
      const local = (p: string, o: ConstTerm) => void locals.push({ subject: d.property, predicate: p, object: o });
      local(RDF_TYPE, named(QB.DimensionProperty));
      local(RDF_TYPE, named(QB.CodedProperty));
      local(RDFS.label, text(d.label ?? labelOf(d.superProperty)));
      local(RDFS.subPropertyOf, named(d.superProperty));
      local(RDFS.range, named(SKOS.Concept));
      local(QB.codeList, named(d.codeList));
    }
  }
  component('measureType', QB.dimension, QB.measureType);
  const seen = new Set<string>();
  for (const m of cube.measures) {
    if (seen.has(m.property)) continue;
    seen.add(m.property);
    component(`measure-${keyOf(m.property)}`, QB.measure, m.property);
    declare(m.property, QB.MeasureProperty, m, { range: m.datatype, subPropertyOf: `${NS['sdmx-measure']}obsValue` });
  }
  if (cube.measures.some((m) => m.unit)) component('unit', QB.attribute, SDMX_ATTRIBUTE.unitMeasure, true);
  component('status', QB.attribute, SDMX_ATTRIBUTE.obsStatus, false);
  for (const a of cube.attributes) {
    component(`attribute-${a.key}`, QB.attribute, a.property, false);
    declare(a.property, QB.AttributeProperty, a, { range: a.codeList ? SKOS.Concept : RESOURCE, ...(a.codeList ? { codeList: a.codeList } : {}) });
  }
  return [...out, ...specs, ...locals];
}
