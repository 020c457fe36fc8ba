/**
 * The options every Excel.run of the task pane gets:
 * - delayForCellEdit: a batch waits while the user edits a cell instead of failing;
 * - mergeUndoGroup (ExcelApi 1.20, only where `isSetSupported` says so): all
 *   syncs of one Excel.run become one undo record, so Ctrl+Z takes back a
 *   whole port call (an append of 20 chunks) rather than its last chunk.
 *   Elsewhere each sync is its own undo record; a partly undone write is
 *   caught by the seal check when the pane opens.
 *
 * Example: runOptions((set, v) => Office.context.requirements.isSetSupported(set, v))
 *   → { delayForCellEdit: true, mergeUndoGroup: true } on a host with ExcelApi 1.20
 */
export interface PaneRunOptions {
  readonly delayForCellEdit: true;
  readonly mergeUndoGroup?: true;
}

export function runOptions(isSetSupported: (set: string, version: string) => boolean): PaneRunOptions {
  let merge = false;
  try {
    merge = isSetSupported("ExcelApi", "1.20");
  } catch {
    // a host without the requirements API: no merging
  }
  return merge ? { delayForCellEdit: true, mergeUndoGroup: true } : { delayForCellEdit: true };
}
