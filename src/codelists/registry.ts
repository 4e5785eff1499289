import { NS } from '../rdf/ns.js';
import type { ConceptDef, SchemeDef } from './model.js';
import { caseType, courtType, timelinessStage } from './schemes/courts.js';
import { obsMarker } from './schemes/markers.js';
import { offence, offenceGroup, offenceType } from './schemes/offences.js';
import { ageBand, cohortType, defendantType, ethnicity, sex } from './schemes/people.js';
import { policeForceArea } from './schemes/places.js';
import { disposal, fineBand, sentenceLength } from './schemes/sentencing.js';

/** Every shipped scheme, by id. */
export const SCHEMES: ReadonlyMap<string, SchemeDef> = new Map(
  [offenceGroup, offenceType, offence, disposal, sentenceLength, fineBand, sex, ageBand, ethnicity, defendantType,
    cohortType, courtType, caseType, timelinessStage, policeForceArea, obsMarker].map((s) => [s.id, s]),
);

export const schemeIri = (scheme: SchemeDef): string => scheme.iri ?? `${NS.code}${scheme.id}`;

export const conceptIri = (scheme: SchemeDef, c: ConceptDef): string => c.iri ?? `${schemeIri(scheme)}/${c.slug}`;

let notations: Map<string, string> | undefined;

/** The notation of a shipped concept by its IRI: the short key used in observation IRIs. */
export function notationOf(iri: string): string | undefined {
  notations ??= new Map([...SCHEMES.values()].flatMap((s) => s.concepts.map((c) => [conceptIri(s, c), c.notation] as const)));
  return notations.get(iri);
}

/** Whether an IRI of the code namespace is a shipped scheme or one of its concepts. */
export function isShippedIri(iri: string): boolean {
  return [...SCHEMES.values()].some((s) => schemeIri(s) === iri || s.concepts.some((c) => conceptIri(s, c) === iri));
}
