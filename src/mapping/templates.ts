import type { Span } from '../diagnostics/diagnostic.js';
import type { IriTemplate, TemplateFilter, TemplatePart } from './model.js';

const FILTERS: readonly TemplateFilter[] = ['slug', 'lower', 'upper', 'raw', 'code'];

export type TemplateResult = { readonly template: IriTemplate } | { readonly error: string };

/**
 * Splits `code:offence-group/{Offence Group|slug}` into text and references once, so the
 * row loop only concatenates. Names may contain spaces (CSV headers do).
 */
export function parseTemplate(source: string, span: Span): TemplateResult {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{', i);
    const close = source.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) return { error: `unmatched '}' at character ${close + 1}` };
    if (open === -1) {
      parts.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: source.slice(i, open) });
    const end = source.indexOf('}', open);
    if (end === -1) return { error: `'{' at character ${open + 1} is never closed` };
    const inner = source.slice(open + 1, end);
    if (inner.includes('{')) return { error: `nested '{' at character ${open + 1}` };
    const [rawName = '', rawFilter, extra] = inner.split('|');
    const name = rawName.trim();
    if (name === '') return { error: `empty reference '{}' at character ${open + 1}` };
    if (extra !== undefined) return { error: `only one filter is allowed in '{${inner}}'` };
    const filter = rawFilter?.trim();
    if (filter !== undefined && !FILTERS.includes(filter as TemplateFilter)) {
      return { error: `unknown filter '${filter}' in '{${inner}}'; filters: ${FILTERS.join(', ')}` };
    }
    parts.push(filter === undefined ? { kind: 'ref', name } : { kind: 'ref', name, filter: filter as TemplateFilter });
    i = end + 1;
  }
  return { template: { source, parts, span } };
}

export const templateRefs = (t: IriTemplate): string[] =>
  t.parts.flatMap((p) => (p.kind === 'ref' ? [p.name] : []));

/** Replaces the references that are known now (base, id, dataset) by their text. */
export function bindTemplate(t: IriTemplate, known: ReadonlyMap<string, string>): IriTemplate {
  const parts: TemplatePart[] = [];
  for (const p of t.parts) {
    const value = p.kind === 'ref' && p.filter === undefined ? known.get(p.name) : undefined;
    const part: TemplatePart = value === undefined ? p : { kind: 'text', text: value };
    const last = parts[parts.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + part.text };
    else parts.push(part);
  }
  return { ...t, parts };
}
