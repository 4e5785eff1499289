import type { Command } from 'commander';
import { compilePlan } from '../compile/plan.js';
import { readHeader } from '../csv/read.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadMapping } from '../mapping/load.js';
import { diagnosticsJson, printDiagnostics } from './diagnostics-out.js';
import { rel } from './format.js';
import { choice, EXIT, expandMappings } from './options.js';

interface CheckFlags {
  input?: string;
  diagnostics: 'text' | 'json';
}

export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .summary('check mapping files (and their CSV headers) without converting')
    .description('Reports every problem in the mapping at file:line:column with a code and a fix hint, and checks that each column it names is in the CSV header.')
    .argument('<mappings...>', 'mapping files, or folders of them')
    .option('-i, --input <csv>', 'check the column names against this CSV instead of source.path')
    .option('--diagnostics <form>', 'text or json', choice(['text', 'json'] as const), 'text')
    .addHelpText('after', `
Examples:
  $ justice-lod check mappings/court-outcomes-by-pfa.yaml
  $ justice-lod check mappings/sentencing-outcomes.yaml --input sentence_outcomes_2017_2024.csv

Exit codes: 0 no errors, 2 the mapping has errors.`)
    .action(async (args: string[], flags: CheckFlags) => setExit(await runCheck(args, flags)));
}

async function runCheck(args: readonly string[], flags: CheckFlags): Promise<number> {
  let exit: number = EXIT.ok;
  const runs: Record<string, unknown>[] = [];
  for (const file of await expandMappings(args)) {
    const ds = await checkOne(file, flags.input);
    if (hasErrors(ds.diagnostics)) exit = EXIT.usage;
    if (flags.diagnostics === 'json') runs.push({ mapping: file, ok: !hasErrors(ds.diagnostics), diagnostics: diagnosticsJson(ds.diagnostics) });
    else {
      printDiagnostics(ds.diagnostics, ds.sources);
      const errors = ds.diagnostics.filter((d) => d.severity === 'error').length;
      process.stdout.write(errors ? `${rel(file)}: ${errors} error${errors === 1 ? '' : 's'}\n` : `${rel(file)}: ok${ds.columns ? ` (${ds.columns} columns matched in ${rel(ds.csv ?? '')})` : ''}\n`);
    }
  }
  if (flags.diagnostics === 'json') process.stdout.write(`${JSON.stringify({ exitCode: exit, runs }, null, 2)}\n`);
  return exit;
}

async function checkOne(file: string, input: string | undefined): Promise<{ diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string>; columns?: number; csv?: string }> {
  const loaded = await loadMapping(file);
  const diagnostics = [...loaded.diagnostics];
  if (!loaded.model || hasErrors(diagnostics)) return { diagnostics, sources: loaded.sources };
  const csv = input ?? loaded.model.source.path;
  const header = await readHeader(loaded.model.source, csv).catch((err: Error) => ({
    names: undefined,
    diagnostics: [diagnostic('JL114', `cannot read CSV ${csv}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err.message}`, { span: loaded.model!.source.span })],
  }));
  diagnostics.push(...header.diagnostics.filter((d) => d.code !== 'JL202'));
  if (!header.names) return { diagnostics, sources: loaded.sources };
  diagnostics.push(...compilePlan(loaded.model, header.names, csv).diagnostics);
  return { diagnostics, sources: loaded.sources, columns: header.names.length, csv };
}
