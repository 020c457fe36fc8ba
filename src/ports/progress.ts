/**
 * Progress of a long port call, reported per chunk so the task pane can show
 * a bar with counts ("Writing tblLedger: 10,000 of 24,000 rows").
 *
 * Example: listener({ table: "tblLedger", op: "write", done: 5000, total: 24000 })
 */
export interface Progress {
  readonly table: string;
  readonly op: "read" | "write";
  /** rows done so far in this call */
  readonly done: number;
  /** rows this call moves in all */
  readonly total: number;
}

export type ProgressListener = (progress: Progress) => void;
