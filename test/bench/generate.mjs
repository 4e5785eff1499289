#!/usr/bin/env node
// Writes a deterministic sentencing-like CSV (the 2017–2024 outcomes-by-offence layout, 12
// columns): `NN: label` cells, sparse rows, about 5% [c] cells and `1,234` values.
// Usage: node test/bench/generate.mjs <rows> <file>
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Text appended to `file` in 1 MB writes with backpressure: the generators' output. */
export function bufferedFile(file) {
  const out = createWriteStream(file);
  let buf = '';
  return {
    async write(text) {
      await out.write(text);
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    },
    async end() {
      out.end(buf);
      await once(out, 'finish');
    },
  };
}

/** The police force areas by the names MoJ's files use, and `Not known`. */
export const PFA = ['Avon and Somerset', 'Bedfordshire', 'Cambridgeshire', 'Cheshire', 'City of London', 'Cleveland', 'Cumbria', 'Derbyshire',
  'Devon and Cornwall', 'Dorset', 'Durham', 'Dyfed-Powys', 'Essex', 'Gloucestershire', 'Greater Manchester', 'Gwent', 'Hampshire',
  'Hertfordshire', 'Humberside', 'Kent', 'Lancashire', 'Leicestershire', 'Lincolnshire', 'Merseyside', 'Metropolitan Police', 'Norfolk',
  'North Wales', 'North Yorkshire', 'Northamptonshire', 'Northumbria', 'Nottinghamshire', 'South Wales', 'South Yorkshire',
  'Staffordshire', 'Suffolk', 'Surrey', 'Sussex', 'Thames Valley', 'Warwickshire', 'West Mercia', 'West Midlands', 'West Yorkshire', 'Wiltshire', 'Not known'];

export async function generate(rows, file, seed = 42) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
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
  const out = bufferedFile(file);
  const header = 'Year,Police Force Area,Sex,Age Group,Ethnicity,Court Type,Offence Type,Offence Group,Sentence Outcome,Custodial Sentence Length,Sentenced,Average Custodial Sentence Length\n';
  await out.write(header);
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
    await out.write(`${year},${pfa},${sex},${age},${eth},${court},${type},${group},${outcome},${custody ? pick(CSL) : ''},${count},${acsl}\n`);
  }
  await out.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generate(Number(process.argv[2] ?? 1_000_000), process.argv[3] ?? 'sentencing-1m.csv');
}

/** Proven reoffending, local authority data tool layout: two title rows, 9 columns, 5 measures a row. */
export async function generateReoffending(rows, file, seed = 11) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const out = bufferedFile(file);
  await out.write('Proven reoffending statistics: local authority data tool\n"Adult and juvenile offenders, 12-month follow-up; figures for fewer than 30 offenders are suppressed"\n'
    + 'Cohort,Adult / Juvenile,LA code,Local authority,Number of offenders in cohort,Number of reoffenders,Number of reoffences,Proportion of offenders who reoffend (%),Average number of reoffences per reoffender\n');
  // Every row its own key: 12-month cohorts starting in April, both cohort types, LA codes.
  const kinds = ['E06', 'E07', 'E08', 'E09', 'W06'];
  for (let i = 0; i < rows; i++) {
    const year = 1900 + (i % 120);
    const type = Math.floor(i / 120) % 2 === 0 ? 'Adult' : 'Juvenile';
    const la = Math.floor(i / 240);
    const code = `${kinds[la % kinds.length]}${String(1 + Math.floor(la / kinds.length)).padStart(6, '0')}`;
    const offenders = 30 + Math.floor(r() * 9000);
    const reoffenders = Math.floor(offenders * (0.15 + r() * 0.2));
    const reoffences = reoffenders * (2 + Math.floor(r() * 3));
    const fmt = (n) => (n >= 1000 ? `"${n.toLocaleString('en-GB')}"` : String(n));
    const small = r() < 0.05;
    await out.write(`${MONTHS[3]} ${year}-${MONTHS[2]} ${year + 1},${type},${code},Area ${la},${fmt(offenders)},${small ? '[c]' : fmt(reoffenders)},${small ? '[c]' : fmt(reoffences)},${small ? '[c]' : ((100 * reoffenders) / offenders).toFixed(1)},${small ? '[c]' : (reoffences / reoffenders).toFixed(2)}\n`);
  }
  await out.end();
}

/** Criminal court timeliness, transparency layout: 16 columns, area by the most specific column. */
export async function generateTimeliness(rows, file, seed = 13) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const Q = ['Q1 (Jan-Mar)', 'Q2 (Apr-Jun)', 'Q3 (Jul-Sep)', 'Q4 (Oct-Dec)'];
  const COURTS = ['All courts', "Magistrates' courts", 'Crown Court'];
  const out = bufferedFile(file);
  await out.write('Year,Period,Court type,National,Region,LCJB area,LJA or Court name,Defendants,Mean offence to charge,Mean charge to first list,Mean first list to completion,Mean offence to completion,Median offence to charge,Median charge to first list,Median first list to completion,Median offence to completion\n');
  const d = () => String(Math.floor(r() * 300));
  for (let i = 0; i < rows; i++) {
    const q = i % 200;
    const year = 1980 + Math.floor(q / 4);
    const court = COURTS[Math.floor(i / 200) % COURTS.length];
    const name = `Court ${Math.floor(i / 600)}`;
    await out.write(`${year},${year} ${Q[q % 4]},${court},-,Region ${Math.floor(i / 60000)},LCJB ${Math.floor(i / 6000)},${name},${Math.floor(r() * 5000)},${d()},${d()},${d()},${d()},${d()},${d()},${d()},${d()}\n`);
  }
  await out.end();
}
