import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { onInterrupt } from '../sinks/interrupt.js';

/** Runs `work` with `--input -` replaced by a file holding standard input. */
export async function withStdin<F extends { input?: string }>(flags: F, work: (flags: F) => Promise<number>): Promise<number> {
  if (flags.input !== '-') return work(flags);
  const stdio = await StdioFiles.open();
  try {
    return await work({ ...flags, input: await stdio.stdin() });
  } finally {
    await stdio.close();
  }
}

/**
 * `-` for a file: a CSV read from standard input, or one dump written to standard output.
 * The reader needs a file (it checks the encoding in one pass and reads in another), and a
 * failed run must print nothing on stdout; so both go through a temporary folder, removed
 * at the end and on Ctrl-C.
 */
export class StdioFiles {
  private constructor(readonly dir: string, private readonly forget: () => void) {}

  static async open(): Promise<StdioFiles> {
    const dir = await mkdtemp(join(tmpdir(), 'justice-lod-stdio-'));
    return new StdioFiles(dir, onInterrupt(() => rmSync(dir, { recursive: true, force: true })));
  }

  /** Standard input, copied whole into `stdin.csv`. */
  async stdin(): Promise<string> {
    const path = join(this.dir, 'stdin.csv');
    await pipeline(process.stdin, createWriteStream(path));
    return path;
  }

  /** Where a dump meant for stdout is written first (its extension picks the format). */
  stdoutFile(extension: string): string {
    return join(this.dir, `stdout${extension}`);
  }

  /** Copies a finished dump to standard output. */
  async toStdout(path: string): Promise<void> {
    await pipeline(createReadStream(path), process.stdout, { end: false });
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    this.forget();
  }
}
