import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { choice } from './options.js';
import type { QueryFlags } from './query-run.js';

const QUERIES_DIR = new URL('../../queries/', import.meta.url).pathname;

export const FORMATS = ['table', 'csv', 'tsv', 'json', 'nt', 'ttl'] as const;

/** The example queries shipped in queries/: name → first comment line (its title). */
export function exampleQueries(): Map<string, string> {
  if (!existsSync(QUERIES_DIR)) return new Map();
  return new Map(readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.rq')).sort().map((f) => [f.slice(0, -3), /^#\s*(.*)$/m.exec(readFileSync(join(QUERIES_DIR, f), 'utf8'))?.[1] ?? '']));
}

export function exampleQuery(name: string): string | undefined {
  const path = join(QUERIES_DIR, `${name}.rq`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function registerQuery(program: Command, setExit: (code: number) => void): void {
  const examples = [...exampleQueries()].map(([name, title]) => `  ${name.padEnd(30)} ${title}`).join('\n');
  program
    .command('query')
    .summary('query dumps or a release folder with SPARQL, in the embedded store')
    .description('Loads the dumps into the embedded Oxigraph store (no server needed), each dataset in its own graph, and runs a SPARQL query; the default graph is the union of all graphs. A release too large for the store loads only the datasets the query names.')
    .argument('<paths...>', 'release folders (as written by convert) or dump files (.nt .ttl .nq .trig .jsonld, optionally .gz)')
    .option('--sparql <query>', 'the SPARQL query text')
    .option('--file <file.rq>', 'read the query from a file')
    .option('-e, --example <name>', 'run one of the example queries in queries/ (listed below)')
    .option('-f, --format <form>', 'table, csv, tsv or json for SELECT and ASK; table, nt or ttl for CONSTRUCT and DESCRIBE', choice(FORMATS), 'table')
    .option('--json', 'the same as --format json')
    .option('--wide', 'table: cut no cell (IRIs are never cut; long literals and labels are, by default)')
    .option('--no-labels', 'table: do not show the labels the data gives beside IRIs')
    .option('-d, --dataset <ids...>', 'load only these datasets (file names without extension), with the vocabulary and metadata')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', `
Example queries (queries/*.rq):
${examples}

Examples:
  $ justice-lod query out/2025-04 --example custody-rate-by-pfa
  $ justice-lod query out/2025-04 --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  $ justice-lod query out/2025-04 --sparql 'SELECT ?area (SUM(?n) AS ?sentenced) WHERE { ?o sdmx-dimension:refArea ?area ; justice:defendantsSentenced ?n } GROUP BY ?area ORDER BY DESC(?sentenced) LIMIT 3'
  $ justice-lod query out/2025-04/sentenced-fines.nt --file queries/fines-by-band.rq --format csv > answer.csv
  $ justice-lod query out/2025-04 --dataset sentencing-outcomes --example custody-by-age

Exit codes: 0 answered, 2 usage error, unreadable dumps, a query that cannot run, or a release too large.`)
    .action(async (paths: string[], flags: QueryFlags) => setExit(await (await import('./query-run.js')).runQueryCommand(paths, flags.json ? { ...flags, format: 'json' } : flags)));
}
