/**
 * A Node worker_threads Worker, its parentPort or a MessagePort as the pane's worker Endpoint (its
 * addEventListener / postMessage: src/taskpane/worker/protocol.ts), so the pane bench runs serveCommands and
 * remoteCommands across a real thread: Node's ports emit the message itself ("message", value), a browser's
 * Worker an event carrying it ({ data }).
 *
 * Example: remoteCommands(nodeEndpoint(new Worker("dist-cli/paneWorker.js")), port, fallback)("verify", {});
 *   in the worker: serveCommands(nodeEndpoint(parentPort))
 */
import type { Endpoint } from "../src/taskpane/worker/protocol";

/** what Worker, parentPort and MessagePort share */
export interface NodePort {
  postMessage(message: unknown): void;
  on(type: "message" | "error" | "messageerror", listener: (value: unknown) => void): unknown;
}

export function nodeEndpoint<In, Out>(port: NodePort): Endpoint<In, Out> {
  return {
    postMessage: (message: Out) => port.postMessage(message),
    addEventListener(type: "message" | "error" | "messageerror", listener: (e: unknown) => void) {
      if (type === "message") port.on("message", (data) => listener({ data }));
      else port.on(type, listener);
    },
  } as Endpoint<In, Out>;
}
