/** The period dialog's fields into a PeriodAction: the checklist override rides along on a hold or close only. */
import { actionFromForm } from "../../../src/taskpane/periods/actionForm";

describe("actionFromForm", () => {
  const form = { reason: " December close ", confirm: true, access: "", override: "  auditor on site " };
  it("a hold or close carries the controller's override, trimmed; blank means none", () => {
    expect(actionFromForm("hold", "2026-12", form).action).toEqual({
      kind: "hold",
      period: "2026-12",
      reason: "December close",
      overrideChecklist: "auditor on site",
    });
    expect(actionFromForm("close", "2026-12", form).action).toMatchObject({ overrideChecklist: "auditor on site" });
    expect(actionFromForm("hold", "2026-12", { ...form, override: "  " }).action).toEqual({
      kind: "hold",
      period: "2026-12",
      reason: "December close",
    });
    expect(actionFromForm("reopen", "2026-12", form).action).toEqual({
      kind: "reopen",
      period: "2026-12",
      reason: "December close",
    });
  });
});
