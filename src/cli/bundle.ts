import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { METADATA_FILE } from '../metadata/metadata-file.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { METADATA_SHAPES } from '../metadata/metadata-shapes.js';
import { codeOf } from '../run/validation.js';
import { validateGraph } from '../validate/validate-graph.js';
import { violationAt } from '../validate/violation.js';
import { diagnosticsJson, printDiagnostics } from './diagnostics-out.js';
import { assessBundle, type FiveStarReport } from '../metadata/five-star.js';
import type { ReleaseInfo } from '../metadata/model.js';
import { writeBundle, type ConvertedDataset } from '../release/bundle.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import type { OutputFormat } from '../sinks/registry.js';
import { fiveStarJson, fiveStarText } from './five-star-out.js';
import { rel } from './format.js';
import { EXIT } from './options.js';

/**
 * After the dumps: the vocabulary dump, metadata.ttl and metadata.jsonld, then the five-star
 * assessment of the finished folder, printed and written as five-star.json.
 */
export async function finishBundle(outDir: string, release: ReleaseInfo, formats: readonly OutputFormat[], converted: readonly ConvertedDataset[], print: { text: boolean; diagnostics: boolean }, vocabularyNotes?: string): Promise<{ exit: number; json: Record<string, unknown>; report: FiveStarReport }> {
  const bundle = await writeBundle(outDir, release, formats, converted, vocabularyNotes);
  const metadataFile = join(outDir, METADATA_FILE);
  const checked = await validateGraph([{ name: metadataFile, text: await readFile(metadataFile, 'utf8'), format: 'text/turtle' }], [METADATA_SHAPES]);
  const problems = checked.violations.map((v) => diagnostic(codeOf(v.rule), `${v.rule}: ${v.message}: ${violationAt(v)}`, {}));
  if (print.diagnostics) printDiagnostics(problems, new Map());
  const report: FiveStarReport = await assessBundle(outDir);
  const reportFile = join(outDir, 'five-star.json');
  await writeFileAtomic(reportFile, `${JSON.stringify(fiveStarJson(report), null, 2)}\n`);
  if (print.text) {
    process.stdout.write(`metadata: ${bundle.metadata.map((m) => rel(m.path)).join(', ')}; vocabulary and code lists: ${bundle.datasets.at(-1)!.dumps.map((d) => rel(d.path)).join(', ')}\n\n`);
    process.stdout.write(`${fiveStarText(report)}\n(written to ${rel(reportFile)})\n\n`);
  }
  return { report, exit: problems.length ? EXIT.dataErrors : EXIT.ok, json: { metadata: bundle.metadata.map((m) => m.path), metadataViolations: diagnosticsJson(problems), fiveStar: fiveStarJson(report) } };
}
