// A three-way sentencing table for the disclosure checks (README, Disclosure control): years ×
// police force areas (+ All areas) × offences (+ All offences) × sex (Male, Female, All), seeded.
// Counts are skewed as sentencing counts are (most cells small, a few large); a count of 1 or 2
// in the body of the table is suppressed as [c], as MoJ does; totals are the exact sums.
// Usage: node test/bench/disclosure-table.mjs <years> <areas> <offences> [out.csv]
//    or: import { generateDisclosure } and give a row count (43 areas, 250 offences, years to fit).
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Writes the table; returns its row count. */
export async function writeTable(years, areas, offences, file) {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once('drain', r)));
  await write('Year,Area,Offence,Sex,Count\n');
  const aName = (a) => (a < 0 ? 'All areas' : `Area ${a}`);
  const oName = (o) => (o < 0 ? 'All offences' : `Offence ${o}`);
  const sName = ['Male', 'Female', 'All'];
  let count = 0;
  for (let y = 0; y < years; y++) {
    // v[a][o][s] for s = 0 (male), 1 (female); the margins summed once.
    const v = [];
    for (let a = 0; a < areas; a++) { v.push([]); for (let o = 0; o < offences; o++) v[a].push([Math.floor(rnd() ** 3 * 60), Math.floor(rnd() ** 3 * 30)]); }
    const byOffence = Array.from({ length: offences }, (_, o) => [0, 1].map((s) => v.reduce((t, row) => t + row[o][s], 0)));
    const byArea = v.map((row) => [0, 1].map((s) => row.reduce((t, c) => t + c[s], 0)));
    const all = [0, 1].map((s) => byArea.reduce((t, c) => t + c[s], 0));
    const one = (a, o, s) => (a >= 0 && o >= 0 ? v[a][o][s] : a >= 0 ? byArea[a][s] : o >= 0 ? byOffence[o][s] : all[s]);
    let chunk = '';
    for (let a = -1; a < areas; a++) for (let o = -1; o < offences; o++) for (let s = 0; s < 3; s++) {
      const n = s === 2 ? one(a, o, 0) + one(a, o, 1) : one(a, o, s);
      const show = a >= 0 && o >= 0 && s < 2 && n > 0 && n < 3 ? '[c]' : String(n);
      chunk += `${2000 + y},${aName(a)},${oName(o)},${sName[s]},${show}\n`;
      count++;
      if (chunk.length > 1 << 16) { await write(chunk); chunk = ''; }
    }
    await write(chunk);
  }
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  return count;
}

/** About `rows` rows: 43 areas, 250 offences, and as many years as fit. */
export async function generateDisclosure(rows, file) {
  const perYear = 44 * 251 * 3;
  return writeTable(Math.max(1, Math.round(rows / perYear)), 43, 250, file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [years, areas, offences] = process.argv.slice(2, 5).map(Number);
  const file = process.argv[5] ?? 'test/bench/data/disclosure.csv';
  console.log(await writeTable(years, areas, offences, file), 'rows');
}
