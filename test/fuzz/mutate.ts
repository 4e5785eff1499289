/**
 * Seeded mutations of real inputs, for the fuzz tests (issue 18, point 11). Each mutation is
 * one thing a hostile or unlucky file does: flipped bytes, a cut mid-quote or mid-character,
 * NUL, invalid UTF-8, mixed line ends, huge fields and rows, numbers no parser likes.
 */
export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const at = (r: Random, n: number): number => Math.floor(r() * Math.max(1, n));

/** Values that numbers, periods and codes must survive. */
const ODD_VALUES = ['1e309', '-1e309', '-0', 'NaN', 'Infinity', '0x1F', '1_000', ' 12 ', '1,2,3', '٣', '1e-400', '99999999999999999999999', '-', '[c]', '[z]', '[x]', '..', '', '"', '""', '\u0000', '\u202e12', '%00', '<http://x>', '"@en', '\\u0022', '2019 Q5', '2019-13', 'E99999999', '01: ', ': label'];

function replaceCell(b: Buffer, r: Random): Buffer {
  const text = b.toString('latin1');
  const lines = text.split('\n');
  const i = 1 + at(r, lines.length - 1);
  const cells = (lines[i] ?? '').split(',');
  cells[at(r, cells.length)] = pick(r, ODD_VALUES);
  lines[i] = cells.join(',');
  return Buffer.from(lines.join('\n'), 'latin1');
}

export const CSV_MUTATIONS: Record<string, (b: Buffer, r: Random) => Buffer> = {
  flip: (b, r) => {
    const c = Buffer.from(b);
    for (let k = 1 + at(r, 6); k > 0; k--) c[at(r, c.length)] = at(r, 256);
    return c;
  },
  truncate: (b, r) => b.subarray(0, at(r, b.length)),
  truncateMidQuote: (b) => {
    const q = b.indexOf('"', Math.floor(b.length / 3));
    return q < 0 ? Buffer.concat([b, Buffer.from('"unterminated')]) : b.subarray(0, q + 2);
  },
  truncateMidUtf8: (b, r) => {
    const withUtf8 = Buffer.concat([b.subarray(0, at(r, b.length)), Buffer.from('£')]);
    return withUtf8.subarray(0, withUtf8.length - 1);
  },
  nul: (b, r) => {
    const i = at(r, b.length);
    return Buffer.concat([b.subarray(0, i), Buffer.from([0]), b.subarray(i)]);
  },
  invalidUtf8: (b, r) => {
    const i = at(r, b.length);
    return Buffer.concat([b.subarray(0, i), Buffer.from(pick(r, [[0xc3, 0x28], [0xff], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]])), b.subarray(i)]);
  },
  mixedLineEnds: (b, r) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, () => pick(r, ['\n', '\r\n', '\r', '\n\n'])), 'latin1'),
  hugeField: (b, r) => {
    const lines = b.toString('latin1').split('\n');
    const i = 1 + at(r, lines.length - 1);
    lines[i] = `${'9'.repeat(1 + at(r, 2_000_000))},${lines[i] ?? ''}`;
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  hugeRow: (b, r) => Buffer.concat([b, Buffer.from(`${Array.from({ length: 5000 + at(r, 20_000) }, (_, i) => String(i)).join(',')}\n`)]),
  hugeHeader: (b, r) => Buffer.concat([Buffer.from(`${Array.from({ length: 1000 + at(r, 20_000) }, (_, i) => `c${i}`).join(',')},`), b]),
  oddNumber: (b, r) => replaceCell(b, r),
  oddNumbers: (b, r) => {
    let c = b;
    for (let k = 0; k < 20; k++) c = replaceCell(c, r);
    return c;
  },
  strayQuotes: (b, r) => {
    const c = Buffer.from(b);
    for (let k = 1 + at(r, 4); k > 0; k--) c[at(r, c.length)] = 0x22;
    return c;
  },
  deleteLines: (b, r) => Buffer.from(b.toString('latin1').split('\n').filter(() => r() > 0.2).join('\n'), 'latin1'),
  duplicateLines: (b, r) => {
    const lines = b.toString('latin1').split('\n');
    const i = 1 + at(r, lines.length - 2);
    lines.splice(i, 0, lines[i]!, lines[i]!);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  empty: () => Buffer.alloc(0),
  headerOnly: (b) => b.subarray(0, b.indexOf('\n') + 1),
  noHeader: (b) => b.subarray(b.indexOf('\n') + 1),
  bom: (b, r) => Buffer.concat([Buffer.from(pick(r, [[0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]])), b]),
  utf16: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('latin1'), 'utf16le')]),
  blankAndNotes: (b) => Buffer.concat([Buffer.from('Title of the table\n\n'), b, Buffer.from('\n\nSource: Ministry of Justice\nNotes: [c] suppressed\n')]),
};

/** Values a mapping's scalars are replaced with. */
const ODD_SCALARS = ['', '~', 'null', '[]', '{}', '-1', '1e309', '0x10', '__proto__', 'constructor', '"{{"', "'%'", '"a b"', '"\\u0000"', '"\\ud800"', '&a [*a, *a]', '*nope', '!!binary AA==', '!!js/function "x"', '? complex', '"http://x y/"', '"javascript:alert(1)"', '"../../../etc/passwd"', '/proc/self/environ', `"${'x'.repeat(5000)}"`, '"(a+)+$"', '"[unclosed"', 'yes', 'no', '.inf', '.nan'];

export const MAPPING_MUTATIONS: Record<string, (t: string, r: Random) => string> = {
  flip: (t, r) => {
    const c = [...t];
    for (let k = 1 + at(r, 4); k > 0; k--) c[at(r, c.length)] = String.fromCharCode(at(r, 128));
    return c.join('');
  },
  truncate: (t, r) => t.slice(0, at(r, t.length)),
  deleteLine: (t, r) => {
    const lines = t.split('\n');
    lines.splice(at(r, lines.length), 1 + at(r, 3));
    return lines.join('\n');
  },
  duplicateLine: (t, r) => {
    const lines = t.split('\n');
    const i = at(r, lines.length);
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  replaceScalar: (t, r) => {
    const lines = t.split('\n');
    const candidates = lines.map((l, i) => (/:\s+\S/.test(l) && !l.trimStart().startsWith('#') ? i : -1)).filter((i) => i >= 0);
    if (!candidates.length) return t;
    const i = pick(r, candidates);
    lines[i] = lines[i]!.replace(/(:\s+).*$/, `$1${pick(r, ODD_SCALARS)}`);
    return lines.join('\n');
  },
  shiftIndent: (t, r) => {
    const lines = t.split('\n');
    const i = at(r, lines.length);
    lines[i] = r() < 0.5 ? `  ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
    return lines.join('\n');
  },
  tabs: (t) => t.replace(/^ {2}/gm, '\t'),
  aliasBomb: (t) => `${t}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 9 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`,
  unknownKey: (t, r) => t.replace(/^(\s*)(\w+):/m, `$1${pick(r, ['__proto__', 'constructor', 'prototype', 'dimensionz', 'Id'])}:`),
  binary: (t, r) => t.slice(0, at(r, t.length)) + String.fromCharCode(0, 0xfffe, 0xd800) + t.slice(at(r, t.length)),
};
