import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { LocatedDocument } from './parse.js';
import { grouped } from '../diagnostics/numbers.js';

/** schema/mapping.schema.json: the same file editors use for completion (`$schema`). */
export const SCHEMA_URL = new URL('../../schema/mapping.schema.json', import.meta.url);
/** schema/release.schema.json, for release files. */
export const RELEASE_SCHEMA_URL = new URL('../../schema/release.schema.json', import.meta.url);

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The schemas compiled at build time (scripts/schema-validators.mjs writes them into dist/);
 * run from the sources (the tests), they are compiled here with the same options.
 */
const precompiled = (await import(new URL('./schema-validators.js', import.meta.url).href).catch(() => undefined)) as Readonly<Record<'mapping' | 'release', Validate>> | undefined;
const validators = new Map<string, Validate>();

async function compiled(schema: URL): Promise<Validate> {
  const { default: AjvModule } = await import('ajv');
  const Ajv = AjvModule as unknown as typeof AjvModule.default;
  return new Ajv({ allErrors: true, verbose: true, strict: false }).compile(JSON.parse(readFileSync(schema, 'utf8')) as object) as Validate;
}
if (!precompiled) for (const url of [SCHEMA_URL, RELEASE_SCHEMA_URL]) validators.set(url.href, await compiled(url));

function getValidator(schema: URL): Validate {
  const built = precompiled?.[schema.href === SCHEMA_URL.href ? 'mapping' : 'release'];
  return built ?? validators.get(schema.href)!;
}

/** Checks the document against a JSON Schema (the mapping's by default); every error is located at its YAML node. */
export function checkSchema(doc: LocatedDocument, schema: URL = SCHEMA_URL): Diagnostic[] {
  const validate = getValidator(schema);
  const where = whereIn(schema === SCHEMA_URL ? 'the mapping' : 'the release file');
  if (validate(doc.data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const err of validate.errors ?? []) {
    const d = toDiagnostic(err, doc, where);
    const id = `${d.code}@${d.span?.line}:${d.span?.column}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return out;
}

function pathOf(pointer: string, data: unknown): (string | number)[] {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const p of parts) {
    const step = Array.isArray(node) ? Number(p) : p;
    path.push(step);
    node = (node as Record<string | number, unknown> | undefined)?.[step];
  }
  return path;
}

/** Where in the file: a dotted path, or the whole file (`noun`). */
const whereIn = (noun: string) => (path: readonly (string | number)[]): string => (path.length === 0 ? noun : `'${path.join('.')}'`);

function toDiagnostic(err: ErrorObject, doc: LocatedDocument, where: (path: readonly (string | number)[]) => string): Diagnostic {
  const path = pathOf(err.instancePath, doc.data);
  const span = doc.spanOf(path);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params['additionalProperty']);
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return diagnostic('JL102', `unknown key '${key}' in ${where(path)}.${didYouMean(key, allowed)}`, {
        span: doc.spanOf([...path, key], true),
        hint: `Allowed keys here: ${allowed.filter((k) => k !== '$schema').join(', ')}.`,
      });
    }
    case 'required':
      return diagnostic('JL104', `${where(path)} needs the key '${String(err.params['missingProperty'])}'`, { span });
    case 'type':
      return diagnostic('JL103', `${where(path)} must be ${article(String(err.params['type']))}, not ${describe(err.data)}`, { span });
    case 'const':
      if (path.length === 1 && path[0] === 'version') {
        return diagnostic('JL106', `mapping format version ${JSON.stringify(err.data)} is not supported (this tool reads version 1)`, { span });
      }
      return diagnostic('JL105', `${where(path)} must be ${JSON.stringify(err.params['allowedValue'])}`, { span });
    case 'enum': {
      const allowed = (err.params['allowedValues'] as unknown[]).map((v) => String(v));
      return diagnostic('JL105', `${where(path)} is ${JSON.stringify(err.data)}; allowed: ${allowed.join(', ')}.${didYouMean(String(err.data), allowed)}`, { span });
    }
    case 'propertyNames':
      return diagnostic('JL105', `key '${String(err.params['propertyName'])}' in ${where(path)} is not a valid name (letters, digits, - and _, starting with a letter)`, {
        span: doc.spanOf([...path, String(err.params['propertyName'])], true),
      });
    case 'pattern':
      if (err.propertyName !== undefined) return diagnostic('JL105', `key name not allowed in ${where(path)}`, { span });
      return diagnostic('JL105', `${where(path)} is ${quoted(err.data)}, which does not match ${String(err.params['pattern'])}`, { span });
    case 'maxLength':
      return diagnostic('JL105', `${where(path)} is ${grouped(String(err.data).length)} characters long; at most ${String(err.params['limit'])} are allowed`, { span });
    default:
      return diagnostic('JL103', `${where(path)} ${err.message ?? 'is not valid'}`, { span });
  }
}

/** A value as a message shows it: quoted, and cut short when long (a message is not a dump). */
const quoted = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}…" (${grouped(String(v).length)} characters)` : text;
};

const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
