/**
 * The file is guarded for the whole of a CLI command:
 *  - two commands on one workbook at once: the second is refused (the workbook
 *    lock, ".<name>.closebook-lock"), instead of both printing success and one
 *    change being lost;
 *  - a stale lock (its process gone) is taken over with a warning;
 *  - a save never renames over a file another program changed since it was read;
 *  - a read-only workbook is refused with a clear message, not replaced.
 * The workbook: the demo with nothing posted; admin posts January and holds it.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { FileGuardError } from "../../src/adapters/xlsx/atomicWrite";
import { lockPathFor } from "../../src/adapters/xlsx/fileLock";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
let demo: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-guard-"));
  demo = join(dir, "demo.xlsx");
  expect((await demoXlsx("noPost", demo)).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fresh(name: string): string {
  const f = join(dir, name);
  copyFileSync(demo, f);
  return f;
}

test("two commands at once on one workbook: one is refused, and no change is lost", async () => {
  const file = fresh("two.xlsx");
  const [post, hold] = await Promise.all([
    cli("post", file, "--user", "admin", "--through", "2026-01-31"),
    cli("period", file, "--period", "2026-02", "--access", "None", "--reason", "February close", "--user", "admin"),
  ]);
  const codes = [post.code, hold.code].sort();
  expect(codes).toEqual([0, 1]);
  const loser = post.code === 1 ? post : hold;
  expect(loser.stderr).toContain("is in use by another Closebook command");
  expect(existsSync(lockPathFor(file))).toBe(false);
  // what the winner printed is in the file
  const audit = await cli("audit", file);
  expect(audit.stdout).toContain(post.code === 0 ? "post-journals" : "period-access");
});

test("a lock left by a process that is gone is taken over, with a warning; a live one refuses", async () => {
  const file = fresh("stale.xlsx");
  writeFileSync(
    lockPathFor(file),
    JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), user: "mallory", at: "2026-04-01T00:00:00.000Z" }),
  );
  const r = await cli("check", file);
  expect(r.stderr).toContain("took over a stale lock");
  expect(existsSync(lockPathFor(file))).toBe(false);

  writeFileSync(
    lockPathFor(file),
    JSON.stringify({ pid: process.pid, host: hostname(), user: "bob", at: new Date().toISOString() }),
  );
  const busy = await cli("post", file, "--user", "admin", "--through", "2026-01-31");
  expect(busy.code).toBe(1);
  expect(busy.stderr).toContain("(bob, process");
  expect(existsSync(lockPathFor(file))).toBe(true); // someone else's lock is left alone
  rmSync(lockPathFor(file));
});

test("a save does not rename over a file that changed since it was read", async () => {
  const file = fresh("changed.xlsx");
  const wb = await XlsxWorkbook.open(file);
  const other = Buffer.concat([readFileSync(file), Buffer.from("x")]);
  writeFileSync(file, other); // another program saved meanwhile
  await expect(wb.save(file)).rejects.toBeInstanceOf(FileGuardError);
  expect(readFileSync(file).equals(other)).toBe(true);
  // saving under another name is fine, and saving twice over one's own save too
  const copy = join(dir, "changed-copy.xlsx");
  await wb.save(copy);
  await wb.save(copy);
});

test("a read-only workbook is refused with a clear message, and left as it was", async () => {
  const file = fresh("readonly.xlsx");
  chmodSync(file, 0o444);
  const before = readFileSync(file);
  const r = await cli("post", file, "--user", "admin", "--through", "2026-01-31");
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("is read-only; Closebook does not replace it");
  expect(r.stdout).not.toContain("Posted");
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(statSync(file).mode & 0o777).toBe(0o444);
  expect((await cli("verify", file)).code).toBe(0); // reading it is fine
  chmodSync(file, 0o644);
});

test("a corrupt file is reported in plain words, without library internals", async () => {
  // not a zip at all, and a zip cut short: JSZip's messages name its internals and a documentation URL
  const notZip = join(dir, "text.xlsx");
  writeFileSync(notZip, "just text");
  const cut = join(dir, "cut.xlsx");
  const bytes = readFileSync(demo);
  writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
  for (const f of [notZip, cut]) {
    const r = await cli("verify", f);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "could not be read as an .xlsx workbook: it is damaged, or not an Excel (.xlsx) workbook",
    );
    expect(r.stderr).not.toMatch(/Cannot read propert|https?:\/\/|reading '/);
  }
});

test("a CSV that is not UTF-8 is refused with its encoding named, not stored garbled", async () => {
  const file = join(dir, "enc.xlsx");
  expect((await cli("init", file, "--company", "Acme", "--year", "2026")).code).toBe(0);
  const header = "Currency,Name,Precision\r\n";
  // "Café" in Windows-1252: é is the single byte 0xE9 (in UTF-8 it would be 0xC3 0xA9), at offset
  // 25 (the header "Currency,Name,Precision\r\n": 8+1+4+1+9+2) + 13 ("XAF,Franc Caf") = 38
  const latin1 = join(dir, "latin1.csv");
  writeFileSync(latin1, Buffer.from(`${header}XAF,Franc Caf\xe9,0\r\n`, "latin1"));
  const l = await cli("import", file, "--table", "currencies", "--user", "admin", latin1);
  expect(l.code).toBe(1);
  expect(l.stderr).toContain("is not UTF-8: byte 0xE9 at offset 38 looks like Windows-1252 / Latin-1");
  // UTF-16 little-endian with its byte-order mark (Excel's "Unicode Text")
  const utf16 = join(dir, "utf16.csv");
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}XAF,Franc,0\r\n`, "utf16le")]));
  const u = await cli("import", file, "--table", "currencies", "--user", "admin", utf16);
  expect(u.code).toBe(1);
  expect(u.stderr).toContain("is UTF-16 text");
  expect(u.stderr).not.toContain("no column");
  // the same rows in UTF-8 import
  const utf8 = join(dir, "utf8.csv");
  writeFileSync(utf8, `${header}XAF,Franc Café,0\r\n`, "utf8");
  expect((await cli("import", file, "--table", "currencies", "--user", "admin", utf8)).code).toBe(0);
});
