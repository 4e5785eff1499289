import { NS } from '../../rdf/ns.js';
import { grouped } from '../../diagnostics/numbers.js';
import { day, type Page, type Site } from '../site.js';
import { iriRef, select } from '../source.js';

/** The catalogue: every dataset of the release, with what it is and how big. */
export async function cataloguePage(site: Site): Promise<Page> {
  const c = iriRef(site.folder.catalog);
  const [about] = await select(site.source, `PREFIX dcterms: <${NS.dcterms}> PREFIX dcat: <${NS.dcat}>
    SELECT ?title ?description ?version ?issued WHERE { ${c} dcterms:title ?title OPTIONAL { ${c} dcterms:description ?description } OPTIONAL { ${c} dcat:version ?version } OPTIONAL { ${c} dcterms:issued ?issued } } LIMIT 1`);
  const rows = await select(site.source, `PREFIX dcterms: <${NS.dcterms}> PREFIX dcat: <${NS.dcat}> PREFIX void: <${NS.void}> PREFIX qb: <${NS.qb}>
    SELECT ?ds (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?description) (SAMPLE(?m) AS ?modified) (SAMPLE(?n) AS ?triples) (SAMPLE(?k) AS ?cube) WHERE {
      ${c} dcat:dataset ?ds . ?ds dcterms:title ?t .
      OPTIONAL { ?ds dcterms:description ?d } OPTIONAL { ?ds dcterms:modified ?m } OPTIONAL { ?ds void:triples ?n }
      OPTIONAL { ?ds a qb:DataSet BIND(true AS ?k) }
    } GROUP BY ?ds ORDER BY ?title`);
  const datasets = rows.map((r) => ({
    title: r['title']!.value,
    href: site.spaces.hrefOf(r['ds']!.value),
    cubeHref: r['cube'] ? site.spaces.cubeOf(r['ds']!.value) : undefined,
    description: r['description']?.value,
    modified: day(r['modified']?.value),
    triples: r['triples'] ? grouped(Number(r['triples'].value)) : undefined,
    stars: site.folder.stars.get(r['ds']!.value),
  }));
  const title = about?.['title']?.value ?? 'Statistics as linked data';
  return {
    template: 'catalogue.njk', title,
    data: {
      title, description: about?.['description']?.value, version: about?.['version']?.value, issued: day(about?.['issued']?.value),
      datasets, catalogHref: site.spaces.hrefOf(site.folder.catalog),
    },
  };
}
