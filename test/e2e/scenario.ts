/**
 * The end-to-end scenario, in the order an accountant works: open the
 * preview (demo company: January–October closed and sealed, November and
 * December drafts waiting), say who you are, post November's journals, close
 * November step by step (preview, then post), see an issue select its cell,
 * reverse and re-post a step, put November on hold, generate the reports,
 * check the workbook in the grid, download it and compare it with the same
 * close done headlessly, and look at the pane at 320 px in dark mode.
 *
 * Example: SCENARIO.map((t) => t.name)[0] → "the preview opens the demo workbook and the pane verifies it"
 */
import type { Page } from "playwright-core";
import { ARTIFACTS, type E2eTest } from "./harness";
import { LONG, cellText, expect, idle, openTab, pane, pick, showSheet, stepItem, stepStatus, waitForStatus } from "./pane";
import { ledgerLines, readDownloaded, referenceClose } from "./reference";
import { verifyWorkbook } from "../../src/app/verifyWorkbook";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const USER = "admin";
const PERIOD = "2026-11";
const THROUGH = "2026-11-30";
const STEPS = ["Verify journals are posted", "Rate checks", "Settlement", "Revaluation", "Allocations", "Period-end adjustments", "Journal report and statements"];
const POSTING = new Set(["Settlement", "Revaluation", "Allocations"]);

async function clickStep(page: Page, verb: "Preview" | "Post" | "Reverse" | "Run", title: string): Promise<void> {
  await stepItem(page, title).getByRole("button", { name: `${verb} ${title}`, exact: true }).click();
  await idle(page);
}

export const SCENARIO: E2eTest[] = [
  {
    name: "the preview opens the demo workbook and the pane verifies it",
    run: async (page) => {
      await page.getByRole("grid").first().waitFor({ timeout: LONG });
      await pane(page).getByRole("heading", { name: "Closebook" }).waitFor({ timeout: LONG });
      await pane(page).getByText(/Seals and audit log verified/).waitFor({ timeout: LONG });
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
      const where = pane(page).getByRole("button", { name: /^tblJournal row \d+/ }).first();
      const label = await where.innerText();
      const row = Number(/row (\d+)/.exec(label)![1]);
      await where.click();
      const selected = page.locator('[aria-selected="true"][data-address], [data-selected="true"][data-address]').first();
      await selected.waitFor({ timeout: 10_000 });
      const address = (await selected.getAttribute("data-address")) ?? "";
      // data row N of a table whose header is on sheet row 1 is sheet row N + 1
      expect(address.replace(/^[A-Z]+/, "") === String(row + 1), `selected ${address}, expected a cell on sheet row ${row + 1} (tblJournal row ${row})`);
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
      await pane(page).getByText(/Posted \d+ vouchers/).waitFor({ timeout: LONG });
    },
  },
  {
    name: "November is closed step by step: preview, then post",
    run: async (page) => {
      await openTab(page, "Close");
      await pick(page, "Period", PERIOD);
      for (const title of STEPS) {
        expect((await stepStatus(page, title)) === "Not run", `${title} should start as Not run, is ${await stepStatus(page, title)}`);
      }
      for (const title of STEPS) {
        if (POSTING.has(title)) {
          await clickStep(page, "Preview", title);
          await waitForStatus(page, title, "Previewed");
          if (title === "Revaluation") await pane(page).getByText("Calculation trace").first().waitFor(); // the trace of what it would post
          await clickStep(page, "Post", title);
          await waitForStatus(page, title, "Posted");
        } else {
          await clickStep(page, "Run", title); // a check or report: one button
          const s = await stepStatus(page, title);
          expect(s === "Done" || s === "Skipped", `${title}: ${s}`);
        }
      }
    },
  },
  {
    name: "a posted step is reversed and posted again",
    run: async (page) => {
      await clickStep(page, "Reverse", "Revaluation");
      await pane(page).getByLabel("Reason").fill("Rates corrected after review");
      await pane(page).getByRole("button", { name: "Reverse run" }).click();
      await idle(page);
      await waitForStatus(page, "Revaluation", "Reversed");
      await clickStep(page, "Post", "Revaluation");
      await waitForStatus(page, "Revaluation", "Posted");
    },
  },
  {
    name: "November is put on hold and its seal verifies",
    run: async (page) => {
      await openTab(page, "Periods");
      await pick(page, "Period", PERIOD);
      await pane(page).getByRole("button", { name: "Put on hold" }).click();
      await pane(page).getByLabel("Reason").fill("November close completed");
      await pane(page).getByRole("button", { name: "Confirm" }).click();
      await idle(page);
      await pane(page).getByText(/On hold/).first().waitFor();
      await pane(page).getByRole("button", { name: "Verify seals" }).click();
      await idle(page);
      await pane(page).getByText(/verified/i).first().waitFor();
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
    },
  },
  {
    name: "the downloaded workbook equals the headless close and verifies",
    run: async (page) => {
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: LONG }), page.getByRole("button", { name: "Download .xlsx" }).click()]);
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
      expect([...net.values()].every((v) => v === 0n), `the extra lines do not net to zero per account: ${[...net].map(([a, v]) => `${a}: ${v}`).join(", ")}`);
      const nov = got.book.setup.periods.find((p) => p.id === PERIOD);
      expect(nov?.status === "On hold", `November is ${nov?.status}`);
      const verified = await verifyWorkbook(got.port);
      expect(verified.issues.filter((i) => i.severity === "error").length === 0, `verify: ${verified.issues.map((i) => i.message).join("; ")}`);
    },
  },
  {
    name: "the downloaded workbook opens again in the preview, closed November included",
    run: async (page) => {
      await page.getByLabel("Open .xlsx").setInputFiles(join(ARTIFACTS, "closed-november.xlsx"));
      await page.getByRole("status").filter({ hasText: /closed-november\.xlsx/ }).waitFor({ timeout: LONG });
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
      const frame = page.frames().find((f) => f.url().includes("taskpane"));
      expect(frame, "no task pane frame");
      const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `the pane scrolls horizontally by ${overflow} px at 320 px`);
      await pane(page).getByRole("tab", { name: "Close" }).focus();
      await page.keyboard.press("ArrowRight");
      const focused = await frame.evaluate(() => document.activeElement?.textContent ?? "");
      expect(/Journals/.test(focused), `ArrowRight from the Close tab focused "${focused}"`);
    },
  },
];
