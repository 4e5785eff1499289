import { request } from 'undici';
import { QueryFailed, iriRef, type DataSource } from './source.js';

/**
 * A SPARQL 1.1 endpoint (Virtuoso, say) that `publish` filled: for releases larger than the
 * embedded store holds. Credentials, when the endpoint needs them, come from the same
 * environment variables as `publish`'s (JLOD_USER, JLOD_PASSWORD), are sent by Basic
 * authentication only over https or to this machine, and are never printed.
 */
export class RemoteSource implements DataSource {
  constructor(private readonly endpoint: string, private readonly auth?: string) {}

  static fromEnv(endpoint: string): RemoteSource {
    const user = process.env['JLOD_USER'];
    const password = process.env['JLOD_PASSWORD'];
    const url = new URL(endpoint);
    const safe = url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return new RemoteSource(endpoint, user && safe ? `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}` : undefined);
  }

  async run(sparql: string, format: string, timeoutMs: number): Promise<string> {
    let res;
    try {
      res = await request(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: format,
          ...(this.auth ? { authorization: this.auth } : {}),
        },
        body: new URLSearchParams({ query: sparql }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new QueryFailed(`the query took longer than ${timeoutMs / 1000} s and was stopped`, 504);
      throw new QueryFailed(`the SPARQL endpoint did not answer: ${e.message}`, 502);
    }
    const text = await res.body.text();
    if (res.statusCode >= 400) throw new QueryFailed(`the SPARQL endpoint answered ${res.statusCode}: ${text.split('\n').find((l) => l.trim())?.slice(0, 300) ?? ''}`, res.statusCode < 500 ? 400 : 502);
    return text;
  }

  /** The CBD by CONSTRUCT (stores differ in what DESCRIBE returns): the IRI's triples and two levels of blank nodes. */
  describe(iri: string): Promise<string> {
    const s = iriRef(iri);
    return this.run(
      `CONSTRUCT { ${s} ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { ${s} ?p ?o OPTIONAL { FILTER(isBlank(?o)) ?o ?p2 ?o2 OPTIONAL { FILTER(isBlank(?o2)) ?o2 ?p3 ?o3 } } }`,
      'application/n-triples', 30_000,
    );
  }

  async close(): Promise<void> {}
}
