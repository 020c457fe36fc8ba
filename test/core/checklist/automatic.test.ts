/**
 * Automatic tasks from tblRuns, and a reconciliation suspended when its
 * ledger balance moves after sign-off.
 *
 * Ledger (accounting USD), January 2026: entry 1 2026-01-10 1010 +10,250.00 / 3000 −10,250.00.
 * Signed at 10,250.00; entry 3 (a revaluation on 2026-01-31, +12.50) moves 1010 to 10,262.50.
 */
import { deriveAutomatic } from "../../../src/core/checklist/automatic";
import { ledgerBalanceAt } from "../../../src/core/checklist/reconciliation";
import { viewTasks } from "../../../src/core/checklist/state";
import { signTask } from "../../../src/core/checklist/signoff";
import type { Book } from "../../../src/core/ledger/book";
import type { LedgerEntry, RunRecord } from "../../../src/core/ledger/types";
import { A, makeSetup } from "../../support/fixtures";
import { task, USERS } from "./fixtures";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const setup = makeSetup();
const JAN = setup.periods.find((p) => p.id === "2026-01")!;

function entry(entryNo: number, account: string, amount: string, source = "journal:GJ"): LedgerEntry {
  return {
    row: entryNo,
    entryNo,
    voucher: `GL-${entryNo}`,
    date: entryNo < 3 ? "2026-01-10" : "2026-01-31",
    period: "2026-01",
    account,
    dimensions: {},
    currency: "USD",
    amount: A(amount),
    amountAccounting: A(amount),
    description: "",
    source,
    runId: "",
    settlementId: "",
    user: "alice",
    postedAt: "2026-01-10T00:00:00Z",
  };
}

function run(runId: string, status: RunRecord["status"], user = "alice"): RunRecord {
  return {
    runId,
    step: "fx-revaluation",
    period: "2026-01",
    parameters: JSON.stringify({ date: "2026-01-31", fiscalYearStart: "2026-01-01" }),
    user,
    startedAt: "2026-02-02T10:00:00Z",
    status,
    vouchers: "",
    lines: 2,
    note: "",
  };
}

function book(runs: RunRecord[], ledger: LedgerEntry[] = []): Book {
  return {
    setup,
    sequences: [],
    journal: [],
    ledger,
    runs,
    audit: [],
    lockExceptions: [],
    seals: [],
    sealRows: [],
    settlements: [],
  };
}

describe("automatic tasks", () => {
  const reval = task("T7", { title: "Revaluation posted", link: "step:revaluation", automatic: true, row: 7 });
  it("prepared by the run that posted the step, evidence its run id", () => {
    expect(deriveAutomatic(reval, book([]), JAN)).toEqual(reval);
    expect(deriveAutomatic(reval, book([run("RUN-000007", "committed")]), JAN)).toMatchObject({
      status: "Prepared",
      preparedBy: "alice",
      preparedAt: "2026-02-02T10:00:00Z",
      evidence: "RUN-000007",
    });
  });
  it("back to Not started when that run is reversed, even after a review", () => {
    const reviewed = {
      ...reval,
      status: "Reviewed" as const,
      preparedBy: "alice",
      evidence: "RUN-000007",
      reviewedBy: "bob",
    };
    expect(deriveAutomatic(reviewed, book([run("RUN-000007", "committed")]), JAN).status).toBe("Reviewed");
    expect(deriveAutomatic(reviewed, book([run("RUN-000007", "reversed")]), JAN)).toMatchObject({
      status: "Not started",
      preparedBy: "",
      evidence: "",
      reviewedBy: "",
    });
    // posted again: prepared by the new run, the old review no longer counts
    expect(
      deriveAutomatic(reviewed, book([run("RUN-000007", "reversed"), run("RUN-000009", "committed", "dave")]), JAN),
    ).toMatchObject({ status: "Prepared", preparedBy: "dave", evidence: "RUN-000009", reviewedBy: "" });
  });
  it("statements written: prepared by the run that wrote them; Not started when a later run changes the period's ledger", () => {
    const st = task("T16", { title: "Statements written", link: "step:statements", automatic: true, row: 16 });
    const wrote = (runId: string, status: RunRecord["status"] = "committed"): RunRecord => ({
      ...run(runId, status, "carol"),
      step: "statements",
      parameters: JSON.stringify({ period: "2026-01", sheets: ["Income statement 2026-01"] }),
      startedAt: "2026-02-03T09:00:00Z",
      lines: 0,
    });
    // no run: left as stored; RUN-000010 wrote January's statements → prepared by carol, evidence RUN-000010
    expect(deriveAutomatic(st, book([]), JAN)).toEqual(st);
    const ok = book(
      [run("RUN-000007", "committed"), wrote("RUN-000010")],
      [entry(1, "1010", "10250"), entry(2, "3000", "-10250")],
    );
    expect(deriveAutomatic(st, ok, JAN)).toMatchObject({
      status: "Prepared",
      preparedBy: "carol",
      preparedAt: "2026-02-03T09:00:00Z",
      evidence: "RUN-000010",
    });
    // RUN-000011 (after the statements) posts a revaluation line dated 2026-01-31: the statements are stale
    const later = { ...entry(3, "1010", "12.50", "close:fx-revaluation"), runId: "RUN-000011" };
    const stale = book(
      [wrote("RUN-000010"), { ...run("RUN-000011", "committed"), startedAt: "2026-02-04T09:00:00Z" }],
      [later],
    );
    const reviewed = {
      ...st,
      status: "Reviewed" as const,
      preparedBy: "carol",
      evidence: "RUN-000010",
      reviewedBy: "bob",
    };
    expect(deriveAutomatic(reviewed, stale, JAN)).toMatchObject({
      status: "Not started",
      evidence: "",
      reviewedBy: "",
    });
    // written again after it (RUN-000012): prepared by the new run
    expect(deriveAutomatic(reviewed, { ...stale, runs: [...stale.runs, wrote("RUN-000012")] }, JAN)).toMatchObject({
      status: "Prepared",
      evidence: "RUN-000012",
      reviewedBy: "",
    });
    // the run itself reversed (marked so): Not started
    expect(deriveAutomatic(reviewed, book([wrote("RUN-000010", "reversed")]), JAN).status).toBe("Not started");
  });
  it("cannot be prepared by hand; the reviewer may not be the run's user", () => {
    const v = viewTasks([reval], "2026-02-01")[0]!;
    expect(
      signTask(v, { kind: "prepare" }, "alice", { where: WORKBOOK_WHERE, users: USERS, now: "x" }).issues[0]?.code,
    ).toBe("AUTOMATIC_TASK");
    const derived = deriveAutomatic(
      { ...reval, reviewer: "reviewer" },
      book([run("RUN-000007", "committed", "dave")]),
      JAN,
    );
    expect(
      signTask(viewTasks([derived], "2026-02-01")[0]!, { kind: "review" }, "dave", {
        where: WORKBOOK_WHERE,
        users: USERS,
        now: "x",
      }).issues[0]?.code,
    ).toBe("SEPARATION_OF_DUTIES");
  });
  it("a check the app evaluates (rate checks): prepared while it passes, Not started when it fails", () => {
    const rc = task("T2", { link: "step:rate-checks", automatic: true });
    expect(deriveAutomatic(rc, book([]), JAN)).toEqual(rc); // not evaluated: left as stored
    expect(deriveAutomatic(rc, book([]), JAN, undefined, new Map([["rate-checks", true]]))).toMatchObject({
      status: "Prepared",
      preparedBy: "closebook",
      evidence: "check passed",
    });
    const reviewed = {
      ...rc,
      status: "Reviewed" as const,
      preparedBy: "closebook",
      evidence: "check passed",
      reviewedBy: "bob",
    };
    expect(deriveAutomatic(reviewed, book([]), JAN, undefined, new Map([["rate-checks", false]]))).toMatchObject({
      status: "Not started",
      reviewedBy: "",
    });
  });
  it("verify journals: prepared while no draft is dated in the period", () => {
    const vj = task("T1", { link: "step:verify-journals", automatic: true });
    expect(deriveAutomatic(vj, book([]), JAN)).toMatchObject({
      status: "Prepared",
      preparedBy: "closebook",
      evidence: "check passed",
    });
  });
});

describe("reconciliation suspended after sign-off", () => {
  it("shows Changed after sign-off with the old and new balance, and the reviewer signs again", () => {
    const before = [entry(1, "1010", "10250.00"), entry(2, "3000", "-10250.00")];
    expect(ledgerBalanceAt(before, setup, JAN, "1010").toFixed(2)).toBe("10250.00");
    const signed = task("REC-1010", {
      account: "1010",
      status: "Reviewed",
      preparedBy: "alice",
      reviewedBy: "bob",
      signedBalance: A("10250.00"),
      row: 4,
    });
    const same = viewTasks(
      [signed],
      "2026-02-05",
      new Map([["1010", ledgerBalanceAt(before, setup, JAN, "1010")]]),
    )[0]!;
    expect(same.status).toBe("Reviewed");
    const after = [
      ...before,
      entry(3, "1010", "12.50", "close:fx-revaluation"),
      entry(4, "7100", "-12.50", "close:fx-revaluation"),
    ];
    const now = ledgerBalanceAt(after, setup, JAN, "1010");
    expect(now.toFixed(2)).toBe("10262.50");
    const v = viewTasks([signed], "2026-02-05", new Map([["1010", now]]))[0]!;
    expect(v.status).toBe("Changed after sign-off");
    expect([v.suspended?.old.toFixed(2), v.suspended?.now.toFixed(2)]).toEqual(["10250.00", "10262.50"]);
    // the reviewer signs again once the difference is explained: supporting 10,262.50
    const recon = {
      account: "1010",
      ledger: now,
      supporting: A("10262.50"),
      items: A("0"),
      difference: A("0.00"),
      explained: true,
    };
    const again = signTask(v, { kind: "review", note: "revaluation re-run checked" }, "bob", {
      where: WORKBOOK_WHERE,
      users: USERS,
      now: "2026-02-06T09:00:00Z",
      recon,
    });
    expect(again.task).toMatchObject({ status: "Reviewed", reviewedBy: "bob", reviewedAt: "2026-02-06T09:00:00Z" });
    expect(again.task?.signedBalance?.toFixed(2)).toBe("10262.50");
  });
});
