import type { Command } from 'commander';
import { DEFAULT_MAX_CODES } from '../compile/generated.js';
import { positiveInt } from './options.js';
import { endpointUrl, publishOptions } from './publish.js';
import { exampleQueries } from './query.js';
import type { ReleaseFlags } from './release-run.js';

export function registerRelease(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('release')
    .summary('run a whole release from its release file: convert, validate, dumps, metadata, diff, five stars')
    .description('Runs every mapping of the release file (convert → validate → dumps), then writes the vocabulary, metadata.ttl/.jsonld, the five-star report and, when the file names a previous release, the changes since it (changes.md, changes.json, changes/<dataset>.csv; revised values marked [r]). The release folder <out>/<id>/ is replaced only when everything passed.')
    .argument('<release>', 'release file (YAML; see schema/release.schema.json)')
    .option('--ask <examples...>', `answer example questions on the release in the embedded store (${[...exampleQueries().keys()].join(', ')})`)
    .option('--rows <n>', 'rows shown per answer', positiveInt, 10)
    .option('--publish <url>', 'after a green run, publish to this SPARQL 1.1 Graph Store URL (as `justice-lod publish` does)', endpointUrl);
  publishOptions(command)
    .option('--max-codes <n>', 'distinct labels a `codeList: generated` column may have before the run stops (JL316)', positiveInt, DEFAULT_MAX_CODES)
    .option('--dereference', 'after a green run, serve the release on a free port and check that its IRIs dereference (★★★★ for real, as `serve --check`); the result goes into five-star.json')
    .option('--details', 'also print each dataset\'s full conversion summary')
    .option('--json', 'print the outcome as one JSON document on stdout')
    .option('-q, --quiet', 'no progress bars, tables or answers; problems are still printed')
    .addHelpText('after', `
Examples:
  $ justice-lod release releases/2025-01.yaml
  $ justice-lod release releases/2025-04.yaml --ask custody-rate-by-pfa reoffending-rate-by-la
  $ JLOD_USER=dba JLOD_PASSWORD=… justice-lod release releases/2025-01.yaml --publish http://127.0.0.1:8890/sparql-graph-crud-auth

Exit codes: 0 released, 1 a dataset failed validation or had data errors (the release folder is left as it was), 2 bad release or mapping file, unreadable input.`)
    .action(async (file: string, flags: ReleaseFlags) => setExit(await (await import('./release-run.js')).releaseCommand(file, flags)));
}
