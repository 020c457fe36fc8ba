/**
 * The messages between the pane's main thread (remoteCommands.ts) and its command worker (serveCommands.ts).
 * The worker runs the command map; every workbook call it makes is a "port" request the main thread answers
 * with its real port (office-js stays on the main thread), and a callback the caller gave (close-period's
 * onStep) comes back as a "callback". Values are encoded by wire.ts.
 *
 * Example: main → { kind: "send", id: 1, name: "verify", args: {}, methods: ["listTables", …] }
 *   worker → { kind: "port", id: 1, method: "readTable", args: ["tblLedger"] }
 *   main → { kind: "port-reply", id: 1, ok: true, value: { headers, rows } }
 *   worker → { kind: "result", id: 1, ok: true, value: { … } }
 */

/** the WorkbookPort methods a port may have (the main thread says which its port has) */
export const PORT_METHODS = [
  "listTables",
  "readTable",
  "createTable",
  "appendRows",
  "updateCells",
  "updateCellsByKey",
  "truncateRows",
  "replaceRows",
  "writeReport",
  "readRange",
  "readSheets",
  "isProtected",
  "protect",
  "unprotect",
] as const;

export type ToWorker =
  | {
      readonly kind: "send";
      readonly id: number;
      readonly name: string;
      readonly args: unknown;
      /** the methods the main thread's port has */
      readonly methods: readonly string[];
    }
  | { readonly kind: "port-reply"; readonly id: number; readonly ok: boolean; readonly value: unknown };

export type FromWorker =
  /** posted once the worker's script has loaded: from then on a worker error is not a load failure */
  | { readonly kind: "ready" }
  /** `plain`: nothing in the value was tagged (wire.ts encodeTagged): taken as it is, not decoded */
  | {
      readonly kind: "result";
      readonly id: number;
      readonly ok: boolean;
      readonly value: unknown;
      readonly plain?: boolean;
    }
  | {
      readonly kind: "port";
      readonly id: number;
      readonly method: string;
      readonly args: readonly unknown[];
      /** nothing in the arguments was tagged: the main thread takes them as they are (no decode walk there) */
      readonly plain?: boolean;
    }
  | { readonly kind: "callback"; readonly fn: number; readonly args: readonly unknown[] };

/** the side of a Worker (or a MessagePort) a thread talks through */
export interface Endpoint<In, Out> {
  postMessage(message: Out): void;
  addEventListener(type: "message", listener: (e: { data: In }) => void): void;
  /** a Worker's "error" (its script failed to load, or threw outside a command) */
  addEventListener(type: "error", listener: (e: unknown) => void): void;
  /** a message that could not be deserialized */
  addEventListener(type: "messageerror", listener: (e: unknown) => void): void;
}
