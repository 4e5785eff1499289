/** A 53-bit hash (cyrb53): sets of these stand in for sets of long strings (keys, IRIs) in bounded memory. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The bucket of a `hash53` in an open-addressing table: its two halves mixed into 32 bits. */
export function bucketOf(h: number): number {
  return Math.imul((h >>> 0) ^ Math.floor(h / 4294967296), 0x9e3779b1) >>> 0;
}
