import { describe, expect, it } from 'vitest';
import { scanUtf8 } from '../../../src/csv/decode.js';
import { readCsv, type CsvEvent } from '../../../src/csv/read.js';
import type { SourceModel } from '../../../src/mapping/model.js';
import { tempDir, writeFile } from '../../support/tmp.js';

const dir = tempDir();
const source = (over: Partial<SourceModel> = {}): SourceModel => ({
  path: '', encoding: 'auto', delimiter: ',', quote: '"', skipRows: 0, headerRows: 1, headerJoin: ' ', span: { file: 'm.yaml', line: 0 }, ...over,
});

async function read(content: string | Buffer, over: Partial<SourceModel> = {}): Promise<CsvEvent[]> {
  const path = writeFile(dir, `f${Math.random().toString(36).slice(2)}.csv`, content);
  const out: CsvEvent[] = [];
  for await (const ev of readCsv(source(over), { path })) out.push(ev);
  return out;
}
const rows = (evs: CsvEvent[]) => evs.flatMap((e) => (e.kind === 'row' ? [{ line: e.line + 1, cells: e.cells }] : []));
const codes = (evs: CsvEvent[]) => evs.flatMap((e) => (e.kind === 'diagnostic' ? [`${e.diagnostic.code}@${e.diagnostic.span!.line + 1}`] : []));
const header = (evs: CsvEvent[]) => evs.find((e) => e.kind === 'header') as Extract<CsvEvent, { kind: 'header' }>;

describe('readCsv', () => {
  it('reads UTF-8 with a BOM and CRLF, keeping line numbers across quoted line breaks', async () => {
    const evs = await read('\uFEFFa,b\r\n"x\r\ny",1\r\n"q ""quoted"", here",2\r\n');
    expect(header(evs).names).toEqual(['a', 'b']);
    expect(rows(evs)).toEqual([{ line: 2, cells: ['x\r\ny', '1'] }, { line: 4, cells: ['q "quoted", here', '2'] }]);
  });

  it('counts LF and lone-CR files the same way', async () => {
    expect(rows(await read('a,b\n1,2\n"3\n4",5\n6,7\n')).map((r) => r.line)).toEqual([2, 3, 5]);
    expect(rows(await read('a,b\r1,2\r3,4')).map((r) => r.line)).toEqual([2, 3]);
  });

  it('ends a record at every kind of line end in a file that mixes CRLF, LF and lone CR (issue 18)', async () => {
    const evs = await read('a,b\r\n1,2\n3,4\r5,6\r\n"7\r8",9\n"10\r\n11",12\r13,14\n');
    expect(rows(evs)).toEqual([
      { line: 2, cells: ['1', '2'] }, { line: 3, cells: ['3', '4'] }, { line: 4, cells: ['5', '6'] },
      { line: 5, cells: ['7\r8', '9'] }, { line: 7, cells: ['10\r\n11', '12'] }, { line: 9, cells: ['13', '14'] },
    ]);
    expect(codes(evs)).toEqual([]);
    // A lone-CR file with a CRLF further on: one line end, not a CR and a blank line (found by the fuzzer).
    const cr = await read('a,b\r1,2\r\n3,4\r"5",6\r\n7,8\r');
    expect(rows(cr)).toEqual([{ line: 2, cells: ['1', '2'] }, { line: 3, cells: ['3', '4'] }, { line: 4, cells: ['5', '6'] }, { line: 5, cells: ['7', '8'] }]);
  });

  it('detects Windows-1252 when the bytes are not UTF-8, so £ survives', async () => {
    const evs = await read(Buffer.from('band,n\n"Over \xa31,000",3\n', 'latin1'));
    expect(codes(evs)).toEqual(['JL202@2']);
    expect(header(evs).encoding).toBe('windows-1252');
    expect(rows(evs)[0]!.cells[0]).toBe('Over £1,000');
  });

  it('refuses invalid bytes when the mapping says utf-8', async () => {
    const evs = await read(Buffer.from('a\n\xa3\n', 'latin1'), { encoding: 'utf-8' });
    expect(codes(evs)).toEqual(['JL206@2']);
    expect(rows(evs)).toEqual([]);
  });

  it('reads windows-1252 when told, even for bytes 0x80–0x9F', async () => {
    const evs = await read(Buffer.from([0x61, 0x0a, 0x93, 0x71, 0x94, 0x0a]), { encoding: 'windows-1252' });
    expect(rows(evs)[0]!.cells).toEqual(['\u201Cq\u201D']);
  });

  it('skips title rows and notes, and reports blank rows', async () => {
    const evs = await read('Title\n"Sub, title"\nA,B\n1,2\n\n3,4\nNotes:\n"1. something, here"\n', { skipRows: 2, footer: '^Notes' });
    expect(rows(evs).map((r) => r.line)).toEqual([4, 6]);
    const skipped = evs.flatMap((e) => (e.kind === 'skipped' ? [`${e.reason}@${e.line + 1}`] : []));
    expect(skipped).toEqual(['title@1', 'title@2', 'blank@5', 'notes@7', 'notes@8']);
  });

  it('joins a two-row header, filling merged cells from the left', async () => {
    const evs = await read('Quarter,1 Both,,2 Applicant Only,\n,mean,n,mean,n\n2019-Q3,1,2,3,4\n', { headerRows: 2, headerJoin: ' / ' });
    expect(header(evs).names).toEqual(['Quarter', '1 Both / mean', '1 Both / n', '2 Applicant Only / mean', '2 Applicant Only / n']);
    expect(header(evs).line).toBe(0);
    expect(rows(evs)[0]!.line).toBe(3);
  });

  it('renames duplicate header names and says so', async () => {
    const evs = await read('Year,Quarter,Quarter\n2017,Q4,Oct-Dec\n');
    expect(header(evs).names).toEqual(['Year', 'Quarter', 'Quarter (2)']);
    expect(codes(evs)).toEqual(['JL205@1']);
  });

  it('folds line breaks inside header cells', async () => {
    const evs = await read('"Number of\r\noffenders",x\n1,2\n');
    expect(header(evs).names).toEqual(['Number of offenders', 'x']);
  });

  it('reports ragged rows with their line and carries on; tolerates trailing empty cells', async () => {
    const evs = await read('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,,\n');
    expect(codes(evs)).toEqual(['JL201@3', 'JL201@4']);
    expect(rows(evs).map((r) => r.line)).toEqual([2, 5]);
  });

  it('turns an unterminated quote into a located diagnostic, not a crash', async () => {
    const evs = await read('a,b\n1,2\n3,"4\n5,6\n');
    expect(rows(evs).map((r) => r.line)).toEqual([2]);
    expect(codes(evs)).toEqual(['JL203@3']);
  });

  it('says when there is no header', async () => {
    expect(codes(await read('Title only\n', { skipRows: 1 }))).toEqual(['JL204@1']);
  });

  it('reads other delimiters', async () => {
    expect(rows(await read('a;b\n"1;5";2\n', { delimiter: ';' }))[0]!.cells).toEqual(['1;5', '2']);
  });
});

describe('scanUtf8', () => {
  it('accepts a multi-byte character split across read chunks', async () => {
    const big = Buffer.concat([Buffer.alloc((1 << 20) - 1, 0x61), Buffer.from('£\n', 'utf8')]);
    expect(await scanUtf8(writeFile(dir, 'split.csv', big))).toBeUndefined();
  });

  it('finds the first invalid byte and its line', async () => {
    const bad = Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0x63, 0xa3, 0x0a])]);
    expect(await scanUtf8(writeFile(dir, 'bad.csv', bad))).toEqual({ offset: 5, line: 2, byte: 0xa3 });
  });
});
