import { POLICE_FORCE_AREAS } from '../../src/reference/police-force-areas.js';

/**
 * The smallest realistic cube the scenario tests convert: a period and a police force area,
 * a count, and (with `rate`) a proportion — the columns `Period,Police Force Area,Count[,Rate]`.
 */
export function smallCubeMapping(id: string, csv: string, opts: { rate?: boolean } = {}): string {
  return `version: 1
id: ${id}
base: https://example.org/
source: { path: ${csv} }
dimensions:
  period: { property: sdmx-dimension:refPeriod, column: Period, period: auto }
  area: { property: sdmx-dimension:refArea, column: Police Force Area, geography: police-force-area }
measures:
  count: { property: justice:offenderCount, column: Count, unit: unit:NUM }
${opts.rate ? '  rate: { property: justice:proportionReoffending, column: Rate, datatype: xsd:decimal, unit: unit:NUM }\n' : ''}`;
}

/** `Period,Police Force Area,Count` rows: 43 areas × `years` years; `shift` changes every count, so two files' dumps differ. */
export function smallCubeCsv(years: number, shift: number): string {
  const rows = ['Period,Police Force Area,Count'];
  for (let y = 0; y < years; y++) for (const [i, a] of POLICE_FORCE_AREAS.entries()) rows.push(`${2000 + y},${a.gss},${(i * 7 + y + shift) % 500}`);
  return `${rows.join('\n')}\n`;
}

/** A period and a `codeList: generated` offence column (`Period,Offence,Count`): codes minted from labels. */
export function generatedCodesMapping(id: string, csv: string): string {
  return smallCubeMapping(id, csv).replace(/ {2}area: .*\n/, '  offence: { property: justice:offenceGroup, column: Offence, codeList: generated }\n');
}
