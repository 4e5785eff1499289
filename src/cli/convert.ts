import type { Command } from 'commander';
import { DEFAULT_MAX_CODES } from '../compile/generated.js';
import { OUTPUT_NAMES } from '../sinks/format-names.js';
import type { ConvertFlags } from './convert-run.js';
import { choice, httpUrl, isoDate, positiveInt } from './options.js';

export function registerConvert(program: Command, setExit: (code: number) => void): void {
  program
    .command('convert')
    .summary('convert CSV releases to RDF using mapping files')
    .description('Streams each mapping\'s CSV through the mapping into RDF files, written atomically, and prints a summary that accounts for every row.')
    .argument('<mappings...>', 'mapping files, or folders of them; or CSVW: a metadata document (.json) or a CSV file whose metadata is found as CSVW says')
    .option('-i, --input <csv>', 'CSV to read instead of the mapping\'s source.path (one mapping only)')
    .option('-o, --out <dir|file>', 'output folder; or one file whose extension picks the format (one mapping only)', 'out')
    .option('-f, --format <list>', `comma-separated formats: ${OUTPUT_NAMES.join(', ')}, and csvw (a CSV on the Web table group) (default: nt,ttl)`)
    .option('--fail-on <level>', 'exit 1 and write nothing when diagnostics reach this level: error, warning, none', choice(['error', 'warning', 'none'] as const), 'error')
    .option('--max-errors <n>', 'stop reading a CSV after this many errors', positiveInt, 1000)
    .option('--diagnostics <form>', 'text (stderr) or json (one document on stdout)', choice(['text', 'json'] as const), 'text')
    .option('--json', 'the same as --diagnostics json')
    .option('--no-validate', 'skip the observation checks and integrity constraints')
    .option('--workers <n>', 'worker threads for a large CSV (over 16 MB, no notes rows); the dump is the same byte for byte', positiveInt, 1)
    .option('--max-codes <n>', 'distinct labels a `codeList: generated` column may have before the run stops (JL316)', positiveInt, DEFAULT_MAX_CODES)
    .option('--suggest-suppression [cost]', 'disclosure control: name the cells to suppress so that no suppressed cell can be worked out, hiding the fewest people or the fewest cells', choice(['people', 'cells'] as const))
    .option('--apply-suppression [cost]', 'as --suggest-suppression, and write those cells as [c] in the dumps (the CSV is not changed; the metadata says why)', choice(['people', 'cells'] as const))
    .option('--no-metadata', 'write only the dumps: no vocabulary dump, metadata.ttl/.jsonld or five-star report')
    .option('--issued <date>', 'release date for dcterms:issued (YYYY-MM-DD; default today)', isoDate)
    .option('--download-base <url>', 'where the dumps will be published, for dcat:downloadURL (default {base}downloads/)', httpUrl)
    .option('--csvw-metadata <file>', 'CSVW: metadata describing the CSV file given (it overrides any found beside the file)')
    .option('--csvw-minimal', 'CSVW: minimal mode, only what the cells say (no csvw:TableGroup, Table or Row)')
    .option('-q, --quiet', 'no progress bar and no summary; problems are still printed')
    .addHelpText('after', `
Examples:
  $ justice-lod convert mappings/court-outcomes-by-pfa.yaml
  $ justice-lod convert mappings --out out/release --format ttl,jsonld,nq.gz
  $ justice-lod convert mappings/court-outcomes-by-pfa.yaml --out out/csvw --format nt,csvw
  $ justice-lod convert mappings/sentencing-outcomes.yaml --out sentencing.trig
  $ justice-lod convert mappings/proven-reoffending-by-la.yaml --input samples/reoffending/proven-reoffending-by-la-2019-2022.csv --fail-on warning
  $ justice-lod convert mappings --diagnostics json > report.json
  $ justice-lod convert mappings/sentencing-outcomes.yaml --format nt --workers 2
  $ justice-lod convert samples/csvw/sentenced-by-region.csv-metadata.json --csvw-minimal --out out/csvw

Exit codes: 0 converted, 1 data errors at or above --fail-on (nothing written), 2 usage, mapping or I/O error.`)
    // Loaded on use: --help and the other commands need none of the conversion code.
    .action(async (args: string[], flags: ConvertFlags) => setExit(await (await import('./convert-run.js')).runConvert(args, flags.json ? { ...flags, diagnostics: 'json' } : flags)));
}
