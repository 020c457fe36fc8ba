/**
 * The pane's native SHA-256: Web Crypto's crypto.subtle.digest, asynchronous
 * (the browser hashes off the main thread), many texts at once, for
 * `withHashes` (src/core/crypto/hashing.ts). Where there is no Web Crypto
 * (an http page other than localhost) the core's reference hashes, in
 * slices that let the pane paint.
 *
 * Example: await webSha256Many(["abc"]) → ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"]
 */
import type { HashMany } from "../../core/crypto/hashing";
import { sha256Text } from "../../core/crypto/hashing";
import { toHex } from "../../core/crypto/sha256";

const SLICE = 2000;

function subtle(): SubtleCrypto | undefined {
  return typeof crypto !== "undefined" && crypto.subtle ? crypto.subtle : undefined;
}

/** Lets the browser paint and handle input between slices of work. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export const webSha256Many: HashMany = async (texts) => {
  const engine = subtle();
  const encoder = new TextEncoder();
  const out: string[] = new Array<string>(texts.length);
  for (let start = 0; start < texts.length; start += SLICE) {
    const slice = texts.slice(start, start + SLICE);
    if (engine) {
      const digests = await Promise.all(slice.map((t) => engine.digest("SHA-256", encoder.encode(t))));
      digests.forEach((d, i) => (out[start + i] = toHex(new Uint8Array(d))));
    } else {
      slice.forEach((t, i) => (out[start + i] = sha256Text(t)));
    }
    await yieldToBrowser();
  }
  return out;
};
