import { POLICE_FORCE_AREAS } from '../reference/police-force-areas.js';

const GSS = /^[EWSNK]\d{8}$/;

/** Name matching ignores case, punctuation, `&`/`and` and a trailing "Police"/"Constabulary". */
export function placeKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+(police( force| service)?|constabulary)$/, '')
    .trim();
}

const BY_NAME: ReadonlyMap<string, string> = new Map(
  POLICE_FORCE_AREAS.flatMap((p) => [p.name, ...p.altNames].map((n) => [placeKey(n), p.gss] as const)),
);
const PFA_CODES: ReadonlySet<string> = new Set(POLICE_FORCE_AREAS.map((p) => p.gss));

export type PlaceResult = { readonly gss: string } | { readonly error: 'JL305' | 'JL306'; readonly detail: string };

/** A police force area by name (any known spelling) or by its E23/W15 GSS code. */
export function policeForceArea(label: string): PlaceResult {
  const text = label.trim();
  if (GSS.test(text.toUpperCase())) {
    const code = text.toUpperCase();
    return PFA_CODES.has(code) ? { gss: code } : { error: 'JL306', detail: `${code} is not one of the 43 police force area codes (E23000001–E23000039, W15000001–W15000004)` };
  }
  const gss = BY_NAME.get(placeKey(text));
  return gss ? { gss } : { error: 'JL305', detail: `"${text}" is not a police force area name` };
}

export const policeForceAreaNames = (): string[] => POLICE_FORCE_AREAS.map((p) => p.name);

/** A column that already holds GSS codes: checked for shape and, optionally, entity type. */
export function gssCode(label: string, entities?: readonly string[]): PlaceResult {
  const code = label.trim().toUpperCase();
  if (!GSS.test(code)) return { error: 'JL306', detail: `"${label.trim()}" is not a GSS code (a letter and 8 digits)` };
  if (entities && !entities.includes(code.slice(0, 3))) {
    return { error: 'JL306', detail: `${code} is a ${code.slice(0, 3)} code; this column expects ${entities.join(', ')}` };
  }
  return { gss: code };
}
