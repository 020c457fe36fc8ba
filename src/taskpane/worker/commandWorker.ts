/**
 * The pane's command worker (a Web Worker; webpack bundles it from `new Worker(new URL(…))` in index.tsx, a
 * chunk sharing the core with the pane): the command map runs here (serveCommands.ts), with the core's
 * SHA-256 on this worker's Web Crypto, so the pane's main thread keeps only Excel I/O and React.
 *
 * The Close tab's command area is loaded at start (the pane's first view sends to it).
 *
 * Example: new Worker(new URL("./worker/commandWorker.ts", import.meta.url)) → posts { kind: "ready" }
 */
import { AREAS } from "../../app/commands";
import { installSha256Many } from "../../core/crypto/hashing";
import { webSha256Many } from "../shell/webSha256";
import { serveCommands } from "./serveCommands";
import { registerStepRefs } from "./stepRefs";

installSha256Many(webSha256Many);
registerStepRefs();
serveCommands(self);
// the first tab's commands (close-view, close-signoffs): their chunk loads now, while the pane's bundle still parses
void AREAS.close().catch(() => undefined);
