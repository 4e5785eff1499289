/** Small helpers the CSVW metadata readers share. */
import type { Fetch } from './metadata.js';
import { metadataError, metadataWarning, type JsonPlaces, type Problems } from './problems.js';

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A BCP 47 tag's shape: a primary language of 2–8 letters, then subtags of 1–8 letters or digits. */
export const LANG = /^([a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*|x(-[a-zA-Z0-9]{1,8})+)$/;

/** What reading a metadata document carries along: its base and language, and where problems go. */
export interface Ctx {
  readonly base: string;
  readonly lang?: string;
  readonly fetch: Fetch;
  readonly p: Problems;
  readonly places: JsonPlaces;
}

export const resolve = (ref: string, base: string): string => {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
};

export function checkType(o: Json, type: string, p: Problems): void {
  if ('@type' in o && o['@type'] !== type) metadataError(p, `@type is ${JSON.stringify(o['@type'])}, not ${type}`, o, '@type');
}

export function checkId(o: Json, p: Problems): void {
  if (!('@id' in o)) return;
  if (typeof o['@id'] !== 'string') {
    // An invalid link property is the empty link: the document's own URL (as the suite has it).
    metadataWarning(p, `@id ${JSON.stringify(o['@id'])} is not a string: the metadata's URL is used`, o, '@id');
    o['@id'] = '';
  }
  else if (o['@id'].startsWith('_:')) metadataError(p, `@id ${JSON.stringify(o['@id'])} must be an IRI, not a blank node`, o, '@id');
}

