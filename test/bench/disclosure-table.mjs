// A three-way table for the disclosure checks (README, Disclosure control): years × areas (+ All
// areas) × offences (+ All offences) × sex (Male, Female, All). Counts are random; a count of 1
// or 2 in the body of the table is suppressed as [c]; totals are the exact sums.
// Usage: node test/bench/disclosure-table.mjs <years> <areas> <offences> <out.csv>
import { writeFileSync } from 'node:fs';
const [years, areas, offences] = process.argv.slice(2, 5).map(Number);
const file = process.argv[5] ?? 'test/bench/data/disclosure.csv';
let seed = 7; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const lines = ['Year,Area,Offence,Sex,Count'];
for (let y = 0; y < years; y++) {
  const v = []; // v[a][o][s]
  for (let a = 0; a < areas; a++) { v.push([]); for (let o = 0; o < offences; o++) v[a].push([Math.floor(rnd() ** 3 * 60), Math.floor(rnd() ** 3 * 30)]); }
  const cell = (a, o, s) => { // s: 0 M, 1 F, 2 All; a/o = -1 for All
    let t = 0; for (let i = 0; i < areas; i++) if (a < 0 || a === i) for (let j = 0; j < offences; j++) if (o < 0 || o === j) for (const k of s === 2 ? [0, 1] : [s]) t += v[i][j][k];
    return t;
  };
  const aName = (a) => (a < 0 ? 'All areas' : `Area ${a}`), oName = (o) => (o < 0 ? 'All offences' : `Offence ${o}`), sName = ['Male', 'Female', 'All'];
  for (let a = -1; a < areas; a++) for (let o = -1; o < offences; o++) for (let s = 0; s < 3; s++) {
    const n = cell(a, o, s);
    const show = a >= 0 && o >= 0 && s < 2 && n > 0 && n < 3 ? '[c]' : String(n);
    lines.push(`${2000 + y},${aName(a)},${oName(o)},${sName[s]},${show}`);
  }
}
writeFileSync(file, lines.join('\n') + '\n');
console.log(lines.length - 1, 'rows');
