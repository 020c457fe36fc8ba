/**
 * No allocation rule is ever posted twice for a period: over random sequences
 * of allocate calls (random rule subsets) with reversals in between, every
 * rule is held by at most one unreversed run, and each target's balance is
 * exactly one share when the rule stands posted, else zero.
 *
 * November: 6000 has 500.00; three rules take a share of it each, each
 * offset to an account of its own (so the source keeps its balance and a
 * second run would find it again):
 *   A1 20 % → 6201 = 100.00, A2 40 % → 6202 = 200.00, A3 60 % → 6203 = 300.00.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { reverseRun } from "../../src/app/closeRuns";
import { allocate } from "../../src/app/closeSteps";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { storedKeys } from "../../src/app/runKeys";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { acct, journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2026-12-02T10:00:00.000Z") };
const RULES = ["A1", "A2", "A3"] as const;
type Rule = (typeof RULES)[number];
const TARGET: Record<Rule, string> = { A1: "6201", A2: "6202", A3: "6203" };
const SHARE: Record<Rule, string> = { A1: "100.00", A2: "200.00", A3: "300.00" };

let template: ReturnType<MemoryWorkbook["snapshot"]>;

beforeAll(async () => {
  const company = smallCompany(
    journal(`
      D-1 2026-11-10 6000 USD Dr 500.00
      D-1 2026-11-10 1000 USD Cr 500.00`),
  );
  const extra = ["6000", "6201", "6202", "6203", "6901", "6902", "6903"].map((n) => acct(n, `Account ${n}`, "expense"));
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, { ...company, accounts: [...company.accounts, ...extra] });
  await postJournals(wb, ctx);
  // Rule, Description, Method, Source accounts, Source dimensions, Fixed amount, Destination account, Destination dimensions, Percentage, Weight, Basis accounts, Basis dimensions, Offset account, Offset dimensions, Active
  await wb.appendRows(
    "tblAllocationRules",
    RULES.map((r, i) => [
      r,
      `Share ${r}`,
      "fixedPercentage",
      "6000",
      null,
      null,
      TARGET[r],
      null,
      [20, 40, 60][i]!,
      null,
      null,
      null,
      `690${i + 1}`,
      null,
      true,
    ]),
  );
  template = wb.snapshot();
});

async function fresh(): Promise<MemoryWorkbook> {
  const wb = MemoryWorkbook.from(template.tables);
  for (const sheet of template.protectedSheets) await wb.protect(sheet, "");
  return wb;
}

type Op = { kind: "allocate"; rules: Rule[] } | { kind: "reverse"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.subarray([...RULES], { minLength: 1 }).map((rules): Op => ({ kind: "allocate", rules })) },
  { weight: 1, arbitrary: fc.nat(10).map((pick): Op => ({ kind: "reverse", pick })) },
);

test("every rule is posted at most once per period in unreversed runs; each target holds exactly one share", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 7 }), async (ops) => {
      const wb = await fresh();
      const model = new Map<Rule, string>(); // rule → the run that posted it
      for (const op of ops) {
        if (op.kind === "allocate") {
          const r = await allocate(wb, { period: "2026-11", rules: op.rules, mode: "post" }, ctx);
          const clash = op.rules.filter((x) => model.has(x));
          if (clash.length) {
            expect(r.posted?.posted).toBe(false);
            expect(
              r.issues
                .filter((i) => i.code === "REPEATED_RUN")
                .map((i) => i.message.match(/rule (A\d)/)?.[1])
                .sort(),
            ).toEqual(clash.sort());
          } else {
            expect(r.posted?.posted).toBe(true);
            for (const x of op.rules) model.set(x, r.posted!.runId!);
          }
        } else {
          const runs = [...new Set(model.values())];
          if (runs.length === 0) continue;
          const runId = runs[op.pick % runs.length]!;
          expect((await reverseRun(wb, runId, { ...ctx, reason: "property" })).posted).toBe(true);
          for (const [x, id] of [...model]) if (id === runId) model.delete(x);
        }
        const { book } = await loadBook(wb);
        const tb = trialBalance(book.ledger, book.setup, { from: "2026-11-01", to: "2026-11-30" });
        for (const x of RULES) {
          const holders = book.runs.filter(
            (run) => run.status === "committed" && (storedKeys(run) ?? []).includes(`allocation:${x}:2026-11`),
          );
          expect(holders.length).toBe(model.has(x) ? 1 : 0);
          const balance =
            tb.rows
              .find((row) => row.account === TARGET[x])
              ?.closing.atScale(2)
              .toString() ?? "0.00";
          expect([x, balance]).toEqual([x, model.has(x) ? SHARE[x] : "0.00"]);
        }
      }
    }),
    { numRuns: 100 },
  );
}, 120_000);
