/**
 * The cells of a table whose mapping was compiled from CSVW metadata (src/csvw/compile.ts):
 * each column's cell read as CSVW says (src/csvw/cells.ts: trim, default, null, datatype and
 * format), and its URI templates expanded with the row's values. Columns are found by position,
 * as CSVW finds them; the header's titles are only compared with the metadata's (JL904).
 * Results are cached by cell text, and templates of plain `{name}` / `{+name}` expressions are
 * split once into pieces, so the row loop parses no template and builds few URLs.
 */
import type { Literal, NamedNode } from '@rdfjs/types';
import { parseTemplate } from 'url-template';
import { COLUMN_VARIABLES, columnVariables, expand, lit, parseCell, variableNames, type Cell } from '../csvw/cells.js';
import type { Column } from '../csvw/model.js';
import { newProblems } from '../csvw/problems.js';
import { titleOf } from '../csv/header.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { CsvwCells, IriTemplate } from '../mapping/model.js';
import { encodeSegment } from '../rdf/iri.js';
import { iri } from '../rdf/term.js';
import type { CellFailure, Resolved } from './outcome.js';

const CACHE_LIMIT = 50_000;

interface ReadCell {
  readonly cell: Cell;
  readonly warnings?: readonly CellFailure[];
}

/** A template compiled for the row loop: the expanded, resolved IRI (undefined: none). */
export type CsvwTemplate = (cells: readonly string[]) => string | undefined;

export class CsvwCellReader {
  readonly diagnostics: Diagnostic[] = [];
  /** The CSV cell each column reads (-1: a virtual column, whose cell is empty). */
  private readonly positions: number[];
  private readonly readers: ((cells: readonly string[]) => ReadCell)[];
  private readonly byName = new Map<string, number>();

  constructor(private readonly csvw: CsvwCells, header: readonly string[], csvFile: string) {
    const { table, columns } = csvw;
    let next = 0;
    this.positions = columns.map((c) => (c.virtual ? -1 : next++));
    columns.forEach((c, j) => this.byName.set(c.name, j));
    this.readers = columns.map((c, j) => this.reader(c, this.positions[j]!));
    // The file and its metadata should agree (§5.5.1): a mismatch is a warning, as in the processor.
    if (table.dialect.header && header.length !== next) this.diagnostics.push(diagnostic('JL904', `${csvFile} has ${header.length} columns; its metadata describes ${next}`, { span: { file: csvFile, line: 0 } }));
    columns.forEach((c, j) => {
      const at = this.positions[j]!;
      // As the file gives it: the reader names a repeated title `Count (2)` (JL205).
      const title = at < 0 || at >= header.length ? undefined : titleOf(header, at);
      if (title === undefined || !c.titles.length || c.titles.some((t) => t.value === title)) return;
      this.diagnostics.push(diagnostic('JL904', `column ${at + 1}: the header says ${JSON.stringify(title)}, the metadata's titles are ${c.titles.map((t) => JSON.stringify(t.value)).join(', ')}`, { span: { file: csvFile, line: 0, column: at }, cell: { columnName: title, value: title } }));
    });
  }

  /** Reads column `j`'s cell, trimmed as the dialect says, parsed by its datatype; cached by text. */
  private reader(col: Column, at: number): (cells: readonly string[]) => ReadCell {
    const { table } = this.csvw;
    const trim = table.dialect.trim;
    const cached = memo<ReadCell>();
    return (cells) => {
      const raw = at < 0 ? '' : cells[at] ?? '';
      return cached(raw, () => {
        const text = trim === true ? raw.trim() : trim === 'start' ? raw.trimStart() : trim === 'end' ? raw.trimEnd() : raw;
        const p = newProblems();
        const cell = parseCell(text, col, table, 0, p);
        return p.warnings.length ? { cell, warnings: p.warnings.map((w) => ({ code: w.code, message: w.message, column: at, value: raw })) } : { cell };
      });
    };
  }

  /** The row's titles (the table's rowTitles columns' values). */
  titles(cells: readonly string[]): Literal[] {
    const out: Literal[] = [];
    for (const name of this.csvw.table.rowTitles ?? []) {
      const j = this.byName.get(name);
      if (j === undefined) continue;
      for (const v of this.readers[j]!(cells).cell.values ?? []) out.push(lit(v) as Literal);
    }
    return out;
  }

  /**
   * A variable's value: the column's IRI by its valueUrl, or its literal; a null cell is left
   * out. Results are cached by cell text (when the template reads no other column) or by IRI,
   * so a value is one term object: the writers keep its bytes by term.
   */
  evaluate(column: number, valueUrl: IriTemplate | undefined): (cells: readonly string[]) => Resolved {
    const read = this.readers[column]!;
    const col = this.csvw.columns[column]!;
    const at = this.positions[column]!;
    const omitted = (cell: Cell): Resolved => ({ omit: true, token: cell.text, why: 'null' });
    const cached = memo<Resolved>();
    if (!valueUrl) {
      return (cells) => cached(at < 0 ? '' : cells[at] ?? '', () => {
        const { cell, warnings } = read(cells);
        if (cell.values === null || !cell.values[0]) return omitted(cell);
        // The key (for a primary key's repeats) is the value as CSVW reads it.
        return { term: lit(cell.values[0]), key: cell.values[0].lexical, ...(warnings ? { warnings } : {}) };
      });
    }
    const template = this.template(valueUrl, col);
    const make = (cells: readonly string[], iriOf: (value: string) => NamedNode): Resolved => {
      const { cell, warnings } = read(cells);
      // A null cell says nothing, whatever its templates (a virtual column has no cell).
      if (cell.values === null && !col.virtual) return omitted(cell);
      const value = template(cells);
      if (value === undefined) return { omit: true, token: cell.text, why: 'no IRI from the valueUrl' };
      return { term: iriOf(value), key: value, ...(warnings ? { warnings } : {}) };
    };
    const reads = variableNames(valueUrl.source).filter((n) => !COLUMN_VARIABLES.has(n));
    if (reads.every((n) => n === col.name) && at >= 0) return (cells) => cached(cells[at] ?? '', () => make(cells, iri));
    // The template reads other cells: one term object per IRI all the same.
    const terms = memo<NamedNode>();
    return (cells) => make(cells, (value) => terms(value, () => iri(value)));
  }

  /** Column `name`'s value encoded for a template expression, cached by cell text; `plain`: a segment URL leaves alone. */
  private encoder(name: string, reserved: boolean): (cells: readonly string[]) => { readonly text: string; readonly plain: boolean } {
    const j = this.byName.get(name);
    const none = { text: '', plain: false };
    if (j === undefined) return () => none;
    const read = this.readers[j]!;
    const at = this.positions[j]!;
    const cached = memo<{ readonly text: string; readonly plain: boolean }>();
    const encode = reserved ? encodeReserved : encodeUnreserved;
    return (cells) => cached(at < 0 ? '' : cells[at] ?? '', () => {
      const { cell } = read(cells);
      const text = cell.values === null ? '' : cell.values.map((v) => encode(v.lexical)).join(',');
      return { text, plain: PLAIN.test(text) };
    });
  }

  /**
   * An RFC 6570 template over the row's values (and the column's own `_name`, `_column`,
   * `_sourceColumn`), resolved against the table's URL as the processor resolves it.
   */
  template(t: IriTemplate, col?: Column): CsvwTemplate {
    const { table } = this.csvw;
    const fixed: Record<string, string> = col ? columnVariables(col, table.dialect.skipColumns) : {};
    const base = table.url;
    const pieces = simplePieces(t.source);
    if (!pieces || !stable(pieces) || pieces.some((p) => typeof p !== 'string' && p.name in fixed)) {
      const value = (name: string, cells: readonly string[]): string | string[] | undefined => {
        if (name in fixed) return fixed[name];
        const j = this.byName.get(name);
        if (j === undefined) return undefined;
        const { cell } = this.readers[j]!(cells);
        if (cell.values === null) return undefined;
        const vs = cell.values.map((v) => v.lexical);
        return cell.list ? vs : vs[0];
      };
      const names = variableNames(t.source);
      return (cells) => {
        const vars: Record<string, unknown> = {};
        for (const n of names) vars[n] = value(n, cells);
        return expand(t.source, vars, base);
      };
    }
    // Plain expressions after an absolute http(s) IRI's path has begun: when every value is a
    // plain segment, the resolved IRI is the text itself (URL would change nothing).
    const parts = pieces.map((p) => (typeof p === 'string' ? p : this.encoder(p.name, p.reserved)));
    const count = parts.length;
    return (cells) => {
      let out = '';
      let fast = true;
      for (let i = 0; i < count; i++) {
        const p = parts[i]!;
        if (typeof p === 'string') out += p;
        else {
          const v = p(cells);
          if (!v.plain) fast = false;
          out += v.text;
        }
      }
      if (fast) return out;
      try {
        return new URL(out, base).href;
      } catch {
        return out || undefined;
      }
    };
  }
}

/** A bounded cache by cell text (or IRI): the value made once per distinct key. */
function memo<T>(): (key: string, make: () => T) => T {
  const cache = new Map<string, T>();
  return (key, make) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = make();
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}

const PLAIN = /^[A-Za-z0-9_~-][A-Za-z0-9._~%-]*$/;

type Piece = string | { readonly name: string; readonly reserved: boolean };

/** A template of constant text and `{name}` / `{+name}` expressions only, split; undefined otherwise. */
function simplePieces(source: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of source.matchAll(/\{([^}]*)\}/g)) {
    const body = m[1]!;
    const reserved = body.startsWith('+');
    const name = reserved ? body.slice(1) : body;
    if (!/^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*$/.test(name)) return undefined;
    if (m.index > last) pieces.push(source.slice(last, m.index));
    pieces.push({ name, reserved });
    last = m.index + m[0].length;
  }
  if (last < source.length) pieces.push(source.slice(last));
  if (source.slice(last).includes('{') || source.slice(last).includes('}')) return undefined;
  return pieces;
}

/**
 * Whether the pieces can skip URL resolution: constant text that starts an absolute http(s)
 * IRI with its host and the path begun, and that URL leaves unchanged with plain values in.
 */
function stable(pieces: readonly Piece[]): boolean {
  const first = pieces[0];
  if (typeof first !== 'string' || !/^https?:\/\/[a-z0-9.-]+(:\d+)?\//.test(first)) return false;
  const sample = pieces.map((p) => (typeof p === 'string' ? p : 'x')).join('');
  try {
    return new URL(sample).href === sample;
  } catch {
    return false;
  }
}

/** RFC 6570 simple expansion (`{name}`): everything but the unreserved characters percent-encoded, as a mapping's segments are. */
const encodeUnreserved = encodeSegment;

/** RFC 6570 reserved expansion (`{+name}`), as url-template does it. */
const RESERVED = parseTemplate('{+v}');
const encodeReserved = (s: string): string => RESERVED.expand({ v: s });
