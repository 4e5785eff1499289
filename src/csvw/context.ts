/** The prefixes of the CSVW JSON-LD context (RDFa initial context): `dc:title` and friends in metadata. */
export const CSVW = 'http://www.w3.org/ns/csvw#';

export const PREFIXES: Readonly<Record<string, string>> = {
  csvw: CSVW, as: 'https://www.w3.org/ns/activitystreams#', cc: 'http://creativecommons.org/ns#', ctag: 'http://commontag.org/ns#',
  dc: 'http://purl.org/dc/terms/', dc11: 'http://purl.org/dc/elements/1.1/', dcat: 'http://www.w3.org/ns/dcat#', dcterms: 'http://purl.org/dc/terms/',
  dqv: 'http://www.w3.org/ns/dqv#', duv: 'https://www.w3.org/ns/duv#', foaf: 'http://xmlns.com/foaf/0.1/', gr: 'http://purl.org/goodrelations/v1#',
  grddl: 'http://www.w3.org/2003/g/data-view#', ical: 'http://www.w3.org/2002/12/cal/icaltzd#', ldp: 'http://www.w3.org/ns/ldp#',
  ma: 'http://www.w3.org/ns/ma-ont#', oa: 'http://www.w3.org/ns/oa#', og: 'http://ogp.me/ns#', owl: 'http://www.w3.org/2002/07/owl#',
  prov: 'http://www.w3.org/ns/prov#', qb: 'http://purl.org/linked-data/cube#', rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfa: 'http://www.w3.org/ns/rdfa#', rdfs: 'http://www.w3.org/2000/01/rdf-schema#', rev: 'http://purl.org/stuff/rev#', rif: 'http://www.w3.org/2007/rif#',
  rr: 'http://www.w3.org/ns/r2rml#', schema: 'http://schema.org/', sd: 'http://www.w3.org/ns/sparql-service-description#', sioc: 'http://rdfs.org/sioc/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#', skosxl: 'http://www.w3.org/2008/05/skos-xl#', sosa: 'http://www.w3.org/ns/sosa/', ssn: 'http://www.w3.org/ns/ssn/',
  time: 'http://www.w3.org/2006/time#', v: 'http://rdf.data-vocabulary.org/#', vcard: 'http://www.w3.org/2006/vcard/ns#', void: 'http://rdfs.org/ns/void#',
  wdr: 'http://www.w3.org/2007/05/powder#', wrds: 'http://www.w3.org/2007/05/powder-s#', xhv: 'http://www.w3.org/1999/xhtml/vocab#',
  xml: 'http://www.w3.org/XML/1998/namespace', xsd: 'http://www.w3.org/2001/XMLSchema#', odrl: 'http://www.w3.org/ns/odrl/2/', earl: 'http://www.w3.org/ns/earl#',
  org: 'http://www.w3.org/ns/org#', ptr: 'http://www.w3.org/2009/pointers#', dcterms11: 'http://purl.org/dc/elements/1.1/', describedby: 'http://www.w3.org/2007/05/powder-s#describedby',
  license: 'http://www.w3.org/1999/xhtml/vocab#license', role: 'http://www.w3.org/1999/xhtml/vocab#role',
};

/** A prefixed name (`dc:title`) or a term of the CSVW vocabulary as an IRI; an absolute IRI as it is. */
export function expandName(name: string): string | undefined {
  const m = /^([A-Za-z][\w.-]*):(.*)$/.exec(name);
  const ns = m ? PREFIXES[m[1]!] : undefined;
  if (m && ns !== undefined && !m[2]!.startsWith('//')) return ns + m[2]!;
  if (/^[a-z][a-z0-9+.-]*:/i.test(name)) return name;
  return undefined;
}

/** Terms of the CSVW context usable as @type values: its classes. */
const CLASSES = ['Cell', 'Column', 'Datatype', 'Dialect', 'Direction', 'ForeignKey', 'NumericFormat', 'Row', 'Schema', 'Table', 'TableGroup', 'TableReference', 'Transformation'];

/**
 * An @type or @id value of a common property as an IRI: a CSVW term (a class, or a datatype
 * name as its XSD IRI), a prefixed name, or an absolute IRI; undefined for anything else.
 */
export function expandTerm(term: string, builtIn: Readonly<Record<string, string>>): string | undefined {
  if (CLASSES.includes(term)) return `${CSVW}${term}`;
  if (builtIn[term]) return builtIn[term];
  if (term.startsWith('_:')) return undefined;
  return expandName(term);
}
