import type { Command } from 'commander';
import { nonNegativeInt, positiveInt } from './options.js';

export interface ServeFlags {
  port: number;
  host: string;
  sparqlEndpoint?: string;
  queryTimeout: number;
  maxResults: number;
  check?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function registerServe(program: Command, setExit: (code: number) => void): void {
  program
    .command('serve')
    .summary('serve a release folder as linked data: pages, RDF by content negotiation, SPARQL')
    .description('Serves a release folder (as `release` or `convert` wrote it) read-only: every IRI under the release\'s base (and the vocabulary\'s) resolves here, /id/… and other resource IRIs answering 303 See Other to their document under /doc/…; documents are GOV.UK-style pages or RDF (Turtle, N-Triples, JSON-LD, N-Quads) by Accept or by extension, with ETags from the dumps\' checksums. /sparql is a SPARQL 1.1 Protocol endpoint with a query form; updates are refused.')
    .argument('<release>', 'the release folder (holds metadata.ttl and the dumps)')
    .option('-p, --port <n>', 'the port to listen on (0: any free port)', nonNegativeInt, 8080)
    .option('--host <address>', 'the address to bind to; 127.0.0.1 serves this machine only', '127.0.0.1')
    .option('--sparql-endpoint <url>', 'read the release from this SPARQL endpoint (filled by publish) instead of the embedded store: for releases larger than it holds')
    .option('--query-timeout <seconds>', 'stop a SPARQL query after this long', positiveInt, 10)
    .option('--max-results <n>', 'the most results a SPARQL query returns (a LIMIT added to queries without a smaller one)', positiveInt, 10000)
    .option('--check', 'serve on a free port, check that a sample of the release\'s IRIs of every kind dereferences (303, then RDF describing the IRI), print the result and stop')
    .option('--json', 'with --check: the result as JSON')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  $ justice-lod serve out/2025-04
  $ justice-lod serve out/2025-04 --port 8081 --query-timeout 30
  $ justice-lod serve out/2025-04 --check

Then open http://127.0.0.1:8080/ in a browser, or ask for data:
  curl -L -H 'Accept: text/turtle' http://127.0.0.1:8080/data/sentenced-fines
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a qb:DataSet }' http://127.0.0.1:8080/sparql

Exit codes: 0 stopped cleanly (Ctrl-C) or every IRI checked resolved, 1 an IRI did not resolve (--check), 2 not a release folder, a release too large for the embedded store, or the port is taken.`)
    .action(async (release: string, flags: ServeFlags) => setExit(await (await import('./serve-run.js')).runServeCommand(release, flags)));
}
