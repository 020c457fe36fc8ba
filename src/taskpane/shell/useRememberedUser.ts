/**
 * The chosen user, kept in React state and in the RememberedIdentity store:
 * when the users table is (re)read, the remembered name is checked again
 * against it (a removed or deactivated user is forgotten and asked again).
 *
 * Example: const [user, choose, forget] = useRememberedUser(identity, users);
 *   choose("alice") → undefined (remembered; user === "alice")
 *   choose("zed")   → '"zed" is not an active user in the users table.'
 */
import { useCallback, useEffect, useState } from "react";
import type { RememberedIdentity } from "../../app/identity";
import type { User } from "../../core/ledger/types";

export function useRememberedUser(
  identity: RememberedIdentity,
  users: ReadonlyMap<string, User> | undefined,
): [user: string | undefined, choose: (name: string) => string | undefined, forget: () => void] {
  const [user, setUser] = useState<string | undefined>(undefined);

  useEffect(() => {
    setUser(users ? identity.currentUserIn(users) : undefined);
  }, [identity, users]);

  const choose = useCallback(
    (name: string) => {
      if (!users) return "The users table has not been read yet.";
      const error = identity.choose(name, users);
      if (!error) setUser(identity.currentUserIn(users));
      return error;
    },
    [identity, users],
  );

  const forget = useCallback(() => {
    identity.forget();
    setUser(undefined);
  }, [identity]);

  return [user, choose, forget];
}
