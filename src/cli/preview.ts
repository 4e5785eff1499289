import type { Command } from 'commander';
import { convert } from '../run/convert.js';
import { StringSink } from '../sinks/memory.js';
import { turtleSerializer } from '../sinks/turtle.js';
import { printDiagnostics } from './diagnostics-out.js';
import { EXIT, positiveInt } from './options.js';
import { exitCode } from './convert.js';

export function registerPreview(program: Command, setExit: (code: number) => void): void {
  program
    .command('preview')
    .summary('print the Turtle of the first rows')
    .description('Converts only the first rows of the CSV and prints their Turtle, to try a mapping quickly. Writes no files.')
    .argument('<mapping>', 'mapping file')
    .option('-n, --rows <n>', 'data rows to convert', positiveInt, 5)
    .option('-i, --input <csv>', 'CSV to read instead of source.path')
    .addHelpText('after', `
Examples:
  $ justice-lod preview mappings/criminal-court-timeliness.yaml
  $ justice-lod preview mappings/proven-reoffending-by-la.yaml --rows 2`)
    .action(async (mapping: string, flags: { rows: number; input?: string }) => {
      let sink: StringSink | undefined;
      const result = await convert({
        mapping,
        ...(flags.input ? { input: flags.input } : {}),
        limitRows: flags.rows,
        failOn: 'none',
        // The sink needs the mapping's prefixes, which exist only once the mapping is loaded.
        createTargets: (model) => [(sink = new StringSink(turtleSerializer(model.prefixes)))],
      });
      printDiagnostics(result.diagnostics, result.sources);
      if (sink) process.stdout.write(sink.toString());
      setExit(result.status === 'ok' ? EXIT.ok : exitCode(result));
    });
}
