/**
 * `closebook close`: the standard order, a stop at the first failing step,
 * an override recorded in the audit log, and a re-run that posts nothing twice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-close-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("closing October of the demo company, then November with its drafts", async () => {
  const file = join(dir, "c.xlsx");
  expect((await demoXlsx("noPost", file)).code).toBe(0);
  expect((await cli("post", file, "--user", "admin", "--through", "2026-10-31")).code).toBe(0);

  const oct = await cli("close", file, "--period", "2026-10", "--user", "admin");
  expect(oct.code).toBe(0);
  const lines = oct.stdout
    .split("\n")
    .filter((l) => /^[✓✗–]/.test(l))
    .map((l) => l.split(":")[0]);
  expect(lines).toEqual([
    "✓ verify journals are posted",
    "✓ rate checks",
    "✓ settlement",
    "✓ revaluation",
    "✓ allocations",
    "✓ period-end adjustments",
    "✓ journal report and statements",
  ]);
  expect(oct.stdout).toMatch(/balance-sheet check 0(\.00)?;/);
  expect(oct.stdout).toMatch(/revaluation: posted 1 voucher\b/);

  const again = await cli("close", file, "--period", "2026-10", "--user", "admin");
  expect(again.stdout).toMatch(/settlement: 0 settlements; nothing to post/);
  expect(again.stdout).toMatch(/revaluation: nothing to post/);

  const nov = await cli("close", file, "--period", "2026-11", "--user", "admin");
  expect(nov.code).toBe(1);
  expect(nov.stderr).toContain("DRAFTS_IN_PERIOD");
  expect(nov.stderr).toContain('stopped at "verify journals are posted"');

  const forced = await cli(
    "close",
    file,
    "--period",
    "2026-11",
    "--user",
    "admin",
    "--override-drafts",
    "--reason",
    "late invoices go to December",
  );
  expect(forced.code).toBe(0);
  const audit = await cli("audit", file);
  expect(audit.stdout).toMatch(/override\s+2026-11 \(reason: late invoices go to December\)/);
  expect((await cli("verify", file)).code).toBe(0);
  expect((await cli("check", file)).code).toBe(0);
}, 180_000);
