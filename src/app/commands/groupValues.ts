/**
 * Consolidation's pure values for callers, apart from values.ts so the pane's first load does not carry the
 * consolidation model (the Group tab's chunk does).
 *
 * Example: readPackageText(csvText, "DE.csv") → the package's rows and issues
 */
export { groupSetup } from "../consolidation/groupSetup";
export { packageText, readPackageText } from "../consolidation/packageIO";
