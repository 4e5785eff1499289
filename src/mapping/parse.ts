import { readFile } from 'node:fs/promises';
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Span } from '../diagnostics/diagnostic.js';

/** A parsed mapping file that can say where each value sits in the source text. */
export interface LocatedDocument {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  /** Span of the value at `path`, or of its key when `key` is true; falls back to the nearest parent. */
  spanOf(path: readonly (string | number)[], key?: boolean): Span;
}

export interface Parsed {
  readonly document?: LocatedDocument;
  readonly diagnostics: readonly Diagnostic[];
}

export async function parseMappingFile(file: string, what = 'mapping'): Promise<Parsed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((err as Error).message);
    return { diagnostics: [diagnostic('JL100', `cannot read ${what} ${file}: ${reason}`, { span: { file, line: 0 } })] };
  }
  return parseMapping(file, text);
}

/** Parses YAML text, keeping positions; YAML errors become JL101 diagnostics. */
export function parseMapping(file: string, text: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toSpan = (offset: number, end?: number): Span => {
    const a = lineCounter.linePos(offset);
    const b = end === undefined ? undefined : lineCounter.linePos(end);
    return { file, line: a.line - 1, column: a.col - 1, ...(b ? { endLine: b.line - 1, endColumn: b.col - 1 } : {}) };
  };
  const errors = doc.errors.map((e) => {
    const span = toSpan(e.pos[0], e.pos[1]);
    // The YAML library's words for a repeated key read like a syntax slip; say what it is.
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^\s*("[^"]*"|'[^']*'|[^:#\s][^:#]*?)\s*:/.exec(text.slice(e.pos[0]))?.[1] ?? 'this key';
      return diagnostic('JL101', `duplicate key ${key.startsWith('"') || key.startsWith("'") ? key : `'${key}'`}: it is already given above, in the same map`, { span, hint: 'A key may appear once in a map: remove one of the two, or merge their values.' });
    }
    return diagnostic('JL101', e.message.split('\n')[0] ?? e.message, { span });
  });
  if (errors.length > 0) return { diagnostics: errors };
  // An alias inside the value it names (`a: &x [*x]`) makes a value that contains itself.
  let circular: Diagnostic | undefined;
  visit(doc, { Alias: (_key, node, path) => {
    if (!path.some((p) => isNode(p) && p.anchor === node.source)) return undefined;
    circular = diagnostic('JL101', `the alias *${node.source} stands inside the value &${node.source} names, so that value would contain itself`, { span: node.range ? toSpan(node.range[0], node.range[1]) : { file, line: 0 } });
    return visit.BREAK;
  } });
  if (circular) return { diagnostics: [circular] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // Aliases that expand exponentially (a "billion laughs" file) stop here, at the first alias.
    let at: Span = { file, line: 0 };
    visit(doc, { Alias: (_key, node) => {
      if (node.range) at = toSpan(node.range[0], node.range[1]);
      return visit.BREAK;
    } });
    return { diagnostics: [diagnostic('JL101', `the YAML's aliases (*name) expand too far: ${(err as Error).message}; write the repeated values out, or use fewer aliases`, { span: at })] };
  }
  return {
    document: { file, text, data, spanOf: (path, key) => locate(doc, path, key ?? false, toSpan) },
    diagnostics: [],
  };
}

/** How far aliases may expand (the yaml library's guard against exponential expansion). */
const MAX_ALIAS_COUNT = 100;

function locate(
  doc: Document,
  path: readonly (string | number)[],
  key: boolean,
  toSpan: (a: number, b?: number) => Span,
): Span {
  for (let n = path.length; n >= 0; n--) {
    const head = path.slice(0, n);
    const target = key && n === path.length ? keyNode(doc, head) : (doc.getIn(head, true) as Node | undefined);
    const range = target?.range;
    if (range) return toSpan(range[0], range[1]);
  }
  return toSpan(0);
}

/** The key node of the last path element, so an unknown key is underlined itself. */
function keyNode(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const parent = doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === last) return item.key;
  }
  return undefined;
}
