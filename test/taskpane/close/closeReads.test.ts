/**
 * @jest-environment node
 */
/**
 * The Close tab's reads (#16 point 1). Before a period is chosen there is no sign-off read: an empty one resolved at
 * once, counted as the tab's first read (readCache.afterFirstRead), and so started the verification on open beside
 * the close view instead of after it (seen in the e2e's marks: "op Verifying seals" 1 ms after "read Reading the
 * close steps"). A chosen period has one read function, the same each time (the read cache keys on it).
 */
import { signoffRead } from "../../../src/taskpane/close/closeReads";

test("no sign-off read before a period is chosen; one stable read per period", () => {
  expect(signoffRead("")).toBeUndefined();
  const november = signoffRead("2026-11");
  expect(typeof november).toBe("function");
  expect(signoffRead("2026-11")).toBe(november);
  expect(signoffRead("2026-12")).not.toBe(november);
});
