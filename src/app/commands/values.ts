/**
 * The app's light pure values the callers need besides the commands, kept
 * small because the pane's first load carries this file: CSV cells, the setup
 * data a new workbook starts from, the remembered identity. The heavier ones
 * are in reportValues.ts, checklistValues.ts, groupValues.ts.
 * None of them touches a workbook: anything that does is a command (index.ts).
 *
 * Example: import { csvCell, starterSetup } from "../app/commands/values";
 */
export { csvCell, parseCsv } from "../csv";
export { starterSetup } from "../demo/starterSetup";
export { RememberedIdentity } from "../identity";
