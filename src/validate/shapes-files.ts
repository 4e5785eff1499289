import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadMapping } from '../mapping/load.js';
import { METADATA_SHAPES } from '../metadata/metadata-shapes.js';
import { CODE_LIST_SHAPES } from './code-list-shapes.js';
import { shapesTurtle } from './shapes.js';

/** shapes/<id>.ttl for every mapping in a folder (npm run shapes). */
export async function shapesFiles(mappingsDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>([['code-lists.ttl', CODE_LIST_SHAPES], ['metadata.ttl', METADATA_SHAPES]]);
  for (const f of (await readdir(mappingsDir)).filter((x) => x.endsWith('.yaml')).sort()) {
    const { model, diagnostics } = await loadMapping(join(mappingsDir, f));
    if (!model) throw new Error(`${f}: ${diagnostics.map((d) => d.message).join('; ')}`);
    out.set(`${model.id}.ttl`, shapesTurtle(model));
  }
  return out;
}

export async function writeShapes(mappingsDir: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of await shapesFiles(mappingsDir)) await writeFile(join(dir, name), text);
}
