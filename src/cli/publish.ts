import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printDiagnostics } from './diagnostics-out.js';
import { EXIT, intIn } from './options.js';
import { recoverBeforeReading } from '../release/recover.js';

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
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', `
Examples:
  $ export JLOD_USER=dba JLOD_PASSWORD=…
  $ justice-lod publish out/2025-01 --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
  $ justice-lod publish out/2025-01 --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --dataset sentencing-outcomes

Exit codes: 0 published and verified, 1 a dataset failed (its graph was left as it was), 2 usage or unreadable release.`)
    .action(async (dir: string, flags: PublishFlags) => setExit(await runPublish(dir, flags)));
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

export async function runPublish(dir: string, flags: PublishFlags): Promise<number> {
  recoverBeforeReading(dir);
  const usage = (message: string): number => {
    printDiagnostics([diagnostic('JL603', message)], new Map());
    return EXIT.usage;
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return usage(`${dir}: not a release folder`);
  const [{ readRelease }, { publishDumps }, { endpointsFor }] = await Promise.all([
    import('../release/read-release.js'), import('../publish/publish.js'), import('../publish/endpoints.js'),
  ]);
  let dumps = readRelease(dir);
  if (dumps.length === 0) return usage(`${dir}: no RDF dumps in this folder`);
  if (flags.dataset) {
    const unknown = flags.dataset.filter((id) => !dumps.some((d) => d.id === id));
    if (unknown.length) return usage(`no dataset ${unknown.join(', ')} in ${dir}; the datasets are: ${dumps.map((d) => d.id).join(', ')}`);
    dumps = dumps.filter((d) => flags.dataset!.includes(d.id));
  }
  if (flags.graph) {
    if (dumps.length !== 1) return usage('--graph names the graph of one dataset: give exactly one with --dataset');
    dumps = [{ ...dumps[0]!, graph: flags.graph }];
  }
  const user = process.env[flags.userEnv];
  const password = process.env[flags.passwordEnv];
  const log = flags.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const outcome = await publishDumps(dumps, {
    endpoints: endpointsFor(flags.endpoint, flags.queryEndpoint, flags.updateEndpoint),
    ...(user !== undefined && password !== undefined ? { credentials: { user, password } } : {}),
    retry: { retries: flags.retries, delayMs: flags.retryDelay },
    limits: { timeoutMs: flags.timeout * 1000, connectTimeoutMs: flags.connectTimeout * 1000, ...(flags.allowBasicOverHttp ? { allowBasicOverHttp: true } : {}) },
    ...(log ? { log } : {}),
    ...(flags.strict ? { strict: true } : {}),
  });
  if (flags.json) process.stdout.write(`${JSON.stringify({ published: outcome.published, diagnostics: outcome.diagnostics.map(plain) }, null, 2)}\n`);
  else {
    for (const p of outcome.published) process.stdout.write(`published ${p.id.padEnd(30)} ${p.triples.toLocaleString('en-GB').padStart(12)} triples  <${p.graph}>\n`);
  }
  if (outcome.diagnostics.length) printDiagnostics(outcome.diagnostics, new Map());
  if (outcome.diagnostics.some((d) => d.severity === 'error')) return EXIT.dataErrors;
  return EXIT.ok;
}

const plain = (d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message });
