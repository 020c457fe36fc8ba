import { textOf } from "../../../src/core/text/textOf";

test("textOf: blank, text, numbers and booleans as String() gives them; an error value as its code", () => {
  expect(textOf(null)).toBe("");
  expect(textOf(undefined)).toBe("");
  expect(textOf(" a ")).toBe(" a ");
  expect(textOf(12.5)).toBe("12.5");
  expect(textOf(false)).toBe("false");
  // String({ error: "#N/A" }) is "[object Object]"
  expect(textOf({ error: "#N/A" })).toBe("#N/A");
  expect(textOf(["a", "b"])).toBe("a,b");
});
