import { auditedTasks } from "../../../src/core/checklist/audited";
import type { AuditRecord } from "../../../src/core/ledger/types";
import { task } from "./fixtures";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const row = (action: string, subject: string, newValue: string): AuditRecord => ({
  seq: 1,
  at: "",
  user: "",
  action,
  subject,
  oldValue: "",
  newValue,
  reason: "",
  detail: "",
  runId: "",
  hash: "",
});

describe("auditedTasks", () => {
  it("a status typed by hand falls back to the last audited one; audited ones stand", () => {
    const audit = [
      row("task-prepare", "2026-01 T3", "Prepared"),
      row("task-prepare", "2026-01 T1", "Prepared"),
      row("task-review", "2026-01 T1", "Reviewed"),
    ];
    const r = auditedTasks(
      [
        task("T1", { status: "Reviewed", preparedBy: "alice", reviewedBy: "bob", row: 1 }),
        task("T2", { row: 2 }),
        task("T3", { status: "Reviewed", preparedBy: "alice", reviewedBy: "alice", row: 3 }),
      ],
      audit,
      WORKBOOK_WHERE,
    );
    expect(r.tasks.map((t) => [t.id, t.status, t.reviewedBy])).toEqual([
      ["T1", "Reviewed", "bob"],
      ["T2", "Not started", ""],
      ["T3", "Prepared", ""],
    ]);
    expect(r.issues.map((i) => [i.code, i.at?.row])).toEqual([["SIGNOFF_NOT_AUDITED", 3]]);
  });
});
