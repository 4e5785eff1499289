import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceModel } from './model.js';
import type { LocatedDocument } from './parse.js';
import type { RawMapping } from './raw.js';

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
