/**
 * The issues list used by every tab: severity, message and where it is, as
 * Excel shows it ("Journal!D5 (row 5 on the sheet, Account)"); the internal
 * code only in a details line. An issue with a location is a button:
 * clicking it (or Enter/Space) selects that cell in the workbook.
 *
 * Example: <IssueList issues={result.issues} /> → "Account 9999 does not exist… Journal!D5 (row 5 on the sheet, Account)" / "Details: UNKNOWN_ACCOUNT · tblJournal data row 4"
 */
import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Issue } from "../../core/issues/issue";
import { usePaneEnv } from "../paneEnv";
import { excelLocation, issueDetails } from "./words";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  where: {
    justifyContent: "flex-start",
    textAlign: "start",
    minWidth: 0,
    height: "auto",
    paddingLeft: 0,
    overflowWrap: "anywhere",
  },
  text: { overflowWrap: "anywhere" },
  details: { display: "block", color: tokens.colorNeutralForeground3 },
});

const INTENT = { error: "error", warning: "warning", info: "info" } as const;

export interface IssueListProps {
  readonly issues: readonly Issue[];
  /** shown above the list, e.g. "Posting refused" */
  readonly label?: string;
  /** at most this many are shown (the rest are counted) */
  readonly max?: number;
}

export function IssueList({ issues, label = "Issues", max = 50 }: IssueListProps) {
  const styles = useStyles();
  const env = usePaneEnv();
  const [note, setNote] = useState<string | undefined>(undefined);
  if (issues.length === 0) return null;
  const shown = issues.slice(0, max);
  return (
    <section aria-label={label}>
      <ul className={styles.list}>
        {shown.map((i, n) => {
          const where = excelLocation(i.at);
          return (
            <li key={n}>
              <MessageBar intent={INTENT[i.severity]} layout="multiline">
                <MessageBarBody>
                  <span className={styles.text}>{i.message}</span>{" "}
                  {i.at ? (
                    <Button
                      appearance="transparent"
                      size="small"
                      className={styles.where}
                      title="Select this cell in the workbook"
                      onClick={() => {
                        void env
                          .selectIssue(i.at!)
                          .then((ok) => setNote(ok ? undefined : `${where} is not in this workbook.`));
                      }}
                    >
                      {where}
                    </Button>
                  ) : null}
                  <Caption1 className={styles.details}>{issueDetails(i.code, i.at)}</Caption1>
                </MessageBarBody>
              </MessageBar>
            </li>
          );
        })}
      </ul>
      {issues.length > shown.length ? <Caption1>…and {issues.length - shown.length} more.</Caption1> : null}
      {note ? <Caption1 role="status">{note}</Caption1> : null}
    </section>
  );
}
