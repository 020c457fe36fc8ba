/**
 * The version of the sources the cached demo fixtures (demoFixture.ts) belong to: a SHA-256 of
 * src/, demoFixture.ts, cli.ts and the lock file, cut to 16 hex digits, e.g. "0d4761731110ce92".
 * Worked out once per `jest` run when jest.config.js names globalSetup.ts (which puts it in
 * CLOSEBOOK_DEMO_KEY for every worker), so an edit made while the suites run does not make
 * each later suite build the demo again; without it, once per suite.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..", "..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The hash of everything a demo workbook depends on, as the files are now. */
export function computeSourceKey(): string {
  const h = createHash("sha256");
  const files = [
    ...filesUnder(join(ROOT, "src")),
    join(__dirname, "demoFixture.ts"),
    join(__dirname, "cli.ts"),
    join(ROOT, "package-lock.json"),
  ].sort();
  for (const f of files) h.update(relative(ROOT, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex").slice(0, 16);
}
