/**
 * The core's SHA-256 interface for the seal and the audit chain. The core
 * hashes synchronously (`sha256Text`): the plain-TypeScript reference
 * (sha256.ts) unless a composition root installs a native one
 * (`installSha256`: node:crypto in the CLI). The pane's native SHA-256 is
 * Web Crypto, which only answers asynchronously; `withHashes` lets a
 * verification run on it: a first pass over `check` records every text it
 * would hash (its answers "" then), the texts are hashed together by
 * `many`, and a second pass reads the digests back (any text the first
 * pass did not see falls back to the installed hash, so a result never
 * depends on the recording). The pane installs its batch hasher once
 * (`installSha256Many`), so the app's verifications need not be told.
 *
 * Example: await withHashes((hash) => hash("abc"), webSha256Many) →
 *   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
import { sha256Hex } from "./sha256";

/** SHA-256 of the UTF-8 encoding of a text, as lowercase hex. */
export type HashText = (text: string) => string;
/** The same for many texts at once, in order (Web Crypto: crypto.subtle.digest). */
export type HashMany = (texts: readonly string[]) => Promise<string[]>;

let installed: HashText = sha256Hex;

/** Installs the synchronous SHA-256 the core uses (the CLI: node:crypto); returns the one it replaces. */
export function installSha256(hash: HashText): HashText {
  const before = installed;
  installed = hash;
  return before;
}

/** SHA-256 hex of `text` through the installed implementation (the reference by default). */
export function sha256Text(text: string): string {
  return installed(text);
}

let installedMany: HashMany | undefined;

/** Installs the asynchronous many-texts SHA-256 withHashes uses by default (the pane: Web Crypto); undefined: none. */
export function installSha256Many(many: HashMany | undefined): HashMany | undefined {
  const before = installedMany;
  installedMany = many;
  return before;
}

/**
 * Runs the pure `check` with every digest it needs computed beforehand by `many` (see the top); without
 * `many` and none installed, `check` runs once on the synchronous hash.
 */
export async function withHashes<T>(check: (hash: HashText) => T, many = installedMany): Promise<T> {
  if (!many) return check(sha256Text);
  const wanted = new Set<string>();
  check((text) => {
    wanted.add(text);
    return "";
  });
  const texts = [...wanted];
  const digests = await many(texts);
  const known = new Map<string, string>();
  texts.forEach((t, i) => known.set(t, digests[i]!));
  return check((text) => known.get(text) ?? sha256Text(text));
}
