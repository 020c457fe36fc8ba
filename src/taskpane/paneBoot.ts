/**
 * Entry "pane-boot" (taskpane.html runs it before the pane's bundle, both deferred, in this order): starts the
 * pane's command worker at once (worker/bootWorker.ts keeps it for index.tsx), so the worker's script and the chunks
 * it loads at start come while the main thread parses the pane's bundle (#16 point 1: usable within 2 s).
 * Without Worker, or when it cannot be made, nothing is kept and index.tsx starts one (or runs commands here).
 *
 * Example: <script defer src="pane-boot.js"></script><script defer src="taskpane.js"></script>
 */
import { keepWorker, newCommandWorker } from "./worker/bootWorker";

if (typeof Worker === "function") {
  try {
    keepWorker(globalThis, newCommandWorker());
  } catch (e) {
    console.warn("Closebook: the command worker could not start early", e);
  }
}
