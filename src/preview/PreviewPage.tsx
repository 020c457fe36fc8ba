/**
 * The browser preview page: a toolbar (Load demo workbook, Open .xlsx,
 * Download .xlsx), the sheet tabs and a grid of the active sheet of an
 * in-memory workbook on the left, and the real task pane in a 320 px iframe on
 * the right. The workbook lives in a fake Excel host (src/preview/fakeExcel)
 * that this page offers to the pane as window.closebookPreview (previewHost.ts);
 * every change the pane makes, and every cell it selects, shows in the grid at
 * once. The pane's frame loads from the start, beside the first workbook (its Office.onReady waits for it);
 * loading another workbook makes a fresh fake host and reloads the pane.
 *
 * Example: the page opens on the demo company; the pane's "Post journals"
 * appends to tblLedger, and the Ledger tab's grid grows; clicking an issue in
 * the pane switches to its sheet and highlights its cell.
 */
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { FakeExcel } from "./fakeExcel";
import { PREVIEW_HOST_KEY, type PreviewHost, type WindowWithPreviewHost } from "./previewHost";
import { enterCell } from "./gridFormulas";
import { SheetGrid } from "./SheetGrid";
import { openWorkbook, STARTING, uploaded, type OpenedWorkbook } from "./restoreClient";

export const PANE_WIDTH = 320;

const useStyles = makeStyles({
  page: {
    display: "grid",
    gridTemplateColumns: `minmax(0, 1fr) ${PANE_WIDTH}px`,
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  workbook: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0 },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    marginRight: tokens.spacingHorizontalM,
  },
  fileLabel: {
    display: "inline-flex",
    alignItems: "center",
    minHeight: "32px",
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-within": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  fileDisabled: {
    cursor: "default",
    color: tokens.colorNeutralForegroundDisabled,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1 },
  },
  fileInput: { position: "absolute", width: "1px", height: "1px", opacity: 0, overflow: "hidden" },
  status: { color: tokens.colorNeutralForeground3, marginLeft: "auto" },
  tabs: {
    flexWrap: "wrap",
    padding: `0 ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  loading: { padding: tokens.spacingHorizontalXXL },
  pane: {
    display: "flex",
    flexDirection: "column",
    minHeight: 0,
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  frame: { flexGrow: 1, width: `${PANE_WIDTH}px`, border: "none" },
});

interface Loaded {
  readonly fake: FakeExcel;
  /** the workbook's file name: the download's name and the pane's document.url */
  readonly name: string;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `starting`: the starting workbook's download and restore, begun before React's first render (index.tsx) */
export function PreviewPage({ starting }: { starting?: Promise<OpenedWorkbook> } = {}) {
  const styles = useStyles();
  const fileId = useId();
  const [loaded, setLoaded] = useState<Loaded>();
  const [busy, setBusy] = useState<string | undefined>("Loading the demo workbook…");
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  const [frameKey, setFrameKey] = useState(0);
  const current = useRef<Loaded | undefined>(undefined);
  const loadStarted = useRef(performance.now());

  // the first workbook's arrival: the pane's frame loads meanwhile and its Office.onReady waits for it
  const [first] = useState(() => {
    let loaded = () => undefined as void;
    const ready = new Promise<void>((resolve) => (loaded = resolve));
    return { ready, loaded };
  });

  // the host the pane's office stub finds as window.parent.closebookPreview
  useEffect(() => {
    const host: PreviewHost = {
      ready: first.ready,
      run(options, batch) {
        const fake = current.current?.fake;
        return fake ? fake.run(options, batch) : Promise.reject(new Error("The preview has no workbook loaded yet."));
      },
      get workbookName() {
        return current.current?.name ?? "closebook-preview.xlsx";
      },
    };
    const win = window as unknown as WindowWithPreviewHost;
    win[PREVIEW_HOST_KEY] = host;
    return () => {
      delete win[PREVIEW_HOST_KEY];
    };
  }, [first]);

  // redraw the grid after each change the pane makes (at most once a frame)
  useEffect(() => {
    if (!loaded) return undefined;
    let frame = 0;
    const stop = loaded.fake.onChange(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    });
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [loaded]);

  const open = useCallback(
    async (what: string, get: () => Promise<OpenedWorkbook>) => {
      setBusy(`Loading ${what}…`);
      setError(undefined);
      loadStarted.current = performance.now();
      try {
        // downloaded and restored in the restore worker, loaded here (restoreClient.ts)
        const { fake, name, tables, rows, readMs, writeMs } = await get();
        performance.mark("closebook:workbook-restored");
        const next = { fake, name };
        const again = current.current !== undefined;
        current.current = next;
        setLoaded(next);
        // the pane in its frame since the page opened starts on the first workbook; another one reloads the pane
        if (again) setFrameKey((k) => k + 1);
        else first.loaded();
        setStatus(
          `${name}: ${tables} tables, ${rows.toLocaleString("en-US")} rows (read in ${seconds(readMs)}, written into the workbook in ${seconds(writeMs)}).`,
        );
      } catch (e) {
        setError(`Could not load ${what}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        setBusy(undefined);
      }
    },
    [first],
  );

  const loadDemo = useCallback(() => open("the demo workbook", () => openWorkbook(STARTING)), [open]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // the first workbook: the download the page's script began (if any), else one now
    void (starting ? open("the demo workbook", () => starting) : loadDemo());
  }, [loadDemo, open, starting]);

  const openFile = (file: File | undefined): void => {
    if (!file) return;
    void open(file.name, () => openWorkbook(uploaded(file)));
  };

  const download = async (): Promise<void> => {
    const book = current.current;
    if (!book) return;
    setBusy("Preparing the download…");
    setError(undefined);
    try {
      const name = /\.xlsx$/i.test(book.name) ? book.name : `${book.name}.xlsx`;
      // the command map and the adapter load with the first download, not with the page (#16)
      const { downloadXlsx } = await import("./workbookTransfer");
      const size = await downloadXlsx(book.fake, name);
      setStatus(`Downloaded ${name} (${Math.max(1, Math.round(size / 1024)).toLocaleString("en-US")} KB).`);
    } catch (e) {
      setError(`Could not download the workbook: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const paneLoaded = (): void => {
    performance.mark("closebook:pane-loaded");
    setStatus((s) => `${s} Task pane loaded ${seconds(performance.now() - loadStarted.current)} after the start.`);
  };

  const model = loaded?.fake.model;
  const active = model?.activeSheet();
  const selectSheet = (name: string): void => {
    const sheet = model?.sheetByName(name);
    if (!sheet) return;
    model?.activate(sheet);
    setVersion((v) => v + 1);
  };

  return (
    <div className={styles.page}>
      <main className={styles.workbook} aria-busy={busy !== undefined}>
        <div className={styles.toolbar} role="toolbar" aria-label="Workbook">
          <span className={styles.title}>Closebook preview</span>
          <Button onClick={() => void loadDemo()} disabled={busy !== undefined}>
            Load demo workbook
          </Button>
          <label htmlFor={fileId} className={`${styles.fileLabel} ${busy !== undefined ? styles.fileDisabled : ""}`}>
            <input
              id={fileId}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className={styles.fileInput}
              disabled={busy !== undefined}
              onChange={(e) => {
                openFile(e.currentTarget.files?.[0]);
                e.currentTarget.value = "";
              }}
            />
            Open .xlsx
          </label>
          <Button appearance="primary" onClick={() => void download()} disabled={busy !== undefined || !loaded}>
            Download .xlsx
          </Button>
          <Caption1 className={styles.status} role="status">
            {busy ?? status}
          </Caption1>
        </div>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {model && active ? (
          <>
            <TabList
              className={styles.tabs}
              size="small"
              aria-label="Sheets"
              selectedValue={active.name}
              onTabSelect={(_, data) => selectSheet(String(data.value))}
            >
              {model.sheets.map((s) => (
                <Tab key={s.id} value={s.name}>
                  {s.name}
                </Tab>
              ))}
            </TabList>
            <SheetGrid
              key={`${frameKey}:${active.id}`}
              sheet={active}
              tables={model.tablesOn(active)}
              version={version}
              onEnter={(row, col, text) => enterCell(loaded.fake, active, row, col, text)}
            />
          </>
        ) : (
          <div className={styles.loading}>{busy && <Spinner label={busy} />}</div>
        )}
      </main>
      <aside className={styles.pane} aria-label="Task pane">
        <iframe
          key={frameKey}
          title="Closebook task pane"
          src="taskpane.html"
          className={styles.frame}
          onLoad={paneLoaded}
        />
      </aside>
    </div>
  );
}
