/**
 * ESLint flat config: @eslint/js + typescript-eslint recommended (and its
 * type-checked rules on src/: TYPE_CHECKED_FILES below), plus the
 * layer boundaries of STYLE.md §3 ("imports point inward"):
 *
 *   taskpane, commands, cli, preview → app → ports → schema → core (→ nothing)
 *   adapters → ports, schema, core
 *
 * Two mechanisms:
 *   - `closebook/layers` (local rule below) resolves every relative import
 *     against the importing file and checks the target's layer under src/.
 *     (`no-restricted-imports` patterns only see the specifier text, so they
 *     cannot tell "../schema" written in core from the same text elsewhere.)
 *   - `no-restricted-imports` / `no-restricted-globals` keep packages and host
 *     globals out: core, schema, ports and app run in both the task pane and
 *     the Node CLI, so no React, Fluent, exceljs, Node built-ins or Office.
 *
 * Example: in src/core/x.ts, `import ExcelJS from "exceljs"` and
 * `import { readFileSync } from "node:fs"` are errors; in src/app/x.ts
 * `Excel.run(...)` is an error; in src/adapters/xlsx/x.ts exceljs is fine.
 * test/lint/boundary.test.ts proves these.
 */
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(ROOT, "src");

// ---- Layers ------------------------------------------------------------------

/**
 * Which src/ folders each layer may import from. A key is the first folder
 * under src/, or "adapters/<name>"; an import is allowed when its target's
 * first folder or "adapters/<name>" is listed.
 */
const LAYERS = {
  core: ["core"],
  schema: ["schema", "core", "ports"], // ports: CellValue / RawTable types and isCellError
  ports: ["ports", "core", "schema"],
  app: ["app", "ports", "schema", "core"],
  adapters: ["adapters", "ports", "schema", "core"],
  // adapters/browser: the .xlsx the pane's Publish builds (loaded lazily)
  taskpane: ["taskpane", "app", "ports", "schema", "core", "adapters/excel", "adapters/memory", "adapters/browser"],
  commands: ["commands", "app", "ports", "schema", "core", "adapters/excel", "adapters/memory"],
  // the CLOSEBOOK.* custom functions (shared runtime): answered by src/core/formulas over the Excel adapter
  functions: ["functions", "app", "ports", "schema", "core", "adapters/excel"],
  cli: ["cli", "app", "ports", "schema", "core", "adapters/xlsx", "adapters/memory"],
  // the browser preview: a fake Excel host and a grid beside the real task pane (served by `closebook preview`)
  preview: ["preview", "app", "ports", "schema", "core", "adapters/excel", "adapters/memory"],
};

/** "src/adapters/xlsx/a/b.ts" → ["adapters", "adapters/xlsx"]; outside src → undefined. */
function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  if (parts.length < 2) return undefined; // a file directly in src/
  return [parts[0], parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]];
}

const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Relative imports must respect the src/ layer boundaries (STYLE.md §3)." },
    schema: [],
    messages: {
      forbidden: "Layer '{{from}}' may not import from '{{to}}' (allowed: {{allowed}}). See STYLE.md §3.",
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    const allowed = from && LAYERS[from[0]];
    if (!allowed) return {};
    const dir = path.dirname(context.filename);
    function check(node, source) {
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      if (!source.value.startsWith(".")) return; // packages: see no-restricted-imports
      const to = layerOf(path.resolve(dir, source.value));
      if (!to || allowed.includes(to[0]) || allowed.includes(to[1])) return;
      context.report({ node, messageId: "forbidden", data: { from: from[0], to: to[1], allowed: allowed.join(", ") } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node, node.arguments[0]);
      },
    };
  },
};

/**
 * The command map is the only door into the app (issue #11): the task pane, the CLI, the custom
 * functions, the preview and the ribbon import values from src/app only through src/app/commands
 * (its index re-exports the pure helpers they need, values.ts). Type-only imports may name any app
 * module: a result's type is no door.
 */
const THROUGH_COMMANDS = ["taskpane", "cli", "functions", "preview", "commands"];
const APP = path.join(SRC, "app");
const APP_COMMANDS = path.join(APP, "commands");

const appThroughCommandsRule = {
  meta: {
    type: "problem",
    docs: { description: "Callers reach src/app only through src/app/commands (type-only imports excepted)." },
    schema: [],
    messages: {
      door: "'{{from}}' may import values from src/app only through src/app/commands (send a command, or take a helper from its index); '{{source}}' is not it.",
    },
  },
  create(context) {
    const from = layerOf(context.filename);
    if (!from || !THROUGH_COMMANDS.includes(from[0])) return {};
    const dir = path.dirname(context.filename);
    const inside = (target, root) => target === root || target.startsWith(root + path.sep);
    function check(node, source) {
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      if (!source.value.startsWith(".")) return;
      const target = path.resolve(dir, source.value);
      if (!inside(target, APP) || inside(target, APP_COMMANDS)) return;
      context.report({ node, messageId: "door", data: { from: from[0], source: source.value } });
    }
    const typeOnly = (node) =>
      node.importKind === "type" ||
      node.exportKind === "type" ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));
    return {
      ImportDeclaration: (node) => typeOnly(node) || check(node, node.source),
      ExportAllDeclaration: (node) => typeOnly(node) || check(node, node.source),
      ExportNamedDeclaration: (node) => typeOnly(node) || check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

// ---- Package and global restrictions ---------------------------------------------

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith("_"));

const PKG = {
  react: { group: ["react", "react/*", "react-dom", "react-dom/*"], message: "React belongs in src/taskpane only." },
  fluent: { group: ["@fluentui/*"], message: "Fluent UI belongs in src/taskpane only." },
  exceljs: {
    group: ["exceljs", "exceljs/*"],
    message: "exceljs is for the Node CLI: only src/adapters/xlsx may import it.",
  },
  node: {
    group: ["node:*"],
    message: "Node built-ins are for the CLI and the xlsx adapter; this code also runs in the task pane.",
  },
};
const NODE_PATHS = NODE_BUILTINS.map((name) => ({
  name,
  message: "Node built-ins are for the CLI and the xlsx adapter; this code also runs in the task pane.",
}));

function restrictImports(...keys) {
  const patterns = keys.map((k) => PKG[k]);
  const paths = keys.includes("node") ? NODE_PATHS : [];
  return ["error", { paths, patterns }];
}

const OFFICE_GLOBALS = [
  { name: "Excel", message: "office-js lives only in src/adapters/excel and the composition roots." },
  { name: "Office", message: "office-js lives only in src/adapters/excel and the composition roots." },
  { name: "OfficeRuntime", message: "office-js lives only in src/adapters/excel and the composition roots." },
];
const HOST_GLOBALS = [
  ...OFFICE_GLOBALS,
  ...["window", "document", "localStorage", "process"].map((name) => ({
    name,
    message: "This layer runs in both the task pane and the Node CLI: take host services through a port.",
  })),
];

// ---- Type-checked rules (issue #11) -----------------------------------------------

/**
 * Rules that read the types, on src/: a promise nobody awaits or catches (no-floating-promises), an async
 * function where a void callback is expected (no-misused-promises), `await` of a non-promise, a rejection or a
 * throw that is not an Error, String() of an object ("[object Object]": an Excel error value { error: "#N/A" }
 * printed raw; src/core/text/textOf.ts is the fix), a needless `as` or `!`, a switch on a union that forgets a
 * member and has no default. test/lint/typeChecked.test.ts proves no-floating-promises fires.
 *
 * typescript-eslint's recommendedTypeChecked, minus (each judged on this code base):
 *   - no-unsafe-* (five rules): their `any` comes from JSON.parse and office-js payloads checked at the boundary
 *     (src/ports/conditionalFormats.ts, src/adapters/excel/validate.ts) and from `new Map()` without type
 *     arguments: about 100 findings in src/ and test/, no bug among them.
 *   - unbound-method: about 100 findings in src/ and test/, each a React prop or a port method declared in method syntax
 *     (`onClose(): void`) and then destructured; none of them reads `this`.
 *   - require-await: its findings are port implementations (the memory adapter, test fakes) whose `async` is
 *     deliberate: a throw becomes a rejection, as a Promise-typed port promises. The bug it guards, a forgotten
 *     await, is no-floating-promises' job.
 * Only on src/: there they already make a cold `npm run lint` about three times as long (94 s of CPU instead of
 * 33 s, so `npm run check` about twice as long); test/ and bench/ would add another 20 % (figures in
 * scripts/run-parallel.mjs). tsc still type-checks test/ and bench/.
 */
const TYPE_CHECKED_FILES = ["src/**/*.{ts,tsx}"];
const TYPE_CHECKED_OFF = [
  "no-unsafe-argument",
  "no-unsafe-assignment",
  "no-unsafe-call",
  "no-unsafe-member-access",
  "no-unsafe-return",
  "unbound-method",
  "require-await",
];

export default defineConfig([
  globalIgnores(["node_modules/", "dist/", "dist-cli/", "dist-preview/", "demo/", "coverage/", "test-artifacts/"]),

  // Plain JavaScript: build scripts and configs (Node).
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ["**/*.{js,cjs}"], languageOptions: { sourceType: "commonjs" } },

  // TypeScript everywhere.
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
    },
  },

  // Type-checked rules (see TYPE_CHECKED_FILES above).
  {
    name: "closebook/type-checked",
    files: TYPE_CHECKED_FILES,
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    rules: {
      ...Object.fromEntries(TYPE_CHECKED_OFF.map((rule) => [`@typescript-eslint/${rule}`, "off"])),
      // a default clause is a deliberate catch-all; a switch without one must name every member of the union
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      // passing on what a catch caught (unknown) is fine; rejecting with a string or a literal is not
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
    },
  },

  // Layer boundaries for relative imports under src/.
  {
    files: ["src/**/*.{ts,tsx,mts,cts,js,mjs}"],
    plugins: { closebook: { rules: { layers: layersRule, "app-through-commands": appThroughCommandsRule } } },
    rules: { "closebook/layers": "error", "closebook/app-through-commands": "error" },
  },

  // office-js only in the Excel adapter and the composition roots.
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/adapters/excel/**", "src/taskpane/index.tsx", "src/commands/**", "src/functions/functions.ts"],
    rules: { "no-restricted-globals": ["error", ...OFFICE_GLOBALS] },
  },

  // Shared layers: no UI, no exceljs, no Node; core and schema also no host globals.
  {
    files: ["src/core/**/*.{ts,tsx}", "src/schema/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": restrictImports("react", "fluent", "exceljs", "node"),
      "no-restricted-globals": ["error", ...HOST_GLOBALS],
    },
  },
  {
    files: ["src/ports/**/*.{ts,tsx}", "src/app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrictImports("react", "fluent", "exceljs", "node") },
  },

  // Adapters: no UI; only the xlsx adapter may use exceljs and Node (the browser's .xlsx writer: exceljs, no Node).
  {
    files: ["src/adapters/**/*.{ts,tsx}"],
    ignores: ["src/adapters/xlsx/**", "src/adapters/browser/**"],
    rules: { "no-restricted-imports": restrictImports("react", "fluent", "exceljs", "node") },
  },
  {
    files: ["src/adapters/browser/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrictImports("react", "fluent", "node") },
  },
  {
    files: ["src/adapters/xlsx/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrictImports("react", "fluent") },
  },

  // Browser bundles: never exceljs or Node (webpack.config.js also fails the build).
  {
    files: [
      "src/taskpane/**/*.{ts,tsx}",
      "src/commands/**/*.{ts,tsx}",
      "src/preview/**/*.{ts,tsx}",
      "src/functions/**/*.{ts,tsx}",
    ],
    rules: { "no-restricted-imports": restrictImports("exceljs", "node") },
  },

  // React components: the rules of hooks. (The plugin's React Compiler rules, e.g. set-state-in-effect, are not on yet.)
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "src/preview/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
]);
