/**
 * The pane's tabs, in order, with the component each one shows. The
 * titles are the tabs' accessible names (the end-to-end tests select by them).
 *
 * Example: PANE_TABS.map((t) => t.title) → ["Close", "Journals", "Periods", "Rates", "Reports", "Group", "Checklist"]
 */
import { lazy, type ComponentType } from "react";

// Each tab is a chunk of its own, loaded when first shown (App.tsx shows a spinner
// meanwhile): the shell (identity, verify on open) starts sooner on the web.
const loadCloseTab = () => import(/* webpackChunkName: "tab-close" */ "../tabs/CloseTab");
const CloseTab = lazy(() => loadCloseTab().then((m) => ({ default: m.CloseTab })));

/** The first tab's chunk, loaded before it is shown (index.tsx: while the workbook's users are read). */
export function preloadFirstTab(): void {
  void loadCloseTab().catch(() => undefined); // a failed load is retried (and said) when the tab renders
}
const JournalsTab = lazy(() =>
  import(/* webpackChunkName: "tab-journals" */ "../tabs/JournalsTab").then((m) => ({ default: m.JournalsTab })),
);
const PeriodsTab = lazy(() =>
  import(/* webpackChunkName: "tab-periods" */ "../tabs/PeriodsTab").then((m) => ({ default: m.PeriodsTab })),
);
const RatesTab = lazy(() =>
  import(/* webpackChunkName: "tab-rates" */ "../tabs/RatesTab").then((m) => ({ default: m.RatesTab })),
);
const ReportsTab = lazy(() =>
  import(/* webpackChunkName: "tab-reports" */ "../tabs/ReportsTab").then((m) => ({ default: m.ReportsTab })),
);
const GroupTab = lazy(() =>
  import(/* webpackChunkName: "tab-group" */ "../tabs/GroupTab").then((m) => ({ default: m.GroupTab })),
);
const ChecklistTab = lazy(() =>
  import(/* webpackChunkName: "tab-checklist" */ "../tabs/ChecklistTab").then((m) => ({ default: m.ChecklistTab })),
);

export type PaneTabId = "close" | "journals" | "periods" | "rates" | "reports" | "group" | "checklist";

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
  { id: "group", title: "Group", component: GroupTab },
  { id: "checklist", title: "Checklist", component: ChecklistTab },
];
