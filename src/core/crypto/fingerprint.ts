/**
 * A short, fast, non-cryptographic fingerprint (FNV-1a, 16 bits as 4 hex
 * digits) used to tell which column of a sealed row changed. Detection of a
 * change is the SHA-256 chain's job; this only points at the column.
 *
 * Example: fingerprint("123.45") = "c9d3"; any edit changes it with
 * probability 65535/65536.
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h ^ (h >>> 16)) & 0xffff).toString(16).padStart(4, "0");
}
