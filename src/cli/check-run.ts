import { compilePlan } from '../compile/plan.js';
import { readHeader } from '../csv/read.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadAny, type CsvwFlags } from './load-any.js';
import { convert } from '../run/convert.js';
import { dataRows } from '../run/summary.js';
import { diagnosticsJson, printDiagnostics } from './diagnostics-out.js';
import { plural, rel } from './format.js';
import { EXIT, expandMappings } from './options.js';
import { withStdin } from './stdio.js';
import type { InMemory } from '../csvw/load.js';

export interface CheckFlags extends CsvwFlags {
  input?: string;
  rows?: number;
  diagnostics: 'text' | 'json';
  json?: boolean;
}

interface CheckOutcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
  /** 2: the mapping or its CSV header is wrong; 1: some rows would be rejected; 0: none. */
  readonly exit: number;
  readonly columns?: number;
  readonly csv?: string;
  readonly rows?: number;
  readonly rejected?: number;
}

export async function runCheck(args: readonly string[], flags: CheckFlags): Promise<number> {
  return withStdin(flags, (f) => checkAll(args, f));
}

async function checkAll(args: readonly string[], flags: CheckFlags): Promise<number> {
  let exit: number = EXIT.ok;
  const runs: Record<string, unknown>[] = [];
  for (const file of await expandMappings(args)) {
    const c = await checkOne(file, flags);
    exit = Math.max(exit, c.exit);
    if (flags.diagnostics === 'json') {
      runs.push({ mapping: file, ok: c.exit === EXIT.ok, exitCode: c.exit, ...(c.rows !== undefined ? { rows: c.rows, rejected: c.rejected } : {}), diagnostics: diagnosticsJson(c.diagnostics) });
      continue;
    }
    printDiagnostics(c.diagnostics, c.sources);
    const errors = c.diagnostics.filter((d) => d.severity === 'error').length;
    const read = c.rows === undefined ? '' : `; ${flags.rows ? 'the first ' : ''}${plural(c.rows, 'data row')} read`;
    if (errors === 0) process.stdout.write(`${rel(file)}: ok${c.columns ? ` (${c.columns} columns matched in ${rel(c.csv ?? '')}${read})` : ''}\n`);
    else process.stdout.write(`${rel(file)}: ${plural(errors, 'error')}${c.rejected ? ` (${plural(c.rejected, 'row')} would be rejected${read})` : ''}\n`);
  }
  if (flags.diagnostics === 'json') process.stdout.write(`${JSON.stringify({ exitCode: exit, runs }, null, 2)}\n`);
  return exit;
}

/** The mapping, then its header, then its rows: each step only when the one before is clean. */
async function checkOne(file: string, flags: CheckFlags): Promise<CheckOutcome> {
  const loaded = await loadAny(file, flags);
  const diagnostics = [...loaded.diagnostics];
  const sources = loaded.sources;
  if (loaded.inMemory && !hasErrors(diagnostics)) return checkInMemory(loaded.inMemory, sources);
  if (!loaded.model || hasErrors(diagnostics)) return { diagnostics, sources, exit: EXIT.usage };
  const csv = flags.input ?? loaded.model.source.path;
  const header = await readHeader(loaded.model.source, csv).catch((err: Error) => ({
    names: undefined,
    diagnostics: [diagnostic('JL114', `cannot read CSV ${csv}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err.message}`, { span: loaded.model!.source.span })],
  }));
  diagnostics.push(...header.diagnostics.filter((d) => d.code !== 'JL202'));
  if (!header.names) return { diagnostics, sources, exit: EXIT.usage };
  diagnostics.push(...compilePlan(loaded.model, header.names, csv).diagnostics);
  const columns = header.names.length;
  if (hasErrors(diagnostics)) return { diagnostics, sources, exit: EXIT.usage, columns, csv };

  // The rows, as convert reads them: every cell-level problem and the streaming checks
  // (duplicate keys, code lists, ranges), with nothing written.
  const run = await convert({
    mapping: file, loaded, input: csv, failOn: 'none', facts: false, wholeGraphLimit: 0,
    createTargets: () => [], ...(flags.rows ? { limitRows: flags.rows } : {}),
  });
  const seen = new Set(diagnostics.map(key));
  const fromRows = run.diagnostics.filter((d) => d.code !== 'JL202' && d.code !== 'JL404' && !seen.has(key(d)));
  const s = run.summary;
  const exit = hasErrors(fromRows) ? EXIT.dataErrors : EXIT.ok;
  return { diagnostics: [...diagnostics, ...fromRows], sources, exit, columns, csv, ...(s ? { rows: dataRows(s.records), rejected: s.records.rejected } : {}) };
}

/** A CSVW table group the model cannot express: the processor's run, its problems reported, nothing written. */
async function checkInMemory(inMemory: InMemory, sources: ReadonlyMap<string, string>): Promise<CheckOutcome> {
  const { runInMemory } = await import('../csvw/load.js');
  const { diagnostics, rows, configuration } = await runInMemory(inMemory, 'checked');
  return { diagnostics, sources, exit: configuration ? EXIT.usage : hasErrors(diagnostics) ? EXIT.dataErrors : EXIT.ok, rows, rejected: 0 };
}

const key = (d: Diagnostic): string => `${d.code}@${d.span?.file}:${d.span?.line}:${d.span?.column}:${d.message}`;
