import { join } from 'node:path';
import { diagnosticsJson, printDiagnostics } from './diagnostics-out.js';
import type { ReleaseInfo } from '../metadata/model.js';
import type { ConvertedDataset } from '../release/bundle.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import type { OutputFormat } from '../sinks/registry.js';
import { fiveStarJson, fiveStarText } from './five-star-out.js';
import { rel } from './format.js';
import { EXIT } from './options.js';

/**
 * `convert`'s last step: the vocabulary dump, metadata and five-star assessment
 * (release/complete.ts), printed and written as five-star.json.
 */
export async function finishBundle(outDir: string, release: ReleaseInfo, formats: readonly OutputFormat[], converted: readonly ConvertedDataset[], print: { text: boolean; diagnostics: boolean }): Promise<{ exit: number; json: Record<string, unknown> }> {
  // Loaded on use: metadata reads the dumps back (n3, jsonld), which convert alone does not need.
  const { completeBundle } = await import('../release/complete.js');
  const { bundle, problems, report } = await completeBundle(outDir, release, formats, converted);
  if (print.diagnostics) printDiagnostics(problems, new Map());
  const reportFile = join(outDir, 'five-star.json');
  await writeFileAtomic(reportFile, `${JSON.stringify(fiveStarJson(report), null, 2)}\n`);
  if (print.text) {
    process.stdout.write(`metadata: ${bundle.metadata.map((m) => rel(m.path)).join(', ')}; vocabulary and code lists: ${bundle.datasets.at(-1)!.dumps.map((d) => rel(d.path)).join(', ')}\n\n`);
    process.stdout.write(`${fiveStarText(report)}\n(written to ${rel(reportFile)})\n\n`);
  }
  return { exit: problems.length ? EXIT.dataErrors : EXIT.ok, json: { metadata: bundle.metadata.map((m) => m.path), metadataViolations: diagnosticsJson(problems), fiveStar: fiveStarJson(report) } };
}
