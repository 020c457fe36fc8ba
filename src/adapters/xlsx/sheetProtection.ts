/**
 * Worksheet protection in an .xlsx file: the <sheetProtection> element as
 * exceljs models it (ws.sheetProtection), and Excel's password hash
 * (ECMA-376 Part 1 §18.2.28, MS-OFFCRYPTO "password verifier"):
 *   H0 = HASH(salt + UTF-16LE(password)); Hn+1 = HASH(Hn + n as 4-byte little-endian), n = 0..spinCount-1
 * the result and the salt stored base64. It is the algorithm of exceljs'
 * lib/utils/encryptor.js; it is written out here (node:crypto) because that
 * file is an untyped internal module, and a test checks both agree.
 *
 * `protectionModel` builds what exceljs' ws.protect(password, { ...PROTECT_OPTIONS,
 * spinCount }) builds, but once, at protect time: saving writes the same hash
 * every time and a sheet loaded protected (password unknown) is written back
 * with the hash from its file. spinCount is 10,000 instead of Excel's and
 * exceljs' 100,000 (~600 ms per sheet): protection here is a deterrent.
 *
 * Example:
 *   const lock = HashedLock.create("s3cret");
 *   lock.model   // { sheet: true, selectLockedCells: true, ..., algorithmName: "SHA-512", saltValue, spinCount: 10000, hashValue }
 *   lock.verify("s3cret")   // true; lock.verify("S3CRET") → false
 */
import { createHash, getHashes, randomBytes, timingSafeEqual } from "node:crypto";
import type { SheetLock } from "../memory/sheetLocks";

export const PROTECT_SPIN_COUNT = 10_000;

/** What users may still do on a protected sheet (exceljs option names: true = allowed). */
export const PROTECT_OPTIONS = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  sort: true, // Excel cannot sort on a protected sheet anyway
  autoFilter: true,
} as const;

/** exceljs' model of <sheetProtection> (ws.sheetProtection). */
export interface ProtectionModel {
  readonly sheet?: boolean;
  readonly algorithmName?: string;
  readonly hashValue?: string;
  readonly saltValue?: string;
  readonly spinCount?: number;
  readonly [option: string]: unknown;
}

/** True when exceljs reports the sheet protected (<sheetProtection sheet="1">). */
export function isProtectedModel(m: unknown): m is ProtectionModel {
  return typeof m === "object" && m !== null && (m as ProtectionModel).sheet === true;
}

/** Excel's password hash, base64. `algorithmName` as in the file ("SHA-512", "SHA-1", ...). */
export function hashPassword(password: string, algorithmName: string, saltValue: string, spinCount: number): string {
  const algorithm = algorithmName.toLowerCase().replace(/-/g, "");
  if (!getHashes().includes(algorithm)) throw new Error(`cannot check a sheet password hashed with ${algorithmName}`);
  let hash = createHash(algorithm)
    .update(Buffer.from(saltValue, "base64"))
    .update(Buffer.from(password, "utf16le"))
    .digest();
  const iterator = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    iterator.writeUInt32LE(i, 0);
    hash = createHash(algorithm).update(hash).update(iterator).digest();
  }
  return hash.toString("base64");
}

/** The protection model of a sheet protected with `password` ("" = no password, no hash). */
export function protectionModel(password: string, spinCount = PROTECT_SPIN_COUNT): ProtectionModel {
  const base = { sheet: true, ...PROTECT_OPTIONS };
  if (password === "") return base;
  const saltValue = randomBytes(16).toString("base64");
  return {
    ...base,
    algorithmName: "SHA-512",
    saltValue,
    spinCount,
    hashValue: hashPassword(password, "SHA-512", saltValue, spinCount),
  };
}

/**
 * A sheet lock checked against a stored hash; `model` is what save writes. It
 * remembers the password it last accepted (or was made with), so unprotect →
 * write → protect with the same password costs no hashing after the first
 * check (each hash is ~45 ms at 10,000 spins; withUnprotected over several
 * sheets would otherwise pay it twice per sheet and per write).
 */
export class HashedLock implements SheetLock {
  private known: string | undefined;

  constructor(
    readonly model: ProtectionModel,
    knownPassword?: string,
  ) {
    this.known = knownPassword;
  }

  /** A lock for a sheet protected now with `password` (hashes it once). */
  static create(password: string): HashedLock {
    return new HashedLock(protectionModel(password), password);
  }

  /** true when `password` is the one this lock last accepted (no hashing). */
  knows(password: string): boolean {
    return this.known !== undefined && this.known === password;
  }

  verify(password: string): boolean {
    if (this.knows(password)) return true;
    const ok = this.check(password);
    if (ok) this.known = password;
    return ok;
  }

  private check(password: string): boolean {
    const { algorithmName, hashValue, saltValue, spinCount } = this.model;
    // Without a hash the sheet has no password (or only a legacy 16-bit one, which exceljs drops on reading).
    if (!hashValue) return password === "";
    if (!algorithmName || saltValue === undefined) return false;
    const expected = Buffer.from(hashValue, "base64");
    const actual = Buffer.from(hashPassword(password, algorithmName, saltValue, Number(spinCount ?? 0)), "base64");
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
