/**
 * The external datasets our data links to, by namespace (VOCABULARY.md §4): each becomes a
 * void:Linkset target, and the five-star check counts links with the same table.
 */
export interface LinkTarget {
  readonly key: string;
  readonly label: string;
  /** IRI of the target as a void:Dataset (its home page). */
  readonly dataset: string;
  readonly uriSpace: string;
}

export const LINK_TARGETS: readonly LinkTarget[] = [
  { key: 'reference-data-gov-uk', label: 'reference.data.gov.uk time intervals', dataset: 'http://reference.data.gov.uk/', uriSpace: 'http://reference.data.gov.uk/id/' },
  { key: 'statistics-data-gov-uk', label: 'ONS statistical geographies', dataset: 'http://statistics.data.gov.uk/', uriSpace: 'http://statistics.data.gov.uk/id/' },
  { key: 'legislation-gov-uk', label: 'legislation.gov.uk', dataset: 'http://www.legislation.gov.uk/', uriSpace: 'http://www.legislation.gov.uk/id/' },
  { key: 'sdmx', label: 'SDMX-RDF content-oriented guidelines', dataset: 'http://purl.org/linked-data/sdmx', uriSpace: 'http://purl.org/linked-data/sdmx' },
  { key: 'gov-uk-organisations', label: 'GOV.UK organisations', dataset: 'https://www.gov.uk/government/organisations', uriSpace: 'https://www.gov.uk/government/organisations/' },
];

/** The link target an object IRI belongs to, if any. */
export function linkTargetOf(iri: string): LinkTarget | undefined {
  for (const t of LINK_TARGETS) if (iri.startsWith(t.uriSpace)) return t;
  return undefined;
}
