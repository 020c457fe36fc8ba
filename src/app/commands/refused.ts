/**
 * A command refused by a write that threw (another user's write lock, rows moved under a keyed update): the
 * command map (index.ts) throws it with the refusal's issue. Apart from the map so the task pane's first load
 * can recognise one (useOperation, the worker's wire) without carrying the command map and the book decoder.
 *
 * Example: isCommandRefused(new CommandRefused("post-journals", [writeLockedIssue])) → true
 */
import type { Issue } from "../../core/issues/issue";

/** A command refused by a write that threw (nothing was written): its issues name why. */
export class CommandRefused extends Error {
  override readonly name = "CommandRefused";
  constructor(
    readonly command: string,
    readonly issues: readonly Issue[],
  ) {
    super(issues.map((i) => i.message).join(" "));
  }
}

export function isCommandRefused(e: unknown): e is CommandRefused {
  return e instanceof CommandRefused;
}
