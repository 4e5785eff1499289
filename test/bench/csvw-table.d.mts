/** Types for the benchmark's CSVW tables (csvw-table.mjs), used by the equivalence test. */
export const DATASET: string;
export const ABOUT: string;
export function csvwJson(url: string, table?: 'sentencing' | 'matrix-generated'): Record<string, unknown>;
export function csvwTurtle(url: string, table?: 'sentencing' | 'matrix-generated'): string;
