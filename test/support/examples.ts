/**
 * The example commands the user sees: every `$ justice-lod …` (or `npx justice-lod …`) line in
 * a code block of the README, and every `$ …` line under "Examples:" in each command's
 * --help. The tests run each of them as written, in a project folder like the repository's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/justice-lod.js');
export const COMMANDS = ['release', 'diff', 'convert', 'init', 'check', 'preview', 'validate', 'query', 'publish', 'serve', 'explain'];

/** The user manual: the README, then the reference pages in docs/ (each code block closed in its file). */
export function manual(): string {
  const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(root, 'docs', f), 'utf8'));
  return [readFileSync(join(root, 'README.md'), 'utf8'), ...docs].join('\n');
}

/** Example command lines, `npx ` dropped, in order of appearance, each once. */
export function exampleCommands(): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const line of manual().split('\n')) {
    if (line.startsWith('```')) inBlock = !inBlock;
    else if (inBlock) {
      const m = /^\s*(?:\$ )?((?:[A-Z_]+=\S+ )*(?:npx )?justice-lod .*?)(?:\s+#.*)?$/.exec(line);
      if (m && (line.trimStart().startsWith('$ ') || line.trimStart().startsWith('npx '))) out.push(m[1]!);
    }
  }
  for (const command of ['', ...COMMANDS]) {
    const help = spawnSync(process.execPath, [bin, ...(command ? [command] : []), '--help'], { encoding: 'utf8' }).stdout;
    for (const line of help.split('\n')) if (line.trim().startsWith('$ ') && line.includes('justice-lod ')) out.push(line.trim().slice(2));
  }
  return [...new Set(out.map((c) => c.replace('npx justice-lod', 'justice-lod')))];
}

/** Whether an example starts a server that runs until stopped (`serve` without --check). */
export const serves = (command: string): boolean => / serve /.test(` ${command} `) && !command.includes('--check');

/** Whether an example talks to a triple store (run where the tests start one). */
export const publishes = (command: string): boolean => / publish |--publish /.test(` ${command} `);

/**
 * A project folder like the repository (mappings, samples, releases, schema, shapes, queries)
 * with `justice-lod` on the PATH; `run` executes a command line in it with sh.
 */
export function projectFolder(dir: string): { dir: string; run: (command: string, env?: Record<string, string>, cwd?: string) => { code: number | null; out: string }; start: (command: string) => ChildProcess } {
  for (const d of ['mappings', 'samples', 'releases', 'schema', 'shapes', 'queries']) cpSync(join(root, d), join(dir, d), { recursive: true });
  const shim = join(dir, '.bin');
  mkdirSync(shim, { recursive: true });
  writeFileSync(join(shim, 'justice-lod'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
  chmodSync(join(shim, 'justice-lod'), 0o755);
  return {
    dir,
    run(command, env = {}, cwd = dir) {
      const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PATH: `${shim}:${process.env['PATH']}`, ...env }, maxBuffer: 1 << 26 });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    },
    start(command) {
      return spawn('sh', ['-c', `exec ${command}`], { cwd: dir, env: { ...process.env, NO_COLOR: '1', PATH: `${shim}:${process.env['PATH']}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    },
  };
}
