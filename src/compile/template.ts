import type { IriTemplate, StripCode, TemplateFilter } from '../mapping/model.js';
import { encodeSegment, slugify } from '../rdf/iri.js';
import { cleanLabel } from './labels.js';
import type { ColumnResolver } from './columns.js';
import type { CsvwCellReader } from './csvw-cells.js';

/** A compiled template piece: constant text, or a function of the row's cells and keys. */
export type Piece = string | ((cells: readonly string[], keys: readonly string[]) => string);

export interface TemplateScope {
  readonly columns: ColumnResolver;
  /** Names that refer to per-row keys (dimension keys in observation templates) → their index. */
  readonly keys?: ReadonlyMap<string, number>;
  /** Names fixed for this template (the measure key, measure-fixed dimensions). */
  readonly fixed?: ReadonlyMap<string, string>;
  readonly stripCode: StripCode;
  /** A table compiled from CSVW: its RFC 6570 templates read the cells as CSVW does. */
  readonly csvw?: CsvwCellReader;
}

function applyFilter(raw: string, filter: TemplateFilter | undefined, stripCode: StripCode): string {
  if (filter === 'raw') return encodeSegment(raw.trim());
  const clean = cleanLabel(raw, stripCode);
  switch (filter) {
    case 'slug':
      return slugify(clean.label);
    case 'lower':
      return encodeSegment(clean.label.toLowerCase());
    case 'upper':
      return encodeSegment(clean.label.toUpperCase());
    case 'code':
      return encodeSegment(clean.code ?? clean.label);
    default:
      return encodeSegment(clean.label);
  }
}

/** Compiles a template once into pieces; unknown column names are reported by the resolver. */
export function compileTemplate(t: IriTemplate, scope: TemplateScope): Piece[] {
  if (t.rfc6570) {
    if (!scope.csvw) throw new Error('a CSVW template outside a CSVW table');
    const expand = scope.csvw.template(t);
    return [(cells) => expand(cells) ?? ''];
  }
  return t.parts.map((p): Piece => {
    if (p.kind === 'text') return p.text;
    const fixed = scope.fixed?.get(p.name);
    if (fixed !== undefined) return fixed;
    const key = scope.keys?.get(p.name);
    if (key !== undefined) return (_c, keys) => keys[key]!;
    const index = scope.columns.index({ name: p.name, span: t.span });
    const filter = p.filter;
    const strip = scope.stripCode;
    return (cells) => applyFilter(cells[index] ?? '', filter, strip);
  });
}

export function render(pieces: readonly Piece[], cells: readonly string[], keys: readonly string[]): string {
  let out = '';
  for (const p of pieces) out += typeof p === 'string' ? p : p(cells, keys);
  return out;
}
