import type { LoadedCsvw } from '../csvw/load.js';
import { loadMapping } from '../mapping/load.js';

/** The CSVW options `convert`, `check` and `preview` share. */
export interface CsvwFlags {
  csvwMetadata?: string;
  csvwMinimal?: boolean;
}

/** Whether an argument is CSVW (a metadata document or a CSV file), not a mapping. */
export const isCsvw = (arg: string, flags: CsvwFlags): boolean => /\.(json|csv|tsv)$/i.test(arg) || flags.csvwMetadata !== undefined;

/**
 * A mapping, or CSVW metadata compiled into the same model (loaded on use: a YAML user's
 * command starts without the CSVW front end). A CSVW table the model cannot express comes
 * with `inMemory` instead of a model.
 */
export async function loadAny(arg: string, flags: CsvwFlags): Promise<LoadedCsvw> {
  if (!isCsvw(arg, flags)) return loadMapping(arg);
  const { loadCsvw } = await import('../csvw/load.js');
  return loadCsvw(arg, { ...(flags.csvwMetadata ? { metadata: flags.csvwMetadata } : {}), minimal: flags.csvwMinimal ?? false });
}
