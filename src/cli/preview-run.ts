import { convert } from '../run/convert.js';
import { StringSink } from '../sinks/memory.js';
import { turtleSerializer } from '../sinks/turtle.js';
import { printDiagnostics } from './diagnostics-out.js';
import { EXIT, exitCode } from './options.js';
import { withStdin } from './stdio.js';

export interface PreviewFlags {
  rows: number;
  input?: string;
}

/** Converts the first rows with no checks of the whole and prints their Turtle. */
export async function runPreview(mapping: string, flags: PreviewFlags): Promise<number> {
  return withStdin(flags, (f) => previewOne(mapping, f));
}

async function previewOne(mapping: string, flags: PreviewFlags): Promise<number> {
  let sink: StringSink | undefined;
  const result = await convert({
    mapping,
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
