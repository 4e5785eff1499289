import type { Code } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/suggest.js';
import type { CellRule, ConstTerm, MarkerCode, Resolver, StripCode, ValueRule } from '../mapping/model.js';
import { encodeSegment, isValidIri, slugify } from '../rdf/iri.js';
import { gssIri } from '../rdf/ns.js';
import { iri, literal, namedNode } from '../rdf/term.js';
import type { ColumnResolver } from './columns.js';
import { gssCode, policeForceArea, policeForceAreaNames } from './geography.js';
import { cleanLabel, labelKey } from './labels.js';
import { keyOf, type Bound, type CellFailure, type Resolved } from './outcome.js';
import { parsePeriod } from './period.js';
import { compileTemplate, render } from './template.js';
import { notationOf, SCHEMES } from '../codelists/registry.js';
import { schemeMatcher } from '../codelists/matcher.js';
import { TooManyCodes, type GeneratedCodes } from './generated.js';
import { templateRefs } from '../mapping/templates.js';
import type { CsvwCellReader } from './csvw-cells.js';

export type Evaluate = (cells: readonly string[]) => Resolved;

const CACHE_LIMIT = 50_000;
const SERIES_BREAK = /^(\d{4})\s?[a-z]$/;
const BREAK: readonly MarkerCode[] = ['b'];

/** A shipped concept is keyed by its notation (short and stable); any other IRI by its last segment. */
const keyOfIri = (value: string): string => {
  const notation = notationOf(value);
  return notation === undefined ? keyOf(value) : encodeSegment(notation);
};

export function constantBound(term: ConstTerm): Bound {
  if (term.termType === 'NamedNode') return { term: iri(term.value), key: keyOfIri(term.value) };
  const lit = term.language ? literal(term.value, term.language) : literal(term.value, namedNode(term.datatype));
  return { term: lit, key: slugify(term.value) };
}

/** Compiles a value rule to a closure; lookups, regexes and caches are built here, once. */
export function compileRule(rule: ValueRule, columns: ColumnResolver, generated: GeneratedCodes, csvw?: CsvwCellReader): Evaluate {
  if (rule.kind === 'cell' && rule.resolver.kind === 'csvw') {
    if (!csvw) throw new Error('a CSVW column outside a CSVW table');
    return csvw.evaluate(rule.resolver.column, rule.resolver.valueUrl);
  }
  if (rule.kind === 'constant') {
    const bound = constantBound(rule.term);
    return () => bound;
  }
  if (rule.kind === 'cell') return compileCell(rule, columns, generated);
  const alternatives = rule.alternatives.map((alt) => ({ index: columns.index(alt.columns[0]!), evaluate: compileCell(alt, columns, generated) }));
  const skip = new Set(rule.skip.map((s) => s.trim()));
  const names = rule.alternatives.map((a) => a.columns[0]!.name);
  return (cells) => {
    for (const alt of alternatives) {
      if (!skip.has((cells[alt.index] ?? '').trim())) return alt.evaluate(cells);
    }
    return fail('JL308', `every column of firstOf (${names.join(', ')}) is empty or a skip token`, alternatives[0]?.index ?? 0, cells[alternatives[0]?.index ?? 0] ?? '');
  };
}

const fail = (code: Code, message: string, column: number, value: string): CellFailure => ({ code, message, column, value });

function compileCell(rule: CellRule, columns: ColumnResolver, generated: GeneratedCodes): Evaluate {
  const indexes = rule.columns.map((c) => columns.index(c));
  const first = indexes[0] ?? -1;
  const missing = byLabel(rule.missing);
  const aliases = byLabel(rule.aliases);
  const strip = rule.resolver.kind === 'period' ? false : rule.stripCode;
  // Literal text (comments, notes) keeps its line breaks; codes and names are folded for matching.
  const literalText = rule.resolver.kind === 'literal';
  const columnNames = rule.columns.map((c) => c.name).join(' + ');
  const resolve = compileResolver(rule.resolver, columns, strip, rule.keepCode, first, generated, columnNames);
  // Results are cached by cell text, unless a template also reads other columns.
  const own = new Set(rule.columns.map((c) => c.name));
  const template = rule.resolver.kind === 'template' ? rule.resolver.template : rule.resolver.kind === 'map' ? rule.resolver.fallback : undefined;
  const cacheable = !template || templateRefs(template).every((name) => own.has(name));
  const cache = new Map<string, Resolved>();
  const pattern = rule.pattern === undefined ? undefined : new RegExp(rule.pattern, 'u');
  const second = indexes.length === 2 ? indexes[1]! : -1;
  // The last cell and its result: a release sorted by its dimensions repeats a cell row after
  // row, and comparing two short strings is cheaper than hashing a new one for the table.
  let lastWhole: string | undefined;
  let lastResult: Resolved | undefined;
  return (cells) => {
    const whole = indexes.length === 1 ? (cells[first] ?? '') : second >= 0 ? `${cells[first] ?? ''} ${cells[second] ?? ''}` : indexes.map((i) => cells[i] ?? '').join(' ');
    if (whole === lastWhole) return lastResult!;
    const hit = cacheable ? cache.get(whole) : undefined;
    if (hit) {
      lastWhole = whole;
      lastResult = hit;
      return hit;
    }
    let raw = whole;
    if (pattern) {
      // The part of the cell this component reads: the first group that captured.
      const m = pattern.exec(whole);
      if (!m) return fail('JL315', `${JSON.stringify(whole)} in ${columnNames} does not match the pattern ${pattern.source}`, first, whole);
      raw = m.slice(1).find((g) => g !== undefined) ?? '';
    }
    const trimmed = raw.trim();
    const clean = cleanLabel(trimmed, strip, literalText);
    const action = missing.get(trimmed) ?? missing.get(labelKey(clean.label));
    // An alias may name what a blank cell means (`values: {"": Not applicable}`).
    const alias = action ? undefined : aliases.get(trimmed) ?? aliases.get(labelKey(clean.label));
    let result: Resolved;
    if (action) result = action.kind === 'omit' ? { omit: true, token: trimmed } : { term: iri(action.iri), key: keyOfIri(action.iri) };
    else if (alias?.kind === 'term') result = { term: iri(alias.iri), key: keyOfIri(alias.iri) };
    else if (alias) {
      const read = cleanLabel(alias.label, strip, literalText);
      result = resolve(read.label, cells, read.code);
    } else if (trimmed === '') result = fail('JL308', `the cell of ${columnNames} is empty and \`missing\` or \`values\` says nothing for blank cells`, first, raw);
    else result = resolve(clean.label, cells, clean.code);
    if (cacheable) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(whole, result);
      lastWhole = whole;
      lastResult = result;
    }
    return result;
  };
}

/** A table of `missing:` tokens or aliases by the cell as written and by its matching key (case, `&`, code prefix folded). */
function byLabel<T>(table: ReadonlyMap<string, T>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [label, value] of table) {
    out.set(label.trim(), value);
    out.set(labelKey(cleanLabel(label, true).label), value);
  }
  return out;
}

/** `code`: the prefix stripped from the label, if any. */
type LabelResolver = (label: string, cells: readonly string[], code?: string) => Resolved;

function compileResolver(r: Resolver, columns: ColumnResolver, stripCode: StripCode, keepCode: boolean, column: number, generated: GeneratedCodes, columnName: string): LabelResolver {
  switch (r.kind) {
    case 'codelist': {
      const scheme = r.def ?? SCHEMES.get(r.scheme)!;
      const match = schemeMatcher(scheme);
      return (label) => {
        const m = match(label);
        if ('iri' in m) return { term: iri(m.iri), key: encodeSegment(m.concept.notation) };
        const list = m.candidates.map((c) => `"${c}"`).join(', ');
        return m.error === 'ambiguous'
          ? fail('JL313', `"${label}" could be any of ${list} in code list '${scheme.id}'`, column, label)
          : fail('JL312', `"${label}" is not in code list '${scheme.id}'${list ? `; nearest: ${list}` : ''}`, column, label);
      };
    }
    case 'generated': {
      const concepts = generated.scheme(r.scheme, r.label);
      // With keepCode, the release's code names the concept: `153 Murder` and `154 Murder` stay two.
      return (label, _cells, code) => {
        const slug = keepCode && code ? slugify(code) : slugify(label);
        if (!concepts.has(slug)) {
          if (concepts.size >= generated.maxCodes) throw new TooManyCodes(column, columnName, label, generated.maxCodes);
          concepts.set(slug, { label, notation: keepCode && code ? code : slug });
        }
        return { term: iri(`${r.conceptBase}${slug}`), key: slug };
      };
    }
    case 'period':
      return (label) => {
        // A letter after a year (`2009a`) marks a break in the series: the year, with [b].
        const broken = SERIES_BREAK.exec(label);
        const p = parsePeriod(broken ? broken[1]! : label, r.style, r.yearEnding);
        if (!p) return fail('JL304', `"${label}" is not a ${r.style === 'auto' ? 'period label' : r.style} this tool recognises`, column, label);
        return broken ? { term: iri(p.iri), key: p.key, markers: BREAK } : { term: iri(p.iri), key: p.key };
      };
    case 'geography':
      return r.type === 'police-force-area'
        ? (label) => {
            const g = policeForceArea(label);
            if ('gss' in g) return { term: iri(gssIri(g.gss)), key: g.gss };
            const near = closest(label, policeForceAreaNames());
            return fail(g.error, `${g.detail}${near.length ? `; nearest: ${near.join(', ')}` : ''}`, column, label);
          }
        : (label) => {
            const g = gssCode(label, r.entities);
            return 'gss' in g ? { term: iri(gssIri(g.gss)), key: g.gss } : fail(g.error, g.detail, column, label);
          };
    case 'literal':
      return (label) => ({ term: r.language ? literal(label, r.language) : literal(label, namedNode(r.datatype)), key: slugify(label) });
    case 'template': {
      const pieces = compileTemplate(r.template, { columns, stripCode });
      return (label, cells) => generated.describe(minted(render(pieces, cells, []), column), label);
    }
    case 'map': {
      const table = new Map<string, Bound>();
      for (const [label, target] of r.values) table.set(labelKey(cleanLabel(label, stripCode).label), { term: iri(target), key: keyOfIri(target) });
      const labels = [...r.values.keys()];
      const fallback = r.fallback && compileTemplate(r.fallback, { columns, stripCode });
      return (label, cells) => {
        const hit = table.get(labelKey(label));
        if (hit) return hit;
        if (fallback) return generated.describe(minted(render(fallback, cells, []), column), label);
        const near = closest(label, labels);
        return fail('JL307', `"${label}" is not in the value map${near.length ? `; nearest: ${near.map((n) => `"${n}"`).join(', ')}` : ''}`, column, label);
      };
    }
    case 'csvw':
      throw new Error('a CSVW column is compiled by its table (csvw-cells.ts)');
  }
}

function minted(value: string, column: number): Resolved {
  return isValidIri(value) ? { term: iri(value), key: keyOf(value) } : fail('JL110', `the template made ${JSON.stringify(value)}, which is not a valid IRI`, column, value);
}
