import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceModel } from './model.js';
import type { LocatedDocument } from './parse.js';
import type { RawMapping } from './raw.js';
import { NESTED_REPETITION_HINT, repeatsARepetition } from './regex-safety.js';

type Report = (code: Diagnostic['code'], message: string, path: readonly (string | number)[]) => void;

/** The `source:` section with its defaults; the path is resolved against the mapping's folder. */
export function normalizeSource(raw: RawMapping, doc: LocatedDocument, report: Report): SourceModel | undefined {
  const s = raw.source;
  if (s.footer !== undefined) {
    try {
      new RegExp(s.footer, 'u');
    } catch (err) {
      report('JL113', `source.footer: ${(err as Error).message}`, ['source', 'footer']);
      return undefined;
    }
    // The footer pattern is tried on every row near the end of the file: it must not backtrack for ever.
    if (repeatsARepetition(s.footer)) {
      report('JL113', `source.footer ${JSON.stringify(s.footer)} repeats a group that repeats itself, which can take for ever on some rows; ${NESTED_REPETITION_HINT}`, ['source', 'footer']);
      return undefined;
    }
  }
  return {
    path: resolve(dirname(doc.file), s.path),
    encoding: s.encoding ?? 'auto',
    delimiter: s.delimiter ?? ',',
    quote: s.quote ?? '"',
    skipRows: s.skipRows ?? 0,
    headerRows: s.headerRows ?? 1,
    headerJoin: s.headerJoin ?? ' ',
    ...(s.footer !== undefined ? { footer: s.footer } : {}),
    span: doc.spanOf(['source', 'path']),
  };
}
