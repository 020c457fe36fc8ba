/**
 * Commands that create, fill, copy or publish a workbook: set it up, the demo,
 * import and export CSV, snapshots (the preview's upload and download), and
 * publishing a closed period into a second port.
 *
 * Example: send("import-csv", { table: "accounts", csv, fileName: "accounts.csv", user: "admin" })
 */
import type { WorkbookPort } from "../../ports/workbook";
import { largeDemo, type LargeDemoOptions, type RowSink } from "../demo/largeDemo";
import { runDemo, type DemoOptions } from "../demo/runDemo";
import { exportCsv } from "../exportCsv";
import { importCsv, type ImportOptions } from "../importCsv";
import { publishPeriod, type PublishOptions } from "../publish";
import { setupWorkbook, type SetupData } from "../setupWorkbook";
import {
  restoreSnapshot,
  snapshotOf,
  type RestoreOptions,
  type SnapshotOptions,
  type WorkbookSnapshot,
} from "../snapshot";
import type { HandlerEnv } from "./env";

export const setupHandlers = {
  "setup-workbook": (args: { data: SetupData }, env: HandlerEnv) => setupWorkbook(env.port, args.data),
  "run-demo": (args: Omit<DemoOptions, "clock">, env: HandlerEnv) => runDemo(env.port, { ...args, clock: env.clock }),
  /** the demo company with `lines` generated ledger lines, streamed to `sinkFor(table)` (largeDemo.ts) */
  "large-demo": (
    { sinkFor, ...args }: Omit<LargeDemoOptions, "clock"> & { sinkFor: (table: string) => Promise<RowSink> },
    env: HandlerEnv,
  ) => largeDemo(env.port, { ...args, clock: env.clock }, sinkFor),
  "import-csv": (args: Omit<ImportOptions, "clock">, env: HandlerEnv) =>
    importCsv(env.port, { ...args, clock: env.clock }),
  "export-csv": (args: { table: string }, env: HandlerEnv) => exportCsv(env.port, args.table),
  snapshot: (args: SnapshotOptions, env: HandlerEnv) => snapshotOf(env.port, args),
  "restore-snapshot": (args: { snapshot: WorkbookSnapshot } & RestoreOptions, env: HandlerEnv) => {
    const { snapshot, ...options } = args;
    return restoreSnapshot(env.port, snapshot, options);
  },
  /** the period of this workbook published into `target` (a new, empty workbook); this one is only read. `now`: the clock's */
  publish: (
    { target, now, ...options }: Omit<PublishOptions, "now"> & { target: WorkbookPort; now?: string },
    env: HandlerEnv,
  ) => publishPeriod(env.port, target, { ...options, now: now ?? env.clock.now() }),
};
