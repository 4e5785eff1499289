/** Types for the bench matrix (cases.mjs) and its generator, used by the anchors' equivalence test. */
export interface MatrixCase { id: string; label: string; mapping: string; layout: 'sentencing' | 'generated' | 'wide' | 'long' | 'records'; rows(n: number): number; csvw?: 'matrix-generated' }
export const MATRIX: readonly MatrixCase[];
