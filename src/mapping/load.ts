import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappingModel } from './model.js';
import type { RawMapping } from './raw.js';
import { normalizeMapping } from './normalize.js';
import { parseMappingFile } from './parse.js';
import { checkSchema } from './schema-check.js';

export interface LoadedMapping {
  readonly model?: MappingModel;
  readonly diagnostics: readonly Diagnostic[];
  /** The mapping text by file, so renderers can show the offending line. */
  readonly sources: ReadonlyMap<string, string>;
  /** The mapping as written, once it passed the schema: for rules given elsewhere that are checked against it (a release file's `disclosure:`). */
  readonly raw?: RawMapping;
}

/** parse → check (JSON Schema) → normalize; stops at the first stage that reports errors. */
export async function loadMapping(file: string): Promise<LoadedMapping> {
  const parsed = await parseMappingFile(file);
  const doc = parsed.document;
  if (!doc) return { diagnostics: parsed.diagnostics, sources: new Map() };
  const sources = new Map([[file, doc.text]]);
  const schemaErrors = checkSchema(doc);
  if (schemaErrors.length > 0) return { diagnostics: schemaErrors, sources };
  const { model, diagnostics } = normalizeMapping(doc);
  return { ...(model ? { model } : {}), diagnostics, sources, raw: doc.data as RawMapping };
}
