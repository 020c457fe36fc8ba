/**
 * Ribbon command host (the manifest's FunctionFile, commands.html). The only
 * ribbon control today, "Close the books", is a ShowTaskpane action that Office
 * handles itself, so there is no ExecuteFunction handler to associate yet; when
 * one arrives it goes here via Office.actions.associate and delegates to
 * src/app commands.
 */

export {};

if (typeof Office !== "undefined") {
  void Office.onReady();
}
