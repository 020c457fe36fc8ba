/**
 * @jest-environment node
 *
 * The two browser builds of webpack.config.js: the add-in (dist/) loads
 * office.js from Microsoft's CDN; the preview (dist-preview/, --env preview)
 * loads the office stub before the pane instead, and both keep the guard that
 * keeps exceljs and the CLI out of browser bundles.
 *
 * Example: config({ preview: true }, { mode: "development" }).output.path ends with "dist-preview"
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Plugin = { constructor: { name: string }; userOptions?: Record<string, unknown> };
type Config = { entry: Record<string, string>; output: { path: string }; plugins: Plugin[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as (env: Record<string, unknown>, argv: { mode: string }) => Config;

function page(c: Config, file: string): Record<string, unknown> {
  const p = c.plugins.find((x) => x.constructor.name === "HtmlWebpackPlugin" && x.userOptions?.filename === file);
  if (!p?.userOptions) throw new Error(`no ${file}`);
  return p.userOptions;
}

describe("webpack builds", () => {
  test("the add-in's taskpane.html loads office.js from the CDN; the template only adds it when given", () => {
    for (const mode of ["production", "development"]) {
      const c = config({}, { mode });
      expect(page(c, "taskpane.html").officeJs).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      // the boot script (it starts the command worker) runs first, then the pane and the shared runtime's files
      expect([page(c, "taskpane.html").chunks, page(c, "taskpane.html").chunksSortMode]).toEqual([
        ["pane-boot", "taskpane", "commands", "functions"],
        "manual",
      ]);
      expect(c.output.path).toMatch(/[\\/]dist$/);
      expect(c.plugins.some((p) => p.constructor.name === "ForbidModulesPlugin")).toBe(true);
      expect(c.plugins.some((p) => p.constructor.name === "PaneFirstLoadPlugin")).toBe(true);
    }
    const template = readFileSync(join(__dirname, "../../src/taskpane/taskpane.html"), "utf8");
    expect(template).toMatch(
      /<% if \(htmlWebpackPlugin\.options\.officeJs\) \{ %><script[^>]*src="<%= htmlWebpackPlugin\.options\.officeJs %>"/,
    );
  });

  test("the preview: dist-preview/ with preview.html, and a taskpane.html with the office stub first and no office.js", () => {
    const c = config({ preview: true }, { mode: "development" });
    expect(c.output.path).toMatch(/[\\/]dist-preview$/);
    // the boot script starts the pane's command worker before the pane's bundle has loaded (#16 point 1)
    // "preview-boot" starts the restore worker before the page's bundle (#16: src/preview/previewBoot.ts)
    expect(Object.keys(c.entry).sort()).toEqual(["office-stub", "pane-boot", "preview", "preview-boot", "taskpane"]);
    expect([page(c, "preview.html").chunks, page(c, "preview.html").chunksSortMode]).toEqual([
      ["preview-boot", "preview"],
      "manual",
    ]);
    const pane = page(c, "taskpane.html");
    expect(pane.officeJs).toBe("");
    expect([pane.chunks, pane.chunksSortMode]).toEqual([["office-stub", "pane-boot", "taskpane"], "manual"]);
    expect(c.plugins.some((p) => p.constructor.name === "ForbidModulesPlugin")).toBe(true);
  });
});
