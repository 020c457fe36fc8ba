/**
 * Offline checks of manifest.xml against Closebook's own rules (the XSD
 * validation behind `npm run validate` needs the internet; see
 * engineering/excel-addin.md §1.4). The XML is read by a tiny parser below,
 * enough for a manifest: elements, attributes, text, comments.
 *
 * Checked: well-formed; Id is a GUID; every URL is https; every icon exists in
 * assets/ with the pixel size its use implies (PNG IHDR); Requirements =
 * ExcelApi 1.14; top-level and VersionOverrides element order per the XSD;
 * every resid resolves to a resource of the right kind and none is unused;
 * short strings ≤ 125 and long strings ≤ 250 characters.
 */
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const DEV_ORIGIN = "https://localhost:3000/";

// ---- A minimal XML reader ----------------------------------------------------

interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Parses a well-formed XML document without DTDs or CDATA; throws on anything else. */
function parseXml(xml: string): XmlElement {
  const token =
    /<!--([\s\S]*?)-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (const m of xml.matchAll(token)) {
    const [, comment, closing, name, attrText, selfClosing, text, stray] = m;
    if (stray) throw new Error(`malformed markup at offset ${m.index}`);
    if (comment !== undefined) {
      if (comment.includes("--") || comment.endsWith("-"))
        throw new Error(`"--" inside a comment at offset ${m.index}`);
      continue;
    }
    if (text !== undefined) {
      if (stack.length === 0) {
        if (text.trim()) throw new Error(`text outside the root element at offset ${m.index}`);
        continue;
      }
      stack[stack.length - 1]!.text += decodeEntities(text);
      continue;
    }
    if (!name) continue; // processing instruction
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}> at offset ${m.index}`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? "");
    }
    const element: XmlElement = { name, attrs, children: [], text: "" };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) throw new Error("more than one root element");
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

function* walk(e: XmlElement, ancestors: readonly XmlElement[] = []): Generator<[XmlElement, readonly XmlElement[]]> {
  yield [e, ancestors];
  for (const c of e.children) yield* walk(c, [...ancestors, e]);
}

function child(e: XmlElement, name: string): XmlElement {
  const found = e.children.filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`<${e.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0]!;
}

function at(e: XmlElement, ...names: string[]): XmlElement {
  return names.reduce(child, e);
}

// ---- PNG size --------------------------------------------------------------

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!b.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (b.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file}: first chunk is not IHDR`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** https://localhost:3000/assets/icon-32.png → <root>/assets/icon-32.png */
function assetFile(url: string): string {
  expect(url.startsWith(`${DEV_ORIGIN}assets/`)).toBe(true);
  return path.join(ROOT, url.slice(DEV_ORIGIN.length));
}

// ---- The manifest ----------------------------------------------------------

const xml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const app = parseXml(xml);
const overrides = child(app, "VersionOverrides");
const resources = child(overrides, "Resources");

/** Resource id → [kind, value]; kind is the bt: collection it sits in. */
const RESOURCE_KINDS = ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"] as const;
type ResourceKind = (typeof RESOURCE_KINDS)[number];
const resourceById = new Map<string, { kind: ResourceKind; value: string }>();
for (const kind of RESOURCE_KINDS) {
  for (const r of resources.children.find((c) => c.name === kind)?.children ?? []) {
    if (resourceById.has(r.attrs.id!)) throw new Error(`duplicate resource id ${r.attrs.id}`);
    resourceById.set(r.attrs.id!, { kind, value: r.attrs.DefaultValue ?? "" });
  }
}

/** The resource kind a resid must point at, from the referring element. */
function expectedKind(e: XmlElement, parent: XmlElement | undefined): ResourceKind {
  if (e.name === "bt:Image") return "bt:Images";
  if (["FunctionFile", "SourceLocation", "LearnMoreUrl", "Runtime"].includes(e.name)) return "bt:Urls";
  if (e.name === "Namespace") return "bt:ShortStrings";
  if (e.name === "Description" && (parent?.name === "Supertip" || parent?.name === "GetStarted"))
    return "bt:LongStrings";
  if (["Label", "Title"].includes(e.name)) return "bt:ShortStrings";
  throw new Error(`unexpected resid on <${e.name}>`);
}

// XSD order (learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering).
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
const VERSION_OVERRIDES_ORDER = [
  "Description",
  "Requirements",
  "Hosts",
  "Resources",
  "WebApplicationInfo",
  "EquivalentAddins",
];
const DESKTOP_FORM_FACTOR_ORDER = ["GetStarted", "FunctionFile", "ExtensionPoint"];

function expectOrder(e: XmlElement, order: readonly string[]): void {
  const names = e.children.map((c) => c.name);
  for (const n of names) expect(order).toContain(n);
  const positions = names.map((n) => order.indexOf(n));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(new Set(names).size).toBe(names.length);
}

describe("manifest.xml", () => {
  test("is a TaskPaneApp for Excel with a fixed GUID and version", () => {
    expect(app.name).toBe("OfficeApp");
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(app, "Id").text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(app, "Version").text.trim()).toBe("0.1.0.0");
    expect(child(app, "ProviderName").text.trim()).toBe("Closebook");
    expect(child(app, "DisplayName").attrs.DefaultValue).toBe("Closebook");
    expect(child(app, "Hosts").children.map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(child(app, "Permissions").text.trim()).toBe("ReadWriteDocument");
    expect(at(app, "DefaultSettings", "SourceLocation").attrs.DefaultValue).toBe(`${DEV_ORIGIN}taskpane.html`);
    expect(overrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  test("has no '--' in comments (an XML error that office-addin-manifest reports)", () => {
    for (const comment of xml.matchAll(/<!--([\s\S]*?)-->/g)) expect(comment[1]).not.toContain("--");
  });

  test("every URL is https", () => {
    const urls: string[] = [];
    for (const [e] of walk(app)) {
      for (const [k, v] of Object.entries(e.attrs))
        if (!k.startsWith("xmlns") && /^[a-z][a-z+.-]*:\/\//i.test(v)) urls.push(v);
      if (/^[a-z][a-z+.-]*:\/\//i.test(e.text.trim())) urls.push(e.text.trim());
    }
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).protocol).toBe("https:");
  });

  test("requires ExcelApi 1.14 and the shared runtime, nothing else", () => {
    const sets = at(app, "Requirements", "Sets");
    expect(sets.attrs.DefaultMinVersion).toBe("1.1");
    expect(sets.children.map((s) => [s.name, s.attrs.Name, s.attrs.MinVersion])).toEqual([
      ["Set", "ExcelApi", "1.14"],
      ["Set", "SharedRuntime", "1.1"],
    ]);
  });

  test("declares the CLOSEBOOK custom functions in one shared runtime with the task pane", () => {
    const host = at(overrides, "Hosts", "Host");
    expect(host.children.map((c) => c.name)).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtime = at(host, "Runtimes", "Runtime");
    expect([runtime.attrs.resid, runtime.attrs.lifetime]).toEqual(["Taskpane.Url", "long"]);
    const point = at(host, "AllFormFactors", "ExtensionPoint");
    expect(point.attrs["xsi:type"]).toBe("CustomFunctions");
    expect(point.children.map((c) => c.name)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    const url = (e: XmlElement) => resourceById.get(e.attrs.resid!)?.value;
    expect(url(at(point, "Script", "SourceLocation"))).toBe(`${DEV_ORIGIN}functions.js`);
    expect(at(point, "Page", "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(url(at(point, "Metadata", "SourceLocation"))).toBe(`${DEV_ORIGIN}functions.json`);
    expect(url(child(point, "Namespace"))).toBe("CLOSEBOOK");
    expect(at(host, "DesktopFormFactor", "FunctionFile").attrs.resid).toBe("Taskpane.Url");
  });

  test("top-level elements follow the XSD order (Hosts → Requirements → DefaultSettings)", () => {
    expectOrder(app, OFFICE_APP_ORDER);
    const names = app.children.map((c) => c.name);
    expect(names.indexOf("Hosts")).toBe(names.indexOf("Requirements") - 1);
    expect(names.indexOf("DefaultSettings")).toBe(names.indexOf("Requirements") + 1);
    expectOrder(overrides, VERSION_OVERRIDES_ORDER);
    expectOrder(at(overrides, "Hosts", "Host", "DesktopFormFactor"), DESKTOP_FORM_FACTOR_ORDER);
  });

  test("icons exist in assets/ with the size they are declared at", () => {
    const uses: [string, number][] = [
      [child(app, "IconUrl").attrs.DefaultValue!, 32],
      [child(app, "HighResolutionIconUrl").attrs.DefaultValue!, 64],
    ];
    for (const [e] of walk(overrides)) {
      if (e.name === "bt:Image" && e.attrs.resid)
        uses.push([resourceById.get(e.attrs.resid)!.value, Number(e.attrs.size)]);
    }
    for (const [id, r] of resourceById) {
      const declared = /^Icon\.(\d+)x\1$/.exec(id);
      if (r.kind === "bt:Images" && declared) uses.push([r.value, Number(declared[1])]);
    }
    expect(uses.length).toBeGreaterThanOrEqual(8);
    for (const [url, size] of uses) {
      const file = assetFile(url);
      expect(existsSync(file)).toBe(true);
      expect([path.basename(file), pngSize(file)]).toEqual([path.basename(file), { width: size, height: size }]);
    }
  });

  test("every resid resolves to a resource of the right kind, and every resource is used", () => {
    const used = new Set<string>();
    for (const [e, ancestors] of walk(app)) {
      const resid = e.attrs.resid;
      if (resid === undefined) continue;
      expect([resid, resourceById.get(resid)?.kind]).toEqual([resid, expectedKind(e, ancestors[ancestors.length - 1])]);
      used.add(resid);
    }
    expect([...resourceById.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test("the ribbon button opens the task pane from the Home tab", () => {
    const tab = at(overrides, "Hosts", "Host", "DesktopFormFactor", "ExtensionPoint", "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const control = at(tab, "Group", "Control");
    expect(control.attrs["xsi:type"]).toBe("Button");
    expect(resourceById.get(child(control, "Label").attrs.resid!)?.value).toBe("Close the books");
    const action = child(control, "Action");
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(child(action, "TaskpaneId").text.trim()).toBe("ButtonId1");
    expect(resourceById.get(child(action, "SourceLocation").attrs.resid!)?.value).toBe(`${DEV_ORIGIN}taskpane.html`);
    // the shared runtime: the ribbon's function file is the task pane's page
    expect(
      resourceById.get(at(overrides, "Hosts", "Host", "DesktopFormFactor", "FunctionFile").attrs.resid!)?.value,
    ).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  test("strings fit their limits (short ≤ 125, long ≤ 250) and ids are unique", () => {
    for (const r of resourceById.values()) {
      if (r.kind === "bt:ShortStrings") expect(r.value.length).toBeLessThanOrEqual(125);
      if (r.kind === "bt:LongStrings") expect(r.value.length).toBeLessThanOrEqual(250);
      expect(r.value.trim()).not.toBe("");
    }
    expect(child(app, "DisplayName").attrs.DefaultValue!.length).toBeLessThanOrEqual(125);
    expect(child(app, "Description").attrs.DefaultValue!.length).toBeLessThanOrEqual(250);
    const ids = [...walk(overrides)].map(([e]) => e.attrs.id).filter((id): id is string => id !== undefined);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(125);
    const controlIds = [...walk(overrides)]
      .filter(([e]) => ["Group", "Control"].includes(e.name))
      .map(([e]) => e.attrs.id);
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });
});

describe("the tiny XML reader", () => {
  test("rejects mismatched tags, stray '<' and '--' in comments", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
    expect(() => parseXml("<a>1 < 2</a>")).toThrow(/malformed/);
    expect(() => parseXml("<!-- a -- b --><a/>")).toThrow(/comment/);
    expect(parseXml('<a x="1 &amp; 2"><b/>t</a>')).toEqual({
      name: "a",
      attrs: { x: "1 & 2" },
      children: [{ name: "b", attrs: {}, children: [], text: "" }],
      text: "t",
    });
  });
});
