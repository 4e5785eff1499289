import { NS } from '../rdf/ns.js';
import { grouped } from '../diagnostics/numbers.js';

/** SPARQL 1.1 Query Results JSON, as the store writes it. */
export interface SparqlJson {
  readonly head: { readonly vars?: readonly string[] };
  readonly results?: { readonly bindings: readonly Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>[] };
  readonly boolean?: boolean;
}

const NUMERIC = /#(integer|decimal|double|float|nonNegativeInteger|long|int)$/;
const MAX_WIDTH = 60;
const LABEL_WIDTH = 40;

export interface TableOptions {
  /** Cut nothing (by default long literals and labels are cut; IRIs never are). */
  readonly wide?: boolean;
  /** Labels of IRIs (rdfs:label or skos:prefLabel in the data), shown beside them. */
  readonly labels?: ReadonlyMap<string, string>;
}

/**
 * Results as an aligned text table for people: IRIs shortened with the known prefixes and
 * never cut (so they can be copied), with their label beside them when the data has one;
 * literals as their values, numbers right-aligned, long literals cut with an ellipsis.
 */
export function resultsTable(r: SparqlJson, prefixes: ReadonlyMap<string, string> = defaultPrefixes(), opts: TableOptions = {}): string {
  const cut = (s: string, max: number): string => (opts.wide ? s.replace(/\s+/g, ' ') : cutTo(s, max));
  if (r.boolean !== undefined) return `${r.boolean ? 'yes' : 'no'}\n`;
  const vars = r.head.vars ?? [];
  const rows = (r.results?.bindings ?? []).map((b) => vars.map((v) => {
    const t = b[v];
    if (!t) return { text: '', numeric: false };
    if (t.type === 'uri') {
      const label = opts.labels?.get(t.value);
      return { text: `${compact(t.value, prefixes)}${label ? ` ${cut(label, LABEL_WIDTH)}` : ''}`, numeric: false };
    }
    const text = t.type === 'bnode' ? `_:${t.value}` : t.value;
    return { text: cut(text, MAX_WIDTH), numeric: NUMERIC.test(t.datatype ?? '') };
  }));
  const widths = vars.map((v, i) => Math.max(v.length, ...rows.map((row) => [...row[i]!.text].length)));
  const pad = (s: string, w: number, right: boolean) => (right ? s.padStart(w) : s.padEnd(w));
  const line = (cells: string[]) => cells.join('  ').trimEnd();
  const out = [line(vars.map((v, i) => pad(v, widths[i]!, false))), line(widths.map((w) => '─'.repeat(w)))];
  for (const row of rows) out.push(line(row.map((c, i) => pad(c.text, widths[i]!, c.numeric))));
  out.push('', `${grouped(rows.length)} row${rows.length === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}

function cutTo(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}

/** An IRI as a prefixed name with the longest namespace that leaves a plain local name, else in full. */
export function compact(iri: string, prefixes: ReadonlyMap<string, string>): string {
  let best: [string, string] | undefined;
  for (const [p, ns] of prefixes) if (iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [p, ns];
  if (!best) return `<${iri}>`;
  const local = iri.slice(best[1].length);
  return /^[\w.-]*$/.test(local) ? `${best[0]}:${local}` : `<${iri}>`;
}

function defaultPrefixes(): Map<string, string> {
  return new Map(Object.entries(NS));
}
