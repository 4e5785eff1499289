/**
 * Issue 22, point 4 (groundwork): each reviewed golden dump written as CSVW and read back by our
 * csv2rdf processor (which passes the whole W3C suite) in minimal mode gives the same graph,
 * compared by isomorphism.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { runCsvw } from '../../../src/csvw/process.js';
import { writeCsvw } from '../../../src/csvw/write.js';

const GOLDEN = new URL('../../golden/', import.meta.url).pathname;
const BASE = 'https://data.justice.gov.uk/downloads/csvw/';

describe('RDF → CSVW → RDF', () => {
  it.each(readdirSync(GOLDEN).filter((f) => f.endsWith('.ttl')))('%s comes back as the same graph', async (file) => {
    const quads = new Parser().parse(readFileSync(join(GOLDEN, file), 'utf8'));
    const id = file.replace(/\.ttl$/, '');
    const group = writeCsvw(quads, id);
    const fetch = async (url: string) => {
      const text = url.startsWith(BASE) ? group.files.get(url.slice(BASE.length)) : undefined;
      return text === undefined ? undefined : { text, contentType: url.endsWith('.json') ? 'application/json' : 'text/csv' };
    };
    const back = await runCsvw({ url: BASE + group.metadataName, fetch, minimal: true });
    expect(back.errors).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.quads.length).toBe(quads.length);
    expect(isomorphic([...back.quads], quads)).toBe(true);
    // Observations are one tidy table: a row per observation.
    const observations = quads.filter((q) => q.object.value === 'http://purl.org/linked-data/cube#Observation').length;
    expect(group.files.get(`${id}.csv`)!.trim().split('\r\n').length).toBe(observations + 1);
  });
});
