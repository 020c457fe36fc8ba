/**
 * Task pane composition root: waits for Office.onReady, builds the PaneEnv
 * (paneEnv.tsx) over the Excel adapter — every port call is one
 * `Excel.run({ delayForCellEdit: true }, …)`, behind the read cache
 * (src/ports/cachedReads.ts: within one operation each table is read once),
 * chunk progress goes to the pane's subscribers, an issue's cell is selected
 * with the adapter's selectCell —
 * picks the light or dark Fluent theme from the host (theme.ts), and renders
 * <App/>. Outside Excel (office.js in a plain browser: no host) it renders a
 * note saying where Closebook runs instead. In the browser preview
 * (`npm run preview`) office.js is replaced by src/preview/officeStub.ts, whose
 * Excel.run works on the preview page's fake workbook; hostName then says
 * "Browser preview". This file and the Excel adapter are the only task-pane
 * code allowed to touch the Office globals.
 *
 * Example: Office.onReady → { host: "Excel" } → <FluentProvider><PaneEnvContext.Provider value={env}><App/></…></…>
 */
import { Body1, FluentProvider, Title2, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { openSheetAt } from "../adapters/excel/workbookActions";
import { readSelection } from "../adapters/excel/selection";
import { ExcelWorkbook } from "../adapters/excel/excelWorkbook";
import { cachedReads } from "../ports/cachedReads";
import { systemClock } from "../ports/clock";
import type { KeyValueStore } from "../ports/identity";
import type { ProgressListener } from "../ports/progress";
import { installSha256Many } from "../core/crypto/hashing";
import { App } from "./App";
import { downloadViaServer } from "./periods/serverDownload";
import { cancelGate } from "./shell/cancelGate";
import { webSha256Many } from "./shell/webSha256";
import { PaneEnvContext, type PaneEnv } from "./paneEnv";
import { pickThemeMode, type ThemeMode, type ThemeSignals } from "./theme";
import { workbookKeyOf } from "./workbookKey";
import { runOptions } from "../adapters/excel/runOptions";
import { localCommands, runCommandsIn } from "./shell/useSend";
import { remoteCommands } from "./worker/remoteCommands";
import { readCloseView } from "./close/closeReads";
import { cachedRead } from "./shell/readCache";
import { preloadFirstTab } from "./shell/tabs";
import { claimWorker, keptEvents, newCommandWorker } from "./worker/bootWorker";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Office.context, or undefined outside Office (office.js loaded in a plain browser has no context). */
function officeContext(): Office.Context | undefined {
  try {
    return typeof Office === "undefined" ? undefined : Office.context;
  } catch {
    return undefined;
  }
}

function readThemeSignals(): ThemeSignals {
  let officeTheme: Office.OfficeTheme | undefined;
  try {
    officeTheme = officeContext()?.officeTheme;
  } catch {
    officeTheme = undefined; // office.js loaded outside Office: no context
  }
  const prefersDark = typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY).matches : undefined;
  return { officeTheme, prefersDark };
}

/** localStorage, or a store that forgets on reload where the browser refuses storage. */
function browserStore(): KeyValueStore {
  try {
    const probe = "closebook:probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    };
  }
}

/**
 * Calls `changed` (debounced, 300 ms) after any table of the workbook changes: an edit in Excel, or the pane's
 * own write (which bumps the counter anyway). A host without table events (ExcelApi < 1.7, the preview) is not watched.
 */
function watchWorkbook(
  run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>,
  changed: () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let live = true;
  const handler = async () => {
    if (timer) clearTimeout(timer);
    if (live) timer = setTimeout(() => live && changed(), 300);
  };
  void run(async (ctx) => {
    ctx.workbook.tables.onChanged.add(handler);
    await ctx.sync();
  }).catch(() => undefined);
  // the handler stays registered for the pane's life; unsubscribing silences it
  return () => {
    live = false;
    if (timer) clearTimeout(timer);
  };
}

/**
 * Runs the pane's commands in a Web Worker (worker/commandWorker.ts): decoding, close steps, hashing and
 * statements off the main thread, the worker's workbook calls answered here by `port`. Without Worker (or when
 * its script does not load) they run on the main thread, the command map imported then (useSend's localCommands).
 */
function startCommandWorker(port: PaneEnv["port"]): void {
  if (typeof Worker !== "function") return;
  try {
    // started by the boot script (paneBoot.ts) while this bundle loaded; here when it did not run
    const worker = claimWorker(globalThis) ?? keptEvents(newCommandWorker());
    // the close steps cross the boundary by name: registered on this side once their chunk has loaded
    const ready = import("./worker/stepRefs").then((m) => m.registerStepRefs());
    runCommandsIn(port, remoteCommands(worker, port, localCommands(port, systemClock), ready));
  } catch (e) {
    console.warn("Closebook: no command worker; commands run on the main thread", e);
  }
}

function makePaneEnv(): PaneEnv {
  // the seal and audit chain verify on Web Crypto, off the main thread (src/core/crypto/hashing.ts)
  installSha256Many(webSha256Many);
  const listeners = new Set<ProgressListener>();
  // mergeUndoGroup where ExcelApi 1.20 is supported: one undo record per port call (runOptions.ts)
  const options = runOptions((set, version) => Office.context.requirements.isSetSupported(set, version));
  const excel = new ExcelWorkbook((batch) => Excel.run(options, batch), {
    onProgress: (progress) => {
      for (const listener of [...listeners]) listener(progress);
    },
  });
  // one read of each table per operation (useOperation opens the scope); outside operations every read reaches Excel
  const reads = cachedReads(excel);
  // Cancel while an operation has written nothing (useOperation opens the scope)
  const gate = cancelGate(reads.port);
  const context = officeContext();
  const preview = (context as { closebookPreview?: boolean } | undefined)?.closebookPreview === true;
  const workbookKey = workbookKeyOf(context);
  startCommandWorker(gate.port);
  // the first tab's read starts now, not after the shell's first render (#16 point 1); the tab's useWorkbookRead
  // gets this read from the read cache (changed counter 0: nothing written yet)
  void cachedRead(gate.port, readCloseView, 0).catch(() => undefined);
  return {
    port: gate.port,
    beginReads: reads.begin,
    beginCancellable: gate.begin,
    clock: systemClock,
    store: browserStore(),
    workbookKey,
    hostName: preview ? "Browser preview" : "Excel",
    // Publish's .xlsx: the preview's server builds it (no xlsx writer in the pane yet)
    ...(preview ? { saveXlsx: downloadViaServer } : {}),
    selectIssue: (at) => excel.selectCell(at.table, at.row, at.column),
    openSheet: (name, address) => openSheetAt((batch) => Excel.run(options, batch), name, address),
    readSelection: () => readSelection((batch) => Excel.run(options, batch)),
    onWorkbookChanged: (listener) => watchWorkbook((batch) => Excel.run(options, batch), listener),
    onProgress(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function Themed({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<ThemeMode>(() => pickThemeMode(readThemeSignals()));
  useEffect(() => {
    // native controls (date pickers, file inputs, scrollbars) follow the pane's theme too
    document.documentElement.style.colorScheme = mode;
  }, [mode]);
  useEffect(() => {
    // Excel raises no theme-changed event (OfficeThemeChanged is Outlook-only):
    // re-check when the pane regains focus or visibility, or the OS scheme changes.
    const refresh = () => setMode(pickThemeMode(readThemeSignals()));
    const media = typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY) : undefined;
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    media?.addEventListener("change", refresh);
    return () => {
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
      media?.removeEventListener("change", refresh);
    };
  }, []);
  return (
    <FluentProvider theme={mode === "dark" ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      {children}
    </FluentProvider>
  );
}

function NotInExcel() {
  return (
    <main style={{ padding: 16 }}>
      <Title2 as="h1">Closebook</Title2>
      <Body1 as="p">
        Closebook works inside Excel: open it with Close the books in the Closebook group of Excel&apos;s Home tab. To
        try it without Excel, run <code>npm run preview</code> and open the address it prints.
      </Body1>
    </main>
  );
}

function render(inExcel: boolean): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  const env = inExcel ? makePaneEnv() : undefined;
  createRoot(container).render(
    <Themed>
      {env ? (
        <PaneEnvContext.Provider value={env}>
          <App />
        </PaneEnvContext.Provider>
      ) : (
        <NotInExcel />
      )}
    </Themed>,
  );
}

const hasExcel = (): boolean => typeof Excel !== "undefined" && typeof Excel.run === "function";

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  // the first tab's chunk loads while Office gets ready (its read starts in makePaneEnv, once there is a host)
  preloadFirstTab();
  Office.onReady().then(
    (info) => render(info.host === Office.HostType.Excel && hasExcel()),
    () => render(false),
  );
} else {
  render(false);
}
