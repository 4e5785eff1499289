import { basename } from 'node:path';
import { grouped } from '../../diagnostics/numbers.js';
import { META_NS, NS } from '../../rdf/ns.js';
import { day, size, type Page, type Site } from '../site.js';
import { iriRef, select } from '../source.js';
import { labelsOf, termView } from '../terms.js';

const one = (rows: readonly Record<string, { value: string }>[], key: string): string | undefined => rows.find((r) => r[key])?.[key]?.value;

/**
 * A dataset's landing page, as data.gov.uk shows one: what it is, who publishes it under what
 * licence, when, the files to download with their size and SHA-256, its stars, the release
 * history and what changed since the previous release.
 */
export async function datasetPage(site: Site, iri: string): Promise<Page> {
  const d = iriRef(iri);
  const facts = await select(site.source, `PREFIX dcterms: <${NS.dcterms}> PREFIX dcat: <${NS.dcat}> PREFIX void: <${NS.void}>
    SELECT ?title ?description ?publisher ?license ?issued ?modified ?version ?identifier ?landing ?periodicity ?triples WHERE {
      ${d} dcterms:title ?title .
      OPTIONAL { ${d} dcterms:description ?description } OPTIONAL { ${d} dcterms:publisher ?publisher } OPTIONAL { ${d} dcterms:license ?license }
      OPTIONAL { ${d} dcterms:issued ?issued } OPTIONAL { ${d} dcterms:modified ?modified } OPTIONAL { ${d} dcat:version ?version }
      OPTIONAL { ${d} dcterms:identifier ?identifier } OPTIONAL { ${d} dcat:landingPage ?landing } OPTIONAL { ${d} dcterms:accrualPeriodicity ?periodicity }
      OPTIONAL { ${d} void:triples ?triples }
    }`);
  const keywords = (await select(site.source, `SELECT DISTINCT ?k WHERE { ${d} <${NS.dcat}keyword> ?k } ORDER BY ?k`)).map((r) => r['k']!.value);
  const dists = await select(site.source, `PREFIX dcterms: <${NS.dcterms}> PREFIX dcat: <${NS.dcat}> PREFIX spdx: <${META_NS.spdx}>
    SELECT ?dist ?title ?url ?bytes ?sha WHERE { ${d} dcat:distribution ?dist . ?dist dcat:downloadURL ?url
      OPTIONAL { ?dist dcterms:title ?title } OPTIONAL { ?dist dcat:byteSize ?bytes } OPTIONAL { ?dist spdx:checksum/spdx:checksumValue ?sha } } ORDER BY ?url`);
  const structure = await select(site.source, `PREFIX qb: <${NS.qb}>
    SELECT ?dsd ?prop ?kind ?order WHERE { ${d} qb:structure ?dsd . ?dsd qb:component ?c .
      { ?c qb:dimension ?prop BIND("Dimension" AS ?kind) } UNION { ?c qb:measure ?prop BIND("Measure" AS ?kind) } UNION { ?c qb:attribute ?prop BIND("Attribute" AS ?kind) }
      OPTIONAL { ?c qb:order ?order } } ORDER BY ?order ?kind ?prop`);
  const [count] = await select(site.source, `SELECT (COUNT(?o) AS ?n) WHERE { ?o <${NS.qb}dataSet> ${d} }`);
  const observations = Number(count?.['n']?.value ?? 0);
  const labels = await labelsOf(site.source, [one(facts, 'publisher'), one(facts, 'license'), ...structure.map((r) => r['prop']!.value), ...structure.map((r) => r['dsd']!.value)].filter((x): x is string => !!x));
  const view = (i: string | undefined) => (i ? termView({ termType: 'NamedNode', value: i }, labels, site.spaces) : undefined);

  const title = one(facts, 'title') ?? iri;
  const id = one(facts, 'identifier');
  const changes = site.folder.changes?.datasets.find((x) => x.id === id);
  const previous = site.folder.changes?.previous;
  const changeFile = id && site.folder.downloads.has(`changes/${id}.csv`) ? `${site.folder.downloadPath}changes/${id}.csv` : undefined;
  return {
    template: 'dataset.njk', title,
    data: {
      iri, title, description: one(facts, 'description'),
      publisher: view(one(facts, 'publisher')), license: view(one(facts, 'license')),
      issued: day(one(facts, 'issued')), modified: day(one(facts, 'modified')), version: one(facts, 'version'),
      periodicity: one(facts, 'periodicity') ? /[^/]*$/.exec(one(facts, 'periodicity')!)![0].toLowerCase() : undefined,
      landing: one(facts, 'landing'), keywords,
      triples: one(facts, 'triples') ? grouped(Number(one(facts, 'triples'))) : undefined,
      observations: observations ? grouped(observations) : undefined,
      cubeHref: observations ? site.spaces.cubeOf(iri) : undefined,
      stars: site.folder.stars.get(iri),
      distributions: dists.map((r) => {
        const name = basename(new URL(r['url']!.value).pathname);
        const local = site.folder.downloads.get(name);
        return {
          title: r['title']?.value ?? name, name,
          href: local ? `${site.folder.downloadPath}${name}` : r['url']!.value,
          size: r['bytes'] ? size(Number(r['bytes'].value)) : local ? size(local.bytes) : undefined,
          sha256: r['sha']?.value ?? local?.sha256,
        };
      }),
      structure: structure.map((r) => ({ kind: r['kind']!.value, term: view(r['prop']!.value) })),
      structureLink: view(one(structure, 'dsd')),
      versions: site.folder.versions.map((v, i) => ({ version: v.version ?? v.catalog, issued: day(v.issued), current: i === 0 })),
      changes: changes ? { status: changes.status, counts: changes.counts, previous: previous?.version, file: changeFile, log: site.folder.downloads.has('changes.md') ? `${site.folder.downloadPath}changes.md` : undefined } : undefined,
    },
  };
}
