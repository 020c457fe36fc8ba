/**
 * The pane's session: who the user is (chosen from tblUsers, remembered per
 * workbook by RememberedIdentity and re-checked on every load) and a counter
 * that every tab bumps after it writes, so the other tabs reload what they show;
 * a second counter moves after a lock change, so the banner verifies the seals again.
 *
 * Example: const { user, changed, bump } = usePaneSession();
 *          if (!user) → the tab shows "Choose who you are at the top first."
 */
import { createContext, useContext } from "react";

export interface PaneSession {
  /** the chosen, active user; undefined until someone is chosen */
  readonly user: string | undefined;
  /** increases after every write through the pane */
  readonly changed: number;
  /** call after a write so every tab reloads */
  bump(): void;
  /** increases after every change of a period's status or access (the banner verifies the seals again) */
  readonly locksChanged: number;
  /** call after a lock change (hold, reopen, close, access) */
  bumpLocks(): void;
  /** switches the pane to a tab by its id (a checklist task's close step link opens the Close tab) */
  showTab?(id: string): void;
}

export const PaneSessionContext = createContext<PaneSession>({
  user: undefined,
  changed: 0,
  bump: () => undefined,
  locksChanged: 0,
  bumpLocks: () => undefined,
});

export function usePaneSession(): PaneSession {
  return useContext(PaneSessionContext);
}
