import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  canonicalAudit,
  chainAudit,
  draft,
  verifyAuditChain,
  type AuditDraft,
} from "../../../src/core/audit/auditChain";
import type { AuditRecord } from "../../../src/core/ledger/types";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const sha = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

const D1 = draft("2026-04-01T09:00:00.000Z", "alice", "post-journals", {
  subject: "GJ",
  newValue: "GL-000001..GL-000002",
  detail: "4 lines",
  runId: "RUN-000001",
});
const D2 = draft("2026-04-01T09:05:00.700Z", "bob", "period-status", {
  subject: "2026-03",
  oldValue: "Open",
  newValue: "On hold",
  reason: "March close",
  runId: "RUN-000002",
});
const D3 = draft("2026-04-02T10:00:00Z", "bob", "period-access", {
  subject: "2026-03",
  oldValue: "All",
  newValue: "Controllers",
  reason: "only controllers",
});

// canonical JSON written by hand: [seq, at (to the second), user, action, subject, old, new, reason, detail, run id]
const C1 =
  '[1,"2026-04-01T09:00:00Z","alice","post-journals","GJ","","GL-000001..GL-000002","","4 lines","RUN-000001"]';
const C2 = '[2,"2026-04-01T09:05:01Z","bob","period-status","2026-03","Open","On hold","March close","","RUN-000002"]';
const C3 = '[3,"2026-04-02T10:00:00Z","bob","period-access","2026-03","All","Controllers","only controllers","",""]';

describe("draft", () => {
  it("fills blanks for the fields not given", () => {
    expect(draft("t", "u", "a")).toEqual({
      at: "t",
      user: "u",
      action: "a",
      subject: "",
      oldValue: "",
      newValue: "",
      reason: "",
      detail: "",
      runId: "",
    });
  });
});

describe("chainAudit", () => {
  it("numbers from 1 and chains from the empty hash; hashes match the hand-written canonical form", () => {
    const rows = chainAudit([], [D1, D2]);
    const h1 = sha("" + C1);
    const h2 = sha(h1 + C2);
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[0]!.hash).toBe(`$1$${h1}`);
    expect(rows[1]!.hash).toBe(`$1$${h2}`);
    expect(rows[0]).toMatchObject({ ...D1, seq: 1 });
    expect(rows[1]).toMatchObject({ ...D2, seq: 2 });
    expect(canonicalAudit(rows[0]!)).toBe(C1);
  });

  it("numbers rows after the existing log and chains from its last hash", () => {
    const first = chainAudit([], [D1, D2]);
    const more = chainAudit(first, [D3]);
    expect(more).toHaveLength(1);
    expect(more[0]!.seq).toBe(3);
    expect(more[0]!.hash).toBe(`$1$${sha(sha(sha("" + C1) + C2) + C3)}`);
    // chaining in two steps is the same as in one
    expect([...first, ...more]).toEqual(chainAudit([], [D1, D2, D3]));
    expect(verifyAuditChain(WORKBOOK_WHERE, [...first, ...more])).toEqual([]);
  });

  it("nothing to add gives nothing", () => {
    expect(chainAudit(chainAudit([], [D1]), [])).toEqual([]);
  });

  it("canonical timestamps are to the second (ms are not kept by a spreadsheet)", () => {
    const [a] = chainAudit([], [{ ...D1, at: "2026-04-01T09:00:00.000Z" }]);
    const [b] = chainAudit([], [{ ...D1, at: "2026-04-01T09:00:00.400Z" }]);
    expect(a!.hash).toBe(b!.hash);
    const [c] = chainAudit([], [{ ...D1, at: "2026-04-01T09:00:01.000Z" }]);
    expect(c!.hash).not.toBe(a!.hash);
  });
});

describe("verifyAuditChain", () => {
  const LOG = chainAudit([], [D1, D2, D3]);

  it("an untouched log is clean; an empty log is clean", () => {
    expect(verifyAuditChain(WORKBOOK_WHERE, LOG)).toEqual([]);
    expect(verifyAuditChain(WORKBOOK_WHERE, [])).toEqual([]);
  });

  it("an edited reason breaks the chain at that row only", () => {
    const log = LOG.map((r, i) => (i === 1 ? { ...r, reason: "Feb close" } : r));
    const issues = verifyAuditChain(WORKBOOK_WHERE, log);
    expect(issues).toEqual([
      expect.objectContaining({ code: "AUDIT_CHAIN_BROKEN", at: { table: "tblAudit", row: 2, column: "Hash" } }),
    ]);
    expect(issues[0]!.message).toContain("period-status");
  });

  it("an issue names the row the record was read from, not its place in the list (a blank row above is skipped)", () => {
    // tblAudit rows 1, 2, (3 blank: the decoder skips it), 4: the third record is row 4, and its edit is found there
    const log = LOG.map((r, i) => ({ ...r, row: i === 2 ? 4 : i + 1, ...(i === 2 ? { reason: "edited" } : {}) }));
    const issues = verifyAuditChain(WORKBOOK_WHERE, log);
    expect(issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([["AUDIT_CHAIN_BROKEN", 4, "Hash"]]);
    expect(issues[0]!.message).toContain("Audit row 4 ");
  });

  it("a deleted middle row → AUDIT_SEQUENCE from there on and AUDIT_CHAIN_BROKEN at the gap", () => {
    const issues = verifyAuditChain(WORKBOOK_WHERE, [LOG[0]!, LOG[2]!]);
    expect(issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
      ["AUDIT_SEQUENCE", 2, "Seq"],
      ["AUDIT_CHAIN_BROKEN", 2, "Hash"],
    ]);
  });

  it("a deleted first row", () => {
    const issues = verifyAuditChain(WORKBOOK_WHERE, LOG.slice(1));
    expect(
      issues
        .filter((i) => i.at?.row === 1)
        .map((i) => i.code)
        .sort(),
    ).toEqual(["AUDIT_CHAIN_BROKEN", "AUDIT_SEQUENCE"]);
  });

  it("swapped rows", () => {
    const issues = verifyAuditChain(WORKBOOK_WHERE, [LOG[1]!, LOG[0]!, LOG[2]!]);
    expect(issues.filter((i) => i.code === "AUDIT_SEQUENCE").map((i) => i.at?.row)).toEqual([1, 2]);
    expect(issues.filter((i) => i.code === "AUDIT_CHAIN_BROKEN").map((i) => i.at?.row)).toEqual([1, 2, 3]);
  });

  it("a renumbered row (seq edited) is out of sequence and breaks its hash", () => {
    const issues = verifyAuditChain(
      WORKBOOK_WHERE,
      LOG.map((r, i) => (i === 2 ? { ...r, seq: 4 } : r)),
    );
    expect(issues.map((i) => [i.code, i.at?.row])).toEqual([
      ["AUDIT_SEQUENCE", 3],
      ["AUDIT_CHAIN_BROKEN", 3],
    ]);
  });

  it("an edited hash breaks that row and the one chained from it", () => {
    const issues = verifyAuditChain(
      WORKBOOK_WHERE,
      LOG.map((r, i) => (i === 0 ? { ...r, hash: `$1$${"a".repeat(64)}` } : r)),
    );
    expect(issues.map((i) => [i.code, i.at?.row])).toEqual([
      ["AUDIT_CHAIN_BROKEN", 1],
      ["AUDIT_CHAIN_BROKEN", 2],
    ]);
  });

  it("an inserted row breaks the chain where it sits", () => {
    const forged: AuditRecord = { ...LOG[1]!, seq: 2, subject: "2026-02" };
    const issues = verifyAuditChain(WORKBOOK_WHERE, [LOG[0]!, forged, ...LOG.slice(1)]);
    expect(issues.some((i) => i.code === "AUDIT_CHAIN_BROKEN" && i.at?.row === 2)).toBe(true);
    expect(Math.min(...issues.map((i) => i.at!.row!))).toBe(2);
  });
});

// ---------------------------------------------------------------------------
// property: random logs, random single mutations

const text = fc.string({ maxLength: 10 });
const draftArb: fc.Arbitrary<AuditDraft> = fc.record({
  at: fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }).map((s) => new Date(s * 1000).toISOString()),
  user: text,
  action: fc.constantFrom(
    "post-journals",
    "import",
    "period-status",
    "period-access",
    "lock-exception",
    "refused",
    "override",
  ),
  subject: text,
  oldValue: text,
  newValue: text,
  reason: text,
  detail: text,
  runId: text,
});

const FIELDS = ["at", "user", "action", "subject", "oldValue", "newValue", "reason", "detail", "runId"] as const;

type Row = { code: string; row: number };
const found = (log: AuditRecord[]): Row[] =>
  verifyAuditChain(WORKBOOK_WHERE, log).map((i) => ({ code: i.code, row: i.at!.row! }));

describe("verifyAuditChain property", () => {
  it("a log built by chainAudit (in any number of batches) verifies clean", () => {
    fc.assert(
      fc.property(fc.array(fc.array(draftArb, { maxLength: 5 }), { maxLength: 5 }), (batches) => {
        let log: AuditRecord[] = [];
        for (const b of batches) log = [...log, ...chainAudit(log, b)];
        expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
        expect(verifyAuditChain(WORKBOOK_WHERE, log)).toEqual([]);
      }),
    );
  });

  it("editing any field of any row → AUDIT_CHAIN_BROKEN at exactly that row", () => {
    fc.assert(
      fc.property(
        fc.array(draftArb, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...FIELDS),
        (drafts, pick, field) => {
          const log = chainAudit([], drafts);
          const i = pick % log.length;
          const r = log[i]!;
          const edited =
            field === "at"
              ? { ...r, at: new Date(Date.parse(r.at) + 1000).toISOString() }
              : { ...r, [field]: r[field] + "!" };
          const mutated = log.map((x, k) => (k === i ? edited : x));
          expect(found(mutated)).toEqual([{ code: "AUDIT_CHAIN_BROKEN", row: i + 1 }]);
        },
      ),
    );
  });

  it("editing a row's seq → AUDIT_SEQUENCE and AUDIT_CHAIN_BROKEN at that row; editing its hash → broken there and at the next row", () => {
    fc.assert(
      fc.property(
        fc.array(draftArb, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        (drafts, pick, delta) => {
          const log = chainAudit([], drafts);
          const i = pick % log.length;
          const seqEdited = log.map((x, k) => (k === i ? { ...x, seq: x.seq + delta } : x));
          expect(found(seqEdited)).toEqual([
            { code: "AUDIT_SEQUENCE", row: i + 1 },
            { code: "AUDIT_CHAIN_BROKEN", row: i + 1 },
          ]);
          const hashEdited = log.map((x, k) => (k === i ? { ...x, hash: `$1$${sha(x.hash)}` } : x));
          const expected = [{ code: "AUDIT_CHAIN_BROKEN", row: i + 1 }];
          if (i + 1 < log.length) expected.push({ code: "AUDIT_CHAIN_BROKEN", row: i + 2 });
          expect(found(hashEdited)).toEqual(expected);
        },
      ),
    );
  });

  it("deleting any row but the last → AUDIT_SEQUENCE for every later row and AUDIT_CHAIN_BROKEN where the gap is", () => {
    fc.assert(
      fc.property(fc.array(draftArb, { minLength: 2, maxLength: 10 }), fc.nat(), (drafts, pick) => {
        const log = chainAudit([], drafts);
        const i = pick % (log.length - 1);
        const mutated = log.filter((_, k) => k !== i);
        const issues = found(mutated);
        expect(issues.filter((x) => x.code === "AUDIT_CHAIN_BROKEN")).toEqual([
          { code: "AUDIT_CHAIN_BROKEN", row: i + 1 },
        ]);
        expect(issues.filter((x) => x.code === "AUDIT_SEQUENCE").map((x) => x.row)).toEqual(
          mutated.map((_, k) => k + 1).filter((k) => k >= i + 1),
        );
      }),
    );
  });

  it("swapping any two rows → both codes at the first swapped row, nothing before it", () => {
    fc.assert(
      fc.property(fc.array(draftArb, { minLength: 2, maxLength: 10 }), fc.nat(), fc.nat(), (drafts, a, b) => {
        const log = chainAudit([], drafts);
        const i = a % log.length;
        const j = b % log.length;
        fc.pre(i !== j);
        const [lo, hi] = i < j ? [i, j] : [j, i];
        const mutated = [...log];
        mutated[lo] = log[hi]!;
        mutated[hi] = log[lo]!;
        const issues = found(mutated);
        expect(Math.min(...issues.map((x) => x.row))).toBe(lo + 1);
        expect(
          issues
            .filter((x) => x.row === lo + 1)
            .map((x) => x.code)
            .sort(),
        ).toEqual(["AUDIT_CHAIN_BROKEN", "AUDIT_SEQUENCE"]);
        expect(issues.filter((x) => x.code === "AUDIT_SEQUENCE").map((x) => x.row)).toEqual([lo + 1, hi + 1]);
        expect(issues.some((x) => x.code === "AUDIT_CHAIN_BROKEN" && x.row === hi + 1)).toBe(true);
      }),
    );
  });
});
