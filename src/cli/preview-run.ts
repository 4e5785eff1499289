import { convert } from '../run/convert.js';
import { StringSink } from '../sinks/memory.js';
import { turtleSerializer } from '../sinks/turtle.js';
import { printDiagnostics } from './diagnostics-out.js';
import { EXIT, exitCode } from './options.js';
import { withStdin } from './stdio.js';
import { isCsvw, loadAny, type CsvwFlags } from './load-any.js';
import { diagnostic } from '../diagnostics/diagnostic.js';

export interface PreviewFlags extends CsvwFlags {
  rows: number;
  input?: string;
}

/** Converts the first rows with no checks of the whole and prints their Turtle. */
export async function runPreview(mapping: string, flags: PreviewFlags): Promise<number> {
  return withStdin(flags, (f) => previewOne(mapping, f));
}

async function previewOne(mapping: string, flags: PreviewFlags): Promise<number> {
  let sink: StringSink | undefined;
  const loaded = isCsvw(mapping, flags) ? await loadAny(mapping, flags) : undefined;
  if (loaded?.inMemory) {
    printDiagnostics([...loaded.diagnostics, diagnostic('JL907', `preview reads a CSVW table that streams; this one is converted in memory (${loaded.inMemory.reason}): use convert`, { severity: 'info' })], loaded.sources);
    return EXIT.ok;
  }
  const result = await convert({
    mapping,
    ...(loaded ? { loaded } : {}),
    ...(flags.input ? { input: flags.input } : {}),
    limitRows: flags.rows,
    failOn: 'none',
    // A look at the Turtle of a few rows: the checks of the whole cube are `check`'s job.
    validate: false,
    // The sink needs the mapping's prefixes, which exist only once the mapping is loaded.
    createTargets: (model) => [(sink = new StringSink(turtleSerializer(model.prefixes)))],
  });
  printDiagnostics(result.diagnostics, result.sources);
  if (sink) process.stdout.write(sink.toString());
  return result.status === 'ok' ? EXIT.ok : exitCode(result);
}
