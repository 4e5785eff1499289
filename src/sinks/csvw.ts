/**
 * `--format csvw`: the dataset as a CSVW table group (src/csvw/write.ts) — a tidy CSV of its
 * observations, small CSVs of its other triples, and the `<id>.csv-metadata.json` that describes
 * them — streamed: each observation is kept as a line in a temporary file until the columns are
 * known, then written as its CSV record. Memory holds the column statistics and the triples
 * that are not observations (the structure and code lists). Files are written atomically.
 */
import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Term } from '@rdfjs/types';
import { isObservation, metadataDocument, metadataName, SubjectTable, sideTables, sideTriple, type SideTriple } from '../csvw/write.js';
import { AtomicFile, writeFileAtomic, type FileFacts } from './atomic.js';

const CHUNK = 2 << 20;

/** A file of the table group as written. */
export interface CsvwFile extends FileFacts {
  /** `csvw`: the metadata document; `csv`: a table. */
  readonly role: 'csvw' | 'csv';
}

export class CsvwSink {
  private subject: string | undefined;
  private triples: [Term, Term][] = [];
  private readonly table = new SubjectTable();
  private readonly rest: SideTriple[] = [];
  private readonly temp: string;
  private readonly kept: WriteStream;
  private waiting: string[] = [];
  private waitingBytes = 0;
  /** The files written, once committed: the metadata document first. */
  files: CsvwFile[] = [];

  /** `path`: the metadata document's path (`<dir>/<id>.csv-metadata.json`). */
  constructor(readonly path: string, private readonly id: string, private readonly common: { readonly title?: string; readonly description?: string }) {
    this.temp = join(dirname(path), `.${basename(path)}.rows.tmp`);
    this.kept = createWriteStream(this.temp);
  }

  static forDataset(dir: string, id: string, common: { readonly title?: string; readonly description?: string }): CsvwSink {
    return new CsvwSink(join(dir, metadataName(id)), id, common);
  }

  add(s: Term, p: Term, o: Term): void {
    if (s.value !== this.subject) this.endSubject(s.value);
    this.triples.push([p, o]);
  }

  get full(): boolean {
    return this.waitingBytes >= CHUNK;
  }

  async flush(): Promise<void> {
    if (!this.waiting.length) return;
    const text = this.waiting.join('');
    this.waiting = [];
    this.waitingBytes = 0;
    if (!this.kept.write(text)) await once(this.kept, 'drain');
  }

  private endSubject(next: string | undefined): void {
    if (this.subject !== undefined && this.triples.length) {
      if (isObservation(this.triples)) {
        const line = `${this.table.add(this.subject, this.triples)}\n`;
        this.waiting.push(line);
        this.waitingBytes += line.length;
      } else for (const [p, o] of this.triples) this.rest.push(sideTriple({ value: this.subject } as Term, p, o));
    }
    this.subject = next;
    this.triples = [];
  }

  async commit(): Promise<void> {
    this.endSubject(undefined);
    await this.flush();
    this.kept.end();
    await once(this.kept, 'finish');
    const dir = dirname(this.path);
    const tables: Record<string, unknown>[] = [];
    const written: CsvwFile[] = [];
    if (this.table.count) {
      const columns = this.table.columns();
      const name = `${this.id}.csv`;
      // The observations table of a large release runs to hundreds of MB: written direct, as the dumps are.
      const out = await AtomicFile.open(join(dir, name), false, true);
      let chunk = this.table.header(columns);
      const lines = createInterface({ input: createReadStream(this.temp), crlfDelay: Infinity });
      for await (const line of lines) {
        const { record, spill } = this.table.row(line, columns);
        chunk += record;
        for (const t of spill) this.rest.push(t);
        if (chunk.length >= CHUNK) {
          await out.write(chunk);
          chunk = '';
        }
      }
      await out.write(chunk);
      written.push({ role: 'csv', ...(await out.commit()) });
      tables.push(this.table.describe(name, `${this.common.title ?? this.id}: observations`, columns));
    }
    const side = sideTables(this.id, this.rest);
    for (const [name, text] of side.files) written.push({ role: 'csv', ...(await writeFileAtomic(join(dir, name), text)) });
    tables.push(...side.tables);
    const meta = await writeFileAtomic(this.path, metadataDocument(tables, this.common));
    this.files = [{ role: 'csvw', ...meta }, ...written];
    rmSync(this.temp, { force: true });
  }

  async abort(): Promise<void> {
    this.kept.destroy();
    rmSync(this.temp, { force: true });
  }
}
