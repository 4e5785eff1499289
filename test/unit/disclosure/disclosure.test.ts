/**
 * Disclosure control and additivity on small tables worked out by hand (issue 20): a small
 * count published, one suppressed cell under a total (recovered exactly), two (an interval),
 * a two-way table where a row and a column together pin a cell, a case the linear program
 * proves protected, totals that do not add up, and rates that disagree with their counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type { Relation } from '../../../src/disclosure/relations.js';
import { intervals } from '../../../src/disclosure/secondary.js';
import type { Figures } from '../../../src/disclosure/table.js';
import type { DisclosureRules } from '../../../src/mapping/model.js';
import { convertInMemory } from '../../support/run.js';
import { tempDir, writeFile } from '../../support/tmp.js';

const dir = tempDir('jlod-sdc-');

/** Offences by sex, with `All` totals both ways; `extra` adds to `disclosure:`. */
function mapping(name: string, extra = ''): string {
  return writeFile(dir, `${name}.yaml`, mappingText(name, extra));
}

/** The first lines of every test mapping: id, base, prefix and CSV named after the test. */
const preamble = (name: string): string => `version: 1
id: ${name}
base: https://example.org/
prefixes: { ex: "https://example.org/def/" }
source: { path: ${name}.csv }
`;

function mappingText(name: string, extra = ''): string {
  return `${preamble(name)}dimensions:
  year: { property: sdmx-dimension:refPeriod, column: Year, period: year }
  offence: { property: ex:offence, label: offence, column: Offence, codeList: generated }
  sex: { property: ex:sex, label: sex, column: Sex, codeList: generated }
measures:
  people: { property: ex:people, label: people sentenced, column: Count, unit: unit:NUM }
disclosure:
  counts: [people]
  totals: { offence: All offences, sex: All }
${extra}`;
}

async function run(name: string, csv: string, extra = ''): Promise<Diagnostic[]> {
  writeFile(dir, `${name}.csv`, csv);
  const { result } = await convertInMemory(mapping(name, extra));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.diagnostics.filter((d) => d.code.startsWith('JL8'));
}

/** code @ 1-based line: message */
const show = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code} @${d.span!.line + 1} ${d.cell?.columnName ?? ''}: ${d.message}`);

describe('disclosure control', () => {
  it('finds a count of 1 or 2 published as a number, at its cell (primary)', async () => {
    const found = await run('primary', `Year,Offence,Sex,Count
2024,Theft,Male,10
2024,Theft,Female,2
2024,Theft,All,12
`);
    expect(show(found)).toEqual(['JL801 @3 Count: people 2 is published as a number, but counts below 3 identify people']);
  });

  it('recovers one suppressed cell under a total exactly', async () => {
    const found = await run('one-suppressed', `Year,Offence,Sex,Count
2024,Theft,Male,10
2024,Theft,Female,[c]
2024,Theft,All,12
`);
    expect(show(found)).toEqual(['JL802 @3 Count: suppressed people can be worked out as exactly 2 (protection 3) from the total at line 4 and the cell at line 2']);
  });

  it('leaves two suppressed cells under a total an interval: protected when it is wide enough', async () => {
    const csv = `Year,Offence,Sex,Count
2024,Theft,Male,[c]
2024,Theft,Female,[c]
2024,Theft,Unknown,20
2024,Theft,All,24
`;
    // Male + Female = 4: each lies in [0, 4], wider than the protection of 3.
    expect(show(await run('two-suppressed', csv))).toEqual([]);
    // A protection of 5 is wider than [0, 4]: both are findings.
    const strict = await run('two-suppressed-strict', csv, '  protection: 5\n');
    expect(show(strict)).toEqual([
      'JL802 @2 Count: suppressed people can be worked out as between 0 and 4 (protection 5) from the total at line 5 and the cell at line 4',
      'JL802 @3 Count: suppressed people can be worked out as between 0 and 4 (protection 5) from the total at line 5 and the cell at line 4',
    ]);
  });

  it('pins a cell of a two-way table by its row and its column together, and proves the usual pattern safe', async () => {
    // Rows: offences; columns: sex. Theft/Female and Theft/Male suppressed in one row, and
    // Theft/Female and Fraud/Female in one column: each total alone leaves an interval; the
    // four suppressed cells in a rectangle are the classic safe pattern.
    const rectangle = `Year,Offence,Sex,Count
2024,Theft,Male,[c]
2024,Theft,Female,[c]
2024,Theft,All,30
2024,Fraud,Male,[c]
2024,Fraud,Female,[c]
2024,Fraud,All,25
2024,All offences,Male,33
2024,All offences,Female,22
2024,All offences,All,55
`;
    // Theft: M + F = 30; Fraud: M + F = 25; Male: T + F' = 33; Female: 22. Theft/Male ranges
    // over [8, 30] (Theft/Female = 30 − x ≤ 22 means x ≥ 8; Fraud/Male = 33 − x ≥ 0): protected.
    expect(show(await run('rectangle', rectangle))).toEqual([]);
    // Publishing Fraud/Female breaks the rectangle, and every other cell of it is pinned.
    const broken = rectangle.replace('2024,Fraud,Female,[c]', '2024,Fraud,Female,4');
    const found = show(await run('broken-rectangle', broken));
    // Fraud/Male = 25 − 4 = 21 (Fraud's total, line 7); then Theft/Male = 33 − 21 = 12 (the
    // Male total, line 8); then Theft/Female = 30 − 12 = 18 (Theft's total, line 4): each
    // finding names the totals of its chain, and the published cell it starts from.
    expect(found).toEqual([
      'JL802 @2 Count: suppressed people can be worked out as exactly 12 (protection 3) from the totals at lines 7, 8 and the cell at line 6',
      'JL802 @3 Count: suppressed people can be worked out as exactly 18 (protection 3) from the totals at lines 4, 7, 8 and the cell at line 6',
      'JL802 @5 Count: suppressed people can be worked out as exactly 21 (protection 3) from the total at line 7 and the cell at line 6',
    ]);
  });

  it('finds totals their cells do not add up to, at the total, with the sum found', async () => {
    const found = await run('additivity', `Year,Offence,Sex,Count
2024,Theft,Male,10
2024,Theft,Female,5
2024,Theft,All,16
2024,Fraud,Male,7
2024,Fraud,Female,4
2024,Fraud,All,11
`);
    expect(show(found)).toEqual(['JL803 @4 Count: people total 16 is not the sum of its 2 sex cells (lines 2, 3), which is 15']);
    // Rounded figures: a tolerance of 1 lets the total miss by 1.
    expect(show(await run('additivity-rounded', `Year,Offence,Sex,Count
2024,Theft,Male,10
2024,Theft,Female,5
2024,Theft,All,16
`, '  tolerance: 1\n'))).toEqual([]);
  });
});

describe('the secondary check, as linear and integer programs', () => {
  /** Cells by value (undefined: suppressed); every one counts people. */
  const figures = (values: readonly (number | undefined)[]): Figures => ({
    size: values.length,
    suppressed: (i) => values[i] === undefined,
    value: (i) => values[i],
    counted: () => true,
  });
  const rules = { counts: ['people'], threshold: 3, zeroSafe: true, protection: 3, tolerance: 0 } as unknown as DisclosureRules;
  const relation = (total: number, parts: number[]): Relation => ({ total, parts, dimension: 'd' });

  it('finds no whole values where the linear relaxation has only halves: x + y = y + z = x + z = 1', async () => {
    // Cells 0-2 are x, y, z (suppressed); 3-5 the published totals. The LP's only solution is
    // x = y = z = ½, so only the integer model can say that no count meets these totals.
    const found = await intervals(figures([undefined, undefined, undefined, 1, 1, 1]), [relation(3, [0, 1]), relation(4, [1, 2]), relation(5, [0, 2])], rules);
    expect(found.intervals).toEqual([]);
    expect(found.contradictions.map((c) => [...c.cells].sort())).toEqual([[0, 1, 2]]);
  });

  it('gives the whole-number interval where the relaxation is wider: x + y = y + z = x + z = 4, x + y + z + w = 7', async () => {
    // x = y = z = 2 is forced (the three sums), so w = 1: exact, though no total holds w alone.
    const found = await intervals(figures([undefined, undefined, undefined, undefined, 4, 4, 4, 7]), [relation(4, [0, 1]), relation(5, [1, 2]), relation(6, [0, 2]), relation(7, [0, 1, 2, 3])], rules);
    expect(found.contradictions).toEqual([]);
    expect(found.intervals.map((iv) => [iv.cell, iv.lower, iv.upper]).sort()).toEqual([[0, 2, 2], [1, 2, 2], [2, 2, 2], [3, 1, 1]]);
  });

  it('bounds by whole numbers where the linear optimum is fractional: x + y = 1, y + z = 1, x + z + w = 1', async () => {
    // The LP lets x and z reach ½ (w = 0); in whole numbers x = z = 0, y = w = 1: all exact.
    const found = await intervals(figures([undefined, undefined, undefined, undefined, 1, 1, 1]), [relation(4, [0, 1]), relation(5, [1, 2]), relation(6, [0, 2, 3])], rules);
    expect(found.contradictions).toEqual([]);
    expect(found.intervals.map((iv) => [iv.cell, iv.lower, iv.upper]).sort()).toEqual([[0, 0, 0], [1, 1, 1], [2, 0, 0], [3, 1, 1]]);
  });
});

describe('disclosure counts and contradictions', () => {
  it('says when no values of the suppressed cells can meet their totals, at the first of them', async () => {
    // Every published total adds up, but Fraud/Male = 26 − 5 = 21 leaves Theft/Male = 20 − 21 = −1.
    const found = await run('contradiction', `Year,Offence,Sex,Count
2024,Theft,Male,[c]
2024,Theft,Female,[c]
2024,Theft,All,30
2024,Fraud,Male,[c]
2024,Fraud,Female,5
2024,Fraud,All,26
2024,All offences,Male,20
2024,All offences,Female,36
2024,All offences,All,56
`);
    // Fraud/Male is 26 − 5 = 21 (recoverable); the Male total then needs Theft/Male = −1.
    expect(show(found)).toEqual([
      'JL802 @5 Count: suppressed people can be worked out as exactly 21 (protection 3) from the total at line 7 and the cell at line 6',
      'JL803 @2 Count: the totals at lines 7, 8 cannot all hold: no whole, non-negative values of the suppressed cells at line 2 add up to them',
    ]);
  });

  it('are counted for the summary', async () => {
    writeFile(dir, 'counted.csv', `Year,Offence,Sex,Count
2024,Theft,Male,[c]
2024,Theft,Female,[c]
2024,Theft,Unknown,20
2024,Theft,All,24
2024,Fraud,Male,2
2024,Fraud,Female,7
2024,Fraud,All,9
`);
    const { result } = await convertInMemory(mapping('counted'));
    expect(result.summary?.disclosure).toEqual({ threshold: 3, protection: 3, suppressed: 2, smallCounts: 1, recoverable: 0, totals: 2, notAddingUp: 0, ratesDisagreeing: 0 });
  });
});

describe('suggested and applied suppression', () => {
  const table = `Year,Offence,Sex,Count
2024,Theft,Male,[c]
2024,Theft,Female,[c]
2024,Theft,All,30
2024,Fraud,Male,[c]
2024,Fraud,Female,4
2024,Fraud,All,25
2024,Robbery,Male,12
2024,Robbery,Female,2
2024,Robbery,All,14
2024,All offences,Male,45
2024,All offences,Female,24
2024,All offences,All,69
`;

  it('names the unsafe counts and the fewest people that protect every suppressed cell', async () => {
    writeFile(dir, 'suggest.csv', table);
    const { result } = await convertInMemory(mapping('suggest'), { suppression: { cost: 'people', apply: false } });
    // Worked out by hand: Robbery/Female 2 is unsafe. Fraud/Male is 25 − 4 = 21 whatever else is
    // hidden (the only suppressed cell of its total), so Fraud/Female 4 goes; and through
    // Robbery/Female, Theft/Male (line 2) is 45 − 21 − 12, so Robbery/Male 12 goes too (a part of
    // a total that holds it, rather than the total Theft/All). Then the 3 × 2 block of hidden
    // cells under known margins leaves each a wide interval.
    expect(show(result.diagnostics.filter((d) => d.code === 'JL805'))).toEqual([
      'JL805 @6 Count: suppress people 4 as [c]: protects the suppressed people at line 5',
      'JL805 @8 Count: suppress people 12 as [c]: protects the suppressed people at line 2',
      'JL805 @9 Count: suppress people 2 as [c]: an unsafe count',
    ]);
    expect(result.summary?.disclosure?.suggested?.protected).toBe(true);
  });

  it('writes them as [c] in a second pass, which the secondary check then finds safe', async () => {
    writeFile(dir, 'apply.csv', table);
    const suggestedRun = await convertInMemory(mapping('apply'), { suppression: { cost: 'people', apply: false } });
    const lines = suggestedRun.result.diagnostics.filter((d) => d.code === 'JL805').map((d) => d.span!.line);
    const { result, nt } = await convertInMemory(mapping('apply'), { suppression: { cost: 'people', apply: true } });
    // The re-check: no small count, no cell that can be worked out.
    expect(result.diagnostics.filter((d) => /^JL80[12]$/.test(d.code))).toEqual([]);
    const people = lines.reduce((n, l) => n + Number(table.split('\n')[l]!.split(',')[3]), 0);
    expect(result.summary?.disclosure?.applied).toEqual({ cells: lines.length, people });
    expect(result.summary?.disclosure?.suppressed).toBe(3 + lines.length);
    // In the dump: a status [c] and no value for each of them, as for the CSV's own [c] cells.
    const statuses = nt.split('\n').filter((l) => l.includes('obsStatus') && l.endsWith('af-obs-marker#c> .')).length;
    expect(statuses).toBe(3 + lines.length);
    expect(readFileSync(join(dir, 'apply.csv'), 'utf8')).toBe(table);
  });
});

describe('rates', () => {
  /** Offenders, reoffenders and a rate by offence; `column` is the rate's CSV header, `rate` its measure's other keys. */
  const findings = async (name: string, column: string, rate: string, rows: string): Promise<string[]> => {
    writeFile(dir, `${name}.csv`, `Year,Offence,Offenders,Reoffenders,${column}\n${rows}`);
    const file = writeFile(dir, `${name}.yaml`, `${preamble(name)}dimensions:
  year: { property: sdmx-dimension:refPeriod, column: Year, period: year }
  offence: { property: ex:offence, label: offence, column: Offence, codeList: generated }
measures:
  offenders: { property: ex:offenders, label: offenders, column: Offenders, unit: unit:NUM }
  reoffenders: { property: ex:reoffenders, label: reoffenders, column: Reoffenders, unit: unit:NUM }
  rate: { property: ex:rate, label: reoffending rate, column: ${column}, ${rate} }
disclosure:
  counts: [offenders, reoffenders]
  rates: [{ measure: rate, numerator: reoffenders, denominator: offenders, scale: 100 }]
`);
    const { result } = await convertInMemory(file);
    return show(result.diagnostics.filter((d) => d.code.startsWith('JL8')));
  };

  it('agree with their numerator and denominator within rounding', async () => {
    expect(await findings('rates', 'Rate', 'datatype: xsd:decimal, unit: unit:PERCENT', '2024,Theft,200,50,25.0\n2024,Fraud,300,100,33.3\n2024,Robbery,300,100,30.0\n')).toEqual([
      'JL804 @4 Rate: rate 30.0 does not agree with reoffenders ÷ offenders × 100 = 100 ÷ 300 × 100 = 33.3333 (tolerance 0.05)',
    ]);
  });

  it('compare a percentage column (held as a fraction) as the CSV shows it', async () => {
    // 25.0 and 33.3 are 50 / 200 and 100 / 300 to one decimal place; 33.4 is not.
    expect(await findings('rates-percent', 'Rate (%)', 'percent: true, unit: unit:FRACTION', '2024,Theft,200,50,25.0\n2024,Fraud,300,100,33.3\n2024,Robbery,300,100,33.4\n')).toEqual([
      'JL804 @4 Rate (%): rate 33.4 does not agree with reoffenders ÷ offenders × 100 = 100 ÷ 300 × 100 = 33.3333 (tolerance 0.05)',
    ]);
  });
});

describe('totals along a code list hierarchy', () => {
  it('add up where the table has a broader code and all its narrower ones, and pin a suppressed one', async () => {
    const name = 'hierarchy';
    // The shipped sex code list: Total (T) is broader than Male, Female, Not known and Not applicable.
    writeFile(dir, `${name}.csv`, `Year,Offence,Sex,Count
2024,Theft,Male,40
2024,Theft,Female,[c]
2024,Theft,Not known,3
2024,Theft,Not applicable,0
2024,Theft,Total,50
2024,Fraud,Male,20
2024,Fraud,Female,9
2024,Fraud,Not known,4
2024,Fraud,Not applicable,0
2024,Fraud,Total,34
2024,Robbery,Male,20
2024,Robbery,Total,20
`);
    const file = writeFile(dir, `${name}.yaml`, mappingText(name).replace('codeList: generated }\nmeasures', 'codeList: sex }\nmeasures')
      .replace('sex: { property: ex:sex, label: sex, column: Sex, codeList: generated }', 'sex: { property: sdmx-dimension:sex, column: Sex, codeList: sex }')
      .replace('totals: { offence: All offences, sex: All }', 'totals: { sex: hierarchy }'));
    const { result } = await convertInMemory(file);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Theft: Female = 50 − 40 − 3 − 0 = 7 exactly; Fraud's total misses its four parts (33);
    // Robbery lacks Female, Not known and Not applicable: its total has no relation.
    expect(show(result.diagnostics.filter((d) => d.code.startsWith('JL8')))).toEqual([
      'JL802 @3 Count: suppressed people can be worked out as exactly 7 (protection 3) from the total at line 6 and the cells at lines 2, 4, 5',
      'JL803 @11 Count: people total 34 is not the sum of its 4 sex cells (lines 7, 8, 9, 10), which is 33',
    ]);
    expect(result.summary?.disclosure?.totals).toBe(2);
  });
});

describe('k-anonymity of a record-level extract', () => {
  it('finds the combinations of quasi-identifiers fewer than k people share, at their first row', async () => {
    const name = 'extract';
    // One row per person (Count 1) or per few people; rows with one key combine (summed).
    writeFile(dir, `${name}.csv`, `Area,Sex,Age,Offence,Count
Kent,Female,18-20,Theft,1
Kent,Female,18-20,Fraud,1
Kent,Male,21-24,Theft,4
Kent,Male,21-24,Theft,1
Essex,Female,18-20,Theft,1
Essex,Female,18-20,Theft,1
Essex,Female,18-20,Robbery,1
Essex,Male,21-24,Theft,[c]
`);
    const file = writeFile(dir, `${name}.yaml`, `${preamble(name)}duplicates: { combine: sum }
dimensions:
  area: { property: ex:area, label: area, column: Area, codeList: generated }
  sex: { property: ex:sex, label: sex, column: Sex, codeList: generated }
  age: { property: ex:age, label: age, column: Age, codeList: generated }
  offence: { property: ex:offence, label: offence, column: Offence, codeList: generated }
measures:
  people: { property: ex:people, label: people, column: Count, unit: unit:NUM }
disclosure:
  counts: [people]
  threshold: 1
  kAnonymity: { quasiIdentifiers: [area, sex, age], k: 3 }
`);
    const { result } = await convertInMemory(file);
    // Kent/Female/18-20: 1 + 1 = 2 people; Kent/Male/21-24: 4 + 1 = 5; Essex/Female/18-20: 3;
    // Essex/Male/21-24: suppressed, so not counted.
    expect(show(result.diagnostics.filter((d) => d.code.startsWith('JL8')))).toEqual([
      'JL806 @2 Count: 2 people share area Kent, sex Female, age 18-20: fewer than k = 3',
    ]);
    expect(result.summary?.disclosure?.smallGroups).toBe(1);
  });
});

describe('dominance of amounts summed over rows', () => {
  const csv = `Year,Court,Offence,Fine
2024,Leeds,Fraud,500
2024,Leeds,Fraud,400
2024,Leeds,Theft,100
2024,Leeds,Theft,120
2024,Leeds,Theft,90
2024,Leeds,Theft,110
2024,Leeds,Theft,105
2024,York,Fraud,10000
2024,York,Fraud,50
2024,York,Fraud,60
2024,York,Fraud,40
2024,York,Theft,1000
2024,York,Theft,900
2024,York,Theft,50
`;
  const mappingFor = (name: string, rules: string, duplicates = 'duplicates: { combine: sum }\n'): string => {
    writeFile(dir, `${name}.csv`, csv);
    return writeFile(dir, `${name}.yaml`, `${preamble(name)}${duplicates}dimensions:
  year: { property: sdmx-dimension:refPeriod, column: Year, period: year }
  court: { property: ex:court, label: court, column: Court, codeList: generated }
  offence: { property: ex:offence, label: offence, column: Offence, codeList: generated }
measures:
  fines: { property: ex:fines, label: fines imposed, column: Fine, unit: unit:GBP }
disclosure:
  dominance: [${rules}]
`);
  };

  it('(n, k): finds the cells whose n largest rows make more than k% of them, at their first row', async () => {
    const { result } = await convertInMemory(mappingFor('dominance-nk', '{ measure: fines }'));
    // By hand, with the default (2, 85): Leeds/Fraud 900 = 500 + 400 (100%); Leeds/Theft 525,
    // largest two 230 (43.8%); York/Fraud 10,150, largest two 10,060 (99.1%); York/Theft 1,950,
    // largest two 1,900 (97.4%).
    expect(show(result.diagnostics.filter((d) => d.code.startsWith('JL8')))).toEqual([
      'JL807 @2 Fine: fines 900 is dominated by its largest rows: the 2 largest make 100% of it (rule: 2 largest over 85%)',
      'JL807 @9 Fine: fines 10,150 is dominated by its largest rows: the 2 largest make 99.1% of it (rule: 2 largest over 85%)',
      'JL807 @13 Fine: fines 1,950 is dominated by its largest rows: the 2 largest make 97.4% of it (rule: 2 largest over 85%)',
    ]);
    expect(result.summary?.disclosure?.dominated).toBe(3);
  });

  it('p%: finds the cells that less their two largest rows are under p% of the largest', async () => {
    const { result } = await convertInMemory(mappingFor('dominance-p', '{ measure: fines, p: 10 }'));
    // Leeds/Fraud: 900 − 500 − 400 = 0 < 50; Leeds/Theft: 525 − 120 − 110 = 295 ≥ 12;
    // York/Fraud: 10,150 − 10,000 − 60 = 90 < 1,000; York/Theft: 1,950 − 1,900 = 50 < 100.
    expect(show(result.diagnostics.filter((d) => d.code.startsWith('JL8'))).map((l) => l.replace(/: less .*/, ''))).toEqual([
      'JL807 @2 Fine: fines 900 is dominated by its largest rows',
      'JL807 @9 Fine: fines 10,150 is dominated by its largest rows',
      'JL807 @13 Fine: fines 1,950 is dominated by its largest rows',
    ]);
    expect(show(result.diagnostics.filter((d) => d.code === 'JL807'))[1]).toContain('less its 2 largest rows it is 90, under 10% of the largest (10,000)');
  });

  it('keeps the largest rows exactly when the groups spill to disk', async () => {
    const { result } = await convertInMemory(mappingFor('dominance-spill', '{ measure: fines, n: 1, k: 90 }'), { groupLimit: 1 });
    // Only York/Fraud: its largest row is 98.5% of it.
    expect(show(result.diagnostics.filter((d) => d.code.startsWith('JL8')))).toEqual([
      'JL807 @9 Fine: fines 10,150 is dominated by its largest rows: the largest makes 98.5% of it (rule: 1 largest over 90%)',
    ]);
  });

  it('needs rows that are summed (JL122 at the measure)', async () => {
    const { result } = await convertInMemory(mappingFor('dominance-unsummed', '{ measure: fines }', ''));
    expect(result.status).toBe('config-error');
    expect(show(result.diagnostics)).toEqual([expect.stringContaining("JL122 @13")]);
    expect(result.diagnostics[0]!.message).toBe("dominance of 'fines' needs the rows that make each cell, but the mapping does not sum its rows");
  });
});

describe('the record-level fines extract of samples/disclosure', () => {
  it('finds exactly the dominated amounts and small groups that a plain count of its rows finds', async () => {
    const sample = new URL('../../../samples/disclosure/', import.meta.url).pathname;
    const { result } = await convertInMemory(join(sample, 'fines-extract.yaml'));
    // The oracle: the CSV read with split(','), grouped by hand (its cells hold no commas).
    const rows = readFileSync(join(sample, 'fines-extract.csv'), 'utf8').trim().split('\n').slice(1).map((l, i) => ({ line: i + 2, cells: l.split(',') }));
    const groups = (key: (c: string[]) => string) => {
      const g = new Map<string, { line: number; fines: number[] }>();
      for (const r of rows) {
        const k = key(r.cells);
        if (!g.has(k)) g.set(k, { line: r.line, fines: [] });
        g.get(k)!.fines.push(Number(r.cells[4]));
      }
      return [...g.values()];
    };
    const dominated = groups((c) => c.slice(0, 4).join('|')).filter((g) => {
      const sorted = [...g.fines].sort((a, b) => b - a);
      return sorted[0]! + (sorted[1] ?? 0) > 0.85 * sorted.reduce((a, b) => a + b, 0);
    }).map((g) => g.line);
    const small = groups((c) => [c[0], c[2], c[3]].join('|')).filter((g) => g.fines.length < 3).map((g) => g.line);
    const at = (code: string): number[] => result.diagnostics.filter((d) => d.code === code).map((d) => d.span!.line + 1).sort((a, b) => a - b);
    expect(dominated.length).toBeGreaterThan(5);
    expect(small.length).toBeGreaterThan(0);
    expect(at('JL807')).toEqual(dominated.sort((a, b) => a - b));
    expect(at('JL806')).toEqual(small.sort((a, b) => a - b));
    expect(result.summary?.disclosure).toMatchObject({ dominated: dominated.length, smallGroups: small.length });
  });
});

describe('disclosure rules in the mapping', () => {
  it('name measures and dimensions of the mapping (JL122 at the name)', async () => {
    writeFile(dir, 'bad.csv', 'Year,Offence,Sex,Count\n2024,Theft,Male,10\n');
    const file = mappingText('bad', '  rates: [{ measure: people, numerator: nobody, denominator: people }]\n')
      .replace('counts: [people]', 'counts: [persons]').replace('sex: All }', 'gender: All }');
    writeFile(dir, 'bad.yaml', file);
    const { result } = await convertInMemory(`${dir}/bad.yaml`);
    expect(result.status).toBe('config-error');
    // At the name itself: a list item, a key of `totals:`, the value of `numerator:`.
    expect(result.diagnostics.map((d) => `${d.code} ${d.span!.line + 1}:${d.span!.column! + 1}: ${d.message}`)).toEqual([
      "JL122 13:12: 'persons' is not a measure of this mapping",
      "JL122 14:36: 'gender' is not a dimension of this mapping",
      "JL122 15:41: 'nobody' is not a measure of this mapping",
    ]);
  });
});
