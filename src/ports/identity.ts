/**
 * Who the user is. Offline, neither Excel nor a CLI can prove identity
 * (excel-addin.md §2.5): the name is *claimed* — by `--user` on the CLI, or
 * chosen once from the users table in the task pane and remembered on that
 * machine — until single sign-on is configured. The posting gate and the
 * audit log use it; the README says what that does and does not guarantee.
 *
 * Example: declaredIdentity("alice").currentUser() → "alice" (source "declared on the command line")
 */
export interface IdentityProvider {
  /** the user's name as in the users table, or undefined when nobody has been chosen yet */
  currentUser(): Promise<string | undefined>;
  /** how the name was obtained, for the audit trail and the UI */
  readonly source: string;
}

export function declaredIdentity(name: string): IdentityProvider {
  return { currentUser: async () => name, source: "declared on the command line (--user)" };
}

/** A small key/value store (localStorage keyed by Office.context.partitionKey in the pane). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
