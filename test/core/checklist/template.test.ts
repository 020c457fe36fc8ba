import { parseDueOffset, validateTemplate } from "../../../src/core/checklist/template";
import { WORKBOOK_WHERE } from "../../../src/schema/where";
import { tpl, USERS } from "./fixtures";

const rows = (...ts: ReturnType<typeof tpl>[]) => ts.map((t, i) => ({ ...t, row: i + 1 }));

describe("validateTemplate", () => {
  it("a good template has no issues (users by name or by role)", () => {
    expect(
      validateTemplate(
        rows(tpl("T1"), tpl("T2", { dependsOn: ["T1"], preparer: "preparer", reviewer: "Controller" })),
        USERS,
        WORKBOOK_WHERE,
      ),
    ).toEqual([]);
  });
  it("a task id used twice, at the second row", () => {
    const i = validateTemplate(rows(tpl("T1"), tpl("t1")), USERS, WORKBOOK_WHERE);
    expect(i).toEqual([
      expect.objectContaining({ code: "DUPLICATE_TASK", at: { table: "tblCloseTemplate", row: 2, column: "Task" } }),
    ]);
  });
  it("a circular dependency names the circle", () => {
    const i = validateTemplate(
      rows(tpl("T1", { dependsOn: ["T3"] }), tpl("T2", { dependsOn: ["T1"] }), tpl("T3", { dependsOn: ["T2"] })),
      USERS,
      WORKBOOK_WHERE,
    );
    expect(i).toHaveLength(1);
    expect(i[0]).toMatchObject({ code: "CIRCULAR_DEPENDENCY", at: { row: 1, column: "Depends on" } });
    expect(i[0]!.message).toContain("T1 → T3 → T2 → T1");
  });
  it("a task depending on itself", () => {
    expect(validateTemplate(rows(tpl("T1", { dependsOn: ["T1"] })), USERS, WORKBOOK_WHERE)[0]?.code).toBe(
      "CIRCULAR_DEPENDENCY",
    );
  });
  it("unknown dependency, unknown user, bad due offset", () => {
    const i = validateTemplate(
      rows(tpl("T1", { dependsOn: ["T9"], reviewer: "zoe", due: Number.NaN }), tpl("T2", { due: 2.5 })),
      USERS,
      WORKBOOK_WHERE,
    );
    expect(i.map((x) => [x.code, x.at?.row, x.at?.column])).toEqual([
      ["BAD_DUE_OFFSET", 1, "Due (BD)"],
      ["UNKNOWN_USER", 1, "Reviewer"],
      ["UNKNOWN_DEPENDENCY", 1, "Depends on"],
      ["BAD_DUE_OFFSET", 2, "Due (BD)"],
    ]);
  });
  it("parses due offsets as typed", () => {
    expect(["3", "+3", "BD+3", "bd-2", "BD−2", "-2", " 0 ", 4].map(parseDueOffset)).toEqual([
      3, 3, 3, -2, -2, -2, 0, 4,
    ]);
    expect(["three", "", "1.5", "BD+", 1.5].map(parseDueOffset)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
