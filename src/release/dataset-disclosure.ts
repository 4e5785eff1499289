import { readFileSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { normalizeDisclosure } from '../mapping/disclosure.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import type { ReleaseConfig, ReleaseDataset } from './config.js';

/**
 * A dataset's mapping with the release file's `disclosure:` in place of its own: the rules
 * checked against the mapping's measures and dimensions, each problem located in the release
 * file. Undefined when the release file gives none (convert loads the mapping as usual).
 */
export async function mappingWithReleaseRules(d: ReleaseDataset, config: ReleaseConfig): Promise<LoadedMapping | undefined> {
  if (!d.disclosure) return undefined;
  const loaded = await loadMapping(d.mapping);
  if (!loaded.model || !loaded.raw) return loaded;
  const raw = loaded.raw;
  const diagnostics: Diagnostic[] = [];
  const { spanOf } = d.disclosure;
  const doc = { file: config.file, text: '', data: undefined, spanOf };
  const rules = normalizeDisclosure({ ...raw, disclosure: d.disclosure.raw }, doc, (code, message, path, key, hint) => {
    diagnostics.push(diagnostic(code, message, { span: spanOf(path, key), ...(hint ? { hint } : {}) }));
  });
  // The release file's text beside the mapping's, so a problem is shown at its line.
  const sources = new Map([...loaded.sources, [config.file, readFileSync(config.file, 'utf8')]]);
  return diagnostics.length || !rules
    ? { diagnostics: [...loaded.diagnostics, ...diagnostics], sources }
    : { ...loaded, model: { ...loaded.model, disclosure: rules } };
}
