/**
 * `closebook trace --run ID`: a posted run's calculation trace, kept in the
 * workbook file (sheet "Run trace") past later previews, printed for an auditor.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-trace-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("allocate posts and keeps its trace; a re-run is refused; trace prints it after a later preview", async () => {
  const file = join(dir, "t.xlsx");
  expect((await demoXlsx("noPost", file)).code).toBe(0);
  expect((await cli("post", file, "--user", "admin", "--through", "2026-10-31")).code).toBe(0);
  const posted = await cli("allocate", file, "--period", "2026-10", "--user", "admin");
  expect(posted.code).toBe(0);
  const runId = /as run (RUN-\d+)/.exec(posted.stdout)?.[1];
  expect(runId).toBeDefined();
  // the same rules again: refused, naming the run
  const again = await cli("allocate", file, "--period", "2026-10", "--user", "admin");
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("REPEATED_RUN");
  expect(again.stderr).toContain(runId);
  // a later preview rewrites the preview sheet, not the kept trace
  expect((await cli("revalue", file, "--date", "2026-10-31", "--user", "admin", "--preview")).code).toBe(0);
  const t = await cli("trace", file, "--run", runId!);
  expect(t.code).toBe(0);
  expect(t.stdout).toMatch(new RegExp(`^${runId} allocation, period 2026-10, committed, GL-\\d+`));
  // every share the run posted is printed with its formula: "<rule> → <destination>: <source> × <weight> / <total> = <share>"
  const shares = t.stdout.split("\n").filter((l) => l.includes(" → "));
  expect(shares.length).toBeGreaterThan(0);
  for (const l of shares) expect(l).toMatch(/: -?[\d.]+ × [\d.]+ \/ [\d.]+ = -?[\d.]+$/);
  const unknown = await cli("trace", file, "--run", "RUN-999999");
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("UNKNOWN_RUN");
  expect((await cli("check", file)).code).toBe(0);
}, 120_000);
