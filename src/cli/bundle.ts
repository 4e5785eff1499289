import { join } from 'node:path';
import { diagnosticsJson, printDiagnostics } from './diagnostics-out.js';
import type { ReleaseInfo } from '../metadata/model.js';
import type { ConvertedDataset } from '../release/bundle.js';
import { writeFileAtomic } from '../sinks/atomic.js';
import type { OutputFormat } from '../sinks/registry.js';
import { fiveStarJson, fiveStarText } from './five-star-out.js';
import { rel } from './format.js';
import { EXIT } from './options.js';
import { movedTo } from '../metadata/five-star.js';

/**
 * `convert`'s last step: the vocabulary dump, metadata and five-star assessment
 * (release/complete.ts), printed and written as five-star.json.
 */
export async function finishBundle(outDir: string, release: ReleaseInfo, formats: readonly OutputFormat[], converted: readonly ConvertedDataset[], final: (path: string) => string, print: { text: boolean; diagnostics: boolean }): Promise<{ exit: number; json: Record<string, unknown> }> {
  // Loaded on use: metadata reads the dumps back (n3, jsonld), which convert alone does not need.
  const { completeBundle } = await import('../release/complete.js');
  const completed = await completeBundle(outDir, release, formats, converted);
  const { bundle, problems } = completed;
  if (print.diagnostics) printDiagnostics(problems, new Map());
  // Written in the staging folder; named as where it will be once committed.
  const report = movedTo(completed.report, final);
  await writeFileAtomic(join(outDir, 'five-star.json'), `${JSON.stringify(fiveStarJson(report), null, 2)}\n`);
  const metadata = bundle.metadata.map((m) => final(m.path));
  if (print.text) {
    process.stdout.write(`metadata: ${metadata.map(rel).join(', ')}; vocabulary and code lists: ${bundle.datasets.at(-1)!.dumps.map((d) => rel(final(d.path))).join(', ')}\n\n`);
    process.stdout.write(`${fiveStarText(report)}\n(written to ${rel(final(join(outDir, 'five-star.json')))})\n\n`);
  }
  return { exit: problems.length ? EXIT.dataErrors : EXIT.ok, json: { metadata, metadataViolations: diagnosticsJson(problems), fiveStar: fiveStarJson(report) } };
}
