/** What a SPARQL query asks for, read from its first keyword after the prologue. */
export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** Whitespace, a comment, or a PREFIX or BASE declaration, at the start of the text. */
const PROLOGUE = /^(\s+|#[^\n]*(\n|$)|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)/i;

export function queryForm(sparql: string): QueryForm | undefined {
  let rest = sparql;
  for (let m = PROLOGUE.exec(rest); m && m[0].length > 0; m = PROLOGUE.exec(rest)) rest = rest.slice(m[0].length);
  return /^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(rest)?.[1]?.toUpperCase() as QueryForm | undefined;
}

/** Every full IRI written in the query, to tell which datasets it needs. */
export function mentionedIris(sparql: string): Set<string> {
  return new Set([...sparql.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!));
}
