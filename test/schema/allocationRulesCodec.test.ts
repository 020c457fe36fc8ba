/**
 * Allocation rules read from tblAllocationRules (issue #10, item 7): each destination row may
 * name its own basis (blank = the rule's first row's); the rule's other columns belong to the
 * first row, and a later row that says otherwise is an error naming its row and column, not a
 * value silently ignored. A fixed amount offset to a given account needs no source account.
 * Every split is worked by hand in the comment beside it.
 */
import { allocateRules, type AllocationRule } from "../../src/core/close/allocations";
import type { Proposal } from "../../src/core/close/proposal";
import type { LedgerEntry } from "../../src/core/ledger/types";
import type { CellValue, RawTable } from "../../src/ports/workbook";
import { decodeAllocationRules } from "../../src/schema/allocationRulesCodec";
import { ALLOCATION_RULES } from "../../src/schema/tables";
import { A, ACCOUNTS, acct, makeSetup } from "../support/fixtures";

const setup = makeSetup({
  accounts: [
    ...ACCOUNTS,
    acct("4100", "Service revenue", "revenue"),
    acct("6300", "Advertising", "expense"),
    acct("6990", "Allocated overhead", "expense"),
  ],
});

/** A rules table from rows given by column header; blank cells are null. */
function table(rows: Record<string, CellValue>[]): RawTable {
  return {
    name: ALLOCATION_RULES.name,
    sheet: ALLOCATION_RULES.sheet,
    headers: ALLOCATION_RULES.columns.map((c) => c.header),
    rows: rows.map((r) => ALLOCATION_RULES.columns.map((c) => r[c.header] ?? null)),
  };
}

/** "date account accounting [dept]" a line */
function ledger(text: string): LedgerEntry[] {
  return text
    .trim()
    .split("\n")
    .map((l, i) => {
      const [date, account, amount, dept] = l.trim().split(/\s+/);
      return {
        entryNo: i + 1,
        voucher: `GL-${i + 1}`,
        date: date!,
        period: date!.slice(0, 7),
        account: account!,
        dimensions: { Department: dept ?? "" },
        currency: "USD",
        amount: A(amount!),
        amountAccounting: A(amount!),
        description: "",
        source: "test",
        runId: "",
        settlementId: "",
        user: "alice",
        postedAt: "2026-04-01T00:00:00.000Z",
      };
    });
}

function run(rules: AllocationRule[], entries: LedgerEntry[]): Proposal {
  return allocateRules({ setup, ledger: entries, rules, from: "2026-03-01", to: "2026-03-31" });
}

const lines = (p: Proposal) =>
  p.vouchers[0]!.lines.map((l) => `${l.account} ${l.dimensions.Department || "-"} ${l.amountAccounting.toString()}`);

const SALES = ledger(`
  2026-03-10 6300 10000.00
  2026-03-15 4000 -60000.00 A
  2026-03-15 4000 -30000.00 B
  2026-03-15 4100 -20000.00 B
  2026-03-15 4000 -20000.00 C
  2026-03-15 1100 150000.00`);

test("basis per destination row: B by its own basis account, C by the first row's", () => {
  // A: 4000 narrowed to A = |−60,000| = 60,000; B: its own 4100 narrowed to B = 20,000 (not 4000's 30,000);
  // C: blank basis → 4000 narrowed to C = 20,000. Total 100,000: 10,000.00 × 60 % = 6,000.00, × 20 % = 2,000.00 twice;
  // the 10,000.00 credited back to the source 6300.
  const { rules, issues } = decodeAllocationRules(
    table([
      {
        Rule: "ADV",
        Method: "basis",
        "Source accounts": "6300",
        "Destination account": "6300",
        "Destination dimensions": "Department=A",
        "Basis accounts": "4000",
      },
      {
        Rule: "ADV",
        Method: "basis",
        "Destination account": "6300",
        "Destination dimensions": "Department=B",
        "Basis accounts": "4100",
      },
      { Rule: "ADV", Method: "basis", "Destination account": "6300", "Destination dimensions": "Department=C" },
    ]),
    "2026-03-31",
  );
  expect(issues).toEqual([]);
  const p = run(rules, SALES);
  expect(p.issues).toEqual([]);
  expect(lines(p)).toEqual(["6300 A 6000.00", "6300 B 2000.00", "6300 C 2000.00", "6300 - -10000.00"]);
});

test("basis dimensions per row: B by the first row's account in department A's figures", () => {
  // A: 4000 narrowed to A = 60,000; B names Department=A itself, so 4000 in A = 60,000 as well (not B's 30,000).
  // 10,000.00 split 1:1 → 5,000.00 each.
  const { rules, issues } = decodeAllocationRules(
    table([
      {
        Rule: "ADV",
        Method: "basis",
        "Source accounts": "6300",
        "Destination account": "6300",
        "Destination dimensions": "Department=A",
        "Basis accounts": "4000",
      },
      {
        Rule: "ADV",
        Method: "basis",
        "Destination account": "6300",
        "Destination dimensions": "Department=B",
        "Basis dimensions": "Department=A",
      },
    ]),
    "2026-03-31",
  );
  expect(issues).toEqual([]);
  expect(lines(run(rules, SALES))).toEqual(["6300 A 5000.00", "6300 B 5000.00", "6300 - -10000.00"]);
});

test("a later row that contradicts the rule's first row is an error naming its row and column; the rule is not read", () => {
  const { rules, issues } = decodeAllocationRules(
    table([
      {
        Rule: "R1",
        Method: "fixedPercentage",
        "Source accounts": "6300",
        "Destination account": "6300",
        "Destination dimensions": "Department=A",
        Percentage: 60,
      },
      {
        Rule: "R1",
        Method: "fixedPercentage",
        "Source accounts": "6100",
        "Destination account": "6300",
        "Destination dimensions": "Department=B",
        Percentage: 40,
      },
      {
        Rule: "R1",
        Method: "fixedWeight",
        "Destination account": "6300",
        "Destination dimensions": "Department=C",
        Percentage: 0,
        "Offset account": "6990",
      },
      // the same values written again, or left blank, are fine
      {
        Rule: "R2",
        Method: "equally",
        "Source accounts": "6300",
        "Source dimensions": "Department=A",
        "Destination account": "6300",
        "Destination dimensions": "Department=B",
      },
      {
        Rule: "R2",
        Method: "equally",
        "Source accounts": " 6300 ",
        "Source dimensions": "Department = A",
        "Destination account": "6300",
        "Destination dimensions": "Department=C",
      },
    ]),
    "2026-03-31",
  );
  expect(rules.map((r) => r.id)).toEqual(["R2"]);
  expect(issues.map((i) => [i.code, i.severity, i.at])).toEqual([
    ["ALLOCATION_ROW_CONFLICT", "error", { table: "tblAllocationRules", row: 2, column: "Source accounts" }],
    ["ALLOCATION_ROW_CONFLICT", "error", { table: "tblAllocationRules", row: 3, column: "Method" }],
    ["ALLOCATION_ROW_CONFLICT", "error", { table: "tblAllocationRules", row: 3, column: "Offset account" }],
  ]);
  expect(issues[0]!.message).toContain('"6100"');
});

test("a fixed amount offset to a given account needs no source account", () => {
  // 900.00 by weights 2 : 1 → 600.00 and 300.00; the offset account 6990 is credited 900.00
  const { rules, issues } = decodeAllocationRules(
    table([
      {
        Rule: "FIX",
        Method: "fixedWeight",
        "Fixed amount": 900,
        "Destination account": "6100",
        "Destination dimensions": "Department=A",
        Weight: 2,
        "Offset account": "6990",
      },
      {
        Rule: "FIX",
        Method: "fixedWeight",
        "Destination account": "6100",
        "Destination dimensions": "Department=B",
        Weight: 1,
      },
    ]),
    "2026-03-31",
  );
  expect(issues).toEqual([]);
  const p = run(rules, []);
  expect(p.issues).toEqual([]);
  expect(lines(p)).toEqual(["6100 A 600.00", "6100 B 300.00", "6990 - -900.00"]);
});

test("a fixed amount credited back to its source still needs one source account", () => {
  const decoded = decodeAllocationRules(
    table([
      {
        Rule: "FIX",
        Method: "equally",
        "Fixed amount": 900,
        "Destination account": "6100",
        "Destination dimensions": "Department=A",
      },
    ]),
    "2026-03-31",
  );
  expect(decoded.issues).toEqual([]);
  const p = run(decoded.rules, []);
  expect(p.vouchers).toEqual([]);
  expect(p.issues.map((i) => [i.code, i.at])).toEqual([
    ["ALLOCATION_SOURCE", { table: "tblAllocationRules", row: 1, column: "Source accounts" }],
  ]);
});
