/**
 * The import half of the Rates tab: a file input ("Rates file") that fills
 * the "Rates CSV" box, the expected format, "Import rates" (every row of the
 * CSV, through the CSV provider) and "Import from ECB" (the ECB's euro
 * reference rates over `ecb`; fails as an issue when the ECB cannot be reached,
 * as in the offline preview). Both write, so both need a chosen user.
 *
 * Example: choose rates.csv → the box shows its text → "Import rates"
 *   → onImportCsv(text, "rates.csv")
 */
import { Button, Caption1, Field, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type ChangeEvent } from "react";
import { RATES_CSV_FORMAT } from "./rateSummary";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  format: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  file: { maxWidth: "100%", color: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase200 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface RatesImportProps {
  readonly busy: boolean;
  /** no user chosen: the buttons are disabled and the pane says why */
  readonly canWrite: boolean;
  /** the dates the ECB import covers, from the As-of date */
  readonly ecb: { readonly from: string; readonly to: string } | undefined;
  onImportCsv(text: string, name: string): void;
  onImportEcb(): void;
}

const PASTED = "Rates CSV";

export function RatesImport({ busy, canWrite, ecb, onImportCsv, onImportEcb }: RatesImportProps) {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [name, setName] = useState(PASTED);
  const [fileNote, setFileNote] = useState<string | undefined>(undefined);

  const chooseFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    file.text().then(
      (t) => {
        setText(t);
        setName(file.name);
        setFileNote(`${file.name} is in the box below; check it, then import.`);
      },
      (err: unknown) =>
        setFileNote(`Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}.`),
    );
  };

  return (
    <section aria-labelledby="rates-import" className={styles.section}>
      <Subtitle2 as="h2" id="rates-import" className={styles.heading}>
        Rate import
      </Subtitle2>
      {canWrite ? null : <Caption1>Choose who you are at the top first.</Caption1>}
      <Field label="Rates file" hint={fileNote}>
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".csv,text/csv,text/plain"
            className={styles.file}
            onChange={chooseFile}
          />
        )}
      </Field>
      <Field
        label="Rates CSV"
        hint={
          <>
            Paste rates here, or choose a file above. Expected format:
            <pre className={styles.format}>{[RATES_CSV_FORMAT.header, ...RATES_CSV_FORMAT.example].join("\n")}</pre>
          </>
        }
      >
        <Textarea
          value={text}
          resize="vertical"
          rows={5}
          placeholder={RATES_CSV_FORMAT.header}
          onChange={(_, d) => {
            setText(d.value);
            if (name !== PASTED && d.value === "") setName(PASTED);
          }}
        />
      </Field>
      <Caption1 className={styles.muted}>{RATES_CSV_FORMAT.note}</Caption1>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || !canWrite} onClick={() => onImportCsv(text, name)}>
          Import rates
        </Button>
        <Button disabled={busy || !canWrite || !ecb} onClick={onImportEcb}>
          Import from ECB
        </Button>
      </div>
      <Caption1 className={styles.muted}>
        {ecb
          ? `Import from ECB fetches the European Central Bank's reference rates ${ecb.from === ecb.to ? `for ${ecb.to}` : `from ${ecb.from} to ${ecb.to} (from the start of the As-of date's period)`}; it needs an internet connection.`
          : "Give an As-of date to import ECB rates."}
      </Caption1>
    </section>
  );
}
