import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tempDir } from './tmp.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
const MAPPINGS = ['court-outcomes-by-pfa', 'criminal-court-defendants', 'criminal-court-timeliness', 'proven-reoffending-by-la', 'sentence-outcomes-by-offence', 'sentenced-fines', 'sentencing-outcomes'];

/**
 * The two sample releases (January, then April with proven reoffending revised), written by the
 * real CLI into a temp folder: what `serve` is tested on.
 */
export function sampleReleases(): { work: string; current: string; previous: string } {
  const work = tempDir('jlod-serve-');
  const file = (id: string, version: string, issued: string, previous?: string, reoffending?: string): string => {
    const datasets = MAPPINGS.map((m) => `  - mapping: ${join(root, 'mappings', `${m}.yaml`)}${m === 'proven-reoffending-by-la' && reoffending ? `\n    csv: ${reoffending}` : ''}`);
    const path = join(work, `${id}.yaml`);
    writeFileSync(path, [`id: ${id}`, `version: ${version}`, `issued: ${issued}`, 'base: https://data.justice.gov.uk/', 'out: out', ...(previous ? [`previous: ${previous}`] : []), 'datasets:', ...datasets, ''].join('\n'));
    return path;
  };
  for (const args of [
    ['release', file('2025-01', 'January 2025', '2025-01-30'), '--quiet'],
    ['release', file('2025-04', 'April 2025', '2025-04-24', 'out/2025-01', join(root, 'samples/reoffending/proven-reoffending-by-la-2019-2022.csv')), '--quiet'],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`release failed: ${r.stderr}`);
  }
  return { work, current: join(work, 'out', '2025-04'), previous: join(work, 'out', '2025-01') };
}

export interface Served {
  readonly url: string;
  readonly process: ChildProcess;
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

/** `justice-lod serve` as a user starts it, on a free port; resolves once it prints its address. */
export function serve(release: string, args: string[] = []): Promise<Served> {
  return servedAt(spawn(process.execPath, [bin, 'serve', release, '--port', '0', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A started `serve` process (stderr piped): its address once it prints "Serving … at <url>/". */
export function servedAt(child: ChildProcess): Promise<Served> {
  return new Promise((resolve, reject) => {
    let err = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /at (http:\/\/[^\s/]+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!, process: child,
          stop: () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve stopped (exit ${code}): ${err}`));
    });
  });
}
