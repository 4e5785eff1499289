/** Where a Graph Store's companion SPARQL query and update services are. */
export interface Endpoints {
  readonly graphStore: string;
  readonly query: string;
  readonly update: string;
}

/**
 * The query and update URLs that go with a Graph Store Protocol URL, unless given: Virtuoso's
 * `/sparql-graph-crud-auth` pairs with `/sparql` (query) and `/sparql-auth` (update); Fuseki's
 * `/{dataset}/data` with `/{dataset}/sparql` and `/{dataset}/update`; otherwise `/sparql`.
 */
export function endpointsFor(graphStore: string, query?: string, update?: string): Endpoints {
  const u = new URL(graphStore);
  const at = (path: string) => new URL(path, u).toString();
  let q = at('/sparql');
  let up = q;
  if (/\/sparql-graph-crud-auth\/?$/.test(u.pathname)) up = at('/sparql-auth');
  else if (/\/data\/?$/.test(u.pathname)) {
    const base = u.pathname.replace(/\/data\/?$/, '');
    q = at(`${base}/sparql`);
    up = at(`${base}/update`);
  }
  return { graphStore, query: query ?? q, update: update ?? up };
}
