/**
 * The task pane's shell: the "Closebook" heading, who is using the pane
 * (IdentityBar over RememberedIdentity, per workbook), the seals and audit log
 * verified on open, the tabs (shell/tabs.ts), and a footer naming the host. Holds the
 * pane session (user, changed counter) every tab reads. A workbook without
 * Closebook tables gets the "not set up" message and the setup form instead.
 * Everything comes from the PaneEnv context (index.tsx provides it).
 *
 * Example: <PaneEnvContext.Provider value={env}><App /></PaneEnvContext.Provider>
 *   → "Closebook" / "Signed in as alice (Alice Smith)" [Change user] /
 *     "Seals and audit log verified (3 sealed periods)" / Close | Journals | Periods | Rates | Reports | Group | Checklist
 */
import { Caption1, Spinner, Tab, TabList, Title2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { RememberedIdentity } from "../app/commands/values";
import { usePaneEnv } from "./paneEnv";
import { IdentityBar } from "./shell/IdentityBar";
import { IssueList } from "./shell/IssueList";
import { PaneSessionContext, type PaneSession } from "./shell/session";
import { SetupWorkbook } from "./shell/SetupWorkbook";
import { PANE_TABS, type PaneTabId } from "./shell/tabs";
import { useRememberedUser } from "./shell/useRememberedUser";
import { useWorkbook } from "./shell/useWorkbook";
import { VerifyOnOpen } from "./shell/VerifyOnOpen";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    maxWidth: "720px",
    boxSizing: "border-box",
    overflowWrap: "break-word",
  },
  heading: { margin: 0 },
  tabs: { flexWrap: "wrap", marginLeft: `calc(-1 * ${tokens.spacingHorizontalXS})` },
  tab: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  footer: {
    color: tokens.colorNeutralForeground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
});

export function App() {
  const styles = useStyles();
  const env = usePaneEnv();
  const workbook = useWorkbook();
  const identity = useMemo(
    () => new RememberedIdentity(env.store, `closebook:user:${env.workbookKey}`),
    [env.store, env.workbookKey],
  );
  const users = workbook.state.kind === "ready" ? workbook.state.users : undefined;
  const [user, choose, forget] = useRememberedUser(identity, users);
  const [changed, setChanged] = useState(0);
  const bump = useCallback(() => setChanged((c) => c + 1), []);
  // an edit made in Excel moves the counter too: the tabs read again (shell/readCache.ts)
  useEffect(() => env.onWorkbookChanged?.(bump), [env, bump]);
  const [locksChanged, setLocksChanged] = useState(0);
  const bumpLocks = useCallback(() => setLocksChanged((c) => c + 1), []);
  const [tab, setTab] = useState<PaneTabId>("close");
  const showTab = useCallback((id: string) => setTab(id as PaneTabId), []);
  // the tab list follows a click at once; the panel renders the new tab at a deferred priority, which React
  // interrupts to let the browser paint every few ms, so a tab's first render is no long task (#16 point 1)
  const shownTab = useDeferredValue(tab);
  const session = useMemo<PaneSession>(
    () => ({ user, changed, bump, locksChanged, bumpLocks, showTab }),
    [user, changed, bump, locksChanged, bumpLocks, showTab],
  );
  const current = PANE_TABS.find((t) => t.id === shownTab) ?? PANE_TABS[0]!;
  const Panel = current.component;

  return (
    <PaneSessionContext.Provider value={session}>
      <main className={styles.root}>
        <Title2 as="h1" className={styles.heading}>
          Closebook
        </Title2>
        {workbook.state.kind === "loading" ? <Spinner size="small" label="Opening the workbook…" /> : null}
        {workbook.state.kind === "failed" ? (
          <IssueList issues={workbook.op.failure ? [workbook.op.failure] : []} label="The workbook could not be read" />
        ) : null}
        {workbook.state.kind === "not-set-up" ? <SetupWorkbook onDone={workbook.reload} /> : null}
        {users ? (
          <>
            <IdentityBar
              users={users}
              user={user}
              source={identity.source}
              onChoose={choose}
              onChangeUser={() => {
                forget();
                workbook.refreshUsers();
              }}
            />
            <VerifyOnOpen />
            <TabList
              className={styles.tabs}
              size="small"
              selectedValue={tab}
              onTabSelect={(_, d) => showTab(String(d.value))}
            >
              {PANE_TABS.map((t) => (
                <Tab key={t.id} id={`closebook-tab-${t.id}`} value={t.id} className={styles.tab}>
                  {t.title}
                </Tab>
              ))}
            </TabList>
            <div role="tabpanel" aria-labelledby={`closebook-tab-${current.id}`} className={styles.panel}>
              <Suspense fallback={<Spinner size="tiny" label={`Loading ${current.title}…`} />}>
                <Panel />
              </Suspense>
            </div>
          </>
        ) : null}
        <Caption1 as="p" className={mergeClasses(styles.heading, styles.footer)}>
          Closebook in {env.hostName}
        </Caption1>
      </main>
    </PaneSessionContext.Provider>
  );
}
