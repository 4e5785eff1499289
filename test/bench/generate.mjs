#!/usr/bin/env node
// Writes a deterministic sentencing-like CSV (the 2017–2024 outcomes-by-offence layout, 12
// columns): `NN: label` cells, sparse rows, about 5% [c] cells and `1,234` values.
// Usage: node test/bench/generate.mjs <rows> <file>
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function generate(rows, file, seed = 42) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const PFA = ['Avon and Somerset', 'Bedfordshire', 'Cambridgeshire', 'Cheshire', 'City of London', 'Cleveland', 'Cumbria', 'Derbyshire',
    'Devon and Cornwall', 'Dorset', 'Durham', 'Dyfed-Powys', 'Essex', 'Gloucestershire', 'Greater Manchester', 'Gwent', 'Hampshire',
    'Hertfordshire', 'Humberside', 'Kent', 'Lancashire', 'Leicestershire', 'Lincolnshire', 'Merseyside', 'Metropolitan Police', 'Norfolk',
    'North Wales', 'North Yorkshire', 'Northamptonshire', 'Northumbria', 'Nottinghamshire', 'South Wales', 'South Yorkshire',
    'Staffordshire', 'Suffolk', 'Surrey', 'Sussex', 'Thames Valley', 'Warwickshire', 'West Mercia', 'West Midlands', 'West Yorkshire', 'Wiltshire', 'Not known'];
  const TYPE = ['01: Indictable only', '02: Triable either way', '03: Summary non-motoring', '04: Summary motoring'];
  const GROUP = ['01: Violence against the person', '02: Sexual offences', '03: Robbery', '04: Theft offences', '05: Criminal damage and arson',
    '06: Drug offences', '07: Possession of weapons', '08: Public order offences', '09: Miscellaneous crimes against society',
    '10: Fraud offences', '11: Summary non-motoring', '12: Summary motoring'];
  const SEX = ['01: Female', '02: Male', '03: Not known'];
  const AGE = ['01: Children', '02: Young adults', '03: Adults'];
  const ETH = ['01: White', '02: Black', '03: Asian', '04: Mixed', '05: Chinese and other', '06: Not stated', 'N/A'];
  const COURT = ['01: Crown Court', '02: Magistrates Court'];
  const OUTCOME = ['01: Absolute discharge', '02: Conditional discharge', '03: Fine', '04: Community sentence', '05: Suspended sentence', '06: Immediate custody', '07: Otherwise dealt with'];
  const CSL = ['01: Up to and including 1 month', '02: Over 1 month and up to and including 2 months', '04: Over 3 months to less than 6 months',
    '06: Over 6 months and up to and including 9 months', '08: 12 months', '10: Over 18 months and up to and including 2 years',
    '11: Over 2 years and up to and including 3 years', '14: Over 4 years and up to and including 5 years', '20: Over 10 years and up to and including 15 years', '23: Life'];
  const out = createWriteStream(file);
  const header = 'Year,Police Force Area,Sex,Age Group,Ethnicity,Court Type,Offence Type,Offence Group,Sentence Outcome,Custodial Sentence Length,Sentenced,Average Custodial Sentence Length\n';
  let buf = header;
  // Every row has its own key, as in a real release: the key is a mixed-radix decomposition of
  // a scrambled row number (a bijection below 27.9M rows), the values are random.
  const radices = [15, PFA.length, SEX.length, AGE.length, ETH.length, COURT.length, TYPE.length, GROUP.length, OUTCOME.length];
  const total = radices.reduce((a, b) => a * b, 1);
  if (rows > total) throw new Error(`at most ${total} distinct rows`);
  for (let i = 0; i < rows; i++) {
    let k = (i * 7919 + 12345) % total;
    const digit = (n) => { const d = k % n; k = Math.floor(k / n); return d; };
    const year = 2010 + digit(15);
    const pfa = PFA[digit(PFA.length)], sex = SEX[digit(SEX.length)], age = AGE[digit(AGE.length)], eth = ETH[digit(ETH.length)];
    const court = COURT[digit(COURT.length)], type = TYPE[digit(TYPE.length)], group = GROUP[digit(GROUP.length)];
    const outcome = OUTCOME[digit(OUTCOME.length)];
    const custody = outcome === '06: Immediate custody';
    const n = 1 + Math.floor(r() ** 4 * 5000);
    const count = r() < 0.05 ? '[c]' : n >= 1000 ? `"${n.toLocaleString('en-GB')}"` : String(n);
    const acsl = custody ? (r() < 0.05 ? '[c]' : (1 + r() * 60).toFixed(1)) : '';
    buf += `${year},${pfa},${sex},${age},${eth},${court},${type},${group},${outcome},${custody ? pick(CSL) : ''},${count},${acsl}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate(Number(process.argv[2] ?? 1_000_000), process.argv[3] ?? 'sentencing-1m.csv');
}
