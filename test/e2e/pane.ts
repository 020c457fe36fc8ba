/**
 * Page helpers for the preview: the task pane is an iframe titled
 * "Closebook task pane"; the grid beside it shows one sheet at a time
 * (role grid named by the sheet, cells carrying data-address="B7").
 * Selectors use the accessible names of the UI contract (roles and labels),
 * so a test that passes also says the pane is usable by keyboard and screen reader.
 *
 * Example: await openTab(page, "Close"); await stepStatus(page, "Revaluation") → "Posted"
 */
import type { FrameLocator, Locator, Page } from "playwright-core";

export const LONG = 120_000;

export function pane(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Closebook task pane"]');
}

export async function openTab(page: Page, name: string): Promise<void> {
  await pane(page).getByRole("tab", { name, exact: true }).click();
}

/** Picks an option of a Fluent Dropdown/Combobox by its label; `option` is matched at the start of the option's name. */
export async function pick(page: Page, label: string, option: string | RegExp): Promise<void> {
  const p = pane(page);
  await p.getByRole("combobox", { name: label }).click();
  const name = typeof option === "string" ? new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) : option;
  await p.getByRole("option", { name }).first().click();
}

export function stepItem(page: Page, title: string): Locator {
  const p = pane(page);
  return p.getByRole("listitem").filter({ has: p.getByRole("heading", { name: title, exact: true }) });
}

const STATES = ["Not run", "Previewed", "Posted", "Reversed", "Failed", "Done", "Skipped"];

/** The status badge text of a close step (its badge only: the card also holds the step's result and trace). */
export async function stepStatus(page: Page, title: string): Promise<string> {
  const text = (await stepItem(page, title).locator("[data-step-badge]").first().innerText()).trim();
  return STATES.includes(text) ? text : `(no status in "${text.replace(/\s+/g, " ").slice(0, 120)}")`;
}

/** Whether an element of the pane lies inside the pane's viewport (what the user sees without scrolling). */
export async function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

export async function waitForStatus(page: Page, title: string, wanted: string, timeout = LONG): Promise<void> {
  const until = Date.now() + timeout;
  let last = "";
  while (Date.now() < until) {
    last = await stepStatus(page, title);
    if (last === wanted) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`step "${title}" is "${last}", expected "${wanted}"`);
}

/** Waits until the pane has no busy progress bar. */
export async function idle(page: Page, timeout = LONG): Promise<void> {
  await pane(page)
    .getByRole("progressbar")
    .first()
    .waitFor({ state: "detached", timeout })
    .catch(async () => {
      if (await pane(page).getByRole("progressbar").count()) throw new Error("the pane stayed busy");
    });
}

export async function showSheet(page: Page, sheet: string): Promise<Locator> {
  await page.getByRole("tab", { name: sheet, exact: true }).click();
  const grid = page.getByRole("grid", { name: sheet });
  await grid.waitFor();
  return grid;
}

export async function cellText(page: Page, sheet: string, address: string): Promise<string> {
  const grid = await showSheet(page, sheet);
  return (await grid.locator(`[data-address="${address}"]`).first().innerText()).trim();
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
