import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made = new Set<string>();

function removeAll(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

// One hook for the whole test file, registered while the file is collected: a hook registered
// inside a running test or hook is silently dropped by vitest, which left the folders that
// tests made for themselves in /tmp (7 a run of the bench anchors' file, 141 MB each). Import
// this module statically: imported inside a test, its hook is dropped the same way.
afterAll(removeAll);

/** A fresh temporary folder, removed after the test file finishes (wherever it was made). */
export function tempDir(prefix = 'jlod-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
