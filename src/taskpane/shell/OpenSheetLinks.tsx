/**
 * "Open sheet" links for the sheets an operation wrote: each activates its
 * sheet in the workbook and selects its first cell (env.openSheet). Shown
 * only where the host can do it; a sheet that is gone says so.
 *
 * Example: <OpenSheetLinks sheets={["Income statement 2026-11", "Balance sheet 2026-11"]} />
 *   → links "Open sheet Income statement 2026-11", "Open sheet Balance sheet 2026-11"
 */
import { Caption1, Link, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { usePaneEnv } from "../paneEnv";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  link: { overflowWrap: "anywhere", textAlign: "start" },
});

export function OpenSheetLinks({ sheets }: { readonly sheets: readonly string[] }) {
  const styles = useStyles();
  const { openSheet } = usePaneEnv();
  const [note, setNote] = useState<string | undefined>(undefined);
  const unique = [...new Set(sheets)];
  if (!openSheet || unique.length === 0) return null;
  return (
    <>
      <ul className={styles.list} aria-label="Sheets written">
        {unique.map((sheet) => (
          <li key={sheet}>
            <Link
              as="button"
              className={styles.link}
              onClick={() =>
                void openSheet(sheet).then((ok) =>
                  setNote(ok ? undefined : `The sheet "${sheet}" is not in this workbook (or is hidden).`),
                )
              }
            >
              Open sheet {sheet}
            </Link>
          </li>
        ))}
      </ul>
      {note ? <Caption1 role="status">{note}</Caption1> : null}
    </>
  );
}
