import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCheck } from './check.js';
import { registerCompletion } from './completion.js';
import { registerInit } from './init.js';
import { registerInspect } from './inspect.js';
import { registerConvert } from './convert.js';
import { registerExplain } from './explain.js';
import { EXIT } from './options.js';
import { registerPreview } from './preview.js';
import { registerPublish } from './publish.js';
import { registerQuery } from './query.js';
import { registerRelease } from './release.js';
import { registerServe } from './serve.js';
import { registerDiff } from './diff.js';
import { registerValidate } from './validate.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The only place that reads argv and decides the exit code; returns it instead of exiting. */
export async function main(argv: readonly string[]): Promise<number> {
  ignoreClosedPipes();
  let exit: number = EXIT.ok;
  const setExit = (code: number): void => {
    exit = Math.max(exit, code);
  };
  const program = commandLine(setExit);
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`internal error: ${(err as Error).stack ?? String(err)}\nPlease report this with the command you ran.\n`);
    return EXIT.usage;
  }
  return exit;
}

/** Every command with its options and help: the command line as one definition (tests read it too). */
export function commandLine(setExit: (code: number) => void): Command {
  const program = new Command()
    .name('justice-lod')
    .description('Turn Ministry of Justice statistical CSV releases into five-star linked open data (W3C RDF Data Cube).')
    .version(pkg.version)
    .showSuggestionAfterError(true)
    .exitOverride()
    // Usage errors quote the argument given: a URL with a password in it is never echoed.
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(withoutCredentials(s)) })
    .addHelpText('after', `
Examples:
  $ justice-lod release releases/2025-01.yaml --ask custody-rate-by-pfa
  $ justice-lod diff out/2025-01 out/2025-04
  $ justice-lod init samples/real/cjs-court-outcomes-2009-2019-sample.csv --out court-outcomes.yaml
  $ justice-lod check mappings/court-outcomes-by-pfa.yaml
  $ justice-lod preview mappings/criminal-court-timeliness.yaml --rows 2
  $ justice-lod convert mappings --out out/samples
  $ justice-lod validate out/samples/proven-reoffending-by-la.ttl
  $ justice-lod query out/samples --example custody-rate-by-pfa
  $ justice-lod inspect out/2025-04
  $ justice-lod publish out/2025-01 --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
  $ justice-lod explain JL307
  $ justice-lod completion bash
`);
  registerRelease(program, setExit);
  registerConvert(program, setExit);
  registerInit(program, setExit);
  registerCheck(program, setExit);
  registerPreview(program, setExit);
  registerValidate(program, setExit);
  registerQuery(program, setExit);
  registerPublish(program, setExit);
  registerServe(program, setExit);
  registerDiff(program, setExit);
  registerInspect(program, setExit);
  registerExplain(program, setExit);
  registerCompletion(program, setExit);
  return program;
}

/**
 * `justice-lod convert … | head` closes stdout early: the run still finishes (its files are
 * committed as one set), and what it would have printed is dropped instead of crashing on EPIPE.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

/** Text with the user and password of any URL in it replaced by ***. */
export function withoutCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1***@');
}
