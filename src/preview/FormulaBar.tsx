/**
 * The preview grid's formula bar, as in Excel: the selected cell's address, and
 * its formula or value to edit; Enter writes it (gridFormulas.ts evaluates a
 * formula such as =CLOSEBOOK.BALANCE("1010","2026-11") with the core
 * evaluator). An error shows Excel's code in the cell and the message here.
 *
 * Example: select B5, type =CLOSEBOOK.BALANCE("9999","2026-11"), Enter →
 *   B5 shows #VALUE! and the bar says '#VALUE!: No account matches "9999".'
 */
import { Caption1, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Entered } from "./gridFormulas";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  address: { minWidth: "48px", fontFamily: tokens.fontFamilyMonospace },
  input: { flexGrow: 1, minWidth: 0 },
  message: { color: tokens.colorPaletteRedForeground1 },
});

export function FormulaBar({
  address,
  initial,
  onEnter,
}: {
  readonly address: string;
  readonly initial: string;
  readonly onEnter: (text: string) => Promise<Entered>;
}) {
  const styles = useStyles();
  const [text, setText] = useState(initial);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const enter = async () => {
    setBusy(true);
    try {
      const r = await onEnter(text);
      setMessage("error" in r ? `${r.error}: ${r.message}` : undefined);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.bar}>
      <Caption1 className={styles.address} aria-label="Selected cell">
        {address}
      </Caption1>
      <Input
        className={styles.input}
        size="small"
        aria-label="Formula bar"
        value={text}
        disabled={busy}
        placeholder='Type a value or a formula such as =CLOSEBOOK.BALANCE("1010","2026-11"), then Enter'
        onChange={(_, d) => setText(d.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") void enter();
        }}
      />
      <Caption1 className={styles.message} role="status" aria-label="Formula message">
        {message ?? ""}
      </Caption1>
    </div>
  );
}
