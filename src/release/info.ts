import { readFileSync } from 'node:fs';
import type { PreviousRelease, ReleaseInfo } from '../metadata/model.js';
import { PUBLISHING } from '../rdf/ns.js';
import { recordedTime } from '../metadata/clock.js';

export const TOOL_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ReleaseOptions {
  readonly base: string;
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly issued?: string;
  readonly version?: string;
  readonly downloadBase?: string;
  readonly publisher?: string;
  readonly publisherName?: string;
  readonly license?: string;
  readonly previous?: PreviousRelease;
}

/** The catalogue-level facts, with MoJ, OGL v3 and today's date as defaults. */
export function releaseInfo(o: ReleaseOptions): ReleaseInfo {
  const id = o.id ?? 'catalog';
  const catalog = `${o.base}catalog${o.id ? `/${o.id}` : ''}`;
  return {
    catalog,
    title: o.title ?? 'Ministry of Justice statistics as linked data',
    description: o.description ?? 'Ministry of Justice statistical releases as RDF Data Cubes, converted by justice-lod.',
    publisher: o.publisher ?? PUBLISHING.moj,
    publisherName: o.publisherName ?? PUBLISHING.mojName,
    contactEmail: PUBLISHING.mojEmail,
    license: o.license ?? PUBLISHING.ogl3,
    issued: o.issued ?? recordedTime().toISOString().slice(0, 10),
    ...(o.version ? { version: o.version } : {}),
    downloadBase: o.downloadBase ?? `${o.base}downloads/${id === 'catalog' ? '' : `${id}/`}`,
    toolVersion: TOOL_VERSION,
    ...(o.previous ? { previous: o.previous } : {}),
  };
}
