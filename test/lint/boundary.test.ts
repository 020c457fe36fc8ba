/**
 * Proves the layer boundaries in eslint.config.mjs fire: snippets are linted
 * as if they lived at a given path under src/ with the ESLint Node API
 * (`new ESLint({ cwd })` + `lintText(code, { filePath })`).
 *
 * The API runs in a child Node process: ESLint loads eslint.config.mjs with a
 * dynamic import(), which Jest's CommonJS sandbox refuses without
 * --experimental-vm-modules. All cases go to one child, linted in one batch.
 * The snippets' paths are not files of the project, so the type-checked rules
 * are switched off for them (typescript-eslint's disableTypeChecked);
 * typeChecked.test.ts proves those.
 *
 * Example: `import ExcelJS from "exceljs"` at src/core/x.ts → no-restricted-imports error;
 *          the same at src/adapters/xlsx/x.ts → clean.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: number;
  readonly message: string;
  readonly fatal: boolean;
}

const RUNNER = `
const { ESLint } = require("eslint");
const tseslint = require("typescript-eslint");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
  const results = [];
  for (const c of JSON.parse(input)) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    results.push(result.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message, fatal: !!m.fatal })));
  }
  process.stdout.write(JSON.stringify(results));
});
`;

const EXCELJS = 'import ExcelJS from "exceljs";\nexport const book = new ExcelJS.Workbook();\n';
const NODE_FS = 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n';
const BARE_FS = 'import { readFileSync } from "fs";\nexport const read = readFileSync;\n';
const EXCEL_RUN =
  "export async function go(): Promise<void> {\n  await Excel.run(async (context) => context.sync());\n}\n";
const REACT = 'import { useState } from "react";\nexport const hook = useState;\n';
const FLUENT = 'import { Button } from "@fluentui/react-components";\nexport const B = Button;\n';
const WINDOW = "export const width = (): number => window.innerWidth;\n";
const PROCESS = "export const env = (): string | undefined => process.env.HOME;\n";

/** [name, filePath, code, expected rule ids (empty = clean)] */
const CASES: readonly (readonly [string, string, string, readonly string[]])[] = [
  ["exceljs in core", "src/core/x.ts", EXCELJS, ["no-restricted-imports"]],
  ["node:fs in core", "src/core/x.ts", NODE_FS, ["no-restricted-imports"]],
  ["bare fs in core", "src/core/x.ts", BARE_FS, ["no-restricted-imports"]],
  ["react in core", "src/core/money/x.ts", REACT, ["no-restricted-imports"]],
  ["fluent in schema", "src/schema/x.ts", FLUENT, ["no-restricted-imports"]],
  ["window in core", "src/core/x.ts", WINDOW, ["no-restricted-globals"]],
  ["process in schema", "src/schema/x.ts", PROCESS, ["no-restricted-globals"]],
  ["Excel.run in core", "src/core/x.ts", EXCEL_RUN, ["no-restricted-globals"]],
  ["Excel.run in app", "src/app/x.ts", EXCEL_RUN, ["no-restricted-globals"]],
  ["Excel.run in a task-pane component", "src/taskpane/components/X.tsx", EXCEL_RUN, ["no-restricted-globals"]],
  ["exceljs in app", "src/app/x.ts", EXCELJS, ["no-restricted-imports"]],
  ["node:fs in app", "src/app/x.ts", NODE_FS, ["no-restricted-imports"]],
  ["exceljs in the task pane", "src/taskpane/App.tsx", EXCELJS, ["no-restricted-imports"]],
  ["exceljs in the Excel adapter", "src/adapters/excel/x.ts", EXCELJS, ["no-restricted-imports"]],
  ["exceljs in the xlsx adapter", "src/adapters/xlsx/x.ts", EXCELJS, []],
  ["node:fs in the xlsx adapter", "src/adapters/xlsx/x.ts", NODE_FS, []],
  // the pane's .xlsx writer (Publish): exceljs's browser build, never Node
  ["exceljs in the browser adapter", "src/adapters/browser/x.ts", EXCELJS, []],
  ["node:fs in the browser adapter", "src/adapters/browser/x.ts", NODE_FS, ["no-restricted-imports"]],
  ["task pane → browser adapter", "src/taskpane/x.ts", 'export * from "../adapters/browser/xlsxWriter";\n', []],
  ["Excel.run in the Excel adapter", "src/adapters/excel/x.ts", EXCEL_RUN, []],
  ["Excel.run in the task-pane root", "src/taskpane/index.tsx", EXCEL_RUN, []],
  ["core → core", "src/core/close/x.ts", 'export { Amount } from "../money";\n', []],
  ["core → schema", "src/core/x.ts", 'export { ALL_TABLES } from "../schema/tables";\n', ["closebook/layers"]],
  [
    "core → adapters",
    "src/core/ledger/x.ts",
    'export * from "../../adapters/memory/memoryWorkbook";\n',
    ["closebook/layers"],
  ],
  ["core → ports", "src/core/x.ts", 'export type { CellValue } from "../ports/workbook";\n', ["closebook/layers"]],
  ["schema → core", "src/schema/x.ts", 'export { ACCOUNT_TYPES } from "../core/ledger/types";\n', []],
  ["schema → app", "src/schema/x.ts", 'export * from "../app/commands";\n', ["closebook/layers"]],
  ["schema → taskpane", "src/schema/x.ts", 'export { App } from "../taskpane/App";\n', ["closebook/layers"]],
  ["app → adapters", "src/app/x.ts", 'export * from "../adapters/xlsx/xlsxWorkbook";\n', ["closebook/layers"]],
  ["app → core", "src/app/x.ts", 'export { Amount } from "../core/money";\n', []],
  [
    "task pane → xlsx adapter",
    "src/taskpane/x.ts",
    'export * from "../adapters/xlsx/xlsxWorkbook";\n',
    ["closebook/layers"],
  ],
  ["task pane → cli", "src/taskpane/x.ts", 'export * from "../cli/main";\n', ["closebook/layers"]],
  [
    "dynamic import core → cli",
    "src/core/x.ts",
    'export const load = () => import("../cli/main");\n',
    ["closebook/layers"],
  ],
  // the command map is the only door into the app (issue #11): values only through src/app/commands
  [
    "task pane → an app use case",
    "src/taskpane/tabs/X.tsx",
    'import { postJournals } from "../../app/postJournals";\nexport const p = postJournals;\n',
    ["closebook/app-through-commands"],
  ],
  [
    "task pane → the command map",
    "src/taskpane/tabs/X.tsx",
    'import { commandsFor } from "../../app/commands";\nexport const c = commandsFor;\n',
    [],
  ],
  [
    "task pane → an app type (import type)",
    "src/taskpane/x.ts",
    'import type { PostJournalsResult } from "../app/postJournals";\nexport type R = PostJournalsResult;\n',
    [],
  ],
  [
    "task pane → an app type (inline type specifier)",
    "src/taskpane/x.ts",
    'import { type PostJournalsResult } from "../app/postJournals";\nexport type R = PostJournalsResult;\n',
    [],
  ],
  [
    "task pane re-exports an app value",
    "src/taskpane/x.ts",
    'export { postJournals } from "../app/postJournals";\n',
    ["closebook/app-through-commands"],
  ],
  [
    "task pane → dynamic import of an app module",
    "src/taskpane/x.ts",
    'export const load = () => import("../app/postJournals");\n',
    ["closebook/app-through-commands"],
  ],
  [
    "cli → an app use case",
    "src/cli/x.ts",
    'import { loadBook } from "../app/loadBook";\nexport const l = loadBook;\n',
    ["closebook/app-through-commands"],
  ],
  ["cli → the command map", "src/cli/x.ts", 'export { commandsFor } from "../app/commands";\n', []],
  [
    "custom functions → an app use case",
    "src/functions/x.ts",
    'import { loadBook } from "../app/loadBook";\nexport const l = loadBook;\n',
    ["closebook/app-through-commands"],
  ],
  [
    "preview → an app use case",
    "src/preview/x.ts",
    'import { snapshotOf } from "../app/snapshot";\nexport const s = snapshotOf;\n',
    ["closebook/app-through-commands"],
  ],
  ["app → app (the rule is for callers)", "src/app/x.ts", 'export { loadBook } from "./loadBook";\n', []],
];

let results: LintMessage[][] = [];

beforeAll(() => {
  const input = JSON.stringify(CASES.map(([, filePath, code]) => ({ filePath, code })));
  const stdout = execFileSync(process.execPath, ["-e", RUNNER], { cwd: ROOT, input, encoding: "utf8" });
  results = JSON.parse(stdout) as LintMessage[][];
});

describe("layer boundaries in eslint.config.mjs", () => {
  test.each(CASES.map((c, i) => [c[0], i] as const))("%s", (_name, i) => {
    const [, , , expected] = CASES[i]!;
    const messages = results[i]!;
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    const errors = messages.filter((m) => m.severity === 2).map((m) => m.ruleId);
    expect([...new Set(errors)].sort()).toEqual([...expected].sort());
  });

  test("the door's message names the way in", () => {
    const index = CASES.findIndex(([name]) => name === "task pane → an app use case");
    expect(results[index]![0]!.message).toMatch(/only through src\/app\/commands/);
  });

  test("messages say why", () => {
    const index = CASES.findIndex(([name]) => name === "exceljs in core");
    expect(results[index]![0]!.message).toMatch(/exceljs is for the Node CLI/);
  });
});
