import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { assessBundle, type FiveStarReport } from '../metadata/five-star.js';
import { METADATA_FILE } from '../metadata/metadata-file.js';
import { METADATA_SHAPES } from '../metadata/metadata-shapes.js';
import type { ReleaseInfo } from '../metadata/model.js';
import { codeOf } from '../run/validation.js';
import { during } from '../run/activity.js';
import type { OutputFormat } from '../sinks/registry.js';
import { validateShapes } from '../validate/validate-shapes.js';
import { violationAt } from '../validate/violation.js';
import { writeBundle, type Bundle, type ConvertedDataset } from './bundle.js';

export interface CompletedBundle {
  readonly bundle: Bundle;
  /** Metadata that does not conform to the metadata shapes (JL507). */
  readonly problems: readonly Diagnostic[];
  readonly report: FiveStarReport;
}

/**
 * After the dumps: the vocabulary dump, metadata.ttl and metadata.jsonld (checked against the
 * metadata shapes), then the five-star assessment of the finished folder. Prints nothing.
 */
export async function completeBundle(outDir: string, release: ReleaseInfo, formats: readonly OutputFormat[], converted: readonly ConvertedDataset[], vocabularyNotes?: string): Promise<CompletedBundle> {
  const bundle = await during('writing the vocabulary and the metadata', () => writeBundle(outDir, release, formats, converted, vocabularyNotes));
  const metadataFile = join(outDir, METADATA_FILE);
  // The metadata holds no cube: its shapes alone, with no store and no integrity constraints;
  // they name only DCAT, PROV and VoID classes, so the vocabulary is no context they need.
  const violations = await during('checking the metadata against its shapes', async () => validateShapes({ name: metadataFile, text: await readFile(metadataFile, 'utf8'), format: 'text/turtle' }, METADATA_SHAPES, []));
  const problems = violations.map((v) => diagnostic(codeOf(v.rule), `${v.rule}: ${v.message}: ${violationAt(v)}`, {}));
  // Checksums and content were counted while the files were written: the five-star check
  // neither re-hashes nor re-parses them.
  const known = new Map([...bundle.datasets.flatMap((d) => d.dumps), ...bundle.metadata].map((f) => [basename(f.path), f] as const));
  const counted = new Map(bundle.datasets.map((d) => [d.iri, d.facts] as const));
  return { bundle, problems, report: await during('checking five stars', () => assessBundle(outDir, known, counted)) };
}
