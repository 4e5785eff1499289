/**
 * Every sample mapping converts cleanly; every dump is re-parsed by independent parsers
 * (N3.js and jsonld.js here, and serdi from Debian where installed, which CI always does);
 * all formats of one run hold the same graph; a rerun is byte-identical; every record is counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert, type ConvertResult } from '../../src/run/convert.js';
import { allRecords } from '../../src/run/summary.js';
import { formatByName } from '../../src/sinks/registry.js';
import { canonical, dropGraph, hasSerdi, jsonldCanonical, readDump, serdiCanonical, type ParseFormat } from '../support/graph.js';
import { compactionMatches } from '../support/jsonld.js';
import { tempDir } from '../support/tmp.js';

const mappingsDir = new URL('../../mappings/', import.meta.url).pathname;
const mappings = readdirSync(mappingsDir).filter((f) => f.endsWith('.yaml')).sort();
const formats = ['nt', 'ttl', 'nq', 'trig', 'jsonld', 'nt.gz', 'ttl.gz', 'jsonld.gz'].map((n) => formatByName(n)!);
const N3_SYNTAX: Readonly<Record<string, ParseFormat>> = { nt: 'N-Triples', ttl: 'Turtle', nq: 'N-Quads', trig: 'TriG' };
const out1 = tempDir();
const out2 = tempDir();

describe.each(mappings)('%s', (file) => {
  let first: ConvertResult;
  let second: ConvertResult;
  beforeAll(async () => {
    first = await convert({ mapping: join(mappingsDir, file), outDir: out1, formats });
    second = await convert({ mapping: join(mappingsDir, file), outDir: out2, formats });
  });

  it('converts every row with no errors or warnings', () => {
    expect(first.status).toBe('ok');
    expect(first.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const s = first.summary!;
    expect(s.records.rejected).toBe(0);
    expect(s.records.converted).toBeGreaterThan(50);
  });

  it('accounts for every physical record of the CSV', () => {
    const s = first.summary!;
    const text = readFileSync(s.csv, 'latin1').replace(/\r\n/g, '\n');
    const physical = text.split('\n').length - (text.endsWith('\n') ? 1 : 0); // the samples have no quoted line breaks
    expect(allRecords(s.records)).toBe(physical);
  });

  it('writes every format as the same graph, read back by independent parsers', async () => {
    const outputs = first.summary!.outputs;
    expect(outputs.map((o) => o.format)).toEqual(formats.map((f) => f.name));
    const graph = canonical(readDump(outputs[0]!.path), 'N-Triples');
    expect(graph.length).toBe(first.summary!.triples);
    expect(graph.some((l) => l.includes('_:'))).toBe(false);
    for (const o of outputs) {
      const f = formatByName(o.format)!.format;
      const text = readDump(o.path);
      const lines = f.name === 'jsonld' ? await jsonldCanonical(text) : canonical(text, N3_SYNTAX[f.name]);
      expect(f.quads ? dropGraph(lines, first.model!.graph) : lines, o.path).toEqual(graph);
    }
  });

  it('writes JSON-LD as jsonld.js would compact the same graph with the shipped context', async () => {
    const jsonldFile = first.summary!.outputs.find((o) => o.format === 'jsonld')!.path;
    const ntFile = first.summary!.outputs[0]!.path;
    await compactionMatches(readFileSync(jsonldFile, 'utf8'), readFileSync(ntFile, 'utf8'));
  });

  it.runIf(hasSerdi() || process.env['CI'])('is read by serdi (C) as the same graph', () => {
    const byFormat = new Map(first.summary!.outputs.map((o) => [o.format, o.path]));
    const fromNt = serdiCanonical(byFormat.get('nt')!, 'ntriples');
    expect(fromNt.length).toBe(first.summary!.triples);
    expect(serdiCanonical(byFormat.get('ttl')!, 'turtle')).toEqual(fromNt);
    expect(dropGraph(serdiCanonical(byFormat.get('nq')!, 'nquads'), first.model!.graph)).toEqual(fromNt);
    expect(dropGraph(serdiCanonical(byFormat.get('trig')!, 'trig'), first.model!.graph)).toEqual(fromNt);
  });

  it('is byte-identical when run again', () => {
    const a = first.summary!.outputs.map((o) => readFileSync(o.path));
    const b = second.summary!.outputs.map((o) => readFileSync(o.path));
    expect(b.map((x) => x.length)).toEqual(a.map((x) => x.length));
    expect(b.every((x, i) => x.equals(a[i]!))).toBe(true);
  });

  it('has no duplicate observation IRIs', () => {
    const nt = readFileSync(first.summary!.outputs[0]!.path, 'utf8');
    const obs = nt.split('\n').filter((l) => l.endsWith('<http://purl.org/linked-data/cube#Observation> .'));
    expect(new Set(obs).size).toBe(obs.length);
    expect(obs.length).toBe(first.summary!.subjects);
  });
});

describe('sample facts', () => {
  it('keeps suppressed reoffending cells as observations with a status and no value', async () => {
    const r = await convert({ mapping: join(mappingsDir, 'proven-reoffending-by-la.yaml'), createTargets: () => [] });
    const s = r.summary!;
    expect(s.markers.get('c')).toBeGreaterThan(10);
    expect(s.omitted.get('value suppressed [c]')).toBe(s.markers.get('c'));
    expect(s.records.title).toBe(2);
    expect(s.records.notes).toBe(4);
  });

  it('reads the Windows-1252 fines file as Windows-1252', async () => {
    const r = await convert({ mapping: join(mappingsDir, 'sentenced-fines.yaml'), createTargets: () => [] });
    expect(r.summary!.encoding).toBe('windows-1252');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['JL202']);
  });
});
