import { existsSync, readFileSync } from 'node:fs';
import { exampleQueries, exampleQuery, type FORMATS } from './query.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { printDiagnostics } from './diagnostics-out.js';
import { showActivity } from './progress.js';
import { EXIT } from './options.js';
import { recoverBeforeReading } from '../release/recover.js';
import { grouped } from '../diagnostics/numbers.js';

export interface QueryFlags {
  sparql?: string;
  file?: string;
  example?: string;
  format: (typeof FORMATS)[number];
  dataset?: string[];
  quiet?: boolean;
  json?: boolean;
  wide?: boolean;
  labels: boolean;
}

export async function runQueryCommand(paths: readonly string[], flags: QueryFlags): Promise<number> {
  for (const p of paths) recoverBeforeReading(p);
  const given = [flags.sparql, flags.file, flags.example].filter((x) => x !== undefined).length;
  if (given !== 1) {
    printDiagnostics([diagnostic('JL601', 'give exactly one of --sparql, --file or --example')], new Map());
    return EXIT.usage;
  }
  let sparql = flags.sparql;
  if (flags.file) {
    if (!existsSync(flags.file)) {
      printDiagnostics([diagnostic('JL601', `cannot read query file ${flags.file}: no such file`)], new Map());
      return EXIT.usage;
    }
    sparql = readFileSync(flags.file, 'utf8');
  }
  if (flags.example) {
    sparql = exampleQuery(flags.example);
    if (!sparql) {
      printDiagnostics([diagnostic('JL601', `no example query '${flags.example}'; the examples are: ${[...exampleQueries().keys()].join(', ')}`)], new Map());
      return EXIT.usage;
    }
  }
  const { runQuery } = await import('../query/run-query.js');
  const stop = showActivity(!flags.quiet);
  const outcome = await runQuery({
    paths, sparql: sparql!, format: flags.format, ...(flags.dataset ? { datasets: flags.dataset } : {}), wide: flags.wide ?? false, labels: flags.labels,
  }).finally(stop);
  if (outcome.diagnostics.length) {
    printDiagnostics(outcome.diagnostics, new Map());
    return EXIT.usage;
  }
  process.stdout.write(outcome.output!);
  if (!flags.quiet) for (const note of outcome.notes) process.stderr.write(`note: ${note}\n`);
  if (outcome.left.length && !flags.quiet) {
    process.stderr.write(`note: loaded ${outcome.loaded.length} datasets (${grouped(outcome.triples)} triples); not loaded, to fit the embedded store: ${outcome.left.map((d) => d.id).join(', ')}\n`);
  }
  return EXIT.ok;
}
