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
