/**
 * `closebook year-end --reverse` (issue #10 item 4): the demo year closed with
 * --keep-detail, then its close reversed in one run; `reverse --run` of the
 * reversed year-end run is refused; the open items are the openings while the
 * year is closed and the originals again after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-year-end-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("year-end --keep-detail, open-items, year-end --reverse", async () => {
  const file = join(dir, "y.xlsx");
  expect((await demoXlsx("noPost", file)).code).toBe(0);
  expect((await cli("post", file, "--user", "admin", "--through", "2026-12-31")).code).toBe(0);
  const before = (await cli("open-items", file)).stdout.trim().split("\n");
  const closed = await cli("year-end", file, "--year", "FY2026", "--user", "admin", "--keep-detail");
  expect(closed.code).toBe(0);
  const run = /as run (RUN-\d+)/.exec(closed.stdout)![1]!;
  // every open item is now its opening copy dated 2027-01-01, one for one
  const during = (await cli("open-items", file)).stdout.trim().split("\n");
  expect(during.length).toBe(before.length);
  expect(during.slice(1, -1).every((l) => l.includes("2027-01-01"))).toBe(true);

  expect((await cli("year-end", file, "--year", "FY2026", "--reverse", "--user", "admin")).code).toBe(2); // --reason is required
  const back = await cli(
    "year-end",
    file,
    "--year",
    "FY2026",
    "--reverse",
    "--reason",
    "late invoices",
    "--user",
    "admin",
  );
  expect(back.code).toBe(0);
  expect(back.stdout).toContain(`Reversed the year-end close of FY2026 (${run})`);
  expect((await cli("open-items", file)).stdout.trim().split("\n")).toEqual(before);
  const again = await cli("reverse", file, "--run", run, "--reason", "again", "--user", "admin");
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("NOT_REVERSIBLE");
}, 120_000);
