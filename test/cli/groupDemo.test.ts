/**
 * `closebook demo FILE --group` refuses before doing anything when one of the group
 * demo's workbooks (FILE-de.xlsx, FILE-uk.xlsx, FILE-group.xlsx) is already there;
 * the figures of the group demo itself are in test/app/groupDemo.test.ts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../support/cli";

test("demo --group refuses to overwrite a group demo workbook", async () => {
  const dir = mkdtempSync(join(tmpdir(), "closebook-gdemo-"));
  try {
    const file = join(dir, "demo.xlsx");
    writeFileSync(join(dir, "demo-group.xlsx"), "mine");
    const r = await cli("demo", file, "--group");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, "demo-group.xlsx")} already exists; use --force`);
    expect(existsSync(file)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
