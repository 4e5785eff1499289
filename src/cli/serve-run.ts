import { diagnostic } from '../diagnostics/diagnostic.js';
import { grouped } from '../diagnostics/numbers.js';
import { printDiagnostics } from './diagnostics-out.js';
import { EXIT } from './options.js';
import type { ServeFlags } from './serve.js';
import { showActivity } from './progress.js';
import { recoverBeforeReading } from '../release/recover.js';
import { during } from '../run/activity.js';

export async function runServeCommand(release: string, flags: ServeFlags): Promise<number> {
  recoverBeforeReading(release);
  const { startServer } = await import('../serve/server.js');
  const stop = showActivity(!flags.quiet && !flags.json);
  let server;
  try {
    server = await during(flags.sparqlEndpoint ? 'starting' : 'loading the release into the embedded store (twice: pages and queries)', () => startServer({
      dir: release, host: flags.host, port: flags.check ? 0 : flags.port,
      ...(flags.sparqlEndpoint ? { sparqlEndpoint: flags.sparqlEndpoint } : {}),
      queryTimeoutMs: flags.queryTimeout * 1000, maxResults: flags.maxResults,
    }));
  } catch (err) {
    stop();
    const e = err as NodeJS.ErrnoException;
    const message = e.code === 'EADDRINUSE' ? `port ${flags.port} on ${flags.host} is in use: choose another with --port` : e.code === 'EACCES' ? `cannot listen on ${flags.host}:${flags.port}: not allowed (ports below 1024 need privileges)` : e.message;
    printDiagnostics([diagnostic(e.message.includes('not a release folder') ? 'JL702' : 'JL621', message)], new Map());
    return EXIT.usage;
  }
  stop();
  if (flags.check) {
    const { dereferenceCheck, dereferenceText } = await import('../serve/dereference.js');
    try {
      const report = await dereferenceCheck(server.url, server.folder);
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${dereferenceText(report)}\n`);
      return report.passed ? EXIT.ok : EXIT.dataErrors;
    } finally {
      await server.close();
    }
  }
  if (!flags.quiet) {
    const data = server.triples ? `${grouped(server.triples)} triples in the embedded store` : `data from ${flags.sparqlEndpoint}`;
    process.stderr.write(`Serving ${release} (${data}) at ${server.url}/\n  catalogue ${server.url}/   SPARQL ${server.url}/sparql\n`);
    if (!['127.0.0.1', 'localhost', '::1'].includes(flags.host)) process.stderr.write(`note: bound to ${flags.host}: other machines can reach this server (read-only)\n`);
    process.stderr.write('Press Ctrl-C to stop.\n');
  }
  await new Promise<void>((resolve) => {
    const done = (): void => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return EXIT.ok;
}
