/**
 * Who is using the pane. Nobody chosen: a Dropdown "Who are you?" with the
 * active users of tblUsers and a button "Use this name". Chosen: "Signed in
 * as <name>" with a button "Change user". A caption says how the name was
 * obtained (chosen on this machine, not verified).
 *
 * Example: <IdentityBar users={users} user={undefined} source="chosen from the users table on this machine (not verified)"
 *            onChoose={(name) => identity.choose(name, users)} onChangeUser={…} />
 */
import { Body1Strong, Button, Caption1, Dropdown, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { User } from "../../core/ledger/types";
import { pickableUsers, userLabel } from "./workbookModel";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  field: { flexGrow: 1, minWidth: "160px" },
  dropdown: { minWidth: 0, width: "100%" },
  note: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
});

export interface IdentityBarProps {
  readonly users: ReadonlyMap<string, User>;
  readonly user: string | undefined;
  /** RememberedIdentity.source */
  readonly source: string;
  /** remembers the name; returns an error message when it cannot */
  onChoose(name: string): string | undefined;
  onChangeUser(): void;
}

export function IdentityBar({ users, user, source, onChoose, onChangeUser }: IdentityBarProps) {
  const styles = useStyles();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const choices = pickableUsers(users);

  if (user) {
    const u = users.get(user.toLowerCase());
    return (
      <section aria-label="Identity" className={styles.root}>
        <div className={styles.row}>
          <Body1Strong className={styles.field}>Signed in as {u ? userLabel(u) : user}</Body1Strong>
          <Button
            size="small"
            onClick={() => {
              setPicked(undefined);
              setError(undefined);
              onChangeUser();
            }}
          >
            Change user
          </Button>
        </div>
        <Caption1 className={styles.note}>Your name was {source}.</Caption1>
      </section>
    );
  }

  const label = choices.find((c) => c.name === picked)?.label ?? "";
  return (
    <section aria-label="Identity" className={styles.root}>
      <div className={styles.row}>
        <Field
          label="Who are you?"
          className={styles.field}
          validationState={error ? "error" : "none"}
          {...(error ? { validationMessage: error } : {})}
          hint={choices.length === 0 ? "tblUsers has no active user: add yourself there first." : undefined}
        >
          <Dropdown
            className={styles.dropdown}
            placeholder="Choose your name"
            value={label}
            selectedOptions={picked ? [picked] : []}
            onOptionSelect={(_, d) => {
              setPicked(d.optionValue);
              setError(undefined);
            }}
          >
            {choices.map((c) => (
              <Option key={c.name} value={c.name}>
                {c.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button
          appearance="primary"
          onClick={() => {
            if (!picked) return setError("Choose your name from the list.");
            setError(onChoose(picked));
          }}
        >
          Use this name
        </Button>
      </div>
      <Caption1 className={styles.note}>
        Closebook cannot check who you are: your name is remembered on this machine and recorded with everything you
        post.
      </Caption1>
    </section>
  );
}
