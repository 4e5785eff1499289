import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The time a run records in its metadata (prov:startedAtTime and endedAtTime, dcterms:modified,
 * a release's `issued` when its file gives none): the clock's, or SOURCE_DATE_EPOCH's when it
 * is set (reproducible-builds.org), so that a rerun of the same inputs writes byte-identical
 * metadata as well as dumps.
 */
export function recordedTime(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = sourceDateEpoch(env);
  return typeof epoch === 'number' ? new Date(epoch * 1000) : new Date();
}

/**
 * SOURCE_DATE_EPOCH as seconds since 1970-01-01 UTC; undefined when it is unset or empty; the
 * text when it is not a whole number of seconds (the run then stops: a build that asked for
 * a fixed time must not record another).
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined | { readonly invalid: string } {
  const text = env.SOURCE_DATE_EPOCH;
  if (text === undefined || text === '') return undefined;
  // At most 8.64e15 ms from 1970 is a Date; later would be no time at all.
  return /^\d{1,15}$/.test(text) && Number(text) * 1000 <= 8.64e15 ? Number(text) : { invalid: text };
}

/** JL405 when SOURCE_DATE_EPOCH is set to something that is not a time (checked before a run writes anything). */
export function epochProblem(env: NodeJS.ProcessEnv = process.env): Diagnostic | undefined {
  const epoch = sourceDateEpoch(env);
  if (epoch === undefined || typeof epoch === 'number') return undefined;
  return diagnostic('JL405', `SOURCE_DATE_EPOCH is ${JSON.stringify(epoch.invalid.slice(0, 40))}, not a whole number of seconds since 1970-01-01 UTC; nothing was written`);
}
