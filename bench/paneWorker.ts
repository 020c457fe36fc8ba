/**
 * The pane's command worker for the Node bench (paneResponsive.ts), bundled to dist-cli/paneWorker.js by
 * `npm run build:bench`: as src/taskpane/worker/commandWorker.ts, with node:crypto's SHA-256 (the CLI's) in place of
 * Web Crypto, over the thread's parentPort.
 *
 * Example: new Worker("dist-cli/paneWorker.js") → posts { kind: "ready" }; then answers "send" messages
 */
import { parentPort } from "node:worker_threads";
import { nodeSha256 } from "../src/cli/nodeSha256";
import { installSha256 } from "../src/core/crypto/hashing";
import { serveCommands } from "../src/taskpane/worker/serveCommands";
import { registerStepRefs } from "../src/taskpane/worker/stepRefs";
import { nodeEndpoint } from "./nodeEndpoint";
import type { FromWorker, ToWorker } from "../src/taskpane/worker/protocol";

if (!parentPort) throw new Error("paneWorker.js runs as a worker thread");
installSha256(nodeSha256);
registerStepRefs();
serveCommands(nodeEndpoint<ToWorker, FromWorker>(parentPort));
