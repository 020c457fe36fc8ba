/**
 * Entry "preview-boot" (preview.html runs it before the page's bundle, both deferred, in this order): starts the
 * restore worker and asks it for the starting workbook at once (restoreBoot.ts keeps it for restoreClient.ts), so
 * the workbook is downloaded and restored while the main thread parses preview.js (#16: usable within 2 s).
 * Without Worker, or when it cannot be made, nothing is kept and the page starts the restore itself.
 *
 * Example: <script defer src="preview-boot.js"></script><script defer src="preview.js"></script>
 */
import { keepRestore, newRestoreWorker, startingRequest } from "./restoreBoot";

if (typeof Worker === "function") {
  try {
    keepRestore(globalThis, newRestoreWorker(), startingRequest(location.href));
  } catch (e) {
    console.warn("Closebook: the restore worker could not start early", e);
  }
}
