import { NS } from '../rdf/ns.js';

/** First and last day (xsd:date) of a reference.data.gov.uk interval IRI, or undefined. */
export function periodBounds(iri: string): readonly [string, string] | undefined {
  if (!iri.startsWith(NS.period)) return undefined;
  const path = iri.slice(NS.period.length);
  let m = /^year\/(\d{4})$/.exec(path);
  if (m) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  m = /^quarter\/(\d{4})-Q([1-4])$/.exec(path);
  if (m) {
    const q = Number(m[2]);
    return [`${m[1]}-${pad(q * 3 - 2)}-01`, lastDay(Number(m[1]), q * 3)];
  }
  m = /^month\/(\d{4})-(\d{2})$/.exec(path);
  if (m) return [`${m[1]}-${m[2]}-01`, lastDay(Number(m[1]), Number(m[2]))];
  m = /^government-year\/(\d{4})-(\d{4})$/.exec(path);
  if (m) return [`${m[1]}-04-01`, `${m[2]}-03-31`];
  m = /^gregorian-interval\/(\d{4})-(\d{2})-(\d{2})T00:00:00\/P(\d+)([YM])$/.exec(path);
  if (m) {
    const months = Number(m[4]) * (m[5] === 'Y' ? 12 : 1);
    const end = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, Number(m[3]) - 1));
    return [`${m[1]}-${m[2]}-${m[3]}`, end.toISOString().slice(0, 10)];
  }
  return undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
