/**
 * `closebook publish` and `closebook verify` on the published file, end to end
 * through files. The small company's March holds 6 ledger rows (test/app/publish.test.ts
 * works its figures by hand); entry 2 is 4000 Cr 1500.00, stored as -1500.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { fixedClock } from "../../src/ports/clock";
import { publishedPath } from "../../src/cli/publishCommand";
import { cli } from "../support/cli";
import { postedSmallCompany } from "../support/smallCompany";

jest.setTimeout(60_000);

let dir: string;
let book: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-publish-"));
  book = join(dir, "book.xlsx");
  const clock = fixedClock("2026-04-05T09:00:00.000Z");
  const wb = await postedSmallCompany(XlsxWorkbook.create(), { user: "alice", clock });
  await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, { user: "bob", clock });
  await wb.save(book);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("closebook publish", () => {
  it("writes the shared file; verify passes on it and fails after a one-cent edit", async () => {
    const out = join(dir, "march.xlsx");
    const r = await cli("publish", book, "--period", "2026-03", "--out", out, "--user", "bob");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Published 2026-03 to .*march\.xlsx: \d+ sheets, 6 ledger rows, seal \$1\$[0-9a-f]{64}\./);
    const v = await cli("verify", out);
    expect([v.code, v.stderr]).toEqual([0, ""]);
    expect(v.stdout).toMatch(
      /published period 2026-03 \(On hold\): the seal recomputed from its 6 ledger rows matches/,
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Ledger")!;
    const headers = ws.getRow(1).values as unknown[];
    const cell = ws.getRow(3).getCell(headers.indexOf("Amount (accounting)"));
    expect(cell.value).toBe(-1500);
    cell.value = -1500.01;
    const edited = join(dir, "march-edited.xlsx");
    await wb.xlsx.writeFile(edited);
    const bad = await cli("verify", edited);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "tblLedger row 2, Amount (accounting): Entry 2 in sealed period 2026-03 was changed (Amount (accounting)). [SEAL_ROW_CHANGED]",
    );
  });

  it("refuses an Open period without --draft and writes nothing", async () => {
    const out = join(dir, "april.xlsx");
    const r = await cli("publish", book, "--period", "2026-04", "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[PUBLISH_OPEN_PERIOD]");
    expect(existsSync(out)).toBe(false);
  });

  it("publishes a draft with --draft", async () => {
    const out = join(dir, "april-draft.xlsx");
    const r = await cli("publish", book, "--period", "2026-04", "--out", out, "--draft", "--include", "rates,runs");
    expect(r.code).toBe(0);
    const v = await cli("verify", out);
    expect(v.stdout).toContain("published period 2026-04 (Open, DRAFT)");
  });

  it("rejects an unknown --include part and an existing --out", async () => {
    expect(
      (await cli("publish", book, "--period", "2026-03", "--out", join(dir, "x.xlsx"), "--include", "everything")).code,
    ).toBe(2);
    const again = await cli("publish", book, "--period", "2026-03", "--out", book);
    expect(again.code).toBe(2);
  });

  it("demo --publish also writes the last month held, published, and it verifies", async () => {
    expect(publishedPath("demo/closebook-demo.xlsx", "2026-12")).toBe("demo/closebook-demo-2026-12-published.xlsx");
    const file = join(dir, "demo.xlsx");
    const r = await cli("demo", file, "--post-through", "2026-02-28", "--publish");
    expect(r.code).toBe(0);
    const out = join(dir, "demo-2026-02-published.xlsx");
    expect(r.stdout).toContain(`Published 2026-02 to ${out}`);
    const v = await cli("verify", out);
    expect([v.code, v.stderr]).toEqual([0, ""]);
    expect(v.stdout).toContain("published period 2026-02 (On hold)");
  });
});
