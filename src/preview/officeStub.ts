/**
 * The stand-in for office.js in the preview's taskpane.html (the preview
 * build loads office-stub.js instead of Microsoft's CDN script): a minimal
 * `Office` (onReady → { host: "Excel", platform: "OfficeOnline" }, once the page holds a workbook; ExcelApi
 * supported up to 1.14; the workbook's name as document.url; no officeTheme,
 * as in Excel on the web; `context.closebookPreview` true) and an
 * `Excel.run(options?, batch)` that runs the batch on the preview page's fake
 * Excel host (window.parent.closebookPreview, previewHost.ts); each sync waits
 * for a task of its own first, as Excel's round trip does.
 *
 * The pane lives in an iframe, so the fake's objects and errors come from the
 * page's JavaScript realm: errors reaching the pane are remade as the pane's
 * own Error (same name, message, code and debugInfo), so `instanceof Error`
 * and the adapter's Office error mapping work unchanged.
 *
 * Example (officeStubEntry.ts): installOfficeStub(window, () => window.parent.closebookPreview);
 *   await Office.onReady();                                   // { host: "Excel", platform: "OfficeOnline" }
 *   Office.context.requirements.isSetSupported("ExcelApi", "1.14")   // true; "1.15" → false
 *   await Excel.run({ delayForCellEdit: true }, async (ctx) => { ... })  // on the page's fake host
 */
import type { PreviewHost } from "./previewHost";

/** The highest ExcelApi requirement set the fake host stands for (the manifest asks for 1.14). */
export const STUB_EXCEL_API = "1.14";
export const STUB_HOST_INFO = { host: "Excel", platform: "OfficeOnline" } as const;

type Batch = (context: StubContext) => Promise<unknown>;

/** What the pane's batches see: the fake's workbook and application, and a sync whose errors are the pane's own. */
export interface StubContext {
  readonly workbook: unknown;
  readonly application: unknown;
  sync(): Promise<void>;
}

export interface OfficeStub {
  readonly Office: {
    readonly HostType: { readonly Excel: "Excel" };
    readonly PlatformType: { readonly OfficeOnline: "OfficeOnline" };
    onReady(callback?: (info: typeof STUB_HOST_INFO) => void): Promise<typeof STUB_HOST_INFO>;
    readonly context: {
      readonly closebookPreview: true;
      readonly host: "Excel";
      readonly platform: "OfficeOnline";
      readonly displayLanguage: string;
      readonly officeTheme: undefined;
      readonly partitionKey: undefined;
      readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
      readonly document: { readonly url: string };
    };
  };
  readonly Excel: {
    run(optionsOrBatch: object | Batch, batch?: Batch): Promise<unknown>;
  };
}

/** "1.14" → [1, 14]; compares part by part ("1.9" < "1.14"). */
function versionParts(v: string | number): number[] {
  return String(v)
    .split(".")
    .map((p) => Number(p) || 0);
}

export function versionAtMost(version: string | number, max: string | number): boolean {
  const a = versionParts(version);
  const b = versionParts(max);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return true;
}

/** An error from another realm (the page) remade as this realm's Error, keeping name, message, code and debugInfo. */
export function localError(e: unknown): unknown {
  if (e instanceof Error || typeof e !== "object" || e === null || !("message" in e)) return e;
  const source = e as { name?: unknown; message?: unknown; code?: unknown; debugInfo?: unknown; stack?: unknown };
  const copy = new Error(String(source.message)) as Error & { code?: unknown; debugInfo?: unknown };
  if (typeof source.name === "string") copy.name = source.name;
  if (source.code !== undefined) copy.code = source.code;
  if (source.debugInfo !== undefined) copy.debugInfo = JSON.parse(JSON.stringify(source.debugInfo)) as unknown;
  if (typeof source.stack === "string") copy.stack = source.stack;
  return copy;
}

/** A macrotask (MessageChannel: not clamped to 4 ms as nested timers are). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

export function createOfficeStub(findHost: () => PreviewHost | undefined): OfficeStub {
  const host = (): PreviewHost => {
    const found = findHost();
    if (!found)
      throw new Error(
        "Closebook preview: this task pane is not inside the preview page, so it has no workbook. Open the preview page (npm run preview) instead of taskpane.html.",
      );
    return found;
  };
  return {
    Office: {
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      onReady(callback) {
        // the page's first workbook may still be loading (the pane's frame starts beside it): ready once it is
        return (findHost()?.ready ?? Promise.resolve()).then(() => {
          callback?.(STUB_HOST_INFO);
          return STUB_HOST_INFO;
        });
      },
      context: {
        closebookPreview: true,
        host: "Excel",
        platform: "OfficeOnline",
        displayLanguage: "en-US",
        officeTheme: undefined,
        partitionKey: undefined,
        requirements: {
          isSetSupported: (name, minVersion) =>
            name.toLowerCase() === "excelapi" &&
            (minVersion === undefined || versionAtMost(minVersion, STUB_EXCEL_API)),
        },
        document: {
          get url() {
            return findHost()?.workbookName ?? "closebook-preview.xlsx";
          },
        },
      },
    },
    Excel: {
      async run(optionsOrBatch, maybeBatch) {
        const batch = typeof optionsOrBatch === "function" ? optionsOrBatch : maybeBatch;
        const options = typeof optionsOrBatch === "function" ? {} : optionsOrBatch;
        if (typeof batch !== "function") throw new TypeError("Excel.run: no batch function");
        try {
          return await host().run(options, (ctx) =>
            batch({
              workbook: ctx.workbook,
              get application() {
                return ctx.application;
              },
              // a sync crosses to the host in a task of its own, as Excel's does: the pane paints between syncs
              sync: () =>
                nextTask()
                  .then(() => ctx.sync())
                  .then(
                    () => undefined,
                    (e: unknown) => {
                      throw localError(e);
                    },
                  ),
            }),
          );
        } catch (e) {
          throw localError(e);
        }
      },
    },
  };
}

/** Defines `Office` and `Excel` on `target` (the pane's window). */
export function installOfficeStub(target: object, findHost: () => PreviewHost | undefined): void {
  const stub = createOfficeStub(findHost);
  Object.assign(target, { Office: stub.Office, Excel: stub.Excel });
}
