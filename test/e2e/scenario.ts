/**
 * The end-to-end scenario, in the order an accountant works: open the
 * preview (demo company: January–October closed and sealed, November and
 * December drafts waiting), say who you are, post November's journals, close
 * November step by step (preview, then post), see an issue select its cell,
 * reverse and re-post a step, put November on hold, generate the reports,
 * generate December's checklist and sign a task as two users (alice prepares, bob reviews),
 * check the workbook in the grid, download it and compare it with the same
 * close done headlessly, and look at the pane at 320 px in dark mode.
 *
 * Example: SCENARIO.map((t) => t.name)[0] → "the preview opens the demo workbook and the pane verifies it"
 */
import type { Page } from "playwright-core";
import { ARTIFACTS, type E2eTest } from "./harness";
import {
  LONG,
  cellText,
  expect,
  idle,
  inView,
  openTab,
  pane,
  pick,
  showSheet,
  stepItem,
  stepStatus,
  waitForStatus,
} from "./pane";
import { ledgerLines, readDownloaded, referenceClose } from "./reference";
import { verifyWorkbook } from "../../src/app/verifyWorkbook";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const USER = "admin";
const PERIOD = "2026-11";
const THROUGH = "2026-11-30";
const STEPS = [
  "Verify journals are posted",
  "Rate checks",
  "Settlement",
  "Revaluation",
  "Allocations",
  "Period-end adjustments",
  "Journal report and statements",
];
const POSTING = new Set(["Settlement", "Revaluation", "Allocations"]);

async function clickStep(page: Page, verb: "Preview" | "Post" | "Reverse" | "Run", title: string): Promise<void> {
  await stepItem(page, title)
    .getByRole("button", { name: `${verb} ${title}`, exact: true })
    .click();
  await idle(page);
}

/** Post: the confirmation says what will be posted; "Post now" posts it. Returns the confirmation's text. */
async function postStep(page: Page, title: string): Promise<string> {
  await clickStep(page, "Post", title);
  const dialog = pane(page).getByRole("dialog", { name: `Post ${title}?` });
  await dialog.waitFor({ timeout: LONG });
  const text = await dialog.innerText();
  await dialog.getByRole("button", { name: "Post now" }).click();
  await idle(page);
  return text;
}

async function signInAs(page: Page, user: string): Promise<void> {
  await pane(page).getByRole("button", { name: "Change user" }).click();
  await pick(page, "Who are you?", user);
  await pane(page).getByRole("button", { name: "Use this name" }).click();
  await pane(page).getByText(`Signed in as ${user}`).waitFor();
}

/** The Checklist tab as `user`: the action's button, the note, the identity caveat where one signs, then the new status. */
async function signTask(
  page: Page,
  user: string,
  action: "Prepare" | "Review",
  id: string,
  note: string,
  status: string,
): Promise<void> {
  await signInAs(page, user);
  await openTab(page, "Checklist");
  await pick(page, "Period", "2026-12");
  const task = pane(page).getByRole("listitem", { name: `Task ${id}` });
  await task.getByRole("button", { name: `${action} ${id}`, exact: true }).click();
  await task
    .getByText(
      `Signed as ${user} — chosen in this pane, not authenticated: the sign-off is tamper-evident, not proof of identity.`,
    )
    .waitFor();
  await task.getByRole("textbox").fill(note);
  await task.getByRole("button", { name: `Sign: ${action} ${id}`, exact: true }).click();
  await idle(page);
  await pane(page)
    .getByText(new RegExp(`^${id} is now ${status} \\(RUN-\\d+\\)\\.$`))
    .waitFor({ timeout: LONG });
}

export const SCENARIO: E2eTest[] = [
  {
    name: "the preview opens the demo workbook and the pane verifies it",
    run: async (page) => {
      await page.getByRole("grid").first().waitFor({ timeout: LONG });
      await pane(page).getByRole("heading", { name: "Closebook" }).waitFor({ timeout: LONG });
      await pane(page)
        .getByText(/Seals and audit log verified/)
        .waitFor({ timeout: LONG });
      const ledger = await showSheet(page, "Ledger");
      expect((await ledger.locator("[data-address]").count()) > 0, "the Ledger sheet shows no cells");
    },
  },
  {
    name: "the user says who they are",
    run: async (page) => {
      await pick(page, "Who are you?", USER);
      await pane(page).getByRole("button", { name: "Use this name" }).click();
      await pane(page).getByText(`Signed in as ${USER}`).waitFor();
    },
  },
  {
    name: "December cannot be closed yet: the issue selects the draft's cell",
    run: async (page) => {
      await openTab(page, "Close");
      await pick(page, "Period", "2026-12");
      await clickStep(page, "Run", STEPS[0]!);
      await waitForStatus(page, STEPS[0]!, "Failed");
      // the location reads as Excel shows it: the sheet and its row number (data row N + the header row)
      const where = pane(page)
        .getByRole("button", { name: /^sheet Journal, row \d+/ })
        .first();
      const label = await where.innerText();
      const row = Number(/row (\d+)/.exec(label)![1]);
      await where.click();
      const selected = page
        .locator('[aria-selected="true"][data-address], [data-selected="true"][data-address]')
        .first();
      // the grid starts with A1 selected: wait for the click's selection to arrive, not for any selection
      let address = "";
      for (const until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(100)) {
        address = (await selected.getAttribute("data-address", { timeout: 1_000 }).catch(() => null)) ?? "";
        if (address.replace(/^[A-Z]+/, "") === String(row)) break;
      }
      expect(
        address.replace(/^[A-Z]+/, "") === String(row),
        `selected ${address}, expected a cell on sheet row ${row} ("${label}")`,
      );
      // the internal code only in the details line
      await stepItem(page, STEPS[0]!)
        .getByText(/^Details: DRAFTS_IN_PERIOD/)
        .first()
        .waitFor();
      // posting a step while December has drafts asks for the override with a reason
      await clickStep(page, "Post", "Revaluation");
      const dialog = pane(page).getByRole("dialog", { name: "Post Revaluation?" });
      await dialog.waitFor({ timeout: LONG });
      expect(
        /draft journal lines? (is|are) dated in 2026-12/.test(await dialog.innerText()),
        "the confirmation does not warn of December's drafts",
      );
      const postNow = dialog.getByRole("button", { name: "Post now" });
      expect(await postNow.isDisabled(), "Post now is enabled without an override reason");
      await dialog.getByLabel("Override reason").fill("Testing the guard");
      expect(await postNow.isEnabled(), "Post now stays disabled with a reason");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(
        (await stepStatus(page, "Revaluation")) !== "Posted",
        "cancelling the confirmation posted December's revaluation",
      );
    },
  },
  {
    name: "November's journals are validated and posted",
    run: async (page) => {
      await openTab(page, "Journals");
      const through = pane(page).getByLabel("Post through");
      await through.fill(THROUGH);
      await pane(page).getByRole("button", { name: "Validate", exact: true }).click();
      await idle(page);
      await pane(page).getByRole("button", { name: "Post journals", exact: true }).click();
      await idle(page);
      await pane(page)
        .getByText(/Posted \d+ vouchers/)
        .waitFor({ timeout: LONG });
    },
  },
  {
    name: "November is closed step by step: preview, then post",
    run: async (page) => {
      await openTab(page, "Close");
      await pick(page, "Period", PERIOD);
      for (const title of STEPS) {
        expect(
          (await stepStatus(page, title)) === "Not run",
          `${title} should start as Not run, is ${await stepStatus(page, title)}`,
        );
      }
      for (const title of STEPS) {
        if (POSTING.has(title)) {
          await clickStep(page, "Preview", title);
          await waitForStatus(page, title, "Previewed");
          if (title === "Revaluation") await pane(page).getByText("Calculation trace").first().waitFor(); // the trace of what it would post
          const confirmation = await postStep(page, title);
          expect(
            /Will post \d[\d,]* vouchers?, \d[\d,]* ledger lines?, total debit USD [\d,]+\.\d\d/.test(confirmation),
            `the confirmation of ${title} does not say what it posts: ${confirmation}`,
          );
          await waitForStatus(page, title, "Posted");
          // the result is inside the clicked card, in view; Post is now disabled with its reason
          const card = stepItem(page, title);
          const result = card.getByText(/^Posted \d[\d,]* vouchers?|nothing to post/).first();
          await result.waitFor({ timeout: LONG });
          expect(await inView(result), `the result of posting ${title} is not in view`);
          const post = card.getByRole("button", { name: `Post ${title}`, exact: true });
          expect(await post.isDisabled(), `Post ${title} is still enabled after posting`);
          expect(
            /^Already posted as RUN-\d+/.test((await post.getAttribute("title")) ?? ""),
            `Post ${title} does not say why it is disabled`,
          );
        } else {
          await clickStep(page, "Run", title); // a check or report: one button
          const s = await stepStatus(page, title);
          expect(s === "Done" || s === "Skipped", `${title}: ${s}`);
          if (title === "Period-end adjustments") {
            // November's utilities accrual and the (manual) reversal of October's, listed in the card with their total
            const text = await stepItem(page, title).innerText();
            expect(
              /2 adjustment vouchers: 1 accrual, 1 accrual reversal/.test(text),
              `the adjustments card says: ${text.slice(0, 300)}`,
            );
            expect(/Total[\s\S]*→ USD [\d,]+\.\d\d/.test(text), "the adjustments card has no total");
          }
          if (title === "Journal report and statements")
            await stepItem(page, title)
              .getByRole("button", { name: `Open sheet Income statement ${PERIOD}` })
              .waitFor();
        }
      }
    },
  },
  {
    name: "a posted step is reversed and posted again",
    run: async (page) => {
      await clickStep(page, "Reverse", "Revaluation");
      await pane(page).getByLabel("Reason").fill("Rates corrected after review");
      await pane(page).getByRole("button", { name: "Reverse run", exact: true }).click();
      await idle(page);
      await waitForStatus(page, "Revaluation", "Reversed");
      await postStep(page, "Revaluation");
      await waitForStatus(page, "Revaluation", "Posted");
      const summary = await pane(page).getByLabel("Close summary").innerText();
      expect(/^November 2026: 7 of 7 done · next: put the period on hold/.test(summary), `close summary: ${summary}`);
    },
  },
  {
    name: "a journal run is reversed from the Journals tab, with a reason",
    run: async (page) => {
      await openTab(page, "Journals");
      await pane(page).getByLabel("Post through").fill("2026-12-31");
      await pane(page).getByRole("button", { name: "Post journals", exact: true }).click();
      await idle(page);
      const posted = await pane(page)
        .getByText(/Posted \d+ vouchers .* as (RUN-\d+)/)
        .first()
        .innerText({ timeout: LONG });
      const runId = /as (RUN-\d+)/.exec(posted)![1]!;
      await pane(page).getByRole("button", { name: "Open sheet Ledger" }).waitFor();
      await pane(page)
        .getByRole("button", { name: `Reverse ${runId}`, exact: true })
        .click();
      await pane(page).getByLabel("Reason").fill("December entered twice by mistake");
      await pane(page).getByRole("button", { name: "Reverse run", exact: true }).click();
      await idle(page);
      await pane(page)
        .getByText(new RegExp(`^Reversed ${runId} with \\d+ vouchers?`))
        .first()
        .waitFor({ timeout: LONG });
      expect(
        (await pane(page)
          .getByRole("button", { name: `Reverse ${runId}`, exact: true })
          .count()) === 0,
        `${runId} is still offered for reversal`,
      );
    },
  },
  {
    name: "November is put on hold and its seal verifies",
    run: async (page) => {
      await openTab(page, "Periods");
      await pick(page, "Period", PERIOD);
      await pane(page).getByRole("button", { name: "Put on hold" }).click();
      await pane(page).getByLabel("Reason").fill("November close completed");
      // the preview's demo generated no checklist for November: admin (a controller in the demo) overrides, audited
      await pane(page)
        .getByLabel("Checklist override (controllers only)")
        .fill("November checklist not generated in the preview");
      await pane(page).getByRole("button", { name: "Confirm" }).click();
      await idle(page);
      // November's own row says On hold (other periods' rows said so before), the selection stayed on it,
      // and the banner verified the seals again: one more sealed period
      await pane(page)
        .getByRole("row")
        .filter({ hasText: /^2026-11/ })
        .filter({ hasText: "On hold" })
        .waitFor({ timeout: 10_000 });
      expect(
        (await pane(page).getByRole("combobox", { name: "Period" }).innerText()).startsWith(PERIOD),
        "the Period selection moved away from November",
      );
      await pane(page).getByText("Seals and audit log verified (11 sealed periods)").waitFor({ timeout: LONG });
      await pane(page).getByRole("button", { name: "Verify seals" }).click();
      await idle(page);
      await pane(page)
        .getByText(/verified/i)
        .first()
        .waitFor();
    },
  },
  {
    name: "the reports are written to the workbook",
    run: async (page) => {
      await openTab(page, "Reports");
      await pick(page, "Period", PERIOD);
      for (const report of ["Statements", "Journal report", "Trial balance"]) {
        await pane(page).getByRole("button", { name: report, exact: true }).click();
        await idle(page);
      }
      for (const sheet of [`Income statement ${PERIOD}`, `Balance sheet ${PERIOD}`, `Journal report ${PERIOD}`]) {
        const grid = await showSheet(page, sheet);
        expect((await grid.locator("[data-address]").count()) > 0, `sheet ${sheet} is empty`);
      }
      expect((await cellText(page, "Ledger", "A1")).length > 0, "the Ledger sheet has no header");
      // "Open sheet" shows the trial balance sheet just written, its first cell selected
      await pane(page).getByRole("button", { name: "Open sheet Trial balance", exact: true }).click();
      await page.getByRole("grid", { name: "Trial balance" }).waitFor({ timeout: 10_000 });
    },
  },
  {
    name: "the Group tab of an entity workbook downloads November's consolidation package",
    run: async (page) => {
      await openTab(page, "Group");
      await pane(page).getByRole("tab", { name: "Group", selected: true }).waitFor({ timeout: 10_000 });
      await pick(page, "Period", PERIOD);
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: LONG }),
        pane(page).getByRole("button", { name: "Export consolidation package" }).click(),
      ]);
      const file = join(ARTIFACTS, "package-november.csv");
      await download.saveAs(file);
      // November is On hold (sealed above): a final package, its format line first after the header
      const text = readFileSync(file, "utf8");
      expect(
        /^Record,/.test(text) && text.includes("closebook-package/1") && text.includes(PERIOD),
        `not a package of ${PERIOD}: ${text.slice(0, 120)}`,
      );
      expect(
        !/-DRAFT\.csv$/.test(download.suggestedFilename()),
        `an On hold period's package is named a draft: ${download.suggestedFilename()}`,
      );
      await pane(page)
        .getByText(/^Downloaded package-/)
        .waitFor({ timeout: LONG });
    },
  },
  {
    name: "December's checklist is generated; alice prepares a task and bob reviews it",
    run: async (page) => {
      await openTab(page, "Checklist");
      await pick(page, "Period", "2026-12");
      await pane(page).getByRole("button", { name: "Generate checklist", exact: true }).click();
      await idle(page);
      await pane(page).getByRole("list", { name: "Checklist tiles" }).waitFor({ timeout: LONG });
      await signTask(page, "alice", "Prepare", "T11", "accruals booked", "Prepared");
      await signTask(page, "bob", "Review", "T11", "agreed", "Reviewed");
      const task = pane(page).getByRole("listitem", { name: "Task T11" });
      // the card shows the review once the tab has read the checklist again after the write (an async read, which
      // may land after the "is now Reviewed" message): waited for, then both signers checked
      await task
        .getByText(/Reviewed by bob/)
        .first()
        .waitFor({ timeout: LONG })
        .catch(() => undefined);
      const text = await task.innerText();
      expect(/Prepared by alice[\s\S]*Reviewed by bob/.test(text), `task T11 does not show both signers: ${text}`);
      await signInAs(page, USER);
      // the Close tab's cards show the checklist task that signs each step
      await openTab(page, "Close");
      await pick(page, "Period", "2026-12");
      // the sign-off lines are read apart from the step states (close-signoffs, after the tab is usable): waited for
      await stepItem(page, "Verify journals are posted")
        .getByText(/^Checklist: /)
        .first()
        .waitFor({ timeout: LONG })
        .catch(() => undefined);
      const card = await stepItem(page, "Verify journals are posted").innerText();
      expect(/Checklist: T01 /.test(card), `the Verify journals card does not show its checklist task: ${card}`);
    },
  },
  {
    name: "the downloaded workbook equals the headless close and verifies",
    run: async (page) => {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: LONG }),
        page.getByRole("button", { name: "Download .xlsx" }).click(),
      ]);
      const file = join(ARTIFACTS, "closed-november.xlsx");
      await download.saveAs(file);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 2).toString() === "PK", "the download is not an .xlsx (zip) file");
      const got = await readDownloaded(bytes);
      const body = (l: string) => l.split("|").slice(1).join("|"); // voucher numbers aside
      const left = ledgerLines(got.book, PERIOD).map(body);
      const want = ledgerLines((await referenceClose(USER, PERIOD, THROUGH)).book, PERIOD).map(body);
      // every line of the headless close is in the browser's ledger (as a multiset) …
      for (const line of want) {
        const at = left.indexOf(line);
        expect(at >= 0, `a line of the headless close is missing in the browser's: ${line}`);
        left.splice(at, 1);
      }
      // … and what is left is the reversal of the revaluation and its re-posting, which net to zero per account
      expect(left.length > 0, "the reversal and re-posting of the revaluation are not in the ledger");
      const net = new Map<string, bigint>();
      for (const l of left) {
        const [, account, , , , cents] = l.split("|");
        net.set(account!, (net.get(account!) ?? 0n) + BigInt(cents!.replace(".", ""))); // USD amounts print with 2 decimals: exact cents
      }
      expect(
        [...net.values()].every((v) => v === 0n),
        `the extra lines do not net to zero per account: ${[...net].map(([a, v]) => `${a}: ${v}`).join(", ")}`,
      );
      const nov = got.book.setup.periods.find((p) => p.id === PERIOD);
      expect(nov?.status === "On hold", `November is ${nov?.status}`);
      const verified = await verifyWorkbook(got.port);
      expect(
        verified.issues.filter((i) => i.severity === "error").length === 0,
        `verify: ${verified.issues.map((i) => i.message).join("; ")}`,
      );
    },
  },
  {
    name: "the downloaded workbook opens again in the preview, closed November included",
    run: async (page) => {
      await page.getByLabel("Open .xlsx").setInputFiles(join(ARTIFACTS, "closed-november.xlsx"));
      await page
        .getByRole("status")
        .filter({ hasText: /closed-november\.xlsx: \d+ tables/ }) // loaded, not "Loading closed-november.xlsx…"
        .waitFor({ timeout: LONG });
      // the pane reloads over the opened workbook and verifies it: January–November sealed
      await pane(page).getByText("Seals and audit log verified (11 sealed periods)").waitFor({ timeout: LONG });
      for (const sheet of [`Income statement ${PERIOD}`, `Balance sheet ${PERIOD}`, `Journal report ${PERIOD}`]) {
        const grid = await showSheet(page, sheet);
        expect((await grid.locator("[data-address]").count()) > 0, `sheet ${sheet} did not come back from the file`);
      }
    },
  },
  {
    name: "the pane fits 320 px in dark mode and is keyboard reachable",
    run: async (page) => {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForTimeout(600); // let the theme's colour transitions finish before the screenshot
      // through the frame locator, which finds the pane's live frame (the reopened workbook replaced the first one)
      const root = pane(page).locator("html");
      const overflow = await root.evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(overflow <= 0, `the pane scrolls horizontally by ${overflow} px at 320 px`);
      await pane(page).getByRole("tab", { name: "Close" }).focus();
      await page.keyboard.press("ArrowRight");
      const focused = await root.evaluate((html) => html.ownerDocument.activeElement?.textContent ?? "");
      expect(/Journals/.test(focused), `ArrowRight from the Close tab focused "${focused}"`);
    },
  },
];
