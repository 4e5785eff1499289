/**
 * Shipped code lists, as data. This is the one source of truth: the converter matches labels
 * against it, and `npm run vocab` writes it out as SKOS Turtle in vocab/ (a test keeps the
 * two equal). Concept IRIs come from label slugs, never from a release's numeric prefixes.
 */
export interface ConceptDef {
  /** The last IRI segment: a slug of the label. */
  readonly slug: string;
  /** One short, stable notation per concept; also the concept's key in observation IRIs. */
  readonly notation: string;
  readonly label: string;
  /** Other spellings seen in MoJ and ONS files, for matching (skos:altLabel). */
  readonly altLabels?: readonly string[];
  readonly definition?: string;
  /** Slug of the broader concept (the "all …" total). */
  readonly broader?: string;
  /** An external IRI reused instead of minting one (sdmx-code:sex-M, a GSS area, an AF marker). */
  readonly iri?: string;
  /** legislation.gov.uk IRIs the concept is defined in (dcterms:source). */
  readonly legislation?: readonly string[];
}

export interface SchemeDef {
  /** Scheme id: the IRI segment under the code namespace and the name mappings use. */
  readonly id: string;
  /** A publisher's own list (read from a file next to the mapping) lives under its dataset. */
  readonly iri?: string;
  /** The shipped scheme a publisher's list extends: its concepts are in the list, described there. */
  readonly extends?: string;
  readonly label: string;
  readonly definition: string;
  /** Class of the concepts (a subclass of skos:Concept in vocab/justice.ttl). */
  readonly conceptClass: string;
  /** Label prefixes that some releases add and matching ignores (`Custody - `). */
  readonly ignorePrefixes?: readonly string[];
  readonly concepts: readonly ConceptDef[];
}
