import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { rel } from './format.js';
import { EXIT, positiveInt } from './options.js';
import { grouped } from '../diagnostics/numbers.js';

interface InitFlags {
  out?: string;
  id?: string;
  base?: string;
  rows: number;
  force?: boolean;
  quiet?: boolean;
}

export function registerInit(program: Command, setExit: (code: number) => void): void {
  program
    .command('init')
    .summary('propose a mapping for a CSV')
    .description('Reads a CSV and writes a commented mapping that convert accepts as it is: encoding, delimiter, title and notes rows; periods, police force areas, GSS codes, shipped code lists by label, markers, numeric measures, and rows that repeat a key (summed when a Count-like column exists). Every guess it was unsure of has a comment that says so.')
    .argument('<csv>', 'the CSV to describe')
    .option('-o, --out <mapping.yaml>', 'where to write the mapping (default: the CSV\'s name with .yaml; - for standard output)')
    .option('--id <id>', 'dataset id (default: from the file name)')
    .option('--base <iri>', 'base IRI of the data', 'https://data.justice.gov.uk/')
    .option('--rows <n>', 'data rows to read to profile the columns', positiveInt, 100_000)
    .option('--force', 'overwrite an existing mapping file')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  $ justice-lod init samples/real/cjs-court-outcomes-2009-2019-sample.csv --out court-outcomes.yaml
  $ justice-lod init samples/sentencing/sentenced-fines-2019-cp1252.csv --out -

Exit codes: 0 written, 2 the CSV cannot be read or the mapping file exists (use --force).`)
    .action(async (csv: string, flags: InitFlags) => setExit(await runInit(csv, flags)));
}

async function runInit(csv: string, flags: InitFlags): Promise<number> {
  const s = await stat(csv).catch(() => undefined);
  if (!s) {
    process.stderr.write(`error: ${csv}: file not found\n`);
    return EXIT.usage;
  }
  const { regularFile } = await import('../csv/read.js');
  const refused = await regularFile(csv).then(() => undefined, (err: Error) => err.message);
  if (refused) {
    process.stderr.write(`error: ${csv}: ${refused}\n`);
    return EXIT.usage;
  }
  const out = flags.out ?? `${csv.slice(0, csv.length - extname(csv).length)}.yaml`;
  if (out !== '-' && !flags.force && (await stat(out).catch(() => undefined))) {
    process.stderr.write(`error: ${out} exists; pass --force to overwrite it\n`);
    return EXIT.usage;
  }
  const { scaffoldMapping } = await import('../init/scaffold.js');
  const made = await scaffoldMapping({ csv, out: out === '-' ? csv : out, rows: flags.rows, ...(flags.id ? { id: flags.id } : {}), ...(flags.base ? { base: flags.base } : {}) });
  if (out === '-') {
    process.stdout.write(made.yaml);
    return EXIT.ok;
  }
  const { AtomicFile } = await import('../sinks/atomic.js');
  const file = await AtomicFile.open(out);
  try {
    await file.write(made.yaml);
    await file.commit();
  } catch (err) {
    await file.abort();
    process.stderr.write(`error JL402: cannot write ${out}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  if (!flags.quiet) {
    const dims = made.columns.filter((c) => c.role === 'dimension').length;
    const measures = made.columns.filter((c) => c.role === 'measure').length;
    process.stdout.write(
      `${rel(out)}: ${dims} dimensions, ${measures} measures from ${grouped(made.table.rows)} rows of ${rel(csv)}` +
        `${made.repeatedKeys ? `; ${grouped(made.repeatedKeys)} rows repeat a key (summed)` : ''}` +
        `${made.unsure ? `; ${made.unsure} guesses marked "unsure"` : ''}\n` +
        `next: justice-lod check ${rel(out)}\n`,
    );
  }
  return EXIT.ok;
}
