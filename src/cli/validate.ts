import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { ReportInput } from '../validate/report.js';
import type { GraphInput } from '../validate/validate-graph.js';
import { printDiagnostics } from './diagnostics-out.js';
import { choice, EXIT } from './options.js';

const SHAPES_DIR = new URL('../../shapes/', import.meta.url).pathname;
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface ValidateFlags {
  shapes?: string[];
  format: 'text' | 'json' | 'sarif' | 'ttl';
  report?: string;
  failOn: 'error' | 'warning' | 'none';
  mapping?: string[];
}

export function registerValidate(program: Command, setExit: (code: number) => void): void {
  program
    .command('validate')
    .summary('validate RDF dumps: Data Cube integrity constraints, SHACL shapes, business rules')
    .description('Loads the files with the justice vocabulary and checks all 21 Data Cube integrity constraints, the SHACL shapes (by default the ones in shapes/) and the business rules.')
    .argument('<files...>', 'Turtle (.ttl) or N-Triples (.nt) files')
    .option('-s, --shapes <files...>', 'SHACL shapes to use instead of the shipped shapes/*.ttl')
    .option('-f, --format <form>', 'report as text, json, sarif or ttl (the sh:ValidationReport)', choice(['text', 'json', 'sarif', 'ttl'] as const), 'text')
    .option('-r, --report <file>', 'write the report to this file instead of stdout')
    .option('-m, --mapping <files...>', 'mappings the dumps came from, to name the CSV line and column of each finding on an observation (default: mappings/*.yaml when present)')
    .option('--fail-on <level>', 'exit 1 when violations reach this level: error, warning, none', choice(['error', 'warning', 'none'] as const), 'error')
    .addHelpText('after', `
Examples:
  $ justice-lod validate out/samples/court-outcomes-by-pfa.ttl
  $ justice-lod validate out/samples/*.nt --format sarif --report validation.sarif
  $ justice-lod validate cube.ttl --shapes my-shapes.ttl --format ttl
  $ justice-lod validate release/sentencing.nt --mapping mappings/sentencing.yaml

Exit codes: 0 valid, 1 violations at or above --fail-on, 2 usage or unreadable files.`)
    .action(async (files: string[], flags: ValidateFlags) => setExit(await runValidate(files, flags)));
}

async function runValidate(files: readonly string[], flags: ValidateFlags): Promise<number> {
  const inputs: GraphInput[] = [];
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    const format = ext === '.ttl' ? 'text/turtle' : ext === '.nt' ? 'application/n-triples' : undefined;
    if (!format) {
      printDiagnostics([diagnostic('JL403', `${file}: validate reads .ttl and .nt files`)], new Map());
      return EXIT.usage;
    }
    try {
      inputs.push({ name: file, text: await readFile(file, 'utf8'), format });
    } catch (err) {
      printDiagnostics([diagnostic('JL402', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`)], new Map());
      return EXIT.usage;
    }
  }
  for (const m of flags.mapping ?? []) {
    if (!existsSync(m)) {
      printDiagnostics([diagnostic('JL402', `cannot read mapping ${m}: no such file`)], new Map());
      return EXIT.usage;
    }
  }
  const shapePaths = flags.shapes ?? readdirSync(SHAPES_DIR).filter((f) => f.endsWith('.ttl')).map((f) => join(SHAPES_DIR, f));
  let result;
  try {
    // Loaded on use: the SHACL engine and its SPARQL engine take a while to load.
    const { validateGraph } = await import('../validate/validate-graph.js');
    result = await validateGraph(inputs, await Promise.all(shapePaths.map((p) => readFile(p, 'utf8'))));
  } catch (err) {
    process.stderr.write(`error: cannot validate: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const { traceViolations } = await import('../run/locate.js');
  const violations = await traceViolations(result.violations, flags.mapping ?? projectMappings());
  const input: ReportInput = { files, triples: result.triples, violations, version };
  const { reportJson, reportSarif, reportText, reportTurtle } = await import('../validate/report.js');
  const text = flags.format === 'json' ? reportJson(input) : flags.format === 'sarif' ? reportSarif(input) : flags.format === 'ttl' ? await reportTurtle(input) : reportText(input);
  if (flags.report) await writeFile(flags.report, text);
  else process.stdout.write(text);
  if (flags.report && flags.format !== 'text') process.stdout.write(reportText(input));
  const failing = flags.failOn === 'none' ? [] : violations.filter((v) => flags.failOn === 'warning' || v.severity === 'error');
  return failing.length ? EXIT.dataErrors : EXIT.ok;
}

/** The project's mappings, when `validate` runs in a justice-lod project folder. */
function projectMappings(): string[] {
  if (!existsSync('mappings')) return [];
  return readdirSync('mappings').filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map((f) => join('mappings', f));
}
