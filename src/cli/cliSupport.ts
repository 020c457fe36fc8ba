/**
 * Shared pieces of the CLI commands: option access, usage errors, opening
 * and creating workbook files.
 *
 * Example: need(options, "user") throws UsageError("--user is required") when it is missing.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { userInfo } from "node:os";
import { FileGuardError } from "../adapters/xlsx/atomicWrite";
import { acquireLock, type FileLock, FileLockedError, lockPathFor } from "../adapters/xlsx/fileLock";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { commandsFor, type Send } from "../app/commands";
import type { Clock } from "../ports/clock";
import type { WorkbookPort } from "../ports/workbook";
import type { Out } from "./output";

export type Options = Record<string, string | true>;

export interface CliDeps {
  readonly clock: Clock;
}

export class UsageError extends Error {}

/** The command map bound to an opened workbook: `send("post-journals", { user })` (src/app/commands). */
export function sendTo(wb: WorkbookPort, deps: CliDeps): Send {
  return commandsFor({ port: wb, clock: deps.clock });
}

export function need(options: Record<string, string | true>, key: string): string {
  const v = options[key];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${key} is required`);
  return v;
}

export function str(options: Record<string, string | true>, key: string): string | undefined {
  const v = options[key];
  return typeof v === "string" ? v : undefined;
}

/** --format of a command that prints a table (checked against its declared values before the command runs); default table. */
export function formatOf(options: Record<string, string | true>): "table" | "csv" | "json" {
  const f = str(options, "format");
  return f === "csv" || f === "json" ? f : "table";
}

/** For commands that create FILE: refuse to replace it without --force; create its folder. */
export function refuseOverwrite(file: string, options: Record<string, string | true>, out: Out): boolean {
  if (existsSync(file) && !options.force) {
    out.error(`${file} already exists; use --force to replace it.`);
    return true;
  }
  mkdirSync(dirname(file), { recursive: true });
  return false;
}

export async function openExisting(file: string, out: Out): Promise<XlsxWorkbook | undefined> {
  if (!existsSync(file)) {
    out.error(`${file} does not exist. Create one with "closebook init ${file}" or "closebook demo ${file}".`);
    return undefined;
  }
  // one command at a time per file: held until runCli returns (releaseLocks)
  const lockPath = lockPathFor(resolve(file));
  const lock = heldLocks.find((l) => l.path === lockPath) ?? (await acquireLock(resolve(file), userName()));
  if (!heldLocks.includes(lock)) heldLocks.push(lock);
  const taken = lock.tookOver;
  if (taken)
    out.error(
      `warning: took over a stale lock on ${file} left by ${taken.user || "unknown user"} (process ${taken.pid} on ${taken.host}, since ${taken.at}).`,
    );
  try {
    return await XlsxWorkbook.open(file);
  } catch (e) {
    out.error(`${file} could not be read as an .xlsx workbook: ${readFailure(e)}`);
    return undefined;
  }
}

export function int(options: Record<string, string | true>, key: string, fallback: number): number {
  const v = str(options, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${key} must be a whole number`);
  return n;
}

const heldLocks: FileLock[] = [];

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return "";
  }
}

/** Releases the workbook locks this command took (runCli calls it when the command ends). */
export async function releaseLocks(): Promise<void> {
  for (const l of heldLocks.splice(0)) await l.release().catch(() => undefined);
}

/** A refusal to touch the file (locked by another command, read-only, changed since read), as the message to print. */
export function fileRefusal(e: unknown): string | undefined {
  return e instanceof FileLockedError || e instanceof FileGuardError || e instanceof TextEncodingError
    ? e.message
    : undefined;
}

/** A text file (CSV) that is not UTF-8: refused with the encoding it seems to be in, rather than stored garbled. */
export class TextEncodingError extends Error {
  override readonly name = "TextEncodingError";
}

/**
 * Reads a CSV as UTF-8 (a byte-order mark is dropped). UTF-16 (with a BOM, or
 * text with a zero byte in every other position) and bytes that are not UTF-8
 * (Windows-1252 / Latin-1 exports from Excel) are refused, naming the encoding.
 * Example: "Caf\xe9" (Latin-1 é) → TextEncodingError "… is not UTF-8; it looks like Windows-1252 …"
 */
export function readUtf8Text(path: string): string {
  const b = readFileSync(path);
  const save = `Save it as "CSV UTF-8" and run the command again; nothing was imported.`;
  let zeros = 0;
  for (let i = 0; i < Math.min(b.length, 4096); i++) if (b[i] === 0) zeros++;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || zeros * 4 > Math.min(b.length, 4096)) {
    throw new TextEncodingError(
      `${path} is UTF-16 text (as Excel's "Unicode Text" writes it); Closebook reads UTF-8. ${save}`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    let at = 0;
    while (at < b.length && b[at]! < 0x80) at++;
    throw new TextEncodingError(
      `${path} is not UTF-8: byte 0x${(b[at] ?? 0).toString(16).toUpperCase()} at offset ${at} looks like Windows-1252 / Latin-1 (e.g. an accented letter). ${save}`,
    );
  }
}

/**
 * Why a file could not be opened, in words for its owner: a library's own
 * message (a property of undefined, a JSZip URL) is replaced by what it means.
 */
export function readFailure(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/Cannot read propert|undefined|null|is not a function|https?:\/\/|zip|central directory|stuk\.github/i.test(m))
    return "it is damaged, or not an Excel (.xlsx) workbook (a part of the package is missing or malformed).";
  return m;
}
