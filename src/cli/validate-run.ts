import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { ReportInput } from '../validate/report.js';
import type { GraphInput } from '../validate/validate-graph.js';
import { printDiagnostics } from './diagnostics-out.js';
import { showActivity } from './progress.js';
import { EXIT } from './options.js';
import { recoverBeforeReading } from '../release/recover.js';

const SHAPES_DIR = new URL('../../shapes/', import.meta.url).pathname;
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ValidateFlags {
  shapes?: string[];
  format: 'text' | 'json' | 'sarif' | 'ttl';
  report?: string;
  failOn: 'error' | 'warning' | 'none';
  mapping?: string[];
  source?: string[];
  json?: boolean;
  quiet?: boolean;
}

export async function runValidate(files: readonly string[], flags: ValidateFlags): Promise<number> {
  for (const f of files) recoverBeforeReading(f);
  const { readGraphInput } = await import('../validate/read-input.js');
  const inputs: GraphInput[] = [];
  for (const file of files) {
    try {
      const input = await readGraphInput(file);
      if (!input) {
        printDiagnostics([diagnostic('JL403', `${file}: validate reads what convert writes: .ttl, .nt, .nq, .trig, .jsonld (or .json), each optionally .gz`)], new Map());
        return EXIT.usage;
      }
      inputs.push(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      printDiagnostics([diagnostic('JL402', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`)], new Map());
      return EXIT.usage;
    }
  }
  for (const m of flags.mapping ?? []) {
    if (!existsSync(m)) {
      printDiagnostics([diagnostic('JL402', `cannot read mapping ${m}: no such file`)], new Map());
      return EXIT.usage;
    }
  }
  const mappings = flags.mapping ?? projectMappings();
  // Where findings are traced: the dumps' recorded sources, or the CSVs given.
  const provenance = { dumps: files, ...(flags.source ? { sources: flags.source } : {}) };
  // Each mapping read once, for the shapes it generates and the disclosure rules it holds.
  const loaded = new Map<string, Promise<LoadedMapping>>();
  const load = (m: string): Promise<LoadedMapping> => {
    let l = loaded.get(m);
    if (!l) loaded.set(m, (l = import('../mapping/load.js').then(({ loadMapping }) => loadMapping(m))));
    return l;
  };
  const shapePaths = flags.shapes ?? readdirSync(SHAPES_DIR).filter((f) => f.endsWith('.ttl')).map((f) => join(SHAPES_DIR, f));
  let result;
  try {
    // Loaded on use: the SHACL engine and its SPARQL engine take a while to load.
    const { validateGraph } = await import('../validate/validate-graph.js');
    const shapes = await Promise.all(shapePaths.map(async (p) => ({ name: flags.shapes ? p : `shapes/${basename(p)}`, text: await readFile(p, 'utf8') })));
    // A data set with no shapes given (any user's own mapping): its shapes, generated from its mapping.
    const shapesFor = flags.shapes ? undefined : (dataset: string) => shapesFromMappings(dataset, mappings, load);
    const stop = showActivity(!flags.quiet);
    // Disclosure control where a data set's mapping has rules for it: on the dumps as written.
    const alsoCheck = async (select: (sparql: string) => Record<string, string>[]) => (await import('../validate/disclosure-in-dumps.js')).disclosureViolations(select, mappings, provenance, load);
    result = await validateGraph(inputs, shapes, { ...(shapesFor ? { shapesFor } : {}), alsoCheck }).finally(stop);
  } catch (err) {
    process.stderr.write(`error: cannot validate: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const { traceViolations } = await import('../run/locate.js');
  const violations = await traceViolations(result.violations, mappings, provenance);
  const input: ReportInput = { files, triples: result.triples, violations, version, ran: result.ran };
  const { reportJson, reportSarif, reportText, reportTurtle } = await import('../validate/report.js');
  const text = flags.format === 'json' ? reportJson(input) : flags.format === 'sarif' ? reportSarif(input) : flags.format === 'ttl' ? await reportTurtle(input) : reportText(input);
  if (flags.report) await writeFile(flags.report, text);
  else process.stdout.write(text);
  if (flags.report && flags.format !== 'text') process.stdout.write(reportText(input));
  const failing = flags.failOn === 'none' ? [] : violations.filter((v) => flags.failOn === 'warning' || v.severity === 'error');
  return failing.length ? EXIT.dataErrors : EXIT.ok;
}

/** The shapes of the mapping (of those given or found) whose data set this is, generated as `npm run shapes` would. */
async function shapesFromMappings(dataset: string, mappings: readonly string[], load: (m: string) => Promise<LoadedMapping>): Promise<{ name: string; text: string } | undefined> {
  const { shapesTurtle } = await import('../validate/shapes.js');
  for (const m of mappings) {
    const { model } = await load(m);
    if (model?.dataset === dataset) return { name: `generated from ${m}`, text: shapesTurtle(model) };
  }
  return undefined;
}

/** The project's mappings, when `validate` runs in a justice-lod project folder. */
function projectMappings(): string[] {
  if (!existsSync('mappings')) return [];
  return readdirSync('mappings').filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort().map((f) => join('mappings', f));
}
