/**
 * The one-sentence result of an operation, announced to screen readers:
 * success, info, warning or error, with an optional title.
 *
 * Example: <Outcome intent="success" text="Posted 2 vouchers (GL-000001..GL-000002), 4 lines as RUN-000001." />
 */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from "@fluentui/react-components";

export type OutcomeIntent = "success" | "info" | "warning" | "error";

export interface OutcomeValue {
  readonly intent: OutcomeIntent;
  readonly text: string;
  readonly title?: string;
}

const useStyles = makeStyles({ text: { overflowWrap: "anywhere" } });

export function Outcome({ intent, text, title }: OutcomeValue) {
  const styles = useStyles();
  return (
    <MessageBar intent={intent} layout="multiline" politeness={intent === "error" ? "assertive" : "polite"}>
      <MessageBarBody className={styles.text}>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}
