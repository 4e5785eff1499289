import { DiagnosedError } from '../diagnostics/diagnostic.js';

/** JL605 for an RDF file that cannot be read or parsed; the reader's message is kept, with the file's name where it lacks it. */
export function unreadable(file: string, err: unknown): DiagnosedError {
  if (err instanceof DiagnosedError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const message = code === 'ENOENT' ? 'no such file' : (err as Error).message;
  return new DiagnosedError('JL605', message.includes(file) ? `cannot read ${message}` : `cannot read ${file}: ${message}`);
}
