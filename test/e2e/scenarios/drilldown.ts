/**
 * End-to-end scenarios of #16 point 7: from a figure of the trial balance or a statement to its ledger lines.
 * They run after the main scenario (test/e2e/scenario.ts), on the workbook it leaves: November on hold,
 * December's checklist generated with T11 reviewed, the downloaded workbook reopened in the preview
 * (its "Trial balance" and "Income statement 2026-11" sheets written by the Reports tab).
 *
 * The figure's column is found by its heading (a layout gaining columns still works); the listed lines'
 * amounts are added up here, in exact cents, and compared with the cell as the grid shows it.
 */
import type { Locator, Page } from "playwright-core";
import type { E2eTest } from "../harness";
import { LONG, expect, idle, openTab, pane, showSheet } from "../pane";

const PERIOD = "2026-11";

/** "1,234.50" → 123450n, "(1,234.50)" → −123450n, "-" → 0n; undefined for text that is not an amount. */
function cents(text: string): bigint | undefined {
  const t = text.trim();
  if (t === "-") return 0n;
  const m = /^(\()?(-)?([\d,]+)(?:\.(\d{1,2}))?\)?$/.exec(t);
  if (!m) return undefined;
  const units = BigInt(m[3]!.replace(/,/g, "")) * 100n + BigInt((m[4] ?? "0").padEnd(2, "0"));
  return m[1] || m[2] ? -units : units;
}

const cell = (grid: Locator, address: string) => grid.locator(`[data-address="${address}"]`).first();
const text = async (grid: Locator, address: string) =>
  (
    await cell(grid, address)
      .innerText({ timeout: 5_000 })
      .catch(() => "")
  ).trim();

/** The column letter of the heading `name` in sheet row `row` (one read of the drawn cells, none waited for). */
async function columnOf(grid: Locator, row: number, name: string): Promise<string | undefined> {
  const cells = await grid
    .locator("[data-address]")
    .evaluateAll((els) =>
      els.map((e) => ({ address: e.getAttribute("data-address") ?? "", text: (e.textContent ?? "").trim() })),
    );
  const hit = cells.find((c) => c.address.replace(/^[A-Z]+/, "") === String(row) && c.text === name);
  return hit?.address.replace(/\d+$/, "");
}

/** Clicks the cell, opens the Reports tab, Show ledger lines; returns the summary and the listed amounts. */
async function drill(page: Page, grid: Locator, address: string): Promise<{ summary: string; amounts: bigint[] }> {
  await cell(grid, address).click();
  await page.locator(`[data-address="${address}"][data-anchor="true"]`).waitFor({ timeout: 5_000 });
  await openTab(page, "Reports");
  await pane(page).getByRole("tab", { name: "Reports", selected: true }).waitFor({ timeout: 10_000 });
  const summary = pane(page).getByTestId("ledger-lines-summary");
  // an earlier drill's lines may still be listed: wait for this one's summary to replace them
  const before = (await summary.count()) > 0 ? (await summary.innerText()).trim() : undefined;
  await pane(page).getByRole("button", { name: "Show ledger lines", exact: true }).click();
  await idle(page);
  await (before ? summary.filter({ hasNotText: before }) : summary).waitFor({ timeout: LONG });
  const amounts = await pane(page)
    .getByRole("list", { name: "Ledger lines" })
    .locator("[data-amount]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-amount") ?? ""))
    .catch(() => [] as string[]);
  return {
    summary: (await summary.innerText()).trim(),
    amounts: amounts.map((a) => BigInt(Math.round(Number(a) * 100))), // accounting amounts at 2 places: exact in a double
  };
}

/** The reopened workbook fully loaded (its status names the tables read) and the pane over it verified. */
async function ready(page: Page): Promise<void> {
  await page
    .getByRole("status")
    .filter({ hasText: /closed-november\.xlsx: \d+ tables/ })
    .waitFor({ timeout: LONG });
  await pane(page)
    .getByText(/Seals and audit log verified/)
    .waitFor({ timeout: LONG });
}

export const DRILLDOWN_SCENARIOS: E2eTest[] = [
  {
    name: "a trial balance figure shows its ledger lines, which add up to it; a line selects its Ledger row",
    run: async (page) => {
      await ready(page);
      let grid = await showSheet(page, "Trial balance");
      const debit = await columnOf(grid, 3, "Debit");
      expect(debit, 'the trial balance has no "Debit" heading in row 3');
      // an account's row with a debit (the demo's accounts are numbers), with few enough lines to list them all
      let checked = false;
      for (let row = 4; row < 40 && !checked; row++) {
        const account = await text(grid, `A${row}`);
        const figure = cents(await text(grid, `${debit}${row}`));
        if (!/^\d+$/.test(account) || figure === undefined || figure === 0n) continue;
        const { summary, amounts } = await drill(page, grid, `${debit}${row}`);
        if (amounts.length === 200) {
          grid = await showSheet(page, "Trial balance");
          continue; // more lines than the pane lists: take another account
        }
        expect(
          summary.includes("equal to the selected figure"),
          `${account} Debit ${PERIOD}: the pane says "${summary}"`,
        );
        const listed = amounts.reduce((t, a) => t + a, 0n);
        expect(listed === figure, `${account}: the listed lines add up to ${listed} cents, the cell shows ${figure}`);
        // the first line's link selects its row on the Ledger sheet (ledger data row N = sheet row N + 1)
        const link = pane(page).getByRole("list", { name: "Ledger lines" }).getByRole("button").first();
        const label = (await link.getAttribute("aria-label")) ?? "";
        const voucher = (await link.innerText()).trim();
        const dataRow = Number(/ledger row (\d+)/.exec(label)?.[1]);
        expect(dataRow > 0, `the line's link names no ledger row: "${label}"`);
        await link.click();
        const ledger = page.getByRole("grid", { name: "Ledger" });
        await ledger.waitFor({ timeout: 10_000 });
        await ledger
          .locator(`[data-address="A${dataRow + 1}"][aria-selected="true"]`)
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
        const selected = await ledger
          .locator('[aria-selected="true"][data-address]')
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-address") ?? ""));
        expect(
          selected.length > 0 && selected.every((a) => a.replace(/^[A-Z]+/, "") === String(dataRow + 1)),
          `expected sheet row ${dataRow + 1} of the Ledger selected, got ${selected.slice(0, 3).join(", ")}`,
        );
        const rowText = await ledger
          .locator(`tr:has([data-address="A${dataRow + 1}"]) td`)
          .evaluateAll((els) => els.map((e) => e.textContent ?? ""));
        expect(rowText.includes(voucher), `the selected Ledger row does not hold ${voucher}: ${rowText.join(" | ")}`);
        checked = true;
      }
      expect(checked, "no account row with a debit of at most 200 lines on the trial balance sheet");
    },
  },
  {
    name: "a statement figure (an account's Period amount) shows the lines it adds up",
    run: async (page) => {
      const grid = await showSheet(page, `Income statement ${PERIOD}`);
      let headingRow = 0;
      let column: string | undefined;
      for (let row = 1; row < 10 && !column; row++) {
        column = await columnOf(grid, row, "Period");
        headingRow = row;
      }
      expect(column, 'the income statement has no "Period" heading');
      for (let row = headingRow + 1; row < headingRow + 30; row++) {
        const label = await text(grid, `A${row}`);
        const figure = cents(await text(grid, `${column}${row}`));
        if (!/^\d{4} /.test(label) || figure === undefined || figure === 0n) continue;
        const { summary, amounts } = await drill(page, grid, `${column}${row}`);
        expect(summary.includes("equal to the selected figure"), `${label} Period: the pane says "${summary}"`);
        if (amounts.length < 200) {
          const listed = amounts.reduce((t, a) => t + a, 0n);
          // statements show revenue with credits positive: the lines (debit − credit) add up to ± the figure
          expect(listed === figure || listed === -figure, `${label}: lines add up to ${listed} cents, cell ${figure}`);
        }
        return;
      }
      throw new Error("no account line with a Period figure on the income statement");
    },
  },
];
