import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DiagnosedError, diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { MappingModel } from '../mapping/model.js';
import type { ReportInput } from '../validate/report.js';
import type { GraphInput } from '../validate/validate-graph.js';
import { unreadable } from '../validate/unreadable.js';
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

/**
 * Dumps at least this large are read once as a stream and checked observation by observation
 * (validate-stream.ts), where their data sets' mappings are known; smaller ones are validated
 * as a whole graph, the reference the streaming checks are held to.
 */
export const STREAM_BYTES = 32 * 2 ** 20;

export async function runValidate(paths: readonly string[], flags: ValidateFlags, streamBytes = STREAM_BYTES): Promise<number> {
  for (const f of paths) recoverBeforeReading(f);
  const files = await dumpsOf(paths);
  if (typeof files === 'number') return files;
  const { formatByPath } = await import('../sinks/registry.js');
  const { regularFile } = await import('../csv/read.js');
  let bytes = 0;
  for (const file of files) {
    try {
      if (!formatByPath(file)) {
        printDiagnostics([diagnostic('JL403', `${file}: validate reads what convert writes: .ttl, .nt, .nq, .trig, .jsonld (or .json), each optionally .gz`)], new Map());
        return EXIT.usage;
      }
      await regularFile(file);
      bytes += statSync(file).size;
    } catch (err) {
      return cannotRead(file, err);
    }
  }
  for (const m of flags.mapping ?? []) {
    if (!existsSync(m)) {
      printDiagnostics([diagnostic('JL100', `cannot read mapping ${m}: no such file`)], new Map());
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
  const stop = showActivity(!flags.quiet);
  try {
    // Loaded on use: the SHACL engine and its SPARQL engine take a while to load.
    const { validateGraph } = await import('../validate/validate-graph.js');
    const shapes = await Promise.all(shapePaths.map(async (p) => ({ name: flags.shapes ? p : `shapes/${basename(p)}`, text: await readFile(p, 'utf8').catch((err: unknown) => Promise.reject(unreadable(`shapes file ${p}`, err))) })));
    // A data set with no shapes given (any user's own mapping): its shapes, generated from its mapping.
    const shapesFor = flags.shapes ? undefined : (dataset: string) => shapesFromMappings(dataset, mappings, load);
    // Large dumps with the shapes their mappings generate: one streaming pass, bounded memory.
    if (!flags.shapes && bytes >= streamBytes) {
      const models = new Map<string, MappingModel>();
      for (const m of mappings) {
        const { model } = await load(m);
        if (model) models.set(model.dataset, model);
      }
      const { validateStreaming } = await import('../validate/validate-stream.js');
      result = await validateStreaming(files, models, shapes, { ...(shapesFor ? { shapesFor } : {}) });
    }
    if (!result) {
      const { readGraphInput } = await import('../validate/read-input.js');
      const inputs: GraphInput[] = [];
      for (const file of files) {
        try {
          inputs.push((await readGraphInput(file))!);
        } catch (err) {
          // A whole graph is held as one string: past 512 MB there is none that long.
          const why = bytes >= 2 ** 29 ? new Error(`${(err as Error).message}; a dump this large is validated as a stream when the mapping of each of its data sets is given (--mapping) and it has no disclosure rules`) : err;
          return cannotRead(file, why);
        }
      }
      // Disclosure control where a data set's mapping has rules for it: on the dumps as written.
      const alsoCheck = async (select: (sparql: string) => Record<string, string>[]) => (await import('../validate/disclosure-in-dumps.js')).disclosureViolations(select, mappings, provenance, load);
      result = await validateGraph(inputs, shapes, { ...(shapesFor ? { shapesFor } : {}), alsoCheck });
    }
  } catch (err) {
    // A dump or shapes file that cannot be read or parsed (JL605); anything else is not the input's.
    if (err instanceof DiagnosedError) printDiagnostics([diagnostic(err.code, err.message)], new Map());
    else process.stderr.write(`error: cannot validate: ${(err as Error).message}\n`);
    return EXIT.usage;
  } finally {
    stop();
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

/**
 * The files to validate: each file as given; a folder (a release, or what convert wrote) as
 * the dump of each of its data sets and of its vocabulary, in the format `query` would load
 * (its metadata is the catalogue, checked by its own shapes when the release is made).
 */
async function dumpsOf(paths: readonly string[]): Promise<string[] | number> {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p) || !statSync(p).isDirectory()) {
      files.push(p);
      continue;
    }
    const { datasetDumps } = await import('../release/read-release.js');
    const dumps = datasetDumps(p);
    if (dumps.length === 0) return cannotRead(p, new Error('no RDF dumps in this folder'));
    for (const d of dumps) files.push(d.path);
  }
  return files;
}

function cannotRead(file: string, err: unknown): number {
  const { code, message } = unreadable(file, err);
  printDiagnostics([diagnostic(code, message)], new Map());
  return EXIT.usage;
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
