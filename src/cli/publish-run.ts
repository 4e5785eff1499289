import { existsSync, statSync } from 'node:fs';
import type { PublishFlags } from './publish.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printDiagnostics } from './diagnostics-out.js';
import { showActivity } from './progress.js';
import { EXIT } from './options.js';
import { recoverBeforeReading } from '../release/recover.js';
import { grouped } from '../diagnostics/numbers.js';

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
  // A log line first clears the progress line it would otherwise be written over.
  const log = flags.quiet ? undefined : (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${line}\n`);
  const stopProgress = showActivity(!flags.quiet && !flags.json);
  const outcome = await publishDumps(dumps, {
    endpoints: endpointsFor(flags.endpoint, flags.queryEndpoint, flags.updateEndpoint),
    ...(user !== undefined && password !== undefined ? { credentials: { user, password } } : {}),
    retry: { retries: flags.retries, delayMs: flags.retryDelay },
    limits: { timeoutMs: flags.timeout * 1000, connectTimeoutMs: flags.connectTimeout * 1000, ...(flags.allowBasicOverHttp ? { allowBasicOverHttp: true } : {}) },
    ...(log ? { log } : {}),
    ...(flags.strict ? { strict: true } : {}),
  }).finally(stopProgress);
  if (flags.json) process.stdout.write(`${JSON.stringify({ published: outcome.published, diagnostics: outcome.diagnostics.map(plain) }, null, 2)}\n`);
  else {
    for (const p of outcome.published) process.stdout.write(`published ${p.id.padEnd(30)} ${grouped(p.triples).padStart(12)} triples  <${p.graph}>\n`);
  }
  if (outcome.diagnostics.length) printDiagnostics(outcome.diagnostics, new Map());
  if (outcome.diagnostics.some((d) => d.severity === 'error')) return EXIT.dataErrors;
  return EXIT.ok;
}

const plain = (d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message });
