/**
 * End-to-end scenarios of #16 point 1: progress painted, Cancel, long tasks measured.
 * They run after the main scenario (test/e2e/scenario.ts), on the workbook it leaves: November on hold,
 * December's checklist generated with T11 reviewed, the downloaded workbook reopened in the preview.
 * The long-task observer (harness.ts) watches both frames for the whole run; the last scenario prints the
 * longest task and the tasks over 200 ms, per frame, each with the test and the pane's last mark before it (the
 * operation or read running): the pane's (any over 200 ms fails the run; E2E_LONG_TASK_LIMIT=0 prints them only, =N
 * sets another limit) and the preview page's (the fake Excel host: printed, not enforced).
 *
 * Example: "    long tasks: 41 in all, longest 182 ms, 0 over 200 ms"
 */
import type { Page } from "playwright-core";
import { longTasks, type E2eTest } from "../harness";
import { startProfile } from "../profile";
import { LONG, expect, idle, openTab, pane, pick } from "../pane";

const LIMIT_MS = 200;
/**
 * The pane's limit the last test enforces: 200 ms by default (any pane task over it fails the run);
 * E2E_LONG_TASK_LIMIT=N another, 0 prints them only. The test's title says which it does.
 */
const ENFORCED_MS = Number(process.env.E2E_LONG_TASK_LIMIT ?? String(LIMIT_MS));

function describe(label: string, t: Awaited<ReturnType<typeof longTasks>>): string {
  const over = t.over
    .map(([d, where, during]) => `${Math.round(d)} (${where}${where === "page" || !during ? "" : `, ${during}`})`)
    .join(", ");
  const frames = (["pane", "pane-loading", "page", "both"] as const)
    .filter((f) => t.byFrame[f].count > 0)
    .map((f) => `${f} ${t.byFrame[f].count}, longest ${Math.round(t.byFrame[f].longest)} ms, ${t.byFrame[f].over} over`)
    .join("; ");
  return `    ${label}: ${t.count} long tasks, longest ${Math.round(t.longest)} ms, ${t.over.length} over ${LIMIT_MS} ms${over ? `: ${over}` : ""}${frames ? `\n      by frame: ${frames}` : ""}`;
}

/** Runs `work` and prints the long tasks that started meanwhile. */
async function measured(page: Page, label: string, work: () => Promise<void>): Promise<void> {
  const since = Date.now();
  await work();
  console.log(describe(label, await longTasks(page, LIMIT_MS, since)));
}

export const RESPONSIVE_SCENARIOS: E2eTest[] = [
  {
    name: "the pane is usable soon after the demo workbook opens",
    run: async (page) => {
      // a second page of the same context: the demo workbook again, the remembered user already chosen
      const fresh = await page.context().newPage();
      const profiling = process.env.E2E_PROFILE ? await startProfile(fresh) : undefined;
      try {
        const started = Date.now();
        await fresh.goto(page.url());
        await pane(fresh).getByRole("heading", { name: "Closebook" }).waitFor({ timeout: LONG });
        const heading = Date.now() - started;
        // the first tab is interactive: a step card's Preview button can be clicked
        await pane(fresh)
          .getByRole("button", { name: /^Preview / })
          .first()
          .waitFor({ timeout: LONG });
        await pane(fresh).getByRole("tab", { name: "Close", selected: true }).waitFor({ timeout: LONG });
        const usable = Date.now() - started;
        console.log(`    time to usable: heading ${heading} ms, first tab interactive ${usable} ms`);
        // the page's marks since its navigation: when the workbook was restored (src/preview/PreviewPage.tsx)
        const marks = await fresh.evaluate(() =>
          performance
            .getEntriesByType("mark")
            .filter((m) => m.name.startsWith("closebook:"))
            .map((m) => `${m.name.slice("closebook:".length)} ${Math.round(m.startTime)} ms`),
        );
        console.log(`    page marks: ${marks.join(", ")}`);
        console.log(describe("opening", await longTasks(fresh, LIMIT_MS, started)));
        if (profiling) console.log((await profiling.stop(LIMIT_MS)).join("\n"));
      } finally {
        await fresh.close();
      }
    },
  },
  {
    name: "Verify seals and a December step preview are measured",
    run: async (page) => {
      await openTab(page, "Periods");
      await measured(page, "Verify seals", async () => {
        await pane(page).getByRole("button", { name: "Verify seals" }).click();
        await idle(page);
      });
      await openTab(page, "Close");
      await pick(page, "Period", "2026-12");
      await measured(page, "Preview Revaluation (December)", async () => {
        await pane(page).getByRole("button", { name: "Preview Revaluation", exact: true }).click();
        await idle(page);
      });
      await measured(page, "tab switch Journals → Close", async () => {
        await openTab(page, "Journals");
        await openTab(page, "Close");
        await idle(page);
      });
    },
  },
  {
    name: "Cancel while posting journals reads the book: nothing is written",
    run: async (page) => {
      await openTab(page, "Journals");
      // the reopened workbook remembers no user yet
      if (await pane(page).getByRole("button", { name: "Use this name" }).count()) {
        await pick(page, "Who are you?", "admin");
        await pane(page).getByRole("button", { name: "Use this name" }).click();
        await pane(page).getByText("Signed in as admin").waitFor();
      }
      const runs = pane(page).getByRole("button", { name: /^Reverse RUN-/ });
      await pane(page).getByRole("button", { name: "Post journals", exact: true }).waitFor({ timeout: LONG });
      // the tab's read has come back (its drafts, and the runs counted below, are shown): the button shows before it
      await pane(page)
        .getByLabel("Draft lines per period", { exact: true })
        .or(pane(page).getByText(/^No draft journal lines/))
        .first()
        .waitFor({ timeout: LONG });
      const before = await runs.count();
      await pane(page).getByRole("button", { name: "Post journals", exact: true }).click();
      // the progress is painted while the book is read, with Cancel next to it: clicked as soon as it shows
      const cancel = pane(page).getByRole("button", { name: "Cancel", exact: true });
      // a post with nothing to post (the reopened workbook's drafts are all posted or dated after the date) that
      // reads only what it needs ends before Cancel can show: said, not failed (nothing was there to cancel)
      const nothing = pane(page).getByText(/^There are no draft journal lines to post/);
      await cancel.or(nothing).first().waitFor({ timeout: 10_000 });
      if (!(await cancel.count()) && (await nothing.count())) {
        console.log("    the post had nothing to post and ended before Cancel showed (nothing to cancel)");
        return;
      }
      const shown = (await pane(page).getByRole("progressbar").first().getAttribute("aria-label")) ?? "";
      const clicked = await cancel
        .dispatchEvent("click", undefined, { timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      await idle(page);
      const cancelled = (await pane(page).getByText("Cancelled: nothing was written to the workbook.").count()) > 0;
      console.log(
        `    Cancel shown under "${shown}"; ${cancelled ? "cancelled" : clicked ? "the click came after the first write (refused)" : "gone before the click (already writing)"}`,
      );
      if (cancelled)
        expect(
          (await runs.count()) === before,
          `a journal run was added after Cancel (${before} → ${await runs.count()})`,
        );
      else
        expect(
          !(await pane(page)
            .getByText(/^Cancelled/)
            .count()),
          "a refused cancel said Cancelled",
        );
    },
  },
  {
    name:
      ENFORCED_MS > 0
        ? `the whole run's long tasks are measured and printed per frame; none over ${ENFORCED_MS} ms in the pane's`
        : "the whole run's long tasks are measured and printed per frame (the pane's not enforced: E2E_LONG_TASK_LIMIT=0)",
    run: async (page) => {
      const all = await longTasks(page, LIMIT_MS);
      console.log(describe("whole run", all));
      // the observer ran in both frames for the whole run (a run without one long task would mean it did not)
      expect(all.count > 0, "no long task was observed: the long-task observer is not installed");
      // enforced in the pane's frame: the command map runs in the pane's worker (src/taskpane/worker/), so its
      // main thread keeps Excel I/O and React. The preview page's tasks (the fake Excel host answering the pane's
      // syncs: src/preview/fakeExcel) are printed, not enforced: in Excel that work runs in Excel's own process,
      // not in the pane's page. The default since the pane's frame held it in a full run (longest 125 ms, load
      // average 10 on 2 cores): its commands wait for the worker, Publish's workbook is built there, the tabs read
      // views of the tables they show, and their renders are transitions. Printed only by default: a time limit is
      // a measurement, and a CI machine's load decides it (a fresh-clone run on this 2-core machine, every step
      // 1.6 times slower than usual, had one pane task of 223 ms, when a quiet run's longest was 88 ms). Enforced by
      // default again since the pane's opening left the main thread's critical path and tab panels became deferred
      // renders: the longest pane task was 51 ms at load average 3 and 119–126 ms at load average 6–8 on 2 cores
      // (full runs); E2E_LONG_TASK_LIMIT=0 prints only, for a machine slower than that.
      const limit = ENFORCED_MS;
      if (limit > 0) {
        const t = await longTasks(page, limit);
        // the pane's frame while its bundle loads (before DOMContentLoaded) is printed apart: opening, not an operation
        const pane = t.over.filter(([, frame]) => frame === "pane" || frame === "both");
        expect(
          pane.length === 0,
          `${pane.length} tasks over ${limit} ms in the pane's frame: ${pane.map(([d, , during]) => `${Math.round(d)} ms ${during}`).join("; ")}`,
        );
      }
    },
  },
];
