// The bench matrix (issue 23): one case per kind of mapping rule, each run by justice-lod with
// its checks on and off and by a hand-written converter written for that table
// (anchors/matrix.mjs, the same observation triples: test/integration/bench-anchors.test.ts).
// `rows(n)` is the case's data rows when the bench runs n: the wide table writes three
// observations a row, so it runs a third of the rows for the same observations.
export const MATRIX = [
  { id: 'shipped', label: 'shipped code lists, period from one column (the headline table)', mapping: 'test/bench/sentencing-bench.yaml', layout: 'sentencing', rows: (n) => n },
  { id: 'generated', label: 'eight generated code lists (204 offences), period from two columns', mapping: 'test/bench/matrix/generated.yaml', layout: 'generated', rows: (n) => n, csvw: 'matrix-generated' },
  { id: 'value-maps', label: 'value maps and IRI templates (every filter)', mapping: 'test/bench/matrix/value-maps.yaml', layout: 'generated', rows: (n) => n },
  { id: 'wide', label: 'three measures a row (wide), period label in one column', mapping: 'test/bench/matrix/wide.yaml', layout: 'wide', rows: (n) => Math.ceil(n / 3) },
  { id: 'long', label: 'a measure column (long), three rows a key', mapping: 'test/bench/matrix/long.yaml', layout: 'long', rows: (n) => n },
  { id: 'records', label: 'rows with the same key summed (record-level extract)', mapping: 'test/bench/matrix/records.yaml', layout: 'records', rows: (n) => n },
];
