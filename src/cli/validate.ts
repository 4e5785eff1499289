import type { Command } from 'commander';
import { choice } from './options.js';
import type { ValidateFlags } from './validate-run.js';

export function registerValidate(program: Command, setExit: (code: number) => void): void {
  program
    .command('validate')
    .summary('validate RDF dumps: Data Cube integrity constraints, SHACL shapes, business rules')
    .description('Loads the files (adding the shipped vocabulary where they lack it) and checks all 21 Data Cube integrity constraints, the SHACL shapes of every data set found (the shipped shapes/, or generated from the data set\'s mapping) and the business rules. The report lists what ran.')
    .argument('<paths...>', 'dumps as convert writes them (.ttl, .nt, .nq, .trig, .jsonld, each optionally .gz), or folders of them: a release folder is validated as the dump of each data set and of the vocabulary, one format each')
    .option('-s, --shapes <files...>', 'SHACL shapes to use instead of the shipped shapes/*.ttl')
    .option('-f, --format <form>', 'report as text, json, sarif or ttl (the sh:ValidationReport)', choice(['text', 'json', 'sarif', 'ttl'] as const), 'text')
    .option('--json', 'the same as --format json')
    .option('-q, --quiet', 'no progress on stderr')
    .option('-r, --report <file>', 'write the report to this file instead of stdout')
    .option('-m, --mapping <files...>', 'mappings the dumps came from: the shapes of a data set with no shipped shapes are generated from its mapping, and each finding on an observation is traced to its CSV line and column (default: mappings/*.yaml when present)')
    .option('--source <csv...>', 'the CSVs the dumps were converted from, where they are not where the mappings say: a finding is traced in the file whose SHA-256 the release\'s metadata records')
    .option('--fail-on <level>', 'exit 1 when violations reach this level: error, warning, none', choice(['error', 'warning', 'none'] as const), 'error')
    .addHelpText('after', `
Examples:
  $ justice-lod validate out/2025-01/court-outcomes-by-pfa.ttl
  $ justice-lod validate out/2025-01
  $ justice-lod validate out/2025-01/*.nt --format sarif --report validation.sarif
  $ justice-lod validate out/2025-01/sentenced-fines.ttl --shapes shapes/sentenced-fines.ttl --format ttl
  $ justice-lod validate out/2025-04/proven-reoffending-by-la.nt --mapping mappings/proven-reoffending-by-la.yaml --source samples/reoffending/proven-reoffending-by-la-2019-2022.csv

Exit codes: 0 valid, 1 violations at or above --fail-on, 2 usage or unreadable files.`)
    .action(async (paths: string[], flags: ValidateFlags) => setExit(await (await import('./validate-run.js')).runValidate(paths, flags.json ? { ...flags, format: 'json' } : flags)));
}
