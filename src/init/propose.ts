import { schemeMatcher } from '../codelists/matcher.js';
import { SCHEMES } from '../codelists/registry.js';
import { gssCode, policeForceArea } from '../compile/geography.js';
import { cleanLabel, labelKey } from '../compile/labels.js';
import { parsePeriod } from '../compile/period.js';
import type { ColumnProfile, TableProfile } from './profile.js';
import { grouped } from '../diagnostics/numbers.js';

/** How the mapping reads one column, with what init was unsure of. */
export interface ColumnPlan {
  readonly profile: ColumnProfile;
  readonly key: string;
  readonly role: 'dimension' | 'measure' | 'skip';
  /** YAML lines of the component, without its key. */
  readonly lines: readonly string[];
  /** Comments written above the component: what was recognised, and doubts. */
  readonly notes: readonly string[];
  readonly unsure: boolean;
}

/** The property each shipped code list is the range of (vocab/justice.ttl, SDMX). */
const PROPERTY_OF_SCHEME: Readonly<Record<string, string>> = {
  'offence-group': 'justice:offenceGroup', 'offence-type': 'justice:offenceType', offence: 'justice:offence', disposal: 'justice:disposal',
  'sentence-length': 'justice:custodialSentenceLength', 'fine-band': 'justice:fineAmountBand', sex: 'sdmx-dimension:sex', 'age-band': 'justice:ageBand',
  ethnicity: 'justice:ethnicity', 'defendant-type': 'justice:defendantType', 'cohort-type': 'justice:cohortType', 'court-type': 'justice:courtType',
  'case-type': 'justice:caseType', 'timeliness-stage': 'justice:timelinessStage',
};
/** Lists init proposes by label: not police force areas (geography does that) nor markers. */
const PROPOSABLE = Object.keys(PROPERTY_OF_SCHEME);

/** Measures whose rows add up (a weight or a count) rather than averages or rates. */
export const COUNT_LIKE = /(^|[\s_])(count|number|total|sum|persons|people|offenders|defendants|sentenced|cases|value|n)($|[\s_])|^total/i;
export const MEAN_LIKE = /(average|mean|median|rate|proportion|percent|%|^a[a-z]*sl_|^avg|per )/i;
const PERIOD_NAME = /year|period|quarter|month|date|cohort/i;

/** A column's YAML key: its words in camelCase, letters and digits only. */
export function keyOf(name: string, taken: Set<string>): string {
  const words = name.replace(/\(.*?\)/g, ' ').normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  let key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('') || 'column';
  if (!/^[A-Za-z]/.test(key)) key = `c${key}`;
  let unique = key;
  for (let i = 2; taken.has(unique); i++) unique = `${key}${i}`;
  taken.add(unique);
  return unique;
}

const q = (s: string): string => JSON.stringify(s);

/** Tokens MoJ writes for "no category": mapped, never dropped. */
const MISSING = /^(n\/a|na|not applicable|not known|unknown|-|\.\.|:|)$/i;

/** Decides, column by column, what the mapping proposes. */
export function planColumns(table: TableProfile, prefix: string): ColumnPlan[] {
  const taken = new Set<string>();
  let periodUsed = false;
  let areaUsed = false;
  return table.columns.map((c) => {
    const key = keyOf(c.name, taken);
    const distinct = [...c.values.keys()];
    const present = distinct.filter((v) => v !== '');
    const own = (label: string): string[] => [`property: ${prefix}:${key}`, `label: ${q(label)}`];
    const col = `column: ${q(c.name)}`;
    const filled = c.numbers + c.text + [...c.markers.values()].reduce((a, b) => a + b, 0);
    if (filled === 0) return { profile: c, key, role: 'skip', lines: [], notes: [`"${c.name}" is empty in every row read: left out.`], unsure: false };

    // Periods: every value a period label (a numeric year column too, when its name says so).
    const periodic = !c.overflow && present.length > 0 && present.every((v) => parsePeriod(v) !== undefined);
    if (periodic && (c.text > 0 || PERIOD_NAME.test(c.name)) && c.blank === 0) {
      const property = periodUsed ? `${prefix}:${key}` : 'sdmx-dimension:refPeriod';
      periodUsed = true;
      const lines = [`property: ${property}`, ...(property.startsWith(prefix) ? [`label: ${q(c.name)}`] : []), col, 'period: auto'];
      return { profile: c, key, role: 'dimension', lines, notes: [`periods such as ${q(present[0]!)}.`], unsure: false };
    }

    // Measures: numbers, markers and blanks only.
    if (c.text === 0 && c.numbers > 0 && !(PERIOD_NAME.test(c.name) && periodic)) {
      const lines = [...own(c.name), col, ...(c.decimal ? ['datatype: xsd:decimal'] : []), 'unit: unit:NUM'];
      const notes = [`a measure: ${grouped(c.numbers)} numbers${c.markers.size ? `, markers ${[...c.markers.keys()].map((m) => `[${m}]`).join('')}` : ''}${c.blank ? `, ${c.blank} blank` : ''}.`];
      return { profile: c, key, role: 'measure', lines, notes, unsure: c.decimal };
    }

    // Geography: police force areas by name or code, or GSS codes.
    const missingHere = present.filter((v) => MISSING.test(v));
    const real = present.filter((v) => !MISSING.test(v));
    if (!c.overflow && real.length > 0 && c.blank === 0 && !areaUsed) {
      const notKnown = missingHere.filter((v) => 'gss' in policeForceArea(v) === false);
      if (real.every((v) => 'gss' in policeForceArea(v)) && notKnown.every((v) => /^not known$|^unknown$/i.test(v))) {
        areaUsed = true;
        const missing = notKnown.length ? ['missing:', ...notKnown.map((v) => `  ${q(v)}: code:police-force-area/not-known`)] : [];
        return { profile: c, key, role: 'dimension', lines: ['property: sdmx-dimension:refArea', col, 'geography: police-force-area', ...missing], notes: ['police force areas.'], unsure: false };
      }
      if (real.every((v) => /^[EWSNKL]\d{8}$/.test(v) && 'gss' in gssCode(v)) && missingHere.length === 0) {
        areaUsed = true;
        const entities = [...new Set(real.map((v) => v.slice(0, 3)))].sort();
        return { profile: c, key, role: 'dimension', lines: ['property: sdmx-dimension:refArea', col, 'geography: gss-code', `entities: [${entities.join(', ')}]`], notes: [`GSS codes (${entities.join(', ')}).`], unsure: false };
      }
    }

    // A shipped code list that knows every label (blank and N/A become its "not applicable").
    const coded = present.length > 0 && present.every((v) => /^\d{1,3}[A-Za-z]?(\.\d{1,2})?(:\s*|\s+)\S/.test(v));
    if (!c.overflow) {
      for (const id of PROPOSABLE) {
        const scheme = SCHEMES.get(id)!;
        const match = schemeMatcher(scheme);
        const ok = (v: string): boolean => 'iri' in match(cleanLabel(v, true).label);
        const blankTo = c.blank > 0 ? scheme.concepts.find((x) => ['not applicable', 'not known'].includes(labelKey(x.label))) : undefined;
        if (present.length > 0 && present.every(ok) && (c.blank === 0 || blankTo)) {
          const values = blankTo ? [`values: { "": ${q(blankTo.label)} }`] : [];
          return { profile: c, key, role: 'dimension', lines: [`property: ${PROPERTY_OF_SCHEME[id]}`, col, `codeList: ${id}`, ...values], notes: [`every label is in the shipped code list '${id}'.`], unsure: false };
        }
      }
    }

    // Otherwise a code list minted from the labels in the data.
    const bandCodes = coded && present.some((v) => /^\d{1,3}\s+\d/.test(v));
    const labels = bandCodes ? ['labels: { stripCode: always }'] : [];
    const values = c.blank > 0 ? ['values: { "": "Not applicable" }'] : [];
    const notes = [`${c.overflow ? 'more than 5,000' : grouped(present.length)} distinct labels: a code list generated from the data.`];
    if (bandCodes) notes.push('every label starts with a code, some before a number: stripCode always.');
    if (c.blank > 0) notes.push(`unsure: ${grouped(c.blank)} blank cells are read as "Not applicable".`);
    return { profile: c, key, role: 'dimension', lines: [...own(c.name), col, 'codeList: generated', ...labels, ...values], notes, unsure: c.blank > 0 || c.overflow };
  });
}

