import { basename } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, META_NS, NS, PUBLISHING, RDF_TYPE, RDFS, XSD } from '../rdf/ns.js';
import type { CsvwRecord, DatasetRecord, DumpRecord, FileRecord, Frequency, ReleaseInfo } from './model.js';
import { QuadList } from './quads.js';
import { LINK_TARGETS } from './targets.js';

const DCAT = (t: string): string => `${NS.dcat}${t}`;
const DCT = (t: string): string => `${NS.dcterms}${t}`;
const VOID = (t: string): string => `${NS.void}${t}`;
const PROV = (t: string): string => `${NS.prov}${t}`;
const SPDX = (t: string): string => `${META_NS.spdx}${t}`;
const VCARD = (t: string): string => `${META_NS.vcard}${t}`;
const FREQUENCY: Readonly<Record<Frequency, string>> = { annual: 'ANNUAL', quarterly: 'QUARTERLY', monthly: 'MONTHLY', irregular: 'IRREG' };
const dateTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The release's metadata as quads: a DCAT 3 catalogue with one dataset per cube and one
 * distribution per dump file, VoID statistics and linksets from the facts counted while
 * writing, and PROV for the source CSV, the mapping (a prov:Plan) and the tool. Every node
 * has an IRI, so the metadata has no blank nodes either.
 */
export function describeRelease(release: ReleaseInfo, datasets: readonly DatasetRecord[]): Quad[] {
  const g = new QuadList();
  const c = release.catalog;
  const modified = datasets.reduce((t, d) => (d.ended > t ? d.ended : t), new Date(0));
  g.link(c, RDF_TYPE, DCAT('Catalog'))
    .text(c, DCTERMS.title, release.title)
    .text(c, DCTERMS.description, release.description)
    .link(c, DCT('publisher'), release.publisher)
    .link(c, DCT('license'), release.license)
    .typed(c, DCT('issued'), release.issued, XSD.date)
    .typed(c, DCT('modified'), dateTime(modified), XSD.dateTime)
    .link(c, DCAT('themeTaxonomy'), `${META_NS['eu-theme'].slice(0, -1)}`);
  if (release.version) g.typed(c, DCAT('version'), release.version);
  if (release.previous) g.link(c, DCAT('previousVersion'), release.previous.catalog).link(c, PROV('wasRevisionOf'), release.previous.catalog);
  describePublisher(g, release);
  describeTool(g, release);
  const targets = new Set<string>();
  for (const d of datasets) {
    g.link(c, DCAT('dataset'), d.iri);
    describeDataset(g, release, d);
    for (const key of d.facts.links.keys()) targets.add(key);
  }
  for (const t of LINK_TARGETS.filter((x) => targets.has(x.key))) {
    g.link(t.dataset, RDF_TYPE, VOID('Dataset')).text(t.dataset, RDFS.label, t.label).typed(t.dataset, VOID('uriSpace'), t.uriSpace);
  }
  return g.quads;
}

function describePublisher(g: QuadList, r: ReleaseInfo): void {
  const contact = `${r.catalog}/contact`;
  g.link(r.publisher, RDF_TYPE, `${META_NS.foaf}Organization`).text(r.publisher, `${META_NS.foaf}name`, r.publisherName);
  g.link(contact, RDF_TYPE, VCARD('Organization')).text(contact, VCARD('fn'), `${r.publisherName} statistics`).link(contact, VCARD('hasEmail'), r.contactEmail);
}

function describeTool(g: QuadList, r: ReleaseInfo): void {
  const tool = `${PUBLISHING.toolBase}${r.toolVersion}`;
  g.link(tool, RDF_TYPE, PROV('SoftwareAgent'))
    .text(tool, RDFS.label, `justice-lod ${r.toolVersion}`)
    .typed(tool, `${NS.owl}versionInfo`, r.toolVersion)
    .link(tool, RDFS.seeAlso, PUBLISHING.home);
}

function describeDataset(g: QuadList, r: ReleaseInfo, d: DatasetRecord): void {
  const s = d.iri;
  g.link(s, RDF_TYPE, DCAT('Dataset')).link(s, RDF_TYPE, VOID('Dataset'))
    .typed(s, DCT('identifier'), d.id)
    .text(s, DCTERMS.title, d.title)
    .text(s, DCTERMS.description, d.description)
    .link(s, DCT('publisher'), r.publisher)
    .link(s, DCT('license'), r.license)
    .typed(s, DCT('issued'), r.issued, XSD.date)
    .typed(s, DCT('modified'), dateTime(d.ended), XSD.dateTime)
    .link(s, DCAT('theme'), `${META_NS['eu-theme']}JUST`)
    .link(s, DCAT('contactPoint'), `${r.catalog}/contact`)
    .link(s, DCT('conformsTo'), PUBLISHING.qbSpec);
  if (d.structure) g.link(s, DCT('conformsTo'), d.structure);
  if (r.version) g.typed(s, DCAT('version'), r.version);
  for (const k of d.keywords) g.text(s, DCAT('keyword'), k);
  if (d.frequency) g.link(s, DCT('accrualPeriodicity'), `${META_NS['eu-frequency']}${FREQUENCY[d.frequency]}`);
  if (d.landingPage) g.link(s, DCAT('landingPage'), d.landingPage);
  if (d.facts.temporal) {
    const t = `${s}/temporal`;
    g.link(s, DCT('temporal'), t).link(t, RDF_TYPE, DCT('PeriodOfTime'))
      .typed(t, DCAT('startDate'), d.facts.temporal[0], XSD.date).typed(t, DCAT('endDate'), d.facts.temporal[1], XSD.date);
  }
  for (const area of d.facts.spatial) g.link(s, DCT('spatial'), area);
  for (const dump of d.dumps) describeDistribution(g, r, d, dump);
  (d.tables ?? []).forEach((file, i) => describeTable(g, r, d, file, i));
  describeVoid(g, r, d);
  describeProvenance(g, r, d);
  describeVersion(g, r, d);
  // Disclosure control: what the run suppressed and what the release stands with, on the
  // release's version of the dataset (or the dataset).
  const noted = r.version ? versionIri(d.iri, r.catalog) : d.iri;
  if (d.suppressed) {
    g.text(noted, `${NS.skos}editorialNote`, `Disclosure control: ${d.suppressed.cells} cell${d.suppressed.cells === 1 ? '' : 's'} (${d.suppressed.people} people) published as [c] by justice-lod --apply-suppression: unsafe counts, and cells from which a suppressed cell could be worked out. The source CSV is unchanged.`);
  }
  for (const a of d.acknowledged ?? []) {
    g.text(noted, `${NS.skos}editorialNote`, `Disclosure control: ${a.count} ${a.code} finding${a.count === 1 ? '' : 's'} acknowledged by the release: ${a.reason}`);
  }
}

/** A release's version of a dataset: `{dataset}/version/{release}`, for a catalogue with an id. */
export const versionIri = (dataset: string, catalog: string): string => `${dataset}/version/${catalog.slice(catalog.lastIndexOf('/') + 1)}`;

/**
 * Dataset IRIs stay the same from release to release (so observation IRIs do); each release's
 * state of a dataset is a version of it, linked to the previous release's version
 * (dcat:previousVersion, prov:wasRevisionOf) with what changed as adms:versionNotes.
 */
function describeVersion(g: QuadList, r: ReleaseInfo, d: DatasetRecord): void {
  if (!r.version) return;
  const v = versionIri(d.iri, r.catalog);
  g.link(d.iri, DCAT('hasVersion'), v).link(d.iri, DCAT('hasCurrentVersion'), v)
    .link(v, RDF_TYPE, PROV('Entity'))
    .link(v, DCT('isVersionOf'), d.iri)
    .text(v, RDFS.label, `${d.title}, ${r.version}`)
    .typed(v, DCAT('version'), r.version)
    .typed(v, DCT('issued'), r.issued, XSD.date)
    .link(v, DCT('isPartOf'), r.catalog);
  if (r.previous && d.versionNotes !== undefined) {
    // A dataset minted under the catalogue (the vocabulary's) has another IRI in each release:
    // its previous version is the previous catalogue's dataset's, which that release describes.
    const was = d.iri.startsWith(`${r.catalog}/`) ? `${r.previous.catalog}${d.iri.slice(r.catalog.length)}` : d.iri;
    const before = versionIri(was, r.previous.catalog);
    g.link(v, DCAT('previousVersion'), before).link(v, PROV('wasRevisionOf'), before).text(v, `${META_NS.adms}versionNotes`, d.versionNotes);
  }
}

function checksum(g: QuadList, owner: string, file: FileRecord): void {
  const c = `${owner}/checksum`;
  g.link(owner, SPDX('checksum'), c).link(c, RDF_TYPE, SPDX('Checksum'))
    .link(c, SPDX('algorithm'), SPDX('checksumAlgorithm_sha256'))
    .typed(c, SPDX('checksumValue'), file.sha256, XSD.hexBinary);
  g.typed(owner, DCAT('byteSize'), file.bytes, XSD.nonNegativeInteger);
}

const distributionIri = (dataset: string, dump: DumpRecord): string => `${dataset}/distribution/${dump.format.name.replace('.', '-')}`;
const downloadUrl = (r: ReleaseInfo, file: FileRecord): string => `${r.downloadBase}${encodeURIComponent(basename(file.path))}`;

function describeDistribution(g: QuadList, r: ReleaseInfo, d: DatasetRecord, dump: DumpRecord): void {
  const s = distributionIri(d.iri, dump);
  const url = downloadUrl(r, dump);
  g.link(d.iri, DCAT('distribution'), s).link(s, RDF_TYPE, DCAT('Distribution'))
    .text(s, DCTERMS.title, `${d.title} (${dump.format.format.label}${dump.format.gzip ? ', gzip' : ''})`)
    .link(s, DCAT('downloadURL'), url).link(s, DCAT('accessURL'), url)
    .link(s, DCAT('mediaType'), `${META_NS.iana}${dump.format.format.mediaType}`)
    .link(s, DCT('format'), `${META_NS['eu-file-type']}${dump.format.format.euFileType}`)
    .link(s, DCT('license'), r.license)
    .link(s, PROV('wasGeneratedBy'), `${d.iri}/conversion`);
  if (dump.format.gzip) g.link(s, DCAT('compressFormat'), `${META_NS.iana}application/gzip`);
  if (d.source) g.link(s, PROV('wasDerivedFrom'), `${d.iri}/source`);
  checksum(g, s, dump);
}

/** The W3C recommendations a CSVW table group conforms to. */
const CSVW_SPECS = { csvw: 'http://www.w3.org/TR/tabular-metadata/', csv: 'http://www.w3.org/TR/tabular-data-model/' } as const;

/** A file of the CSVW table group: the metadata document (`application/csvm+json`) or one of its CSVs. */
function describeTable(g: QuadList, r: ReleaseInfo, d: DatasetRecord, file: CsvwRecord, i: number): void {
  const s = `${d.iri}/distribution/csvw${i === 0 ? '' : `-${i}`}`;
  const url = downloadUrl(r, file);
  const metadata = file.role === 'csvw';
  g.link(d.iri, DCAT('distribution'), s).link(s, RDF_TYPE, DCAT('Distribution'))
    .text(s, DCTERMS.title, `${d.title} (${metadata ? 'CSV on the Web metadata' : `CSV on the Web table ${basename(file.path)}`})`)
    .link(s, DCAT('downloadURL'), url).link(s, DCAT('accessURL'), url)
    .link(s, DCAT('mediaType'), `${META_NS.iana}${metadata ? 'application/csvm+json' : 'text/csv'}`)
    .link(s, DCT('format'), `${META_NS['eu-file-type']}${metadata ? 'JSON' : 'CSV'}`)
    .link(s, DCT('conformsTo'), CSVW_SPECS[file.role])
    .link(s, DCT('license'), r.license)
    .link(s, PROV('wasGeneratedBy'), `${d.iri}/conversion`);
  checksum(g, s, file);
}

function describeVoid(g: QuadList, r: ReleaseInfo, d: DatasetRecord): void {
  const s = d.iri;
  const f = d.facts;
  g.typed(s, VOID('triples'), f.triples, XSD.integer)
    .typed(s, VOID('entities'), f.entities, XSD.integer)
    .typed(s, VOID('distinctSubjects'), f.distinctSubjects, XSD.integer)
    .typed(s, VOID('classes'), f.classes.size, XSD.integer)
    .typed(s, VOID('properties'), f.properties.size, XSD.integer)
    .typed(s, VOID('uriSpace'), d.uriSpace);
  for (const v of d.vocabularies) g.link(s, VOID('vocabulary'), v);
  for (const dump of d.dumps) g.link(s, VOID('dataDump'), downloadUrl(r, dump));
  let i = 0;
  for (const [cls, n] of f.classes) {
    const p = `${s}/void/class/${++i}`;
    g.link(s, VOID('classPartition'), p).link(p, VOID('class'), cls).typed(p, VOID('entities'), n, XSD.integer);
  }
  i = 0;
  for (const [prop, n] of f.properties) {
    const p = `${s}/void/property/${++i}`;
    g.link(s, VOID('propertyPartition'), p).link(p, VOID('property'), prop).typed(p, VOID('triples'), n, XSD.integer);
  }
  for (const t of LINK_TARGETS) {
    let j = 0;
    for (const [pred, n] of f.links.get(t.key) ?? []) {
      const l = `${s}/linkset/${t.key}/${++j}`;
      g.link(s, VOID('subset'), l).link(l, RDF_TYPE, VOID('Linkset'))
        .link(l, VOID('subjectsTarget'), s).link(l, VOID('objectsTarget'), t.dataset)
        .link(l, VOID('linkPredicate'), pred).typed(l, VOID('triples'), n, XSD.integer);
    }
  }
}

function describeProvenance(g: QuadList, r: ReleaseInfo, d: DatasetRecord): void {
  const s = d.iri;
  const act = `${s}/conversion`;
  const tool = `${PUBLISHING.toolBase}${r.toolVersion}`;
  g.link(s, PROV('wasGeneratedBy'), act).link(s, PROV('wasAttributedTo'), r.publisher)
    .typed(s, PROV('generatedAtTime'), dateTime(d.ended), XSD.dateTime);
  g.link(act, RDF_TYPE, PROV('Activity'))
    .text(act, RDFS.label, `Conversion of ${d.title} by justice-lod ${r.toolVersion}`)
    .typed(act, PROV('startedAtTime'), dateTime(d.started), XSD.dateTime)
    .typed(act, PROV('endedAtTime'), dateTime(d.ended), XSD.dateTime)
    .link(act, PROV('wasAssociatedWith'), tool);
  // The conversion itself hid cells (--apply-suppression): why, where PROV readers look.
  if (d.suppressed) g.text(act, RDFS.comment, `Disclosure control: ${d.suppressed.cells} cell${d.suppressed.cells === 1 ? '' : 's'} (${d.suppressed.people} people) of the source read as [c] (suppressed): counts below the threshold, and cells from which a suppressed cell could be worked out (justice-lod --apply-suppression). The source CSV is unchanged.`);
  const assoc = `${act}/association`;
  g.link(act, PROV('qualifiedAssociation'), assoc).link(assoc, RDF_TYPE, PROV('Association')).link(assoc, PROV('agent'), tool);
  if (d.source) {
    const src = `${s}/source`;
    g.link(s, PROV('wasDerivedFrom'), src).link(act, PROV('used'), src)
      .link(src, RDF_TYPE, PROV('Entity')).typed(src, DCTERMS.title, basename(d.source.path))
      .link(src, DCAT('mediaType'), `${META_NS.iana}text/csv`);
    if (d.source.url) g.link(src, DCAT('downloadURL'), d.source.url);
    checksum(g, src, d.source);
  }
  if (d.mapping) {
    const plan = `${s}/mapping`;
    g.link(assoc, PROV('hadPlan'), plan).link(act, PROV('used'), plan)
      .link(plan, RDF_TYPE, PROV('Plan')).link(plan, RDF_TYPE, PROV('Entity'))
      .typed(plan, DCTERMS.title, basename(d.mapping.path));
    checksum(g, plan, d.mapping);
  }
}
