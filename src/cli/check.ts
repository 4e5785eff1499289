import type { Command } from 'commander';
import type { CheckFlags } from './check-run.js';
import { choice, positiveInt } from './options.js';

export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .summary('check mapping files and their data without writing anything')
    .description('Reports every problem in the mapping at file:line:column with a code and a fix hint, checks that each column it names is in the CSV header, then reads the rows as convert would (every row, or the first --rows) and reports every cell that convert would reject, at its line and column.')
    .argument('<mappings...>', 'mapping files, or folders of them; or CSVW: a metadata document (.json), or a CSV file whose metadata is found as CSVW says')
    .option('-i, --input <csv>', 'check against this CSV instead of source.path')
    .option('--rows <n>', 'read only the first n data rows', positiveInt)
    .option('--csvw-metadata <file>', 'CSVW: metadata describing the CSV file given')
    .option('--csvw-minimal', 'CSVW: minimal mode (as convert reads it)')
    .option('--diagnostics <form>', 'text or json', choice(['text', 'json'] as const), 'text')
    .option('--json', 'the same as --diagnostics json')
    .addHelpText('after', `
Examples:
  $ justice-lod check mappings/court-outcomes-by-pfa.yaml
  $ justice-lod check mappings/sentencing-outcomes.yaml --rows 1000
  $ justice-lod check mappings/sentencing-outcomes.yaml --input samples/sentencing/sentencing-outcomes-2017-2021.csv
  $ justice-lod check samples/csvw/sentenced-by-region.csv-metadata.json

Exit codes: 0 no errors, 1 some rows would be rejected, 2 the mapping or the CSV header has errors.`)
    .action(async (args: string[], flags: CheckFlags) => setExit(await (await import('./check-run.js')).runCheck(args, flags.json ? { ...flags, diagnostics: 'json' } : flags)));
}
