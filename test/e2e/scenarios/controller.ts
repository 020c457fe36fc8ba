/**
 * End-to-end scenarios of #13: a lock refused while the checklist is open, then allowed; separation of duties refused in the pane.
 * They run after the main scenario (test/e2e/scenario.ts), on the workbook it leaves: November on hold,
 * December's checklist generated with T11 reviewed, the downloaded workbook reopened in the preview.
 * Users (src/app/demo): alice prepares, bob reviews, admin holds the role controller.
 *
 * Example: E2E_ONLY=controller npm run test:e2e → the main scenario, then the two below.
 */
import type { Page } from "playwright-core";
import type { E2eTest } from "../harness";
import { LONG, expect, idle, openTab, pane, pick } from "../pane";

const DECEMBER = "2026-12";

/** Signs in as `user`, whether someone is signed in (after a reopened workbook, nobody may be). */
async function signInAs(page: Page, user: string): Promise<void> {
  const change = pane(page).getByRole("button", { name: "Change user" });
  const who = pane(page).getByRole("combobox", { name: "Who are you?" });
  await change.or(who).first().waitFor({ timeout: LONG });
  if (await change.count()) await change.click();
  await pick(page, "Who are you?", user);
  await pane(page).getByRole("button", { name: "Use this name" }).click();
  await pane(page).getByText(`Signed in as ${user}`).waitFor();
}

/** Opens the sign form of `id` for `action`, types the note and signs; returns the task's list item. */
async function sign(page: Page, action: "Prepare" | "Review", id: string, note: string) {
  const task = pane(page).getByRole("listitem", { name: `Task ${id}` });
  await task.getByRole("button", { name: `${action} ${id}`, exact: true }).click();
  await task.getByRole("textbox").fill(note);
  await task.getByRole("button", { name: `Sign: ${action} ${id}`, exact: true }).click();
  await idle(page);
  return task;
}

/** The Periods tab's "Put on hold" for December, with a reason and (optionally) a controller's checklist override. */
async function holdDecember(page: Page, override?: string): Promise<void> {
  await openTab(page, "Periods");
  await pick(page, "Period", DECEMBER);
  await pane(page).getByRole("button", { name: "Put on hold" }).click();
  await pane(page).getByLabel("Reason").fill("December close");
  if (override) await pane(page).getByLabel("Checklist override (controllers only)").fill(override);
  await pane(page).getByRole("button", { name: "Confirm" }).click();
  await idle(page);
}

export const CONTROLLER_SCENARIOS: E2eTest[] = [
  {
    name: "controller: alice may not review the task she prepared (separation of duties, shown in the task)",
    run: async (page) => {
      // the main scenario's last step switched the page to dark mode, and the pane's frame may reload for it a
      // few seconds later (losing who is signed in): sign in again once if the task does not show
      for (let attempt = 1; ; attempt++) {
        await signInAs(page, "alice");
        await openTab(page, "Checklist");
        await pick(page, "Period", DECEMBER);
        const ok = await pane(page)
          .getByRole("button", { name: "Prepare T12", exact: true })
          .waitFor({ timeout: 20_000 })
          .then(() => true)
          .catch(() => false);
        if (ok) break;
        if (attempt === 2) throw new Error("the Checklist tab does not show T12's Prepare button");
      }
      const task = await sign(page, "Prepare", "T12", "prepayments amortized");
      await pane(page)
        .getByText(/^T12 is now Prepared \(RUN-\d+\)\.$/)
        .waitFor({ timeout: LONG });
      await sign(page, "Review", "T12", "looks fine to me");
      await task
        .getByText("alice prepared T12 and may not also review it", { exact: false })
        .waitFor({ timeout: LONG });
      await task.getByText("Review refused", { exact: false }).first().waitFor();
      const text = await task.innerText();
      expect(!/Reviewed by alice/.test(text), `T12 shows a review by alice: ${text}`);
    },
  },
  {
    name: "controller: December on hold is refused listing the open tasks, then held by admin's override",
    run: async (page) => {
      await signInAs(page, "admin");
      // December's journals posted (the main scenario reversed a run of them): only the checklist stands in the way
      await openTab(page, "Journals");
      await pane(page).getByLabel("Post through").fill("2026-12-31");
      // (disabled while the tab validates, or with nothing to post: then there is nothing to do)
      const post = pane(page).getByRole("button", { name: "Post journals", exact: true });
      for (let i = 0; i < 40 && (await post.isDisabled()); i++) await page.waitForTimeout(250);
      if (await post.isEnabled()) {
        await post.click();
        await idle(page);
      }
      await holdDecember(page);
      await pane(page).getByText("Nothing was changed").waitFor({ timeout: LONG });
      const open = pane(page).getByText(/it must be Reviewed or N\/A before 2026-12 is locked/);
      await open.first().waitFor({ timeout: LONG });
      const listed = await open.count();
      expect(listed >= 10, `only ${listed} open tasks are listed`);
      await pane(page)
        .getByText(/Task T12 Prepaid expenses amortized is Prepared \(prepared by alice/)
        .waitFor();
      // the controller overrides with a reason: held, December's row says On hold
      await holdDecember(page, "Year-end audit starts Monday; review continues on the held period");
      await pane(page)
        .getByRole("row")
        .filter({ hasText: /^2026-12/ })
        .filter({ hasText: "On hold" })
        .waitFor({ timeout: LONG });
    },
  },
];
