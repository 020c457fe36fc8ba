/**
 * The close-step registry: one ordered list, each id once; a step registered twice is refused at start-up.
 */
import { CLOSE_STEPS, registerCloseSteps, type CloseStep } from "../../../../src/core/close/steps";
import { CLOSE_STEP_HOOKS, checkHooks } from "../../../../src/app/closeStepHooks";

const toy = (id: string): CloseStep => ({ id, title: id, what: "", kind: "check", params: () => ({}) });

test("registering a step id twice throws, naming the id", () => {
  expect(() => registerCloseSteps([toy("a"), toy("b"), toy("a")])).toThrow('close step "a" is registered twice');
  expect(registerCloseSteps([toy("a"), toy("b")]).map((s) => s.id)).toEqual(["a", "b"]);
});

test("the close's registry: seven steps in order, three posting ones with their run step names", () => {
  expect(CLOSE_STEPS.map((s) => [s.id, s.kind, s.runStep ?? ""])).toEqual([
    ["verify-journals", "check", ""],
    ["rate-checks", "check", ""],
    ["settlement", "posting", "settlement"],
    ["revaluation", "posting", "fx-revaluation"],
    ["allocations", "posting", "allocation"],
    ["adjustments", "check", ""],
    ["statements", "report", ""],
  ]);
  expect(new Set(CLOSE_STEPS.map((s) => s.id)).size).toBe(CLOSE_STEPS.length);
});

test("every app hook belongs to a registered step; a hook for an unknown id throws at start-up", () => {
  expect(Object.keys(CLOSE_STEP_HOOKS).every((id) => CLOSE_STEPS.some((s) => s.id === id))).toBe(true);
  expect(() => checkHooks({ consolidation: {} }, CLOSE_STEPS)).toThrow(
    'close step hook "consolidation" names no registered step',
  );
});
