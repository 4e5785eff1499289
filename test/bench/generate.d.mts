/** Types for the seeded CSV generators (generate.mjs), used by the workers scenario test. */
export function generate(rows: number, file: string, seed?: number): Promise<void>;
export function generateReoffending(rows: number, file: string, seed?: number): Promise<void>;
export function generateTimeliness(rows: number, file: string, seed?: number): Promise<void>;
