/**
 * The key the pane remembers things "for this workbook" under (the signed-in
 * name). Office.context.partitionKey is a storage partition, shared by every
 * workbook the add-in opens from one origin in Excel on the web, so it is
 * combined with the document's URL; without a partition the URL alone (as
 * before), without either one key for all.
 *
 * Example: { partitionKey: "p1", document: { url: "https://x/a.xlsx" } } → "p1|https://x/a.xlsx"
 *          { document: { url: "C:\\books\\close.xlsx" } } → "C:\\books\\close.xlsx"
 */
export interface KeyContext {
  readonly partitionKey?: string | null;
  readonly document?: { readonly url?: string | null } | null;
}

export function workbookKeyOf(context: KeyContext | undefined): string {
  const partition = context?.partitionKey || "";
  let url = "";
  try {
    url = context?.document?.url || "";
  } catch {
    // no document in this host
  }
  if (partition) return `${partition}|${url}`;
  return url || "workbook";
}
