/**
 * End-to-end scenarios of #18: publish from the Periods tab (the pane builds the .xlsx itself, no server),
 * CLOSEBOOK formulas typed into the preview grid.
 * They run after the main scenario (test/e2e/scenario.ts), on the workbook it leaves: November on hold,
 * December's checklist generated with T11 reviewed, the downloaded workbook reopened in the preview,
 * November's trial balance on the sheet "Trial balance" (written from the Reports tab).
 *
 * Example: E2E_ONLY=publish npm run test:e2e → the main scenario, then the two below.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { verifyWorkbook } from "../../../src/app/verifyWorkbook";
import { ARTIFACTS, type E2eTest } from "../harness";
import { LONG, expect, idle, openTab, pane, pick, showSheet } from "../pane";

const NOVEMBER = "2026-11";
const ACCOUNT = "1010"; // Bank EUR

/** "1,234.50", "-1,234.50" or "(1,234.50)" → 1234.5 / −1234.5 */
function numberOf(text: string): number {
  const t = text.trim().replace(/,/g, "");
  const m = /^\((.*)\)$/.exec(t);
  return m ? -Number(m[1]) : Number(t);
}

/** The last non-empty cell of the Trial balance row whose column A is `account`: its closing balance. */
async function trialBalanceClosing(page: Page, account: string): Promise<string> {
  const grid = await showSheet(page, "Trial balance");
  const first = grid
    .locator('td[data-address^="A"]')
    .filter({ hasText: new RegExp(`^${account}$`) })
    .first();
  const address = await first.getAttribute("data-address");
  expect(address, `the Trial balance sheet has no row for ${account}`);
  const row = grid.locator(`tr:has(td[data-address="${address}"]) td`);
  const texts = (await row.allInnerTexts()).map((t) => t.trim()).filter((t) => t !== "");
  return texts[texts.length - 1] ?? "";
}

export const PUBLISH_SCENARIOS: E2eTest[] = [
  {
    name: "publish: a CLOSEBOOK.BALANCE typed into the grid shows the trial balance's figure",
    run: async (page) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      const closing = await trialBalanceClosing(page, ACCOUNT);
      expect(Number.isFinite(numberOf(closing)) && closing !== "", `no closing balance for ${ACCOUNT}: "${closing}"`);
      // a spare cell right of the demo's Management report (months in B:M)
      const grid = await showSheet(page, "Management report");
      await grid.locator('[data-address="N5"]').click();
      await page.getByLabel("Selected cell").filter({ hasText: "N5" }).waitFor();
      const bar = page.getByRole("textbox", { name: "Formula bar" });
      await bar.fill(`=CLOSEBOOK.BALANCE("${ACCOUNT}","${NOVEMBER}")`);
      await bar.press("Enter");
      // read in the same wait that sees the value
      const shown = (
        await grid.locator('[data-address="N5"]').filter({ hasText: /\d/ }).innerText({ timeout: LONG })
      ).trim();
      expect(
        numberOf(shown) === numberOf(closing),
        `=CLOSEBOOK.BALANCE("${ACCOUNT}","${NOVEMBER}") shows ${shown}; the trial balance says ${closing}`,
      );
      // a bad argument's #VALUE! and its message: test/preview/gridFormulas.test.ts (here the grid re-renders
      // continuously after the reopened workbook, so a second click is flaky; see the report of #18)
    },
  },
  {
    name: "publish: November published from the Periods tab downloads a workbook that verifies",
    run: async (page) => {
      // the reopened workbook asks who the user is again
      if (await pane(page).getByRole("button", { name: "Use this name" }).isVisible()) {
        await pick(page, "Who are you?", "admin");
        await pane(page).getByRole("button", { name: "Use this name" }).click();
        await pane(page).getByText("Signed in as admin").waitFor({ timeout: LONG });
      }
      await openTab(page, "Periods");
      await pick(page, "Period", NOVEMBER);
      // the pane builds the file itself (publishDownload.ts): the xlsx writer's lazy chunk loads, the server builds nothing
      const requests: string[] = [];
      const seen = (r: { url(): string }) => requests.push(r.url());
      page.on("request", seen);
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: LONG }),
        pane(page)
          .getByRole("button", { name: `Publish ${NOVEMBER}` })
          .click(),
      ]);
      await idle(page);
      page.off("request", seen);
      expect(!requests.some((u) => /api\/download/.test(u)), `Publish asked the server: ${requests.join(", ")}`);
      expect(
        requests.some((u) => /xlsx-writer/.test(u)),
        `the xlsx writer's chunk was not loaded: ${requests.join(", ")}`,
      );
      const file = join(ARTIFACTS, "published-november.xlsx");
      await download.saveAs(file);
      expect(
        download.suggestedFilename() === `closebook-${NOVEMBER}-published.xlsx`,
        `the download is named ${download.suggestedFilename()}`,
      );
      await pane(page)
        .getByText(new RegExp(`^Downloaded closebook-${NOVEMBER}-published\\.xlsx`))
        .waitFor({ timeout: LONG });
      const verified = await verifyWorkbook(await XlsxWorkbook.load(readFileSync(file)));
      expect(
        verified.issues.filter((i) => i.severity === "error").length === 0,
        `verify: ${verified.issues.map((i) => i.message).join("; ")}`,
      );
      expect(verified.published?.period === NOVEMBER, `verify did not read it as November's published file`);
      // values only, every sheet protected (an independent reader: exceljs); the Management report carried as values
      const x = new ExcelJS.Workbook();
      await x.xlsx.readFile(file);
      const management = x.getWorksheet("Management report");
      expect(management !== undefined, `no Management report in ${x.worksheets.map((w) => w.name).join(", ")}`);
      let numbers = 0;
      management!.eachRow((row) => row.eachCell((c) => void (typeof c.value === "number" && numbers++)));
      expect(numbers > 0, "the published Management report holds no number");
      x.eachSheet((ws) => {
        const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
        expect(protection?.sheet === true, `sheet ${ws.name} of the published file is not protected`);
        ws.eachRow((row) =>
          row.eachCell((c) =>
            expect(!/CLOSEBOOK/i.test(String(c.formula ?? "")), `${ws.name}!${c.address}: ${c.formula}`),
          ),
        );
      });
      // an Open period is refused without "Draft copy"
      await pick(page, "Period", "2026-12");
      const publish = pane(page).getByRole("button", { name: "Publish 2026-12" });
      expect(await publish.isDisabled(), "Publish is enabled for an Open period without Draft copy");
      await pane(page)
        .getByText("is Open: only a period On hold or Permanently closed is published", { exact: false })
        .waitFor();
    },
  },
];
