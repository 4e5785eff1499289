/**
 * A real Virtuoso for the integration tests (issue 6): the Debian package's `virtuoso-t`,
 * a new database in a temp folder, SQL and HTTP bound to 127.0.0.1 on free ports. A new
 * database has the user dba/dba; its Graph Store endpoint is /sparql-graph-crud-auth (digest).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const VIRTUOSO_BIN = 'virtuoso-t';

export function virtuosoInstalled(): boolean {
  return spawnSync('sh', ['-c', `command -v ${VIRTUOSO_BIN}`]).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class Virtuoso {
  private process: ChildProcess | undefined;

  private constructor(readonly dir: string, readonly httpPort: number, private readonly ini: string) {}

  static async create(dir: string): Promise<Virtuoso> {
    mkdirSync(dir, { recursive: true });
    const [sql, http] = [await freePort(), await freePort()];
    const ini = join(dir, 'virtuoso.ini');
    writeFileSync(ini, `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:${sql}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., ${dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:${http}
ServerRoot = ${dir}
ServerThreads = 4
MaxClientConnections = 4
EnabledGzipContent = 0
`);
    const v = new Virtuoso(dir, http, ini);
    await v.start();
    return v;
  }

  get base(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get graphStore(): string {
    return `${this.base}/sparql-graph-crud-auth`;
  }

  async start(): Promise<void> {
    this.process = spawn(VIRTUOSO_BIN, ['+foreground', '+configfile', this.ini], { cwd: this.dir, stdio: 'ignore' });
    for (let i = 0; i < 120; i++) {
      await sleep(250);
      try {
        const res = await fetch(`${this.base}/sparql?query=${encodeURIComponent('ASK {}')}`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
    }
    throw new Error('Virtuoso did not start within 30 s');
  }

  /** Stops the server by its pid; `kill` is SIGKILL for a crash, SIGTERM for a clean stop. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.process;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill(signal);
    await Promise.race([exited, sleep(15_000)]);
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    this.process = undefined;
  }

  /** A SELECT on the SPARQL endpoint, as SPARQL JSON results. */
  async select(query: string): Promise<{ head: { vars: string[] }; results: { bindings: Record<string, { type: string; value: string; datatype?: string }>[] }; boolean?: boolean }> {
    const send = () => fetch(`${this.base}/sparql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query }).toString(),
    });
    // Virtuoso may close a kept-alive connection between two tests ("other side closed"): ask again.
    const res = await send().catch(async () => {
      await sleep(200);
      return send();
    });
    if (!res.ok) throw new Error(`Virtuoso: HTTP ${res.status}: ${await res.text()}`);
    return res.json() as never;
  }

  async count(graph: string): Promise<number> {
    const r = await this.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
    return Number(r.results.bindings[0]?.['n']?.value ?? 0);
  }
}
