import type { Command } from 'commander';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { FORMATS, formatByName, type FormatInfo } from '../sinks/registry.js';
import { convert, type ConvertResult } from '../run/convert.js';
import { diagnosticsJson, printDiagnostics } from './diagnostics-out.js';
import { choice, EXIT, expandMappings, positiveInt } from './options.js';
import { startProgress } from './progress.js';
import { summaryJson, summaryText } from './summary.js';

interface ConvertFlags {
  input?: string;
  out: string;
  format: string;
  failOn: 'error' | 'warning' | 'none';
  maxErrors: number;
  diagnostics: 'text' | 'json';
  quiet?: boolean;
  validate: boolean;
}

export function registerConvert(program: Command, setExit: (code: number) => void): void {
  program
    .command('convert')
    .summary('convert CSV releases to RDF using mapping files')
    .description('Streams each mapping\'s CSV through the mapping into RDF files, written atomically, and prints a summary that accounts for every row.')
    .argument('<mappings...>', 'mapping files, or folders of them')
    .option('-i, --input <csv>', 'CSV to read instead of the mapping\'s source.path (one mapping only)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-f, --format <list>', `comma-separated formats: ${FORMATS.map((f) => f.name).join(', ')}`, 'nt,ttl')
    .option('--fail-on <level>', 'exit 1 and write nothing when diagnostics reach this level: error, warning, none', choice(['error', 'warning', 'none'] as const), 'error')
    .option('--max-errors <n>', 'stop reading a CSV after this many errors', positiveInt, 1000)
    .option('--diagnostics <form>', 'text (stderr) or json (one document on stdout)', choice(['text', 'json'] as const), 'text')
    .option('--no-validate', 'skip the observation checks and integrity constraints')
    .option('-q, --quiet', 'no progress bar and no summary; problems are still printed')
    .addHelpText('after', `
Examples:
  $ justice-lod convert mappings/court-outcomes-by-pfa.yaml
  $ justice-lod convert mappings --out out/release --format ttl
  $ justice-lod convert mappings/proven-reoffending-by-la.yaml --input new-release.csv --fail-on warning
  $ justice-lod convert mappings --diagnostics json > report.json

Exit codes: 0 converted, 1 data errors at or above --fail-on (nothing written), 2 usage, mapping or I/O error.`)
    .action(async (args: string[], flags: ConvertFlags) => setExit(await runConvert(args, flags)));
}

async function runConvert(args: readonly string[], flags: ConvertFlags): Promise<number> {
  const formats: FormatInfo[] = [];
  for (const name of flags.format.split(',')) {
    const f = formatByName(name);
    if (!f) {
      printDiagnostics([diagnostic('JL403', `unknown output format '${name}'; choose from ${FORMATS.map((x) => x.name).join(', ')}`)], new Map());
      return EXIT.usage;
    }
    formats.push(f);
  }
  const mappings = await expandMappings(args);
  if (flags.input && mappings.length !== 1) {
    process.stderr.write('error: --input needs exactly one mapping\n');
    return EXIT.usage;
  }
  let exit: number = EXIT.ok;
  const json: Record<string, unknown>[] = [];
  for (const mapping of mappings) {
    const progress = { bytesRead: 0, totalBytes: 0, rows: 0 };
    const stop = startProgress(mapping, progress, !flags.quiet && flags.diagnostics === 'text');
    let result: ConvertResult;
    try {
      result = await convert({ mapping, ...(flags.input ? { input: flags.input } : {}), outDir: flags.out, formats, failOn: flags.failOn, maxErrors: flags.maxErrors, progress, validate: flags.validate });
    } finally {
      stop();
    }
    const code = exitCode(result);
    exit = Math.max(exit, code);
    if (flags.diagnostics === 'json') {
      json.push({ ...summaryJson(result, code), diagnostics: diagnosticsJson(result.diagnostics) });
      continue;
    }
    printDiagnostics(result.diagnostics, result.sources, flags.quiet);
    if (!flags.quiet && result.summary && result.model) process.stdout.write(`${summaryText(result.model.id, result.summary)}\n\n`);
  }
  if (flags.diagnostics === 'json') process.stdout.write(`${JSON.stringify({ exitCode: exit, runs: json }, null, 2)}\n`);
  return exit;
}

export function exitCode(result: ConvertResult): number {
  if (result.status === 'ok') return EXIT.ok;
  return result.status === 'failed' ? EXIT.dataErrors : EXIT.usage;
}
