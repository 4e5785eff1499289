/**
 * Node's own UTF-8 methods of a Buffer, without `write`'s and `toString`'s argument checks:
 * called for every spilled row and every observation's subject, where the checks were a
 * measurable share of the run.
 */
interface Utf8Buffer extends Buffer {
  utf8Write(text: string, offset: number): number;
  utf8Slice(start: number, end: number): string;
}

/** Writes `text` as UTF-8 at `at` (as much as fits); the bytes written. */
export const utf8Write = (buf: Buffer, text: string, at: number): number => (buf as Utf8Buffer).utf8Write(text, at);

/** The UTF-8 text of `buf` from `start` to `end`. */
export const utf8Slice = (buf: Buffer, start: number, end: number): string => (buf as Utf8Buffer).utf8Slice(start, end);
