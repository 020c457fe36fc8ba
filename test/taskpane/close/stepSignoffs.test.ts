import { signoffLines, type SignedTask } from "../../../src/taskpane/close/stepSignoffs";

const task = (
  id: string,
  link: string,
  status: SignedTask["status"],
  preparedBy = "",
  reviewedBy = "",
): SignedTask => ({
  id,
  link,
  status,
  preparedBy,
  reviewedBy,
});

test("each step card shows the checklist task linked to it, with who prepared and reviewed it", () => {
  const lines = signoffLines([
    task("T04", "step:revaluation", "Reviewed", "closebook", "bob"),
    task("T05", " Step: Allocations ", "Prepared", "admin"),
    task("T03", "step:settlement", "Not started"),
    task("T12", "", "Reviewed", "alice", "bob"), // no step: signs no card
    task("T99", "range:Journal!A1", "Prepared", "alice"),
  ]);
  expect([...lines]).toEqual([
    ["revaluation", "T04 Reviewed · prepared by closebook · reviewed by bob"],
    ["allocations", "T05 Prepared · prepared by admin"],
    ["settlement", "T03 Not started"],
  ]);
});

test("the first task linked to a step signs it; a second one is left to the Checklist tab", () => {
  const lines = signoffLines([
    task("T01", "step:statements", "Prepared", "alice"),
    task("T16", "step:statements", "Reviewed", "alice", "bob"),
  ]);
  expect(lines.get("statements")).toBe("T01 Prepared · prepared by alice");
});
