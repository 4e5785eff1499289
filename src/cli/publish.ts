import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { intIn } from './options.js';

export interface PublishFlags {
  endpoint: string;
  queryEndpoint?: string;
  updateEndpoint?: string;
  graph?: string;
  dataset?: string[];
  userEnv: string;
  passwordEnv: string;
  retries: number;
  retryDelay: number;
  timeout: number;
  connectTimeout: number;
  allowBasicOverHttp?: boolean;
  json?: boolean;
  quiet?: boolean;
  strict?: boolean;
}

/** An http(s) URL without credentials in it: those belong in the environment. */
export function endpointUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL');
  }
  if (!/^https?:$/.test(u.protocol)) throw new InvalidArgumentError('expected an http(s) URL');
  if (u.username || u.password) throw new InvalidArgumentError('put the user and password in the environment (--user-env, --password-env), not in the URL');
  return value;
}

export function registerPublish(program: Command, setExit: (code: number) => void): void {
  program
    .command('publish')
    .summary('publish a release folder to a SPARQL 1.1 Graph Store (Virtuoso, Fuseki, …), safely')
    .description('Uploads each dataset\'s dump into a staging graph (streamed in chunks, retried with backoff on network errors and 5xx), checks its triple count against the release\'s VoID count, then swaps it onto the dataset\'s graph with SPARQL Update MOVE and checks again. A failed run leaves the published graphs as they were.')
    .argument('<release>', 'a release folder written by convert (dumps and metadata.ttl)')
    .requiredOption('--endpoint <url>', 'the Graph Store Protocol URL, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth', endpointUrl)
    .option('-d, --dataset <ids...>', 'publish only these datasets (file names without extension)')
    .option('--graph <iri>', 'the graph for the one dataset given with --dataset (default: {base}graph/{id})');
  publishOptions(program.commands.at(-1)!)
    .option('--json', 'print the outcome as JSON on stdout')
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', `
Examples:
  $ export JLOD_USER=dba JLOD_PASSWORD=…
  $ justice-lod publish out/2025-01 --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
  $ justice-lod publish out/2025-01 --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --dataset sentencing-outcomes

Exit codes: 0 published and verified, 1 a dataset failed (its graph was left as it was), 2 usage or unreadable release.`)
    .action(async (dir: string, flags: PublishFlags) => setExit(await (await import('./publish-run.js')).runPublish(dir, flags)));
}

/** The options `publish` and `release --publish` share: endpoints, credentials' variables, retries. */
export function publishOptions(command: Command): Command {
  return command
    .option('--query-endpoint <url>', 'SPARQL query URL for the counts (default: worked out from the Graph Store URL)', endpointUrl)
    .option('--update-endpoint <url>', 'SPARQL Update URL for MOVE (default: worked out from the Graph Store URL)', endpointUrl)
    .option('--user-env <name>', 'environment variable holding the user name', 'JLOD_USER')
    .option('--password-env <name>', 'environment variable holding the password', 'JLOD_PASSWORD')
    .option('--retries <n>', 'retries of a failed request (0 to 20)', intIn(0, 20), 4)
    .option('--retry-delay <ms>', 'first wait before a retry, 1 to 600000 ms; it doubles each time (a longer Retry-After from the server wins)', intIn(1, 600_000, ' ms'), 500)
    .option('--timeout <s>', 'longest time for one request, upload and answer (1 to 86400 s)', intIn(1, 86_400, ' s'), 300)
    .option('--connect-timeout <s>', 'longest time to connect to the server (1 to 600 s)', intIn(1, 600, ' s'), 10)
    .option('--allow-basic-over-http', 'send the password with Basic authentication over plain http:// if the server asks (refused by default: anyone on the way could read it)')
    .option('--strict', 'refuse to swap in a graph whose literals the store altered (by default: a JL615 warning, and the graph is swapped in)');
}
