/**
 * The task pane's identity: the user picks their name from the users table
 * once; it is remembered on this machine (per workbook key) and checked again
 * against the users table every time, so a removed or deactivated user is
 * asked again.
 *
 * Example: const id = new RememberedIdentity(localStorage, "closebook:user:<workbook>");
 *          id.choose("alice", book.setup.users)  → ok; later id.currentUserIn(users) → "alice"
 */
import type { User } from "../core/ledger/types";
import type { IdentityProvider, KeyValueStore } from "../ports/identity";

export class RememberedIdentity implements IdentityProvider {
  readonly source = "chosen from the users table on this machine (not verified)";

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  async currentUser(): Promise<string | undefined> {
    return this.store.getItem(this.key) ?? undefined;
  }

  /** The remembered name if it is still an active user; otherwise forgets it. */
  currentUserIn(users: ReadonlyMap<string, User>): string | undefined {
    const name = this.store.getItem(this.key);
    if (name === null) return undefined;
    const u = users.get(name.toLowerCase());
    if (u?.active) return u.name;
    this.store.removeItem(this.key);
    return undefined;
  }

  /** Remembers `name` when it is an active user; returns an error message otherwise. */
  choose(name: string, users: ReadonlyMap<string, User>): string | undefined {
    const u = users.get(name.trim().toLowerCase());
    if (!u || !u.active) return `"${name}" is not an active user in the users table.`;
    this.store.setItem(this.key, u.name);
    return undefined;
  }

  forget(): void {
    this.store.removeItem(this.key);
  }
}
