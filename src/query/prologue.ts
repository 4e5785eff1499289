/**
 * Queries without ceremony: every prefix the release's dumps declare (and the standard ones)
 * is declared for the query, unless the query declares it itself, so that
 * `SELECT ?s WHERE { ?s a qb:Observation }` runs as written. The declarations go on one line
 * before the query, and the parser's positions are moved back so errors point into the
 * query the user wrote.
 */
export function withPrefixes(sparql: string, prefixes: ReadonlyMap<string, string>): string {
  const declared = new Set([...sparql.matchAll(/\bPREFIX\s+([A-Za-z][\w.-]*)?:/gi)].map((m) => m[1] ?? ''));
  const missing = [...prefixes].filter(([p]) => !declared.has(p));
  if (missing.length === 0) return `\n${sparql}`;
  return `${missing.map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join(' ')}\n${sparql}`;
}

/**
 * A parse error as one readable line: its position in the query as written (`line 2,
 * column 7`), the prefix it does not know, or what the parser expected, without the Unicode
 * ranges of its grammar.
 */
export function readableQueryError(message: string, sparql: string): string {
  const m = /^error at (\d+):(\d+): ([\s\S]*)$/.exec(message.trim());
  if (!m) return message.split('\n')[0]!.slice(0, 300);
  const line = Number(m[1]) - 1; // the prologue line added by withPrefixes
  const column = Number(m[2]);
  const where = `line ${line}, column ${column}`;
  const text = sparql.split('\n')[line - 1] ?? '';
  if (m[3]!.includes('Prefix not found')) {
    // The position is the end of the prefixed name: the name is the word before it.
    const name = /([A-Za-z][\w.-]*)?:[\w.%-]*$/.exec(text.slice(0, column).trimEnd())?.[1];
    return `${where}: unknown prefix${name ? ` '${name}:'` : ''}; declare it with PREFIX, or use one the release declares`;
  }
  const expected = m[3]!
    .replace(/\[[^\]]*\]/g, '')
    .replace(/^expected one of\s*/i, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && !/^'/.test(s));
  const near = text.slice(Math.max(0, column - 1), column + 19).trim();
  return `${where}${near ? ` (at "${near}")` : ''}: ${expected.length ? `expected ${expected.slice(0, 6).join(', ')}` : 'the query does not parse here'}`;
}
