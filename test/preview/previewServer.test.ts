/**
 * @jest-environment node
 *
 * The `closebook preview` server (src/cli/previewServer.ts) on a free port:
 * the starting workbook (the demo company closed through October, November
 * drafts left), .xlsx in and out as snapshots (tables and report sheets, with
 * their protection), static files from the build
 * directory and nothing outside it; and the command's usage checks.
 *
 * Example: GET /api/workbook → { version: 1, tables: [{ shape: { name: "tblLedger" }, rows, protected: true }, ...] }
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import {
  decodeReport,
  parseSnapshot,
  restoreSnapshot,
  snapshotOf,
  type WorkbookSnapshot,
} from "../../src/app/snapshot";
import { runCli } from "../../src/cli/commands";
import { startPreviewServer, type PreviewServer } from "../../src/cli/previewServer";
import { fixedClock } from "../../src/ports/clock";
import type { ReportSheet } from "../../src/ports/workbook";

const clock = fixedClock("2026-11-02T09:00:00.000Z");
const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
let root: string;
let server: PreviewServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "closebook-preview-"));
  writeFileSync(join(root, "preview.html"), "<!doctype html><title>Closebook preview</title>");
  writeFileSync(join(root, "preview.js"), "console.log('preview')");
  writeFileSync(join(root, "taskpane.1a2b3c4d.js"), "console.log('pane')");
  server = await startPreviewServer({ root, host: "127.0.0.1", port: 0, clock });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function column(snap: WorkbookSnapshot, table: string, header: string): unknown[] {
  const t = snap.tables.find((x) => x.shape.name === table);
  if (!t) throw new Error(`no ${table}`);
  const j = t.shape.headers.indexOf(header);
  return t.rows.map((r) => r[j]);
}

describe("closebook preview: the server", () => {
  test("listens on the free port it was given as 0, on 127.0.0.1", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  test("GET /api/workbook: the demo company, January–October posted and sealed, November and December drafts left", async () => {
    const res = await fetch(`${server.url}api/workbook`);
    expect(res.status).toBe(200);
    const snap = parseSnapshot(await res.json());
    const ledger = snap.tables.find((t) => t.shape.name === "tblLedger");
    expect(ledger?.rows.length).toBeGreaterThan(500);
    expect(ledger?.protected).toBe(true);
    const periods = column(snap, "tblLedger", "Period");
    expect(periods).toContain("2026-10");
    expect(periods).not.toContain("2026-11");
    const draftDates = column(snap, "tblJournal", "Date")
      .map((d, i) => [(d as { date: string }).date, column(snap, "tblJournal", "Status")[i]] as const)
      .filter(([, status]) => status === "Draft")
      .map(([date]) => date.slice(0, 7));
    expect(draftDates).toContain("2026-11");
    expect(draftDates).toContain("2026-12");
    expect(column(snap, "tblSeals", "Period")).toContain("2026-10");
    const again = await fetch(`${server.url}api/workbook`);
    expect(await again.text()).toBe(JSON.stringify(snap)); // cached
  });

  test("POST /api/download: snapshot JSON in, .xlsx out (a zip: PK); POST /api/xlsx: the same workbook back", async () => {
    const wb = new MemoryWorkbook();
    await wb.createTable(
      {
        name: "tblCurrencies",
        sheet: "Currencies",
        headers: ["Currency", "Precision", "Since"],
        numberFormats: ["@", "0", "yyyy-mm-dd"],
      },
      [
        ["EUR", 2, new Date("2026-01-01T00:00:00.000Z")],
        ["JPY", 0, null],
      ],
    );
    await wb.protect("Currencies", "");
    const snap = await snapshotOf(wb);
    const res = await fetch(`${server.url}api/download`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(snap),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename=".*\.xlsx"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(await snapshotOf(await XlsxWorkbook.load(bytes))).toEqual(snap);
    const back = await fetch(`${server.url}api/xlsx`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: bytes,
    });
    expect(back.status).toBe(200);
    expect(parseSnapshot(await back.json())).toEqual(snap);
  });

  test("POST /api/xlsx: a workbook's report sheets come back in the snapshot, protected ones marked; POST /api/download: the sheets are in the file again", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(
      { name: "tblUsers", sheet: "Users", headers: ["User", "Active"], numberFormats: ["@", "General"] },
      [["ann", true]],
    );
    const statement: ReportSheet = {
      sheet: "Balance sheet",
      title: "Northwind — Balance sheet as of 2026-03-31 (USD)",
      rows: [
        [null, d("2026-03-31")],
        ["Assets", null],
        ["Total assets", 1609],
      ],
      numberFormats: [undefined, "#,##0.00;(#,##0.00);-"],
      boldRows: [0, 2],
    };
    const preview: ReportSheet = {
      sheet: "Preview settlement",
      title: "Preview: settlement — nothing has been posted",
      rows: [
        ["Voucher", "Amount"],
        [1, -2.5],
      ],
      boldRows: [0],
    };
    await wb.writeReport(statement);
    await wb.writeReport(preview);
    await wb.protect("Balance sheet", "");
    const res = await fetch(`${server.url}api/xlsx`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: new Uint8Array(await wb.toBuffer()),
    });
    expect(res.status).toBe(200);
    const snap = parseSnapshot(await res.json());
    expect(snap.tables.map((t) => t.shape.name)).toEqual(["tblUsers"]);
    expect(snap.reports?.map((r) => [r.sheet, r.protected])).toEqual([
      ["Balance sheet", true],
      ["Preview settlement", false],
    ]);
    expect(snap.reports?.map(decodeReport)).toEqual([statement, preview]);

    const download = await fetch(`${server.url}api/download`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(snap),
    });
    expect(download.status).toBe(200);
    const back = await XlsxWorkbook.load(Buffer.from(await download.arrayBuffer()));
    expect(back.reportSheets()).toEqual([statement, preview]);
    expect(await back.isProtected("Balance sheet")).toBe(true);
    expect(await back.isProtected("Preview settlement")).toBe(false);
  });

  test("bad input is a 400 with a message, never a crash", async () => {
    const notXlsx = await fetch(`${server.url}api/xlsx`, { method: "POST", body: "hello" });
    expect(notXlsx.status).toBe(400);
    expect((await notXlsx.json()).error).toMatch(/could not be read as an .xlsx/);
    const notSnapshot = await fetch(`${server.url}api/download`, {
      method: "POST",
      body: JSON.stringify({ version: 9 }),
    });
    expect(notSnapshot.status).toBe(400);
    expect((await notSnapshot.json()).error).toMatch(/version 9/);
    expect((await fetch(`${server.url}api/nothing`)).status).toBe(404);
  });

  test("static files from the build directory, / is preview.html, nothing outside it", async () => {
    const page = await fetch(server.url);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/Closebook preview/);
    expect((await fetch(`${server.url}preview.js`)).headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    expect([403, 404]).toContain((await fetch(`${server.url}..%2F..%2Fetc%2Fpasswd`)).status);
  });

  test("a content-hashed bundle is cached for good (a reload reuses its compiled code, #16); other files revalidate", async () => {
    const hashed = await fetch(`${server.url}taskpane.1a2b3c4d.js`);
    expect(hashed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    for (const path of ["", "preview.js"])
      expect((await fetch(`${server.url}${path}`)).headers.get("cache-control")).toBe("no-cache");
  });

  test("--file: the starting workbook is that file, its report sheets too", async () => {
    const wb = XlsxWorkbook.create();
    const snap: WorkbookSnapshot = {
      version: 1,
      tables: [
        {
          shape: { name: "tblUsers", sheet: "Users", headers: ["User", "Active"], numberFormats: ["@", "General"] },
          rows: [["ann", true]],
          protected: false,
        },
      ],
      reports: [
        {
          sheet: "Trial balance",
          title: "Trial balance 2026-03",
          rows: [
            ["Account", "Balance"],
            ["1000", 5],
          ],
          numberFormats: [null, "#,##0.00"],
          boldRows: [0],
          protected: true,
        },
      ],
    };
    await restoreSnapshot(wb, snap);
    const file = join(root, "book.xlsx");
    await wb.save(file);
    const other = await startPreviewServer({ root, host: "127.0.0.1", port: 0, clock, file });
    try {
      expect(parseSnapshot(await (await fetch(`${other.url}api/workbook`)).json())).toEqual(snap);
    } finally {
      await other.close();
    }
  });
});

describe("closebook preview: usage", () => {
  const out = () => {
    const lines: string[] = [];
    return { lines, log: (t: string) => lines.push(t), error: (t: string) => lines.push(t) };
  };

  test("--help, a stray FILE, a bad port, a missing file, a missing build", async () => {
    const o = out();
    expect(await runCli(["preview", "--help"], o, { clock })).toBe(0);
    expect(o.lines.join("\n")).toMatch(/--port 0 picks a free port/);
    expect(await runCli(["preview", "book.xlsx"], out(), { clock })).toBe(2);
    expect(await runCli(["preview", "--port", "70000"], out(), { clock })).toBe(2);
    const missing = out();
    expect(await runCli(["preview", "--file", join(root, "nope.xlsx")], missing, { clock })).toBe(1);
    expect(missing.lines.join("\n")).toMatch(/does not exist/);
    const unbuilt = out();
    expect(await runCli(["preview", "--dir", join(root, "nothing-here")], unbuilt, { clock })).toBe(1);
    expect(unbuilt.lines.join("\n")).toMatch(/npm run build:preview/);
  });
});
