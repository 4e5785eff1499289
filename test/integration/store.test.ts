/**
 * Issue 6 and 19: the embedded store answers the example queries, queries need no ceremony,
 * and `inspect` describes a release. (`publish` into a real Virtuoso: virtuoso.test.ts.)
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries, exampleQuery } from '../../src/cli/query.js';
import { runQuery } from '../../src/query/run-query.js';
import type { SparqlJson } from '../../src/query/table.js';
import { readRelease } from '../../src/release/read-release.js';
import { cli, convertSamples, sampleRelease } from '../support/sample-release.js';

const { work, release } = sampleRelease();

beforeAll(() => {
  const r = convertSamples(release);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('justice-lod query (embedded store)', () => {
  it.each([...exampleQueries().keys()])('answers the example query %s with rows', async (name) => {
    const out = await runQuery({ paths: [release], sparql: exampleQuery(name)!, format: 'json' });
    expect(out.diagnostics).toEqual([]);
    const json = JSON.parse(out.output!) as SparqlJson;
    expect(json.results!.bindings.length, name).toBeGreaterThan(0);
  });

  it('loads every dataset, each into its graph, and counts what VoID says', async () => {
    const out = await runQuery({ paths: [release], sparql: 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g', format: 'json' });
    const counts = new Map((JSON.parse(out.output!) as SparqlJson).results!.bindings.map((b) => [b['g']!.value, Number(b['n']!.value)]));
    for (const d of readRelease(release).filter((x) => x.triples !== undefined)) expect(counts.get(d.graph), d.id).toBe(d.triples);
  });

  it('prints a table, CSV, TSV, ASK and N-Triples from the CLI', () => {
    const table = cli(['query', release, '--example', 'custody-by-age']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ageBand\s+immediateCustody\s+sentenced\s+custodyRatePercent\n─+/);
    expect(table.stdout).toMatch(/\n3 rows\n$/);
    expect(cli(['query', release, '--example', 'custody-by-age', '--format', 'csv']).stdout).toMatch(/^ageBand,immediateCustody,sentenced,custodyRatePercent\r?\n/);
    expect(cli(['query', release, '--example', 'custody-by-age', '--format', 'tsv']).stdout).toMatch(/^\?ageBand\t\?immediateCustody/);
    expect(cli(['query', release, '--sparql', 'ASK { ?o a <http://purl.org/linked-data/cube#Observation> }']).stdout).toBe('yes\n');
    const nt = cli(['query', join(release, 'sentenced-fines.ttl'), '--sparql', 'CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3', '--format', 'nt']);
    expect(nt.stdout.trim().split('\n')).toHaveLength(3);
  });

  // Queries without ceremony (issue 19, point 3).
  it('loads the vocabulary and metadata beside a dump given alone, and shows labels beside codes', () => {
    const q = 'SELECT ?sex (SUM(?n) AS ?total) WHERE { ?o sdmx-dimension:sex ?sex ; justice:defendantsSentenced ?n } GROUP BY ?sex ORDER BY ?sex';
    const r = cli(['query', join(release, 'sentencing-outcomes.nt'), '--sparql', q]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sdmx-code:sex-F Female\s+\d+$/m);
    expect(r.stdout).toMatch(/^sdmx-code:sex-M Male\s+\d+$/m);
    expect(r.stderr).toBe('');
    expect(cli(['query', join(release, 'sentencing-outcomes.nt'), '--sparql', q, '--no-labels']).stdout).toMatch(/^sdmx-code:sex-F\s+\d+$/m);
    // The catalogue comes with it: a question about the dataset's licence has an answer.
    const licence = cli(['query', join(release, 'sentencing-outcomes.nt'), '--sparql', 'SELECT ?l WHERE { ?d dcterms:license ?l } LIMIT 1']);
    expect(licence.stdout).toMatch(/open-government-licence/);
  });

  it('says which companions are missing when a dump is alone, and loads the shipped vocabulary instead', () => {
    const alone = join(work, 'alone');
    cpSync(join(release, 'sentencing-outcomes.nt'), join(alone, 'sentencing-outcomes.nt'), { recursive: true });
    const r = cli(['query', join(alone, 'sentencing-outcomes.nt'), '--sparql', 'SELECT ?sex WHERE { ?o sdmx-dimension:sex ?sex } GROUP BY ?sex ORDER BY ?sex']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sdmx-code:sex-F Female$/m);
    expect(r.stderr).toMatch(/note: no justice-vocabulary dump beside .*: the vocabulary shipped with justice-lod is loaded/);
    expect(r.stderr).toMatch(/note: no metadata\.ttl beside .*: the catalogue .* is not loaded/);
  });

  it('explains 0 rows: the terms of the query that no triple uses, with the nearest that exist', () => {
    const r = cli(['query', release, '--sparql', 'SELECT ?o WHERE { ?o a qb:Observatio ; justice:defendantSentenced ?n }']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n0 rows\n$/);
    expect(r.stderr).toMatch(/note: 0 rows from [\d,]+ triples/);
    expect(r.stderr).toContain("note: qb:Observatio is used by no triple of the loaded data. Did you mean 'qb:Observation'?");
    expect(r.stderr).toMatch(/note: justice:defendantSentenced is used by no triple of the loaded data\. Did you mean 'justice:defendantsSentenced'/);
    expect(cli(['query', release, '--quiet', '--sparql', 'SELECT ?o WHERE { ?o a qb:Observatio }']).stderr).toBe('');
  });

  it('never cuts an IRI in a table; --wide cuts nothing', () => {
    const q = 'SELECT ?d ?t WHERE { ?d a dcat:Dataset ; dcterms:description ?t } ORDER BY ?d';
    const table = cli(['query', release, '--sparql', q, '--no-labels']).stdout;
    const iris = [...table.matchAll(/^(<[^>\s]+>)/gm)].map((m) => m[1]!);
    expect(iris.length).toBeGreaterThan(3);
    for (const iri of iris) expect(iri).toMatch(/^<https:\/\/[^…]+>$/);
    expect(table).toContain('…');
    expect(cli(['query', release, '--sparql', q, '--no-labels', '--wide']).stdout).not.toContain('…');
  });

  // inspect (issue 19, point 7): every figure is checked against a query of the same release.
  it('inspect describes each cube: dimensions with codes and labels, measures, markers, periods, areas, stars', async () => {
    const json = cli(['inspect', release, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const described = JSON.parse(json.stdout) as { catalogue?: { iri: string }; datasets: { iri: string; stars?: number; observations: number; dimensions: { iri: string; codes: number; first: { iri: string; label?: string }[]; kind?: string }[]; measures: { iri: string; count: number; sum?: number }[]; markers: { iri: string; count: number; notation?: string }[] }[] };
    // The oracle: SPARQL on the same release, in this process (the query command's own code path).
    const ask = async (q: string): Promise<string[]> => (await runQuery({ paths: [release], sparql: q, format: 'csv' })).output!.trim().split(/\r?\n/).slice(1).sort();
    expect(described.datasets.map((d) => d.iri).sort()).toEqual(await ask('SELECT DISTINCT ?ds WHERE { ?ds a qb:DataSet }'));
    expect(described.catalogue?.iri).toMatch(/^https:\/\//);
    for (const d of described.datasets) expect(d.stars, d.iri).toBe(5);
    const fines = described.datasets.find((d) => d.iri.endsWith('/sentenced-fines'))!;
    expect(String(fines.observations)).toBe((await ask(`SELECT (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <${fines.iri}> }`))[0]);
    for (const dim of fines.dimensions) {
      expect(String(dim.codes), dim.iri).toBe((await ask(`SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?o qb:dataSet <${fines.iri}> ; <${dim.iri}> ?v }`))[0]);
    }
    for (const m of fines.measures) expect(m.sum, m.iri).toBe(Number((await ask(`SELECT (SUM(?x) AS ?n) WHERE { ?o qb:dataSet <${fines.iri}> ; <${m.iri}> ?x }`))[0]));
    const reoffending = described.datasets.find((d) => d.iri.endsWith('/proven-reoffending-by-la'))!;
    const byStatus = await ask(`SELECT ?s (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet <${reoffending.iri}> ; sdmx-attribute:obsStatus ?s } GROUP BY ?s`);
    expect(reoffending.markers.map((k) => `${k.iri},${k.count}`).sort()).toEqual(byStatus);
    expect(reoffending.markers.length).toBeGreaterThan(1);
    expect(fines.dimensions.find((x) => x.iri.endsWith('refPeriod'))?.kind).toBe('periods');
    const text = cli(['inspect', release]).stdout;
    expect(text).toMatch(/^sentenced-fines {2}★★★★★ {2}\S/m);
    expect(text).toMatch(/^ {4}sex +\d+ codes: sex-F Female, sex-M Male/m);
    expect(text).toMatch(/^ {2}periods {7}\d+, year\/\d{4} … year\/\d{4}$/m);
    expect(text).toMatch(/^ {2}geographies {3}\d+: E23000001 Metropolitan Police/m);
    expect(text).toMatch(/\n\d+ cubes, [\d,]+ triples read\n$/);
    // One dump alone: the same cube, its stars from the folder's five-star.json.
    const one = JSON.parse(cli(['inspect', join(release, 'sentenced-fines.nt'), '--json']).stdout) as typeof described;
    expect(one.datasets.map((d) => [d.iri, d.observations, d.stars])).toEqual([[fines.iri, fines.observations, 5]]);
  });

  it('says plainly when a query cannot run, or prints in a form that does not fit', () => {
    const bad = cli(['query', release, '--sparql', 'SELECT ?x WHERE { ?x ']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('JL601');
    expect(bad.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(cli(['query', release, '--sparql', 'SELECT * WHERE { ?s ?p ?o }', '--format', 'nt']).stderr).toContain('JL604');
    expect(cli(['query', join(work, 'nothing-here')]).code).toBe(2);
  });

  it('loads only the datasets a query names when the release would not fit, or says so', async () => {
    const sparql = exampleQuery('custody-by-age')!;
    const { planLoad } = await import('../../src/query/budget.js');
    const dumps = readRelease(release);
    const fits = planLoad(dumps, sparql, [], 20_000);
    expect(fits.kind).toBe('some');
    expect(fits.kind === 'some' && fits.dumps.map((d) => d.id).sort()).toEqual(['justice-vocabulary', 'metadata', 'sentencing-outcomes']);
    expect(planLoad(dumps, 'SELECT * WHERE { ?s ?p ?o }', [], 20_000).kind).toBe('too-large');
    expect(planLoad(dumps, 'SELECT * WHERE { ?s ?p ?o }', ['sentenced-fines'], 20_000).kind).toBe('some');
  });
});
