/**
 * Loads an ESM-only package file as CommonJS, for `jest.mock(name, factory)`.
 *
 * Why: msw 2.15 requires `rettime` and `@open-draft/deferred-promise@3`, which
 * ship only `.mjs` files. jest.config.js allow-lists them in
 * `transformIgnorePatterns`, but its `transform` pattern (`^.+\.(t|j)sx?$`)
 * does not match `.mjs`, so Jest loads them untransformed and fails with
 * "Must use import to load ES Module … rettime/build/index.mjs".
 * The lasting fix is one line in jest.config.js (excel-addin.md §3.3: the
 * transform key `"^.+\\.(t|j)sx?$|^.+\\.mjs$"`), after which these mocks can
 * go; until then the msw tests mock the two packages with their own code,
 * compiled here by the same compiler Jest uses (swc):
 *
 *   jest.mock("rettime", () => jest.requireActual<typeof import("./requireEsm")>("./requireEsm").requireEsm(require.resolve("rettime")));
 *
 * Relative imports between the package's files are followed; bare ones go to
 * the ordinary `require`. Test support only.
 */
import { transformSync } from "@swc/core";
import { readFileSync } from "node:fs";
import path from "node:path";

// Jest's own require, so bare imports go through its module registry
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestRequire = (spec: string): unknown => require(spec);

const cache = new Map<string, unknown>();

export function requireEsm(file: string): unknown {
  const known = cache.get(file);
  if (known) return known;
  const { code } = transformSync(readFileSync(file, "utf8"), {
    filename: file,
    swcrc: false,
    configFile: false,
    module: { type: "commonjs" },
    jsc: { target: "es2022", parser: { syntax: "ecmascript" } },
  });
  const module = { exports: {} as Record<string, unknown> };
  cache.set(file, module.exports); // a cycle between the package's files sees the exports so far
  const load = (spec: string): unknown =>
    spec.startsWith(".") ? requireEsm(path.resolve(path.dirname(file), spec)) : jestRequire(spec);
  new Function("exports", "require", "module", "__filename", "__dirname", code)(
    module.exports,
    load,
    module,
    file,
    path.dirname(file),
  );
  cache.set(file, module.exports);
  return module.exports;
}
