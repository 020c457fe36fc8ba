/**
 * One sheet of the fake Excel host as a read-only grid, the way Excel shows
 * it: column letters, row numbers, values through their number formats
 * (cellText.ts), table header rows shaded, and the sheet's selection
 * highlighted (aria-selected) and scrolled into view when it changes — which
 * is how an issue clicked in the pane shows its cell; a click on a cell selects
 * it, as in Excel (what the pane's "Show ledger lines" reads). Each cell carries its
 * address (data-address="B7"), and the grid is named by its sheet (role grid,
 * with aria-rowcount / aria-rowindex), for screen readers and for the
 * end-to-end tests alike. With `onEnter`, a formula bar above it (FormulaBar.tsx)
 * types into the selected cell: values, and CLOSEBOOK.* formulas evaluated (gridFormulas.ts).
 *
 * Only the rows in view (plus a margin) are drawn — about 60 rows, never more
 * than 500 — over a scroll area as tall as the whole sheet, so a 20,000-row
 * ledger scrolls and redraws as fast as a short sheet (drawing 500 rows of 17
 * columns took ~0.5 s per change in headless Chromium). Rows have one fixed
 * height; column widths come from the text of the first rows.
 *
 * Example: <SheetGrid sheet={fake.model.sheetByName("Ledger")} tables={fake.model.tablesOn(sheet)} version={n} />
 */
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useInsertionEffect, useLayoutEffect, useRef, useState, type UIEvent } from "react";
import { cellText } from "./cellText";
import { FormulaBar } from "./FormulaBar";
import { editText, type Entered } from "./gridFormulas";
import type { Rect, SheetModel, TableModel } from "./fakeExcel/model";
import { WHOLE_SHEET, columnLetters } from "./fakeExcel/model";

/** one row's height in px (22 px line + 1 px border) */
export const ROW_HEIGHT = 23;
/** rows drawn above and below the visible ones */
const OVERSCAN = 15;
export const MAX_DRAWN_ROWS = 500;
/** columns shown beyond the last used one, as a margin */
const SPARE_COLUMNS = 1;
/** rows whose text sizes the columns */
const WIDTH_SAMPLE_ROWS = 200;
const ROW_HEADER_WIDTH = 52;
const CHAR_WIDTH = 7;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: 0, flexGrow: 1 },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  table: {
    tableLayout: "fixed",
    borderCollapse: "separate",
    borderSpacing: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  head: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    height: `${ROW_HEIGHT - 1}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    padding: 0,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    textAlign: "center",
  },
  corner: { left: 0, zIndex: 3 },
  activeHead: {
    backgroundColor: tokens.colorNeutralBackground3Selected,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

/**
 * The data cells' and row headers' classes as one plain stylesheet (Fluent
 * tokens are CSS variables, so it follows the theme): cheaper than a Griffel
 * mergeClasses call per cell. Later rules win.
 */
const CELL_CSS = `
.cbg-row { height: ${ROW_HEIGHT}px; }
.cbg-rowhead { position: sticky; left: 0; z-index: 1; padding: 0 ${tokens.spacingHorizontalS}; text-align: right; font-weight: ${tokens.fontWeightRegular};
  background-color: ${tokens.colorNeutralBackground3}; color: ${tokens.colorNeutralForeground2};
  border-right: ${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}; border-bottom: ${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}; }
.cbg-rowhead-active { background-color: ${tokens.colorNeutralBackground3Selected}; color: ${tokens.colorNeutralForeground1}; font-weight: ${tokens.fontWeightSemibold}; }
.cbg-cell { height: ${ROW_HEIGHT - 1}px; line-height: ${ROW_HEIGHT - 1}px; padding: 0 ${tokens.spacingHorizontalS}; box-sizing: border-box;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  border-right: ${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}; border-bottom: ${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}; }
.cbg-end { text-align: right; font-variant-numeric: tabular-nums; }
.cbg-center { text-align: center; }
.cbg-negative { color: ${tokens.colorPaletteRedForeground1}; }
.cbg-bold { font-weight: ${tokens.fontWeightSemibold}; }
.cbg-table-header { background-color: ${tokens.colorBrandBackground2}; color: ${tokens.colorNeutralForeground1}; font-weight: ${tokens.fontWeightSemibold}; }
.cbg-selected { background-color: ${tokens.colorBrandBackground2Hover}; box-shadow: inset 0 0 0 ${tokens.strokeWidthThin} ${tokens.colorBrandStroke1}; }
.cbg-anchor { box-shadow: inset 0 0 0 ${tokens.strokeWidthThick} ${tokens.colorBrandStroke1}; }
`;

function useCellStylesheet(): void {
  useInsertionEffect(() => {
    if (document.getElementById("closebook-grid-cells")) return;
    const style = document.createElement("style");
    style.id = "closebook-grid-cells";
    style.textContent = CELL_CSS;
    document.head.append(style);
  }, []);
}

function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

/** Rows and columns of the sheet: the used range, the tables and a single selected cell. */
function extent(sheet: SheetModel, tables: readonly TableModel[]): { rows: number; cols: number } {
  const used = sheet.usedRect(WHOLE_SHEET, false);
  let rows = used ? used.row + used.rows : 0;
  let cols = used ? used.col + used.cols : 0;
  for (const t of tables) {
    rows = Math.max(rows, t.top + t.rows);
    cols = Math.max(cols, t.left + t.cols);
  }
  const s = sheet.selection;
  if (s.rows * s.cols <= 1 && (rows > 0 || s.row > 0 || s.col > 0)) {
    rows = Math.max(rows, s.row + 1);
    cols = Math.max(cols, s.col + 1);
  }
  return { rows, cols: cols > 0 ? cols + SPARE_COLUMNS : 0 };
}

/** Column widths in px from the text of the first rows (between 56 and 260 px). */
function columnWidths(sheet: SheetModel, rows: number, cols: number): number[] {
  const widths = Array.from({ length: cols }, () => 56);
  for (let r = 0; r < Math.min(rows, WIDTH_SAMPLE_ROWS); r++) {
    for (let c = 0; c < cols; c++) {
      const chars = cellText(sheet.value(r, c), sheet.format(r, c)).text.length;
      widths[c] = Math.max(widths[c] ?? 0, Math.min(260, chars * CHAR_WIDTH + 20));
    }
  }
  return widths;
}

function offsetOf(widths: readonly number[], col: number): number {
  let x = ROW_HEADER_WIDTH;
  for (let c = 0; c < col; c++) x += widths[c] ?? 0;
  return x;
}

/** The height of the rows not drawn, above or below the drawn ones. */
function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" style={{ height: `${height}px` }}>
      <td colSpan={span} style={{ padding: 0, border: "none" }} />
    </tr>
  );
}

export interface SheetGridProps {
  readonly sheet: SheetModel;
  readonly tables: readonly TableModel[];
  /** changes whenever the workbook may have changed (the grid reads the model on each render) */
  readonly version: number;
  /** writes what the formula bar holds into a cell (gridFormulas.ts); without it the grid has no formula bar */
  readonly onEnter?: (row: number, col: number, text: string) => Promise<Entered>;
}

export function SheetGrid({ sheet, tables, version, onEnter }: SheetGridProps) {
  const styles = useStyles();
  useCellStylesheet();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const frame = useRef(0);
  const selection = sheet.selection;
  const selectionKey = `${selection.row}:${selection.col}:${selection.rows}:${selection.cols}`;
  const followed = useRef<string | undefined>(undefined);
  // a click selects the cell, as in Excel (the pane reads it back with getSelectedRange)
  const [, setClicks] = useState(0);
  const selectAt = (row: number, col: number): void => {
    sheet.selection = { row, col, rows: 1, cols: 1 };
    setClicks((n) => n + 1);
  };

  const { rows, cols } = extent(sheet, tables);
  const widths = columnWidths(sheet, rows, cols);

  // a new selection (or the first render) scrolls its top-left cell into view; the effect runs after every
  // render (no dependency list) and `followed` lets only a new selection through
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    if (followed.current === selectionKey) return;
    followed.current = selectionKey;
    const headerHeight = ROW_HEIGHT;
    const y = selection.row * ROW_HEIGHT;
    let top = box.scrollTop;
    if (y < top) top = y;
    else if (y + ROW_HEIGHT > top + box.clientHeight - headerHeight)
      top = Math.max(0, y - Math.floor((box.clientHeight - headerHeight) / 3));
    const x = offsetOf(widths, selection.col);
    const w = widths[selection.col] ?? 0;
    let left = box.scrollLeft;
    if (x - ROW_HEADER_WIDTH < left) left = Math.max(0, x - ROW_HEADER_WIDTH);
    else if (x + w > left + box.clientWidth) left = x + w - box.clientWidth;
    box.scrollTo({ top, left });
    setView({ top, height: box.clientHeight });
  });

  const onScroll = (e: UIEvent<HTMLDivElement>): void => {
    const box = e.currentTarget;
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setView({ top: box.scrollTop, height: box.clientHeight });
    });
  };

  const anchor = `${columnLetters(selection.col)}${selection.row + 1}`;
  const bar = onEnter ? (
    <FormulaBar
      key={`${sheet.name}:${anchor}`} // not the version: the pane's syncs must not wipe what is being typed
      address={anchor}
      initial={editText(sheet, selection.row, selection.col)}
      onEnter={async (text) => {
        const r = await onEnter(selection.row, selection.col, text);
        setClicks((n) => n + 1);
        return r;
      }}
    />
  ) : null;

  if (rows === 0 || cols === 0) {
    return (
      <div className={styles.root}>
        {bar}
        <div role="grid" aria-label={sheet.name} aria-rowcount={0} className={styles.empty}>
          <Caption1>Sheet {sheet.name} is empty.</Caption1>
        </div>
      </div>
    );
  }
  const visible = Math.ceil(view.height / ROW_HEIGHT);
  const first = Math.max(0, Math.min(rows - 1, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN));
  const last = Math.min(rows, first + Math.min(MAX_DRAWN_ROWS, visible + 2 * OVERSCAN));
  const headerRects = tables.map((t) => ({ row: t.top, col: t.left, rows: 1, cols: t.cols }));
  const columnIndexes = Array.from({ length: cols }, (_, c) => c);
  const selectedCols = (c: number) => c >= selection.col && c < selection.col + selection.cols;
  const selectedRows = (r: number) => r >= selection.row && r < selection.row + selection.rows;
  const tableWidth = offsetOf(widths, cols);

  const body = [];
  for (let r = first; r < last; r++) {
    body.push(
      <tr key={r} className="cbg-row" aria-rowindex={r + 2}>
        <th scope="row" className={selectedRows(r) ? "cbg-rowhead cbg-rowhead-active" : "cbg-rowhead"}>
          {r + 1}
        </th>
        {columnIndexes.map((c) => {
          const shown = cellText(sheet.value(r, c), sheet.format(r, c));
          const isSelected = contains(selection, r, c);
          const isAnchor = r === selection.row && c === selection.col;
          return (
            <td
              key={c}
              role="gridcell"
              aria-colindex={c + 2}
              data-address={`${columnLetters(c)}${r + 1}`}
              aria-selected={isSelected ? true : undefined}
              data-selected={isSelected ? "true" : undefined}
              data-anchor={isAnchor ? "true" : undefined}
              title={shown.text.length > 30 ? shown.text : undefined}
              onClick={() => selectAt(r, c)}
              className={[
                "cbg-cell",
                shown.align === "end" ? "cbg-end" : shown.align === "center" ? "cbg-center" : "",
                shown.negative ? "cbg-negative" : "",
                sheet.bold(r, c) ? "cbg-bold" : "",
                headerRects.some((h) => contains(h, r, c)) ? "cbg-table-header" : "",
                isSelected ? "cbg-selected" : "",
                isAnchor ? "cbg-anchor" : "",
              ]
                .filter(Boolean)
                .join(" ")}
            >
              {shown.text}
            </td>
          );
        })}
      </tr>,
    );
  }

  return (
    <div className={styles.root} data-version={version}>
      {bar}
      <div
        ref={scroller}
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label={`Sheet ${sheet.name}, rows 1 to ${rows}`}
        onScroll={onScroll}
      >
        <table
          role="grid"
          aria-label={sheet.name}
          aria-readonly="true"
          aria-rowcount={rows + 1}
          aria-colcount={cols + 1}
          className={styles.table}
          style={{ width: `${tableWidth}px` }}
        >
          <colgroup>
            <col style={{ width: `${ROW_HEADER_WIDTH}px` }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: `${w}px` }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th className={mergeClasses(styles.head, styles.corner)}>
                <span hidden>Row</span>
              </th>
              {columnIndexes.map((c) => (
                <th key={c} scope="col" className={mergeClasses(styles.head, selectedCols(c) && styles.activeHead)}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <Spacer height={first * ROW_HEIGHT} span={cols + 1} />}
            {body}
            {last < rows && <Spacer height={(rows - last) * ROW_HEIGHT} span={cols + 1} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
