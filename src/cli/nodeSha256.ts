/**
 * The CLI's native SHA-256 (node:crypto) for the core's hashing interface
 * (src/core/crypto/hashing.ts); main.ts installs it. Same digests as the
 * plain-TypeScript reference (test/core/crypto/hashing.test.ts).
 *
 * Example: nodeSha256("abc") → "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
import { createHash } from "node:crypto";

export function nodeSha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
