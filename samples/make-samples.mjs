#!/usr/bin/env node
// Regenerates the sample CSVs deterministically (seeded PRNG): `node samples/make-samples.mjs`.
// Shapes, labels, codes and quirks follow ../shared/design/RELEASE-DATA.md: `NN: label` cells,
// N/A and blank for not applicable, `Not known` areas, Windows-1252 `£`, a UTF-8 BOM with CRLF,
// title rows and notes, [c] and * suppression, (%) headers, `2010 Q2 (Apr-Jun)` periods and `-`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const rng = (seed) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const q = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const line = (cells) => cells.map((c) => q(String(c))).join(',');
const write = (rel, text, encoding = 'utf8') => {
  const path = join(here, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encoding === 'latin1' ? Buffer.from(text, 'latin1') : text);
};

const PFAS = ['Avon and Somerset', 'Bedfordshire', 'Cambridgeshire', 'Cheshire', 'City of London', 'Cleveland', 'Cumbria',
  'Derbyshire', 'Devon and Cornwall', 'Dorset', 'Durham', 'Dyfed-Powys', 'Essex', 'Gloucestershire', 'Greater Manchester',
  'Gwent', 'Hampshire', 'Hertfordshire', 'Humberside', 'Kent', 'Lancashire', 'Leicestershire', 'Lincolnshire', 'Merseyside',
  'Metropolitan Police', 'Norfolk', 'North Wales', 'North Yorkshire', 'Northamptonshire', 'Northumbria', 'Nottinghamshire',
  'South Wales', 'South Yorkshire', 'Staffordshire', 'Suffolk', 'Surrey', 'Sussex', 'Thames Valley', 'Warwickshire',
  'West Mercia', 'West Midlands', 'West Yorkshire', 'Wiltshire'];
const OFFENCE_GROUPS = ['01: Violence against the person', '02: Sexual offences', '03: Robbery', '04: Theft Offences',
  '05: Criminal damage and arson', '06: Drug offences', '07: Possession of weapons', '08: Public order offences',
  '09: Miscellaneous crimes against society', '10: Fraud Offences', '11: Summary non-motoring', '12: Summary motoring'];
const CUSTODY = ['01: Up to and including 1 month', '02: Over 1 month and up to and including 2 months',
  '04: Over 3 months to less than 6 months', '08: 12 months', '10: Over 18 months and up to and including 2 years',
  '21: Over 15 years and less than life', '23: Life sentence'];

// 1. Court outcomes by PFA, 2009–2019 layout (UTF-8, LF, no BOM).
{
  const r = rng(2019);
  const rows = [line(['Police Force Area', 'Year of Appearance', 'Sex', 'Age Group', 'Offence Group', 'Outcome', 'Custodial Sentence Length', 'Count'])];
  const outcomes = ['04: Withdrawn', '08: Committed for trial', '11: Conditional discharge', '12: Fine', '13: Community sentence', '14: Suspended sentence', '15: Immediate custody'];
  const sexes = ['01: Male', '01: Male', '01: Male', '02: Female', '03: Companies, public bodies etc.', '04: Not known'];
  const seen = new Set();
  while (rows.length < 301) {
    const pfa = r() < 0.03 ? 'Not known' : pick(r, PFAS);
    const year = 2017 + Math.floor(r() * 3);
    let sex = pick(r, sexes);
    let age = sex.includes('Companies') ? '04: Companies, public bodies etc.' : pick(r, ['01: Children', '02: Young adults', '03: Adults', '03: Adults', '05: Not known']);
    const group = pick(r, OFFENCE_GROUPS);
    const outcome = pick(r, outcomes);
    const csl = outcome === '15: Immediate custody' ? pick(r, CUSTODY) : r() < 0.5 ? '' : 'N/A';
    const key = [pfa, year, sex, age, group, outcome, csl].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(line([pfa, year, sex, age, group, outcome, csl, 1 + Math.floor(r() ** 3 * 2400)]));
  }
  write('sentencing/court-outcomes-by-pfa-2019.csv', rows.join('\n') + '\n');
}

// 2. Sentenced-only pivot with fine bands: Windows-1252 bytes (0xA3 for £), labels with commas.
//    A whole table, as published: every offence group × sex × band of 2019, with each row's
//    `All fine amounts` total. Counts follow the published shape (most fines £50–£500, few over
//    £10,000; summary offences by far the most; companies few), and small cells are suppressed
//    as MoJ does: a count of 1 or 2 is `[c]`, and where a row's suppressed cells would add up
//    to under 3 or stand alone beside the total, its next smallest counts are suppressed too.
{
  const r = rng(1252);
  const bands = ['01: Up to and including £25', '02: Over £25 and up to £50', '03: Over £50 and up to £100',
    '04: Over £100 and up to £150', '05: Over £150 and up to £200', '06: Over £200 and up to £250',
    '07: Over £250 and up to £300', '08: Over £300 and up to £500', '09: Over £500 and up to £750',
    '10: Over £750 and up to £1,000', '11: Over £1,000 and up to £2,500', '12: Over £2,500 and up to £5,000',
    '13: Over £5,000 and up to £10,000', '14: Over £10,000', 'N/A'];
  // Shares of fines by band, for people and for companies (whose fines are larger).
  const people = [3, 8, 18, 14, 11, 9, 7, 12, 7, 4, 4, 1.5, 0.8, 0.3, 0.4];
  const companies = [0.5, 1, 3, 4, 5, 5, 5, 12, 10, 9, 18, 12, 8, 7, 0.5];
  // Fines a year by offence group (the order of OFFENCE_GROUPS), for men; women ~ a quarter.
  const sizes = [4200, 60, 4, 19000, 2600, 14000, 300, 7500, 4800, 900, 310000, 520000];
  const companyShare = [0.002, 0, 0, 0.001, 0.004, 0, 0, 0.001, 0.05, 0.01, 0.004, 0.01];
  const rows = [line(['Year of Appearance', 'Offence Group', 'Sex', 'Fine Amount', 'Count'])];
  OFFENCE_GROUPS.forEach((group, g) => {
    for (const [sex, size, shares] of [['01: Male', sizes[g], people], ['02: Female', sizes[g] / 4, people], ['03: Companies, public bodies etc.', sizes[g] * companyShare[g], companies]]) {
      const sum = shares.reduce((a, b) => a + b, 0);
      const counts = shares.map((w) => Math.max(0, Math.round((size * w) / sum * (0.7 + 0.6 * r()) - 0.5)));
      const total = counts.reduce((a, b) => a + b, 0);
      // Primary: 1 and 2. Secondary: while the row's suppressed cells are one alone beside a
      // published total, or add up to under 3, the smallest other count (not 0) goes too.
      const hidden = new Set(counts.flatMap((n, i) => (n > 0 && n < 3 ? [i] : [])));
      const sumHidden = () => [...hidden].reduce((a, i) => a + counts[i], 0);
      while (hidden.size > 0 && (hidden.size === 1 || sumHidden() < 3)) {
        const next = counts.map((n, i) => [n, i]).filter(([n, i]) => n > 0 && !hidden.has(i)).sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
        if (!next) break;
        hidden.add(next[1]);
      }
      const totalShown = total > 0 && total < 3 ? '[c]' : total;
      // The xlsx-derived pivot cuts labels at about 30 characters (RELEASE-DATA.md §0).
      const cut = group.slice(0, 31);
      rows.push(line([2019, cut, sex, '00: All fine amounts', totalShown]));
      bands.forEach((band, i) => rows.push(line([2019, cut, sex, band, hidden.has(i) ? '[c]' : counts[i]])));
    }
  });
  write('sentencing/sentenced-fines-2019-cp1252.csv', rows.join('\r\n') + '\r\n', 'latin1');
}

// 2b. Dec-2024 outcomes-by-offence layout: Offence Type, Offence Group and the HO-coded Offence,
//     capital G in the headers, `Not known` police force areas.
{
  const r = rng(2024);
  const offences = [
    ['02: Triable either way', '04: Theft offences', '46 Theft from Shops'],
    ['02: Triable either way', '04: Theft offences', '28 Burglary in a dwelling'],
    ['03: Summary non-motoring', '11: Summary non-motoring', '105 Common assault and battery'],
    ['02: Triable either way', '01: Violence against the person', '8.22 Assault of an emergency worker'],
    ['02: Triable either way', '07: Possession of weapons', '10D Possession of article with blade or point'],
    ['03: Summary non-motoring', '11: Summary non-motoring', '125B Causing fear or provocation of violence - summary'],
    ['04: Summary motoring', '12: Summary motoring', '803A Driving a motor vehicle under the influence of drink or drugs (MOT)'],
    ['02: Triable either way', '06: Drug offences', '92D.2 Possession of a controlled drug - Class B'],
    ['02: Triable either way', '10: Fraud offences', '53C Fraud by false representation'],
    ['01: Indictable only', '01: Violence against the person', '1 Murder'],
  ];
  const rows = [line(['Year', 'Sex', 'Age Group', 'Police Force Area', 'Offence Type', 'Offence Group', 'Offence', 'Sentence Outcome', 'Custodial Sentence Length', 'Sentenced'])];
  const outcomes = ['01: Absolute discharge', '02: Conditional discharge', '03: Fine', '04: Community sentence', '05: Suspended sentence', '06: Immediate custody', '07: Otherwise dealt with'];
  const seen = new Set();
  while (rows.length < 241) {
    const [type, group, offence] = pick(r, offences);
    const outcome = offence.startsWith('1 Murder') ? '06: Immediate custody' : pick(r, outcomes);
    const csl = outcome === '06: Immediate custody' ? (offence.startsWith('1 Murder') ? '23: Life' : pick(r, CUSTODY)) : '';
    const cells = [2022 + Math.floor(r() * 3), pick(r, ['01: Female', '02: Male', '02: Male']), pick(r, ['01: Children', '02: Young adults', '03: Adults', '03: Adults']),
      r() < 0.03 ? 'Not known' : pick(r, PFAS), type, group, offence, outcome, csl];
    const key = cells.join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(line([...cells, 1 + Math.floor(r() ** 3 * 400)]));
  }
  write('sentencing/sentence-outcomes-2022-2024.csv', rows.join('\n') + '\n');
}

// 3. Outcomes-by-offence sentencing pivot, 2017–2021: UTF-8 BOM + CRLF, lower-case "group",
//    measure column "Sentenced", and the 2017–21 sex codes (01: Female, 02: Male).
{
  const r = rng(2021);
  const rows = [line(['Year', 'Offence group', 'Sex', 'Age group', 'Police Force Area', 'Sentence Outcome', 'Custodial Sentence Length', 'Sentenced'])];
  const outcomes = ['01: Absolute Discharge', '02: Conditional Discharge', '03: Fine', '04: Total Community sentence', '05: Suspended Sentence', '06: Total Immediate Custody', '07: Otherwise dealt with'];
  const seen = new Set();
  while (rows.length < 251) {
    const outcome = pick(r, outcomes);
    const cells = [2017 + Math.floor(r() * 5), pick(r, OFFENCE_GROUPS), pick(r, ['01: Female', '02: Male', '02: Male']),
      pick(r, ['01: Children', '02: Young adults', '03: Adults']), r() < 0.02 ? 'Not known' : pick(r, PFAS), outcome,
      outcome.includes('Custody') ? pick(r, CUSTODY).replace(/^\d+: /, (m) => `${m}Custody - `).replace('Custody - Life sentence', 'Custody - Life') : ''];
    const key = cells.join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(line([...cells, 1 + Math.floor(r() ** 3 * 900)]));
  }
  write('sentencing/sentencing-outcomes-2017-2021.csv', '\uFEFF' + rows.join('\r\n') + '\r\n');
}

// 4. Proven reoffending by local authority: two title rows, notes below, [c] and * suppression,
//    (%) header. Cohorts are financial years written `Apr 2019-Mar 2020`.
{
  const r = rng(2022);
  const las = [['K04000001', 'England and Wales'], ['E06000001', 'Hartlepool'], ['E06000002', 'Middlesbrough'], ['E06000004', 'Stockton-on-Tees'],
    ['E06000005', 'Darlington'], ['E06000016', 'Leicester'], ['E06000018', 'Nottingham'], ['E06000023', 'Bristol, City of'],
    ['E06000047', 'County Durham'], ['E08000003', 'Manchester'], ['E08000012', 'Liverpool'], ['E08000021', 'Newcastle upon Tyne'],
    ['E08000025', 'Birmingham'], ['E08000035', 'Leeds'], ['E09000001', 'City of London'], ['E09000022', 'Lambeth'],
    ['E09000028', 'Southwark'], ['E09000033', 'Westminster'], ['E10000012', 'Essex'], ['E10000016', 'Kent'],
    ['E10000030', 'Surrey'], ['W06000001', 'Isle of Anglesey'], ['W06000015', 'Cardiff']];
  const rows = [
    line(['Proven reoffending statistics: local authority data tool']),
    line(['Adult and juvenile offenders, 12-month follow-up; figures for fewer than 30 offenders are suppressed']),
    line(['Cohort', 'Adult / Juvenile', 'LA code', 'Local authority', 'Number of offenders in cohort', 'Number of reoffenders',
      'Number of reoffences', 'Proportion of offenders who reoffend (%)', 'Average number of reoffences per reoffender']),
  ];
  const records = [];
  const cohortRows = (cohort, r, provisional, revisedMarks) => {
    for (const [code, name] of las) {
      for (const group of ['Adult', 'Juvenile']) {
        const national = code === 'K04000001';
        const scale = national ? (group === 'Adult' ? 400 : 30) : group === 'Adult' ? 1 + r() * 3 : r() * 0.04;
        const offenders = Math.round(scale * (800 + r() * 1500));
        const rate = group === 'Adult' ? 0.22 + r() * 0.08 : 0.3 + r() * 0.1;
        const reoffenders = Math.round(offenders * rate);
        const reoffences = Math.round(reoffenders * (2.6 + r() * 1.2));
        const fmt = (n) => (n >= 1000 && r() < 0.5 ? n.toLocaleString('en-GB') : String(n));
        let cells;
        if (offenders < 5) cells = ['[c]', '[c]', '[c]', '[c]', '[c]'];
        else if (offenders < 30) cells = [fmt(offenders), reoffenders < 5 ? '[c]' : String(reoffenders), reoffenders < 5 ? '[c]' : String(reoffences), '*', '*'];
        else cells = [fmt(offenders), fmt(reoffenders), fmt(reoffences), (100 * reoffenders / offenders).toFixed(1), (reoffences / reoffenders).toFixed(2)];
        if (revisedMarks && !national && r() < 0.08) cells[0] = `${cells[0]} [r]`;
        // The latest cohort's national figures are provisional until the next release.
        if (provisional && national) cells = cells.map((c) => `${c} [p]`);
        records.push({ cohort, group, code, name, cells, counts: [offenders, reoffenders, reoffences] });
      }
    }
  };
  cohortRows('Apr 2019-Mar 2020', r, false, false);
  cohortRows('Apr 2020-Mar 2021', r, true, true);
  const head = rows.slice();
  const notes = ['', line(['Notes:']), line(['1. [c] = suppressed to avoid disclosure; * = proportions and averages based on fewer than 30 offenders are removed.']),
    line(['2. [r] = revised since the last publication; [p] = provisional.']), line(['Source: Ministry of Justice, Proven reoffending statistics'])];
  const csv = (recs) => [...head, ...recs.map((x) => line([x.cohort, x.group, x.code, x.name, ...x.cells])), ...notes].join('\n') + '\n';
  write('reoffending/proven-reoffending-by-la-2019-2021.csv', csv(records));

  // 4b. The next quarter's release of the same table (samples for `release` and `diff`): the
  //     2020-21 national figures become final (two of them revised), some local figures are
  //     revised, a suppressed cell is published, Isle of Anglesey is no longer listed, and the
  //     2021-22 cohort is added (provisional nationally).
  const r2 = rng(2025);
  const earlier = records.splice(0);
  const revise = (x) => {
    const [offenders, reoffenders0] = x.counts;
    const reoffenders = Math.min(offenders, reoffenders0 + 1 + Math.floor(r2() * 3));
    const reoffences = Math.round(reoffenders * (Number(x.cells[4]) || 3));
    return { ...x, cells: [String(offenders), String(reoffenders), String(reoffences), (100 * reoffenders / offenders).toFixed(1), (reoffences / reoffenders).toFixed(2)] };
  };
  const next = [];
  for (const x of earlier) {
    if (x.name === 'Isle of Anglesey') continue;
    if (x.cohort.startsWith('Apr 2020') && x.code === 'K04000001') {
      const final = x.cells.map((c) => c.replace(' [p]', ''));
      // The final Adult reoffenders are revised, and the figures worked out from them with them.
      if (x.group === 'Adult') {
        const reoffenders = x.counts[1] + 117;
        final[1] = String(reoffenders);
        final[3] = (100 * reoffenders / x.counts[0]).toFixed(1);
        final[4] = (x.counts[2] / reoffenders).toFixed(2);
      }
      next.push({ ...x, cells: final });
    } else if (x.cohort.startsWith('Apr 2020') && x.counts[0] >= 30 && r2() < 0.15) next.push(revise(x));
    else if (x.cohort.startsWith('Apr 2020') && x.cells[0] === '[c]' && !next.some((y) => y.published)) next.push({ ...x, cells: ['4', '[c]', '[c]', '[c]', '[c]'], published: true });
    else next.push({ ...x, cells: x.cells.map((c) => c.replace(' [r]', '')) });
  }
  cohortRows('Apr 2021-Mar 2022', r2, true, false);
  next.push(...records.filter((x) => x.name !== 'Isle of Anglesey'));
  write('reoffending/proven-reoffending-by-la-2019-2022.csv', csv(next));
}

// 5. Criminal courts timeliness transparency CSV: hierarchical wide geography with `-`.
{
  const r = rng(2018);
  const header = ['Year', 'Period', 'Court type', 'National', 'Region', 'LCJB area', 'LJA or Court name', 'Defendants',
    'Mean offence to charge', 'Mean charge to first list', 'Mean first list to completion', 'Mean offence to completion',
    'Median offence to charge', 'Median charge to first list', 'Median first list to completion', 'Median offence to completion'];
  const regions = { London: ['Central London LCJB', 'East London LCJB'], Midlands: ['West Midlands LCJB', 'Nottinghamshire LCJB'],
    'North East': ['Northumbria LCJB'], 'North West': ['Greater Manchester LCJB'], 'South East': ['Kent LCJB'],
    'South West': ['Avon and Somerset LCJB'], Wales: ['South Wales LCJB'] };
  const periods = [[2017, '2017 Q3 (Jul-Sep)'], [2017, '2017 Q4 (Oct-Dec)'], [2018, '2018 Q1 (Jan-Mar)'], [2018, '2018 Q2 (Apr-Jun)']];
  const rows = [line(header)];
  const values = (scale) => {
    const defendants = Math.round(scale * (0.8 + r() * 0.4));
    if (defendants === 0) return [0, '-', '-', '-', '-', '-', '-', '-', '-'];
    const [a, b, c] = [60 + Math.round(r() * 60), 20 + Math.round(r() * 25), 20 + Math.round(r() * 40)];
    return [defendants, a, b, c, a + b + c, Math.round(a * 0.6), Math.round(b * 0.7), Math.round(r() * 3) === 0 ? 0 : Math.round(c * 0.3), Math.round((a + b + c) * 0.8)];
  };
  for (const [year, period] of periods) {
    for (const court of ['All courts', "Magistrates' courts", 'Crown Court']) {
      const scale = court === 'Crown Court' ? 0.08 : 1;
      rows.push(line([year, period, court, 'England and Wales', '-', '-', '-', ...values(390000 * scale)]));
      for (const [region, lcjbs] of Object.entries(regions)) {
        rows.push(line([year, period, court, '-', region, '-', '-', ...values(50000 * scale)]));
        for (const lcjb of lcjbs) rows.push(line([year, period, court, '-', region, lcjb, '-', ...values(7000 * scale * (lcjb.startsWith('Central') && court === 'Crown Court' ? 0 : 1))]));
      }
    }
  }
  write('timeliness/timeliness-transparency-2017-2018.csv', rows.join('\n') + '\n');
}

// 6. A record-level extract of fines (samples/disclosure): one row per person fined, as a
//    court would extract them before publishing — magistrates' court, offence group, sex, age
//    band, the fine in pounds. Fines are skewed (most £50–£500, a few very large), so some
//    cells are dominated by one or two fines, and some combinations of court, sex and age hold
//    one or two people: what `disclosure: {dominance, kAnonymity}` finds.
{
  const r = rng(807);
  const courts = ['Leeds', 'Sheffield', 'Bradford', 'York'];
  const offences = ['Theft Offences', 'Summary motoring', 'Drug offences'];
  const ages = ['18-24', '25-39', '40+'];
  const rows = [line(['Court', 'Offence Group', 'Sex', 'Age', 'Fine (£)', 'Count'])];
  for (let i = 0; i < 400; i++) {
    const court = courts[Math.floor(r() ** 1.6 * courts.length)];
    const offence = pick(r, offences);
    const sex = r() < 0.85 ? 'Male' : 'Female';
    const age = ages[Math.floor(r() ** 1.8 * ages.length)];
    // Lognormal-ish: median about £180, one in forty over £5,000.
    const fine = Math.round(Math.exp(5.2 + 1.1 * (r() + r() + r() - 1.5) * 1.7) / 5) * 5 + (r() < 0.025 ? 5000 + Math.round(r() * 20000) : 0);
    rows.push(line([court, offence, sex, age, Math.max(5, fine), 1]));
  }
  write('disclosure/fines-extract.csv', rows.join('\n') + '\n');
}
