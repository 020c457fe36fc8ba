/**
 * `closebook period --hold --receipt-out R` prints the seal chain's head and
 * writes the seal receipt; `closebook verify FILE --receipt R` checks the
 * workbook against it (signed with CLOSEBOOK_RECEIPT_KEY or --receipt-key-file
 * when given). The demo is posted through January and January held by admin.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-receipt-"));
  file = join(dir, "demo.xlsx");
  expect((await demoXlsx("noPost", file)).code).toBe(0);
  expect((await cli("post", file, "--user", "admin", "--through", "2026-01-31")).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a hold prints the chain head and writes a signed receipt; verify --receipt proves it and catches an altered one", async () => {
  const receipt = join(dir, "jan.json");
  const keyFile = join(dir, "key.txt");
  writeFileSync(keyFile, "controller secret\n");
  const hold = await cli(
    "period",
    file,
    "--period",
    "2026-01",
    "--hold",
    "--reason",
    "January close",
    "--user",
    "admin",
    "--receipt-out",
    receipt,
    "--receipt-key-file",
    keyFile,
  );
  expect(hold.stderr).toBe("");
  expect(hold.code).toBe(0);
  const r = JSON.parse(readFileSync(receipt, "utf8")) as { period: string; hash: string; hmac: string; count: number };
  expect(hold.stdout).toContain(`Seal chain head: ${r.hash}`);
  expect(r).toMatchObject({
    period: "2026-01",
    hash: expect.stringMatching(/^\$1\$[0-9a-f]{64}$/),
    hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
  });

  const ok = await cli("verify", file, "--receipt", receipt, "--receipt-key-file", keyFile);
  expect(ok.stderr).toBe("");
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain(`period 2026-01's ${r.count} ledger rows, every period sealed before it`);
  expect(ok.stdout).toContain("(receipt signature verified)");

  // a receipt edited to match a forged workbook fails its signature
  const altered = join(dir, "altered.json");
  writeFileSync(altered, JSON.stringify({ ...r, count: r.count + 1 }));
  const bad = await cli("verify", file, "--receipt", altered, "--receipt-key-file", keyFile);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("[RECEIPT_FORGED]");
  expect(bad.stderr).toContain("[RECEIPT_MISMATCH]");

  const missing = await cli("verify", file, "--receipt", join(dir, "nope.json"));
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("does not exist");
});

test("the demo's holds print the seal chain head and say where receipts come from", async () => {
  const demo = join(dir, "demo-held.xlsx");
  const r = await cli("demo", demo, "--post-through", "2026-01-31");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Put 2026-01\.\.2026-01 On hold: 1 periods sealed/);
  // the head printed is the seal of the last period held (2026-01), as a hold's receipt would record it
  expect(r.stdout).toMatch(
    /Seal chain head: \$1\$[0-9a-f]{64} \(covers 2026-01\.\.2026-01\)\. The demo writes no seal receipt: "closebook period FILE --period P --hold --receipt-out R\.json"/,
  );
}, 120_000);
