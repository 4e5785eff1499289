import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { parse as ParseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import type { ConceptDef } from '../codelists/model.js';
import { slugify } from '../rdf/iri.js';
import { grouped } from '../diagnostics/numbers.js';

const require = createRequire(import.meta.url);
/** csv-parse's sync parser, loaded on use: only mappings with a code list in a CSV file need it. */
const csvParser = (): typeof ParseCsv => (require('csv-parse/sync') as { parse: typeof ParseCsv }).parse;

/** A concept as a code-list file writes it. */
interface FileConcept {
  readonly label: string;
  readonly notation?: string;
  readonly parent?: string;
  readonly order?: number;
  readonly description?: string;
  /** 1-based row (CSV) or item (YAML) number, for messages. */
  readonly at: number;
}

/** Size limits: a code list is a few thousand concepts, never a data file. */
const MAX_BYTES = 8 << 20;
const MAX_CONCEPTS = 100_000;

/**
 * Reads a publisher's own code list from a CSV (columns label, notation, parent, sort order
 * or order, description; names are matched without regard to case) or a YAML list of
 * `{label, notation, parent, order, description}`. Concepts are ordered by `order`, then as
 * written; `parent` names another concept by label or notation. IRIs come from label slugs.
 */
export function readCodeListFile(path: string, name = path, base: readonly ConceptDef[] = []): { concepts: ConceptDef[] } | { error: string } {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_BYTES) return { error: `${name} is over 8 MB: a code list, not a data file, is expected` };
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    return { error: `cannot read ${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}` };
  }
  const read = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? fromYaml(text) : fromCsv(text);
  if ('error' in read) return read;
  if (read.items.length === 0) return { error: `${name} lists no concepts` };
  if (read.items.length > MAX_CONCEPTS) return { error: `${name} lists more than ${grouped(MAX_CONCEPTS)} concepts` };
  return toConcepts(read.items, name, base);
}

function fromCsv(text: string): { items: FileConcept[] } | { error: string } {
  let rows: Record<string, string>[];
  try {
    rows = csvParser()(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true }) as Record<string, string>[];
  } catch (err) {
    return { error: `not a readable CSV: ${(err as Error).message}` };
  }
  if (rows.length > 0 && !('label' in rows[0]!)) return { error: 'the CSV needs a `label` column (and may have notation, parent, sort order, description)' };
  return {
    items: rows.map((r, i) => {
      const order = r['sort order'] ?? r['order'] ?? r['sort_order'];
      return {
        label: (r['label'] ?? '').trim(), at: i + 2,
        ...(r['notation']?.trim() ? { notation: r['notation'].trim() } : {}),
        ...(r['parent']?.trim() ? { parent: r['parent'].trim() } : {}),
        ...(order?.trim() ? { order: Number(order) } : {}),
        ...(r['description']?.trim() ? { description: r['description'].trim() } : {}),
      };
    }),
  };
}

function fromYaml(text: string): { items: FileConcept[] } | { error: string } {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    return { error: `not readable YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  const list = Array.isArray(doc) ? doc : (doc as { concepts?: unknown } | null)?.concepts;
  if (!Array.isArray(list)) return { error: 'the YAML must be a list of concepts, or have a `concepts:` list' };
  const items: FileConcept[] = [];
  for (const [i, raw] of list.entries()) {
    const c = (typeof raw === 'string' ? { label: raw } : raw) as Record<string, unknown> | null;
    if (!c || typeof c !== 'object') return { error: `item ${i + 1} is not a concept` };
    const str = (k: string): string | undefined => (c[k] === undefined || c[k] === null ? undefined : String(c[k]).trim());
    items.push({
      label: str('label') ?? '', at: i + 1,
      ...(str('notation') ? { notation: str('notation')! } : {}),
      ...(str('parent') ? { parent: str('parent')! } : {}),
      ...(c['order'] !== undefined ? { order: Number(c['order']) } : {}),
      ...(str('description') ? { description: str('description')! } : {}),
    });
  }
  return { items };
}

/** `base`: the concepts of a shipped list being extended; parents may name them, labels may not repeat them. */
function toConcepts(items: readonly FileConcept[], path: string, base: readonly ConceptDef[]): { concepts: ConceptDef[] } | { error: string } {
  const where = (c: FileConcept): string => `${path}, ${extname(path).toLowerCase() === '.csv' ? 'line' : 'item'} ${c.at}`;
  const bySlug = new Map<string, FileConcept>();
  const byName = new Map<string, string>();
  const shipped = new Set(base.map((c) => c.slug));
  for (const c of base) for (const name of [c.label, c.notation]) byName.set(name.toLowerCase(), c.slug);
  for (const c of items) {
    if (c.label === '') return { error: `${where(c)}: a concept needs a label` };
    if (c.order !== undefined && !Number.isFinite(c.order)) return { error: `${where(c)}: order must be a number` };
    const slug = slugify(c.label);
    if (shipped.has(slug)) return { error: `${where(c)}: "${c.label}" is already in the list it extends` };
    if (bySlug.has(slug)) return { error: `${where(c)}: "${c.label}" is listed twice (labels name concepts, so each must differ)` };
    bySlug.set(slug, c);
    for (const name of [c.label, c.notation]) if (name !== undefined) byName.set(name.toLowerCase(), slug);
  }
  const notations = new Set<string>(base.map((c) => c.notation));
  const concepts: ConceptDef[] = [];
  const ordered = [...items].map((c, i) => ({ c, i })).sort((a, b) => (a.c.order ?? Infinity) - (b.c.order ?? Infinity) || a.i - b.i);
  for (const { c } of ordered) {
    const slug = slugify(c.label);
    const notation = c.notation ?? slug;
    if (notations.has(notation)) return { error: `${where(c)}: notation "${notation}" is used twice` };
    notations.add(notation);
    const broader = c.parent === undefined ? undefined : byName.get(c.parent.toLowerCase());
    if (c.parent !== undefined && broader === undefined) return { error: `${where(c)}: parent "${c.parent}" is not a label or notation of this list` };
    if (broader === slug) return { error: `${where(c)}: "${c.label}" cannot be its own parent` };
    concepts.push({ slug, notation, label: c.label, ...(c.description ? { definition: c.description } : {}), ...(broader ? { broader } : {}) });
  }
  // A cycle of parents would make the hierarchy endless.
  const parentOf = new Map([...base, ...concepts].map((c) => [c.slug, c.broader]));
  for (const c of concepts) {
    const seen = new Set<string>();
    for (let s: string | undefined = c.slug; s; s = parentOf.get(s)) {
      if (seen.has(s)) return { error: `${path}: the parents of "${c.label}" go round in a circle` };
      seen.add(s);
    }
  }
  return { concepts };
}
