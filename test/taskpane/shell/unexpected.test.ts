/**
 * A write the command map refused (CommandRefused: another user's write lock,
 * rows moved) is shown as its own issue, naming who holds the lock — not as
 * "… stopped: <message>" like an unexpected failure.
 */
import { CommandRefused } from "../../../src/app/commands";
import { issue } from "../../../src/core/issues/issue";
import { unexpected } from "../../../src/taskpane/shell/useOperation";

test("a refused command is its issue; any other failure is UNEXPECTED with the label", () => {
  const locked = issue(
    "WRITE_LOCKED",
    "bob is writing to this workbook (post journals) since 09:00; nothing was written.",
    {
      table: "tblWriteLock",
      row: 1,
      column: "User",
    },
  );
  expect(unexpected(new CommandRefused("post-journals", [locked]), "Posting journals")).toBe(locked);
  const other = unexpected(new Error("the host went away"), "Posting journals");
  expect(other.code).toBe("UNEXPECTED");
  expect(other.message).toMatch(/^Posting journals stopped: the host went away\./);
});
