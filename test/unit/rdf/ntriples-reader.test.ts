import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Parser, Writer } from 'n3';
import type { Term } from '@rdfjs/types';
import { readNTriples } from '../../../src/rdf/ntriples-reader.js';
import { tempDir } from '../../support/tmp.js';

/** Lines the fast path takes, and every kind it must hand to N3.js. */
const TEXT = [
  '<https://ex.org/s> <https://ex.org/p> <https://ex.org/o> .',
  '<https://ex.org/s> <https://ex.org/p> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .',
  '<https://ex.org/s> <https://ex.org/p> "Crown Court"@en-GB .',
  '<https://ex.org/s> <https://ex.org/p> "plain" .',
  '<https://ex.org/s> <https://ex.org/p> "quote \\" and \\\\ and \\u00e9 and \\n" .',
  '<https://ex.org/s\\u00e9> <https://ex.org/p> <https://ex.org/o\\u00E9> .',
  '_:b1 <https://ex.org/p> _:b2 .',
  '<https://ex.org/s>\t<https://ex.org/p>   <https://ex.org/o>\t. # a comment',
  '# a comment line',
  '',
  '   ',
  '<https://ex.org/s> <https://ex.org/p> "Bøker – ünïcödé ✓" .\r',
  '<https://ex.org/s> <https://ex.org/p> ""^^<http://www.w3.org/2001/XMLSchema#string> .',
].join('\n');

async function read(file: string, gzip = false): Promise<string[]> {
  const writer = new Writer({ format: 'N-Triples' });
  const out: string[] = [];
  await readNTriples(file, gzip, (s, p, o: Term) => out.push(writer.quadToString(s, p, o as never)));
  return out;
}

describe('the N-Triples line reader', () => {
  it('reads every line as N3.js does: fast lines sliced, the rest (escapes, blank nodes, tabs, comments, CR) through N3.js', async () => {
    const file = join(tempDir(), 'x.nt');
    writeFileSync(file, TEXT);
    const writer = new Writer({ format: 'N-Triples' });
    const expected = new Parser({ format: 'N-Triples' }).parse(TEXT).map((q) => writer.quadToString(q.subject, q.predicate, q.object));
    const got = await read(file);
    // Blank node labels are the parser's own: compare them by position.
    const bnodes = (l: string): string => l.replace(/_:\S+/g, '_:x');
    expect(got.map(bnodes)).toEqual(expected.map(bnodes));
    expect(got).toHaveLength(10);
  });

  it('reads gzipped files, and lines split across chunks (a 3 MB file of multi-byte text)', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 20_000 }, (_, i) => `<https://ex.org/obs/${i}> <https://ex.org/label> "Offences – n°${i} ✓ ${'é'.repeat(i % 97)}"@en .`);
    writeFileSync(join(dir, 'big.nt.gz'), gzipSync(lines.join('\n') + '\n'));
    const got = await read(join(dir, 'big.nt.gz'), true);
    expect(got).toHaveLength(20_000);
    expect(got[12_345]).toBe(`${lines[12_345]}\n`);
  });

  it('rejects a malformed line with its line number and N3.js\'s reason', async () => {
    const file = join(tempDir(), 'bad.nt');
    writeFileSync(file, '<https://ex.org/s> <https://ex.org/p> <https://ex.org/o> .\n<https://ex.org/s> <https://ex.org/p> "unclosed .\n');
    await expect(read(file)).rejects.toThrow(/^line 2 of .*bad\.nt: /);
    writeFileSync(file, '<https://ex.org/s> <https://ex.org/p> <https://ex.org/o>\n');
    await expect(read(file)).rejects.toThrow(/^line 1 of /);
    writeFileSync(file, '<https://ex.org/s> <https://ex.org/p> <bad iri> .\n');
    await expect(read(file)).rejects.toThrow(/^line 1 of /);
  });
});

describe('blank nodes in the N-Triples line reader', () => {
  it('keep one node per label across the file, as N-Triples says', async () => {
    const file = join(tempDir(), 'b.nt');
    writeFileSync(file, '_:x <https://ex.org/p> "1" .\n<https://ex.org/s> <https://ex.org/q> _:x .\n_:y <https://ex.org/p> "2" .\n');
    const terms: Term[] = [];
    await readNTriples(file, false, (s, _p, o) => terms.push(s, o));
    expect(terms[0]!.termType).toBe('BlankNode');
    expect(terms[0]!.equals(terms[3]!)).toBe(true);
    expect(terms[0]!.equals(terms[4]!)).toBe(false);
  });
});

/**
 * The threaded reader (validate's, for large dumps) from the build (`npm test` builds dist/
 * first; run from the sources it reads on the calling thread). Parts are made small here so
 * that a 2 MB file has many, and lines cross their edges: the triples arrive in the file's
 * order, the same as the one-thread reader gives, and a syntax error names the same line.
 */
describe('the threaded N-Triples reader', () => {
  const dist = new URL('../../../dist/rdf/ntriples-reader.js', import.meta.url).href;
  type Reader = typeof import('../../../src/rdf/ntriples-reader.js');
  const lines = (count: number): string[] => Array.from({ length: count }, (_, i) => {
    const obs = `<https://ex.org/obs/${Math.floor(i / 7)}>`;
    switch (i % 7) {
      case 0: return `${obs} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/linked-data/cube#Observation> .`;
      case 1: return `${obs} <https://ex.org/area> <https://ex.org/area/E${i % 43}> .`;
      case 2: return `${obs} <https://ex.org/label> "Bøker – n°${i} ✓"@en-GB .\r`;
      case 3: return i % 700 === 3 ? `${obs} <https://ex.org/note> "${'long '.repeat(20_000)}" .` : `${obs} <https://ex.org/count> "${i % 500}"^^<http://www.w3.org/2001/XMLSchema#integer> .`;
      case 4: return `${obs} <https://ex.org/note> "a \\"quoted\\" \\u00e9 note" .`;
      case 5: return i % 11 === 0 ? '# a comment' : `_:b${i % 5} <https://ex.org/p> ${obs} .`;
      default: return `${obs}\t<https://ex.org/q>  "x" .`;
    }
  });
  async function both(file: string, gzip: boolean): Promise<[string[], string[]]> {
    const { readNTriples, readNTriplesThreaded } = (await import(dist)) as Reader;
    const writer = new Writer({ format: 'N-Triples' });
    const one: string[] = [];
    const two: string[] = [];
    await readNTriples(file, gzip, (s, p, o) => one.push(writer.quadToString(s, p, o as never)));
    await readNTriplesThreaded(file, gzip, (s, p, o) => two.push(writer.quadToString(s, p, o as never)), undefined, { minBytes: 0, partBytes: 64 << 10 });
    return [one, two];
  }

  it('gives the triples of a file read in many parts by two threads in order, as one thread does', async () => {
    const file = join(tempDir(), 'parts.nt');
    writeFileSync(file, lines(20_000).join('\n'));
    const [one, two] = await both(file, false);
    expect(one.length).toBeGreaterThan(18_000);
    // Blank nodes are labelled by each parser: compared by position.
    const bnodes = (l: string): string => l.replace(/_:\S+/g, '_:x');
    expect(two.map(bnodes)).toEqual(one.map(bnodes));
  });

  it('reads a gzipped file on one thread, as one thread does', async () => {
    const file = join(tempDir(), 'parts.nt.gz');
    writeFileSync(file, gzipSync(lines(5_000).join('\n') + '\n'));
    const [one, two] = await both(file, true);
    expect(two.map((l) => l.replace(/_:\S+/g, '_:x'))).toEqual(one.map((l) => l.replace(/_:\S+/g, '_:x')));
  });

  it('reads a gzip file written by this tool a member at a time on two threads, as one thread does, and names the line of an error in a later member', async () => {
    const { GzipMembers } = await import('../../../src/sinks/gzip-members.js');
    const { gzipMembers } = await import('../../../src/rdf/gzip-index.js');
    const indexed = async (file: string, text: string): Promise<void> => {
      const parts: Buffer[] = [];
      const gz = new GzipMembers(async (m) => void parts.push(m));
      await gz.write(Buffer.from(text));
      await gz.end();
      writeFileSync(file, Buffer.concat(parts));
    };
    const text = lines(60_000);
    const file = join(tempDir(), 'members.nt.gz');
    await indexed(file, text.join('\n') + '\n');
    expect(gzipMembers(file)!.length).toBeGreaterThanOrEqual(3);
    const [one, two] = await both(file, true);
    expect(one.length).toBeGreaterThan(50_000);
    expect(two.map((l) => l.replace(/_:\S+/g, '_:x'))).toEqual(one.map((l) => l.replace(/_:\S+/g, '_:x')));
    // An error in the last member: its line counted through the members before it.
    text[58_000] = '<https://ex.org/s> <https://ex.org/p> "unclosed .';
    const bad = join(tempDir(), 'members-bad.nt.gz');
    await indexed(bad, text.join('\n') + '\n');
    const { readNTriples, readNTriplesThreaded } = (await import(dist)) as Reader;
    const expected = await readNTriples(bad, true, () => undefined).then(() => '', (e: Error) => e.message);
    expect(expected).toMatch(/^line 58,?001 of /);
    await expect(readNTriplesThreaded(bad, true, () => undefined, undefined, { minBytes: 0 })).rejects.toThrow(expected);
  });

  it('names the line of a syntax error in a later part, and stops when the consumer throws', async () => {
    const { readNTriples, readNTriplesThreaded } = (await import(dist)) as Reader;
    const file = join(tempDir(), 'bad.nt');
    const text = lines(20_000);
    text[15_001] = '<https://ex.org/s> <https://ex.org/p> "unclosed .';
    writeFileSync(file, text.join('\n'));
    const opts = { minBytes: 0, partBytes: 64 << 10 };
    const one = await readNTriples(file, false, () => undefined).then(() => '', (e: Error) => e.message);
    expect(one).toMatch(/^line 15,?002 of /);
    await expect(readNTriplesThreaded(file, false, () => undefined, undefined, opts)).rejects.toThrow(one);
    let seen = 0;
    await expect(readNTriplesThreaded(file, false, () => {
      if (++seen === 5_000) throw new Error('enough');
    }, undefined, opts)).rejects.toThrow('enough');
    // The error on the first line of the second part: its thread is done long before the
    // first thread has parsed the first part, and waits for its turn to be told.
    const early = lines(20_000);
    let at = 0;
    const first = early.findIndex((l) => (at += Buffer.byteLength(l) + 1) >= 1 << 20) + 1;
    early[first] = '<https://ex.org/s> <https://ex.org/p> "unclosed .';
    const earlyFile = join(tempDir(), 'early.nt');
    writeFileSync(earlyFile, early.join('\n'));
    const expected = await readNTriples(earlyFile, false, () => undefined).then(() => '', (e: Error) => e.message);
    expect(expected).toMatch(new RegExp(`^line ${first + 1} of `));
    await expect(readNTriplesThreaded(earlyFile, false, () => undefined, undefined, { minBytes: 0, partBytes: 1 << 20 })).rejects.toThrow(expected);
  });
});

/**
 * The reader pulled a batch at a time (the previous release, read as far as a comparison asks):
 * on threads from the build, and on this thread from the sources; the same triples in order,
 * a syntax error at its line, and a reading given up half-way ends its threads.
 */
describe('the N-Triples reader pulled as needed', () => {
  type Pull = typeof import('../../../src/rdf/ntriples-pull.js');
  const pulls: [string, string][] = [
    ['threads (the build)', new URL('../../../dist/rdf/ntriples-pull.js', import.meta.url).href],
    ['this thread (the sources)', new URL('../../../src/rdf/ntriples-pull.js', import.meta.url).href],
  ];
  const text = Array.from({ length: 30_000 }, (_, i) =>
    i % 3 === 0 ? `<https://ex.org/obs/${i}> <https://ex.org/count> "${i % 97}"^^<http://www.w3.org/2001/XMLSchema#integer> .` : i % 3 === 1 ? `<https://ex.org/obs/${i}> <https://ex.org/label> "Bøker n°${i} ✓"@en .` : `<https://ex.org/obs/${i}> <https://ex.org/note> "a \\"quoted\\" note" .`);
  const writer = new Writer({ format: 'N-Triples' });

  for (const [how, url] of pulls) {
    it(`gives the triples in order, plain and gzipped, a batch a pull: ${how}`, async () => {
      const { pullNTriples } = (await import(url)) as Pull;
      const file = join(tempDir(), 'pull.nt');
      writeFileSync(file, text.join('\n'));
      writeFileSync(`${file}.gz`, gzipSync(text.join('\n') + '\n'));
      const expected: string[] = [];
      await readNTriples(file, false, (s, p, o) => expected.push(writer.quadToString(s, p, o as never)));
      for (const [path, gzip] of [[file, false], [`${file}.gz`, true]] as const) {
        const got: string[] = [];
        const reader = pullNTriples(path, gzip, (s, p, o) => got.push(writer.quadToString(s, p, o as never)), { minBytes: 0, partBytes: 64 << 10 });
        let pulls = 0;
        while (reader.pull()) pulls++;
        expect(reader.pull()).toBe(false);
        await reader.close();
        expect(got).toEqual(expected);
        expect(pulls).toBeGreaterThan(1);
      }
    });

    it(`throws a syntax error with its line, and ends when given up half-way: ${how}`, async () => {
      const { pullNTriples } = (await import(url)) as Pull;
      const bad = [...text];
      bad[25_000] = '<https://ex.org/s> <https://ex.org/p> "unclosed .';
      const file = join(tempDir(), 'pull-bad.nt');
      writeFileSync(file, bad.join('\n'));
      const reader = pullNTriples(file, false, () => undefined, { minBytes: 0, partBytes: 64 << 10 });
      expect(() => {
        while (reader.pull());
      }).toThrow(/^line 25,?001 of .*pull-bad\.nt/);
      expect(reader.pull()).toBe(false);
      let seen = 0;
      const early = pullNTriples(file, false, () => void seen++, { minBytes: 0, partBytes: 64 << 10 });
      early.pull();
      await early.close();
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(25_000);
    });
  }
});
