/** The library API. Never prints, never exits: everything comes back as values. */
export { convert, type ConvertOptions, type ConvertResult, type TripleTarget } from './run/convert.js';
export type { ConvertSummary } from './run/summary.js';
export { loadMapping, type LoadedMapping } from './mapping/load.js';
export type { MappingModel } from './mapping/model.js';
export { compilePlan, type RowPlan } from './compile/plan.js';
export { readCsv, readHeader, type CsvEvent } from './csv/read.js';
export { parsePeriod, type Period } from './compile/period.js';
export { policeForceArea, gssCode } from './compile/geography.js';
export { CODES, type Code } from './diagnostics/codes.js';
export type { Diagnostic, Span } from './diagnostics/diagnostic.js';
export { renderText, toJson, codesMarkdownTable } from './diagnostics/render.js';
export { FORMATS, formatByName, formatByPath } from './sinks/registry.js';
