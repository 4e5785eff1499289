/** Types for the bench matrix's generator (generate-matrix.mjs). */
export function generateMatrix(layout: 'generated' | 'wide' | 'long' | 'records', rows: number, file: string, seed?: number): Promise<void>;
