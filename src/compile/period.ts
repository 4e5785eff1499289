/**
 * MoJ period labels → reference.data.gov.uk interval IRIs (RELEASE-DATA.md §6–7,
 * VOCABULARY.md §3.1). Government years are always written with two full years.
 */
import type { PeriodStyle } from '../mapping/model.js';
import { NS } from '../rdf/ns.js';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'half' | 'government-year' | 'interval' | 'day';

export interface Period {
  readonly kind: PeriodKind;
  readonly iri: string;
  /** Short, unique text for observation IRIs: 2010, 2010-Q2, 2019-2020, 2022-07-01P1Y. */
  readonly key: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const pad = (n: number): string => String(n).padStart(2, '0');

const make = (kind: PeriodKind, path: string, key: string): Period => ({ kind, iri: `${NS.period}${path}`, key });
const year = (y: number): Period => make('year', `year/${y}`, String(y));
const quarter = (y: number, q: number): Period => make('quarter', `quarter/${y}-Q${q}`, `${y}-Q${q}`);
const govYear = (y: number): Period => make('government-year', `government-year/${y}-${y + 1}`, `${y}-${y + 1}`);
const month = (y: number, m: number): Period => make('month', `month/${y}-${pad(m)}`, `${y}-${pad(m)}`);

/** A run of whole months from (y, m), named by the most specific interval set that fits. */
function monthSpan(y: number, m: number, months: number): Period | undefined {
  if (months <= 0 || months > 120) return undefined;
  if (months === 1) return month(y, m);
  if (months === 3 && m % 3 === 1) return quarter(y, (m + 2) / 3);
  if (months === 6 && (m === 1 || m === 7)) return make('half', `half/${y}-H${m === 1 ? 1 : 2}`, `${y}-H${m === 1 ? 1 : 2}`);
  if (months === 12 && m === 1) return year(y);
  if (months === 12 && m === 4) return govYear(y);
  const duration = months % 12 === 0 ? `P${months / 12}Y` : `P${months}M`;
  return make('interval', `gregorian-interval/${y}-${pad(m)}-01T00:00:00/${duration}`, `${y}-${pad(m)}-01${duration}`);
}

/** A unit of time after a start date (a second column): `quarter`, `quarterly`, `12 months`. */
const UNIT = '(day|daily|week|weekly|month|monthly|quarter|quarterly|half|half-year|half-yearly|year|yearly|annual|annually|financial year|(\\d{1,3}) months?)';
const UNIT_MONTHS: Readonly<Record<string, number>> = {
  month: 1, monthly: 1, quarter: 3, quarterly: 3, half: 6, 'half-year': 6, 'half-yearly': 6, year: 12, yearly: 12, annual: 12, annually: 12, 'financial year': 12,
};

/** A real calendar date, alone (a day) or as the start of `unit` (a period of whole months, a week). */
function dated(y: number, m: number, d: number, unit: string | undefined): Period | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (unit === undefined || unit === 'day' || unit === 'daily') return make('day', `day/${day}`, day);
  if (unit === 'week' || unit === 'weekly') return make('interval', `gregorian-interval/${day}T00:00:00/P7D`, `${day}P7D`);
  const months = UNIT_MONTHS[unit] ?? Number(/^(\d+)/.exec(unit)?.[1]);
  // A span of months starts on the first of a month; anything else is no period this tool names.
  return d === 1 ? monthSpan(y, m, months) : undefined;
}

const RULES: readonly [RegExp, (m: RegExpExecArray) => Period | undefined][] = [
  [/^(\d{4})$/, (m) => year(+m[1]!)],
  // 2010 Q2 (Apr-Jun), 2019-Q3, 2010Q2, 2017 Q4 (Year + Quarter columns), 2011 1 (year + quarter number)
  [/^(\d{4}) ?-? ?q([1-4])(?: ?\(.*\))?$/, (m) => quarter(+m[1]!, +m[2]!)],
  [/^q([1-4]) ?-? ?(\d{4})$/, (m) => quarter(+m[2]!, +m[1]!)],
  [/^(\d{4})(?: |-)([1-4])$/, (m) => quarter(+m[1]!, +m[2]!)],
  // 2019/20, 2016-17, 2010-2011, 2019/2020: financial years when the second year follows the first
  [/^(\d{4}) ?[/-] ?(\d{2}|\d{4})$/, (m) => {
    const a = +m[1]!;
    const b = m[2]!.length === 2 ? +m[2]! : +m[2]! % 100;
    if ((a + 1) % 100 === b) return govYear(a);
    return m[2]!.length === 2 && +m[2]! >= 1 && +m[2]! <= 12 ? month(a, +m[2]!) : undefined;
  }],
  // Apr 2009-Mar 2010, Jan - Mar 2020, Oct-Dec 2015, April 2013 to March 2014
  [new RegExp(`^${MONTH}(?: (\\d{4}))? ?- ?${MONTH} (\\d{4})$`), (m) => {
    const m1 = monthOf(m[1]!);
    const m2 = monthOf(m[3]!);
    const y2 = +m[4]!;
    const y1 = m[2] ? +m[2] : m1 <= m2 ? y2 : y2 - 1;
    return monthSpan(y1, m1, (y2 * 12 + m2) - (y1 * 12 + m1) + 1);
  }],
  // 1 January 2011 - 31 December 2011, 1 July 2009 - 30 June 2010 (whole months only)
  [new RegExp(`^1 ${MONTH} (\\d{4}) ?- ?(\\d{1,2}) ${MONTH} (\\d{4})$`), (m) => {
    const m1 = monthOf(m[1]!);
    const y1 = +m[2]!;
    const m2 = monthOf(m[4]!);
    const y2 = +m[5]!;
    if (+m[3]! !== new Date(Date.UTC(y2, m2, 0)).getUTCDate()) return undefined;
    return monthSpan(y1, m1, (y2 * 12 + m2) - (y1 * 12 + m1) + 1);
  }],
  // year ending June 2023 (12 months to the end of that month)
  [new RegExp(`^(?:year|12 months) end(?:ing|ed) ${MONTH} (\\d{4})$`), (m) => {
    const end = monthOf(m[1]!);
    const y = +m[2]!;
    return end === 12 ? year(y) : monthSpan(y - 1, end + 1, 12);
  }],
  [new RegExp(`^${MONTH} (\\d{4})$`), (m) => month(+m[2]!, monthOf(m[1]!))],
  // 2020-02-29, 29/02/2020 (UK order), alone or with a unit column: 2019-04-01 quarter
  [new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?: ${UNIT})?$`), (m) => dated(+m[1]!, +m[2]!, +m[3]!, m[4])],
  [new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?: ${UNIT})?$`), (m) => dated(+m[3]!, +m[2]!, +m[1]!, m[4])],
];

/** Lower-case, one space, en/em dashes and "to" as `-`, footnote markers such as `(1)` removed. */
function normalise(label: string): string {
  return label
    .toLowerCase()
    .replace(/\s*\((\d{1,2}|note \d+)\)\s*$|\s*\[note \d+\]\s*$/g, '')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\s+to\s+/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

const STYLE_KINDS: Readonly<Record<Exclude<PeriodStyle, 'auto'>, readonly PeriodKind[]>> = {
  year: ['year'],
  quarter: ['quarter'],
  month: ['month'],
  'government-year': ['government-year'],
  interval: ['interval', 'year', 'government-year', 'half', 'quarter', 'month'],
};

/**
 * Parses a period label; undefined when it is not recognised or not of the requested style.
 * `yearEnding` (1–12) reads a bare year as the 12 months to the end of that month.
 */
export function parsePeriod(label: string, style: PeriodStyle = 'auto', yearEnding?: number): Period | undefined {
  let text = normalise(label);
  if (yearEnding !== undefined && yearEnding !== 12 && /^\d{4}$/.test(text)) text = `year ending ${MONTHS[yearEnding - 1]} ${text}`;
  for (const [re, build] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    const p = build(m);
    if (!p) return undefined;
    // A year that ends in another month is still the year the mapping asked for.
    const kinds = style === 'year' && yearEnding !== undefined ? ['year', 'government-year', 'interval'] : style === 'auto' ? undefined : STYLE_KINDS[style];
    if (kinds && !kinds.includes(p.kind)) return undefined;
    return p;
  }
  return undefined;
}
