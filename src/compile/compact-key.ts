/** Distinct values a dimension numbers before its later values are kept as text. */
export const NUMBERED_LIMIT = 0xd000;

/**
 * A row's dimension key made short for the run's key gate (IC-12 as rows): each dimension's
 * value key is numbered in the order first seen, and a row's key is one character a
 * dimension. A million rows' keys are then hashed and spilled as ~12 characters each, not
 * ~100. Exact within a run: numbers stand one-to-one for value keys. A dimension past
 * `NUMBERED_LIMIT` distinct values (an ID column) keeps its later values as text: a NUL (no
 * number's character), the length, a colon, the value, so no two different keys read alike.
 * Characters stay below the surrogates, so a key survives UTF-8 (the spill files) unchanged.
 * Used by the key gate and by the table of rows that combine.
 */
export class CompactKeys {
  private readonly numbers: Map<string, number>[];

  constructor(dimensions: number, private readonly limit = NUMBERED_LIMIT) {
    this.numbers = Array.from({ length: dimensions }, () => new Map());
  }

  /** The key of a row whose value keys are `keys[slots[d]]`, about measure `only` (-1: all). */
  of(keys: readonly string[], slots: readonly number[], only: number): string {
    let out = '';
    for (let d = 0; d < slots.length; d++) {
      const value = keys[slots[d]!]!;
      const numbers = this.numbers[d]!;
      let n = numbers.get(value);
      if (n === undefined && numbers.size < this.limit) numbers.set(value, (n = numbers.size + 1));
      out += n === undefined ? `\u0000${value.length}:${value}` : String.fromCharCode(n);
    }
    return out + String.fromCharCode(only + 2);
  }
}
