/**
 * `office-addin-manifest info` (Microsoft's own manifest reader, offline)
 * parses manifest.xml and reports what Office will see: the same Id, host,
 * permissions and https source location our own rules check
 * (manifest.test.ts). `validate` needs the internet and stays a manual step.
 * (@microsoft/app-manifest, which the CLI loads, requires fs-extra without
 * declaring it: the devDependency on fs-extra makes the CLI start.)
 *
 * Example: Id: 2cbc137e-…, Hosts: Workbook, Source Location: https://localhost:3000/taskpane.html
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("office-addin-manifest info", () => {
  const output = execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "office-addin-manifest", "cli.js"), "info", "manifest.xml"],
    { cwd: ROOT, encoding: "utf8" },
  );
  const field = (name: string) => new RegExp(`^\\s*${name}: (.*)$`, "m").exec(output)?.[1]?.trim();
  const xml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  test("reads the manifest's Id, name, host and permissions", () => {
    expect(field("Id")).toBe(/<Id>([^<]+)<\/Id>/.exec(xml)?.[1]);
    expect(field("Name")).toBe("Closebook");
    expect(field("Type")).toBe("TaskPaneApp");
    expect(field("Hosts")).toBe("Workbook");
    expect(field("Permissions")).toBe("ReadWriteDocument");
  });

  test("sees the task pane and icons on https", () => {
    expect(field("Source Location")).toBe("https://localhost:3000/taskpane.html");
    expect(field("Icon Url")).toMatch(/^https:\/\/.+icon-32\.png$/);
    expect(field("High Resolution Icon Url")).toMatch(/^https:\/\/.+icon-64\.png$/);
  });
});
