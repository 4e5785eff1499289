/**
 * convert checks each distinct code once, on a stand-in of its first observation (IC-19/20/21),
 * and says how many observations carry it. The uses are counted as the observation checks
 * tally each observation's dimension values: every observation of a wide row, a value met
 * again after others, and rows filtered out or rejected not at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertInMemory } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'jlod-first-uses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mapping(name: string, measures: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `version: 1
id: ${name}
base: https://example.org/
source: { path: ${name}.csv }
dimensions:
  year: { property: sdmx-dimension:refPeriod, column: Year, period: year }
  offence: { property: justice:offenceGroup, column: Offence Group, iri: "code:offence-group/{Offence Group|slug}" }
measures:
${measures}
`);
  return file;
}

const messagesOf = (r: Awaited<ReturnType<typeof convertInMemory>>) => r.result.diagnostics.filter((d) => d.code === 'JL506').map((d) => `${(d.span?.line ?? -1) + 1} ${d.message.replace(/^.*: observation /, '')}`);

describe('first uses of codes', () => {
  it('one measure: the value outside its list is reported at its first row, with its count', async () => {
    const file = mapping('one', '  count: { property: justice:defendantsSentenced, column: Count, unit: unit:NUM }');
    writeFileSync(join(dir, 'one.csv'), ['Year,Offence Group,Count', '2019,Bogus offences,1', '2019,Theft offences,2', '2020,Bogus offences,3', '2020,Theft offences,4', '2021,Bogus offences,5', '2021,Not a number,x'].join('\n'));
    const r = await convertInMemory(file);
    const found = messagesOf(r);
    // IC-19 (not in the scheme) and IC-20 (not in its hierarchy), each once for the value.
    expect(found).toHaveLength(2);
    // Line 2 is the first bogus row; the row that fails (line 7) counts for nothing.
    for (const m of found) expect(m).toMatch(/^2 .*bogus-offences> \(first of 3 observations with this value\)$/);
    expect(r.result.diagnostics.map((d) => d.code)).toContain('JL301');
  });

  it('two measures a row: every observation of each row counts', async () => {
    const file = mapping('wide', '  count: { property: justice:defendantsSentenced, column: Count, unit: unit:NUM }\n  custodial: { property: justice:custodialSentenceCount, column: Custodial, unit: unit:NUM }');
    writeFileSync(join(dir, 'wide.csv'), ['Year,Offence Group,Count,Custodial', '2019,Theft offences,2,1', '2019,Bogus offences,1,1', '2020,Bogus offences,3,2', '2020,Theft offences,4,3'].join('\n'));
    const found = messagesOf(await convertInMemory(file));
    expect(found).toHaveLength(2);
    for (const m of found) expect(m).toMatch(/^3 .*bogus-offences> \(first of 4 observations with this value\)$/);
  });
});
