// Seeded CSVs for the bench matrix (test/bench/matrix/cases.mjs), in the layouts MoJ publishes:
// `NN: label` cells, offences as `153 Offences against …` (204 of them), police force areas by
// name, about 5% [c] counts written `1,234` above a thousand. Every row has its own key (a
// mixed-radix decomposition of a scrambled row number) except in the record-level layout,
// where a key comes back about three times, as in the court outcomes extracts.
//   generated: Year, Quarter + 9 label columns + one count (the table of issue 23)
//   wide:      one period column (`2017 Q4 (Oct-Dec)`) + 9 label columns + three measures
//   long:      the wide table's dimensions + Measure, Value (three rows a key: `rows` rows in all)
//   records:   the wide table with repeated keys and a Count column
import { bufferedFile, PFA as FORCES } from '../generate.mjs';

/** The 43 police force areas (no `Not known`: every row has its area). */
export const PFA = FORCES.filter((f) => f !== 'Not known');
export const SEX = ['01: Female', '02: Male', '03: Not known'];
export const AGE = ['01: 10-11', '02: 12-14', '03: 15-17', '04: 18-20', '05: 21-24', '06: 25-29', '07: 30-39', '08: 40-49', '09: 50+', '10: Not known'];
export const ETH = ['01: White', '02: Black', '03: Asian', '04: Mixed', '05: Chinese and other', '06: Not stated'];
export const COURT = ['01: Crown Court', '02: Magistrates Court'];
export const PLEA = ['01: Guilty plea', '02: Not guilty plea', '03: Other plea', '04: Not applicable'];
export const TYPE = ['01: Indictable only', '02: Triable either way', '03: Summary non-motoring', '04: Summary motoring'];
export const GROUP = ['01: Violence against the person', '02: Sexual offences', '03: Robbery', '04: Theft offences', '05: Criminal damage and arson',
  '06: Drug offences', '07: Possession of weapons', '08: Public order offences', '09: Miscellaneous crimes against society',
  '10: Fraud offences', '11: Summary non-motoring', '12: Summary motoring'];
export const OUTCOME = ['01: Absolute discharge', '02: Conditional discharge', '03: Fine', '04: Community sentence', '05: Suspended sentence', '06: Immediate custody', '07: Otherwise dealt with'];
const ACTS = ['Assault', 'Theft', 'Possession', 'Supply', 'Destruction', 'Handling', 'Obstruction', 'Fraud', 'Harassment', 'Burglary', 'Abuse', 'Breach'];
const OBJECTS = ['of a vehicle', 'in a dwelling', 'of controlled drugs', 'by an employee', 'of an article', 'with intent', 'of a firearm', 'by false representation',
  'of property', 'of a constable', 'of an order', 'in a public place', 'of a child', 'from the person', 'of a bladed article', 'of stolen goods', 'of a licence'];
/** 204 offences as the court outcomes files write them: a Home Office code, a space, the description. */
export const OFFENCE = ACTS.flatMap((a, i) => OBJECTS.map((o, j) => `${i * 17 + j + 1} ${a} ${o}`));
export const MEASURES = [['Sentenced', 'integer'], ['Custodial', 'integer'], ['Average Custodial Sentence Length', 'decimal']];
const QUARTER = ['Q1', 'Q2', 'Q3', 'Q4'];
const MONTHS = ['(Jan-Mar)', '(Apr-Jun)', '(Jul-Sep)', '(Oct-Dec)'];
const LABELS = [PFA, SEX, AGE, ETH, COURT, PLEA, TYPE, GROUP, OFFENCE, OUTCOME];
const LABEL_HEADER = 'Police Force Area,Sex,Age Range,Ethnicity,Court,Plea,Offence Type,Offence Group,Offence,Sentence Outcome';

const HEADER = {
  generated: `Year,Quarter,${LABEL_HEADER},Sentenced`,
  wide: `Period,${LABEL_HEADER},${MEASURES.map(([m]) => m).join(',')}`,
  long: `Period,${LABEL_HEADER},Measure,Value`,
  records: `Year,${LABEL_HEADER},Count,Custodial,Average Custodial Sentence Length`,
};
export const LAYOUTS = Object.keys(HEADER);

/** A prime that divides no layout's key count, so row → key is a bijection that moves every digit. */
const SCRAMBLE = 1_000_000_007n;
const csvCell = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes `rows` data rows of `layout` to `file`. */
export async function generateMatrix(layout, rows, file, seed = 23) {
  let s = seed >>> 0;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const count = () => { const n = 1 + Math.floor(r() ** 4 * 5000); return r() < 0.05 ? '[c]' : n >= 1000 ? `"${n.toLocaleString('en-GB')}"` : String(n); };
  const mean = () => (r() < 0.05 ? '[c]' : (1 + r() * 60).toFixed(1));
  const years = layout === 'records' ? 11 : 15;
  const radices = [years, ...(layout === 'records' ? [] : [4]), ...LABELS.map((l) => l.length)];
  const total = radices.reduce((a, b) => a * b, 1);
  // Rows with the same key: three a key in the record-level layout, one a measure in the long one.
  const keys = layout === 'records' || layout === 'long' ? Math.ceil(rows / 3) : rows;
  if (keys > total) throw new Error(`at most ${total} distinct keys`);
  const out = bufferedFile(file);
  await out.write(`${HEADER[layout]}\n`);
  for (let i = 0; i < keys || (layout === 'records' && i < rows); i++) {
    // Record-level: rows of one key come back a third of the file apart, as in an extract sorted by some other column.
    let k = Number((BigInt(layout === 'records' ? i % keys : i) * SCRAMBLE + 12345n) % BigInt(total));
    const digit = (n) => { const d = k % n; k = Math.floor(k / n); return d; };
    const year = 2010 + digit(years);
    const q = layout === 'records' ? 0 : digit(4);
    const labels = LABELS.map((l) => csvCell(l[digit(l.length)])).join(',');
    if (layout === 'generated') await out.write(`${year},${QUARTER[q]},${labels},${count()}\n`);
    else if (layout === 'wide') await out.write(`${year} ${QUARTER[q]} ${MONTHS[q]},${labels},${count()},${count()},${mean()}\n`);
    else if (layout === 'records') await out.write(`${year},${labels},${1 + Math.floor(r() * 9)},${r() < 0.5 ? String(1 + Math.floor(r() * 5)) : ''},${(1 + r() * 60).toFixed(1)}\n`);
    else {
      const values = [count(), count(), mean()];
      for (let m = 0; m < MEASURES.length; m++) await out.write(`${year} ${QUARTER[q]} ${MONTHS[q]},${labels},${csvCell(`0${m + 1}: ${MEASURES[m][0]}`)},${values[m]}\n`);
    }
  }
  await out.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generateMatrix(process.argv[2], Number(process.argv[3] ?? 1000), process.argv[4] ?? `${process.argv[2]}.csv`);
}
