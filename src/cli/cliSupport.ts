/**
 * Shared pieces of the CLI commands: option access, usage errors, opening
 * and creating workbook files.
 *
 * Example: need(options, "user") throws UsageError("--user is required") when it is missing.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import type { Clock } from "../ports/clock";
import type { Out } from "./output";

export type Options = Record<string, string | true>;

export interface CliDeps {
  readonly clock: Clock;
}

export class UsageError extends Error {}

export function need(options: Record<string, string | true>, key: string): string {
  const v = options[key];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${key} is required`);
  return v;
}

export function str(options: Record<string, string | true>, key: string): string | undefined {
  const v = options[key];
  return typeof v === "string" ? v : undefined;
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
  try {
    return await XlsxWorkbook.open(file);
  } catch (e) {
    out.error(`${file} could not be read as an .xlsx workbook: ${(e as Error).message}`);
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
