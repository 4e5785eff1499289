import type { Command } from 'commander';
import { positiveInt } from './options.js';
import type { PreviewFlags } from './preview-run.js';

export function registerPreview(program: Command, setExit: (code: number) => void): void {
  program
    .command('preview')
    .summary('print the Turtle of the first rows')
    .description('Converts only the first rows of the CSV and prints their Turtle, to try a mapping quickly. Writes no files.')
    .argument('<mapping>', 'mapping file; or CSVW: a metadata document (.json), or a CSV file whose metadata is found as CSVW says')
    .option('-n, --rows <n>', 'data rows to convert', positiveInt, 5)
    .option('-i, --input <csv>', 'CSV to read instead of source.path')
    .option('--csvw-metadata <file>', 'CSVW: metadata describing the CSV file given')
    .option('--csvw-minimal', 'CSVW: minimal mode, only what the cells say')
    .addHelpText('after', `
Examples:
  $ justice-lod preview mappings/criminal-court-timeliness.yaml
  $ justice-lod preview mappings/proven-reoffending-by-la.yaml --rows 2
  $ justice-lod preview samples/csvw/sentenced-by-region.csv-metadata.json --csvw-minimal --rows 1`)
    .action(async (mapping: string, flags: PreviewFlags) => setExit(await (await import('./preview-run.js')).runPreview(mapping, flags)));
}
