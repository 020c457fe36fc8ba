import { RememberedIdentity } from "../../src/app/identity";
import { declaredIdentity, type KeyValueStore } from "../../src/ports/identity";
import { makeSetup } from "../support/fixtures";

function store(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const users = makeSetup().users; // alice, bob active; carol inactive

test("the CLI's identity is what --user declares", async () => {
  expect(await declaredIdentity("alice").currentUser()).toBe("alice");
  expect(declaredIdentity("alice").source).toContain("--user");
});

test("the pane remembers a chosen user per workbook key and re-checks it against the users table", async () => {
  const s = store();
  const id = new RememberedIdentity(s, "closebook:user:book-1");
  expect(id.currentUserIn(users)).toBeUndefined();
  expect(id.choose("mallory", users)).toMatch(/not an active user/);
  expect(id.choose("carol", users)).toMatch(/not an active user/);
  expect(id.choose("ALICE", users)).toBeUndefined();
  expect(await id.currentUser()).toBe("alice");
  expect(new RememberedIdentity(s, "closebook:user:book-2").currentUserIn(users)).toBeUndefined();
  // alice deactivated later: forgotten, asked again
  const without = new Map(users);
  without.set("alice", { ...users.get("alice")!, active: false });
  expect(id.currentUserIn(without)).toBeUndefined();
  expect(s.data.has("closebook:user:book-1")).toBe(false);
});
