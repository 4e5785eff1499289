import { statSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatByName, formatByPath, OUTPUT_NAMES, type OutputFormat } from '../sinks/registry.js';
import { convert, type ConvertResult } from '../run/convert.js';
import { isCsvw, loadAny } from './load-any.js';
import { diagnosticsJson, foundIn, printDiagnostics } from './diagnostics-out.js';
import { finishBundle } from './bundle.js';
import { EXIT, exitCode, expandMappings } from './options.js';
import type { ConvertedDataset } from '../release/bundle.js';
import { releaseInfo } from '../release/info.js';
import { showActivity, startProgress } from './progress.js';
import { summaryJson, summaryText } from './summary.js';
import { FolderBusy, OutputFolder } from '../sinks/output-folder.js';
import { StdioFiles, withStdin } from './stdio.js';
import { describeWriteFailure, isFileSystemError, outOfSpace } from '../sinks/io-error.js';
import { epochProblem } from '../metadata/clock.js';

export interface ConvertFlags {
  input?: string;
  out: string;
  format?: string;
  failOn: 'error' | 'warning' | 'none';
  maxErrors: number;
  diagnostics: 'text' | 'json';
  json?: boolean;
  quiet?: boolean;
  validate: boolean;
  metadata: boolean;
  workers: number;
  maxCodes: number;
  issued?: string;
  downloadBase?: string;
  suggestSuppression?: 'people' | 'cells' | true;
  applySuppression?: 'people' | 'cells' | true;
  csvwMetadata?: string;
  csvwMinimal?: boolean;
}

/** --suggest-suppression and --apply-suppression (the cost to minimise defaults to the people hidden). */
function suppressionOf(flags: ConvertFlags): { suppression?: { cost: 'people' | 'cells'; apply: boolean } } {
  const asked = flags.applySuppression ?? flags.suggestSuppression;
  if (asked === undefined) return {};
  return { suppression: { cost: asked === true ? 'people' : asked, apply: flags.applySuppression !== undefined } };
}

/** File extensions of formats people may ask for that convert does not write (RDF/XML, N3, CSV, archives…). */
const FOREIGN_FILE = /\.(rdf|owl|xml|n3|csv|tsv|txt|hdt|zip|tar|tgz|gz|bz2|xz|json)$/i;

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** The formats asked for (`csvw`, a CSVW table group, apart), and the single output file when --out names one. */
function chooseFormats(flags: ConvertFlags): { formats: OutputFormat[]; csvw: boolean; outFile?: string } | string {
  const byPath = formatByPath(flags.out);
  if (byPath && flags.format?.split(',').includes('csvw')) return `--out ${flags.out} is one file; --format csvw writes a table group (several files) into a folder`;
  if (byPath) {
    if (flags.format && (flags.format.includes(',') || formatByName(flags.format)?.name !== byPath.name)) return `--out ${flags.out} is a ${byPath.name} file, but --format asks for ${flags.format}`;
    return { formats: [byPath], csvw: false, outFile: flags.out };
  }
  // A file name in a format we do not write would otherwise become a folder of that name
  // (a folder that already has such a name is a folder, and is used).
  const foreign = isDirectory(flags.out) ? undefined : FOREIGN_FILE.exec(flags.out)?.[1];
  if (foreign) return `--out ${flags.out} names a .${foreign} file, which convert does not write; give a folder, or one file ending .nt, .ttl, .nq, .trig or .jsonld (each optionally .gz)`;
  const formats: OutputFormat[] = [];
  let csvw = false;
  for (const name of (flags.format ?? 'nt,ttl').split(',')) {
    if (name.trim().toLowerCase() === 'csvw') {
      csvw = true;
      continue;
    }
    const f = formatByName(name);
    if (!f) return unknownFormat(name);
    if (!formats.some((x) => x.name === f.name)) formats.push(f);
  }
  return { formats, csvw };
}

const unknownFormat = (name: string): string => `unknown output format '${name}'; choose from ${OUTPUT_NAMES.join(', ')}, csvw`;

export async function runConvert(args: readonly string[], flags: ConvertFlags): Promise<number> {
  const epoch = epochProblem();
  if (epoch) {
    printDiagnostics([epoch], new Map());
    return EXIT.usage;
  }
  return withStdin(flags, (f) => (f.out === '-' ? convertToStdout(args, f) : convertFiles(args, f)));
}

/** `--out -`: one dump, written to a temporary file and copied to stdout once the run has passed. */
async function convertToStdout(args: readonly string[], given: ConvertFlags): Promise<number> {
  if (given.diagnostics === 'json') {
    printDiagnostics([diagnostic('JL403', '--out - writes the dump on standard output, where --json would write its report too; choose one')], new Map());
    return EXIT.usage;
  }
  const formats = (given.format ?? 'ttl').split(',');
  if (formats.length > 1) {
    printDiagnostics([diagnostic('JL403', `--out - writes one dump; --format ${given.format} names ${formats.length}`)], new Map());
    return EXIT.usage;
  }
  const format = formatByName(formats[0]!);
  if (!format) {
    printDiagnostics([diagnostic('JL403', unknownFormat(formats[0]!))], new Map());
    return EXIT.usage;
  }
  const stdio = await StdioFiles.open();
  try {
    const out = stdio.stdoutFile(format.extension);
    const exit = await convertFiles(args, { ...given, out, format: format.name }, process.stderr);
    if (exit === EXIT.ok) await stdio.toStdout(out);
    return exit;
  } finally {
    await stdio.close();
  }
}

async function convertFiles(args: readonly string[], flags: ConvertFlags, say: NodeJS.WritableStream = process.stdout): Promise<number> {
  const chosen = chooseFormats(flags);
  if (typeof chosen === 'string') {
    printDiagnostics([diagnostic('JL403', chosen)], new Map());
    return EXIT.usage;
  }
  const { formats, outFile, csvw } = chosen;
  if (!outFile) {
    const { releaseVersionIn } = await import('../release/marker.js');
    const release = releaseVersionIn(flags.out);
    if (release) {
      printDiagnostics([diagnostic('JL707', `${flags.out} holds the release "${release}" (its metadata.ttl has a versioned catalogue); convert leaves it as it is and writes nothing`)], new Map());
      return EXIT.usage;
    }
  }
  const mappings = await expandMappings(args);
  if ((flags.input || outFile) && mappings.length !== 1) {
    process.stderr.write(`error: ${flags.input ? '--input' : 'an --out file'} needs exactly one mapping\n`);
    return EXIT.usage;
  }
  // A folder's files are written as one set: staged beside them, then moved in together.
  const folder = outFile ? undefined : openFolder(flags.out);
  if (folder && !(folder instanceof OutputFolder)) {
    printDiagnostics([folder], new Map());
    return EXIT.usage;
  }
  try {
    return await convertAll(mappings, flags, formats, outFile, folder, say, csvw);
  } catch (err) {
    folder?.abort();
    if (!isFileSystemError(err)) throw err;
    const message = describeWriteFailure(flags.out, err);
    printDiagnostics([diagnostic('JL402', `${folder?.named(message) ?? message}; nothing was written`)], new Map());
    return outOfSpace(err) ? EXIT.dataErrors : EXIT.usage;
  }
}

/** The output folder, locked and staged; or the diagnostic saying why it cannot be. */
function openFolder(dir: string): OutputFolder | Diagnostic {
  try {
    return OutputFolder.open(dir);
  } catch (err) {
    return err instanceof FolderBusy ? diagnostic('JL709', err.message) : diagnostic('JL402', describeWriteFailure(dir, err));
  }
}

async function convertAll(mappings: readonly string[], flags: ConvertFlags, formats: readonly OutputFormat[], outFile: string | undefined, folder: OutputFolder | undefined, say: NodeJS.WritableStream, csvw = false): Promise<number> {
  const outDir = folder?.staging ?? flags.out;
  let exit: number = EXIT.ok;
  const json: Record<string, unknown>[] = [];
  const converted: ConvertedDataset[] = [];
  for (const mapping of mappings) {
    const progress = { bytesRead: 0, totalBytes: 0, rows: 0 };
    const stop = startProgress(mapping, progress, !flags.quiet && flags.diagnostics === 'text');
    let result: ConvertResult;
    try {
      result = inFolder(await convertOne(mapping, flags, { outDir, outFile, formats, progress, csvw }), folder);
    } finally {
      stop();
    }
    const code = exitCode(result);
    exit = Math.max(exit, code);
    if (result.summary?.written && result.model) converted.push({ model: result.model, summary: result.summary });
    if (flags.diagnostics === 'json') {
      json.push({ ...summaryJson(result, code), diagnostics: diagnosticsJson(result.diagnostics) });
      continue;
    }
    printDiagnostics(result.diagnostics, result.sources, flags.quiet, foundIn(result.summary));
    if (!flags.quiet && result.summary && result.model) say.write(`${summaryText(result.model.id, result.summary)}\n\n`);
  }
  let bundle: Record<string, unknown> | undefined;
  if (flags.metadata && !outFile && converted.length > 0) {
    const release = releaseInfo({ base: converted[0]!.model.base, ...(flags.issued ? { issued: flags.issued } : {}), ...(flags.downloadBase ? { downloadBase: flags.downloadBase } : {}) });
    const stopBundle = showActivity(!flags.quiet && flags.diagnostics === 'text');
    const done = await finishBundle(outDir, release, formats, converted, folder ? (p) => folder.final(p) : (p) => p, { text: flags.diagnostics === 'text' && !flags.quiet, diagnostics: flags.diagnostics === 'text' });
    stopBundle();
    exit = Math.max(exit, done.exit);
    bundle = done.json;
  }
  // Committed before the JSON report, which then never speaks of files that are not in place.
  folder?.commit();
  if (flags.diagnostics === 'json') process.stdout.write(`${JSON.stringify({ exitCode: exit, runs: json, ...(bundle ? { bundle } : {}) }, null, 2)}\n`);
  return exit;
}

/** One mapping's run; CSVW (a metadata document or a CSV file) is loaded by its own front end. */
async function convertOne(mapping: string, flags: ConvertFlags, o: { outDir: string; outFile: string | undefined; formats: readonly OutputFormat[]; progress: { bytesRead: number; totalBytes: number; rows: number }; csvw: boolean }): Promise<ConvertResult> {
  const common = { ...(flags.input ? { input: flags.input } : {}), outDir: o.outDir, ...(o.csvw ? { csvw: true } : {}), ...(o.outFile ? { outFile: o.outFile } : {}), formats: o.formats, failOn: flags.failOn, maxErrors: flags.maxErrors, progress: o.progress, validate: flags.validate, workers: flags.workers, maxCodes: flags.maxCodes, facts: flags.metadata && !o.outFile, ...suppressionOf(flags) };
  if (!isCsvw(mapping, flags)) return convert({ mapping, ...common });
  const loaded = await loadAny(mapping, flags);
  if (loaded.inMemory && !loaded.diagnostics.some((d) => d.severity === 'error')) {
    const { convertCsvwInMemory } = await import('../run/convert-csvw.js');
    return convertCsvwInMemory({ mapping, loaded: { ...loaded, inMemory: loaded.inMemory }, outDir: o.outDir, ...(o.outFile ? { outFile: o.outFile } : {}), formats: o.formats, failOn: flags.failOn, facts: common.facts, ...(o.csvw ? { csvw: true } : {}) });
  }
  return convert({ mapping, loaded, ...common });
}

/** A result whose output paths name where the files will be once the folder is committed. */
function inFolder(result: ConvertResult, folder: OutputFolder | undefined): ConvertResult {
  if (!folder) return result;
  if (result.summary) result.summary.outputs = result.summary.outputs.map((o) => ({ ...o, path: folder.final(o.path) }));
  if (result.summary?.tables) result.summary.tables = result.summary.tables.map((o) => ({ ...o, path: folder.final(o.path) }));
  return { ...result, diagnostics: result.diagnostics.map((d) => (d.message.includes(folder.staging) ? { ...d, message: folder.named(d.message) } : d)) };
}

