/**
 * Proves the type-checked rules in eslint.config.mjs fire on src/ (issue #11): snippets are linted with the
 * ESLint Node API, the repository's config file, as the text of src/snippet.ts of a one-file project
 * (test/lint/typeCheckedProject: ESLint runs with it as cwd, so the config's `src/**` block applies, and the
 * project service type-checks that one file against its own tsconfig.json instead of building the whole
 * repository's program: 3 s instead of 17). One child Node process, as in boundary.test.ts.
 *
 * Example: `save();` where save() returns a Promise → @typescript-eslint/no-floating-promises;
 *          `void save();` (handled on purpose) → clean.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
/** The one-file project the snippets are linted in, and its file: its text is replaced by each snippet, never written. */
const PROJECT = path.join(ROOT, "test", "lint", "typeCheckedProject");
const AS_FILE = path.join(PROJECT, "src", "snippet.ts");

const RUNNER = `
const path = require("node:path");
const { ESLint } = require("eslint");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const eslint = new ESLint({ cwd: process.argv[1], overrideConfigFile: path.join(process.cwd(), "eslint.config.mjs") });
  const results = [];
  for (const c of JSON.parse(input)) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    results.push(result.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, fatal: !!m.fatal, message: m.message })));
  }
  process.stdout.write(JSON.stringify(results));
});
`;

const SAVE = "async function save(): Promise<number> {\n  return 1;\n}\n";

/** [name, code, expected rule ids (empty = clean)] */
const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  [
    "a promise nobody awaits",
    `${SAVE}export function go(): void {\n  save();\n}\n`,
    ["@typescript-eslint/no-floating-promises"],
  ],
  ["a promise dropped on purpose (void)", `${SAVE}export function go(): void {\n  void save();\n}\n`, []],
  ["a promise awaited", `${SAVE}export async function go(): Promise<number> {\n  return await save();\n}\n`, []],
  [
    "String() of an error value",
    "export const text = (v: { readonly error: string }): string => String(v);\n",
    ["@typescript-eslint/no-base-to-string"],
  ],
];

interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: number;
  readonly fatal: boolean;
  readonly message: string;
}

let results: LintMessage[][] = [];

beforeAll(() => {
  const input = JSON.stringify(CASES.map(([, code]) => ({ filePath: AS_FILE, code })));
  const stdout = execFileSync(process.execPath, ["-e", RUNNER, PROJECT], { cwd: ROOT, input, encoding: "utf8" });
  results = JSON.parse(stdout) as LintMessage[][];
}, 120_000);

describe("type-checked rules in eslint.config.mjs", () => {
  test.each(CASES.map((c, i) => [c[0], i] as const))("%s", (_name, i) => {
    const messages = results[i]!;
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    const errors = messages.filter((m) => m.severity === 2).map((m) => m.ruleId);
    expect([...new Set(errors)].sort()).toEqual([...CASES[i]![2]].sort());
  });
});
