/**
 * The pane's five tabs, in order, with the component each one shows. The
 * titles are the tabs' accessible names (the end-to-end tests select by them).
 *
 * Example: PANE_TABS.map((t) => t.title) → ["Close", "Journals", "Periods", "Rates", "Reports"]
 */
import type { ComponentType } from "react";
import { CloseTab } from "../tabs/CloseTab";
import { JournalsTab } from "../tabs/JournalsTab";
import { PeriodsTab } from "../tabs/PeriodsTab";
import { RatesTab } from "../tabs/RatesTab";
import { ReportsTab } from "../tabs/ReportsTab";

export type PaneTabId = "close" | "journals" | "periods" | "rates" | "reports";

export interface PaneTab {
  readonly id: PaneTabId;
  readonly title: string;
  readonly component: ComponentType;
}

export const PANE_TABS: readonly PaneTab[] = [
  { id: "close", title: "Close", component: CloseTab },
  { id: "journals", title: "Journals", component: JournalsTab },
  { id: "periods", title: "Periods", component: PeriodsTab },
  { id: "rates", title: "Rates", component: RatesTab },
  { id: "reports", title: "Reports", component: ReportsTab },
];
