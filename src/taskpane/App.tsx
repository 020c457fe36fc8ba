/**
 * The task pane's first screen: what Closebook is for and which workbook
 * tables it uses. Presentational only: the tables arrive as props (index.tsx
 * passes ALL_TABLES from src/schema/tables.ts); no Office, no app commands yet.
 *
 * Example: <App tables={[{ name: "tblAccounts", description: "Chart of accounts." }]} />
 *   renders a "Closebook" heading, one line of purpose and a one-item list.
 */
import { Body1, Caption1, List, ListItem, Subtitle2, Title2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

export interface TableInfo {
  readonly name: string;
  readonly description: string;
}

export interface AppProps {
  readonly tables: readonly TableInfo[];
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    minWidth: 0,
    maxWidth: "640px",
    boxSizing: "border-box",
  },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowWrap: "anywhere",
  },
  tableName: { fontFamily: tokens.fontFamilyMonospace },
  description: { color: tokens.colorNeutralForeground2 },
});

export function App({ tables }: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title2 as="h1" className={styles.heading}>
        Closebook
      </Title2>
      <Body1 as="p" className={styles.heading}>
        Close the general ledger at period end.
      </Body1>
      <section aria-labelledby="closebook-tables" className={styles.section}>
        <Subtitle2 as="h2" id="closebook-tables" className={styles.heading}>
          Workbook tables
        </Subtitle2>
        <Caption1 as="p" className={mergeClasses(styles.heading, styles.description)}>
          Closebook keeps its data in these Excel tables.
        </Caption1>
        <List className={styles.list}>
          {tables.map((table) => (
            <ListItem key={table.name} className={styles.item}>
              <Body1 className={styles.tableName}>{table.name}</Body1>
              <Caption1 className={styles.description}>{table.description}</Caption1>
            </ListItem>
          ))}
        </List>
      </section>
    </main>
  );
}
