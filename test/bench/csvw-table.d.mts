/** Types for the benchmark's CSVW table (csvw-table.mjs), used by the equivalence test. */
export const DATASET: string;
export const ABOUT: string;
export function csvwJson(url: string): Record<string, unknown>;
export function csvwTurtle(url: string): string;
