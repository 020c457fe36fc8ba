/**
 * The HTTP server behind `closebook preview` (node:http only): the preview
 * build (dist-preview/) as static files (content-hashed bundles cached for good, the rest revalidated), and three JSON/xlsx endpoints that
 * move workbooks as snapshots (src/app/snapshot.ts):
 *
 *   GET  /              → preview.html (the grid and the task pane beside it)
 *   GET  /api/workbook  → the starting workbook as snapshot JSON: the --file
 *                         workbook (its tables and report sheets), or the demo company posted,
 *                         closed and sealed through October 2026 (November
 *                         and December drafts left to post and close; with its
 *                         report sheets); built once, cached;
 *                         its file name (URI-encoded) in the X-Closebook-Workbook header
 *   POST /api/xlsx      → body: .xlsx bytes; answer: its snapshot JSON, tables and
 *                         report sheets (every sheet without tables that holds
 *                         values, read back by XlsxWorkbook.reportSheets())
 *   POST /api/download  → body: snapshot JSON; answer: .xlsx bytes (attachment),
 *                         tables and report sheets (protected sheets protected again)
 *
 * Failures answer { "error": "..." } with status 400 (bad input) or 500.
 *
 * Example:
 *   const server = await startPreviewServer({ root: "dist-preview", host: "127.0.0.1", port: 0, clock: systemClock });
 *   await fetch(`${server.url}api/workbook`)   // { version: 1, tables: [...] }
 *   await server.close();
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname, join, normalize, resolve, sep } from "node:path";
import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { commandsFor } from "../app/commands";
import { parseSnapshot } from "../app/commands/reportValues";
import type { WorkbookSnapshot } from "../app/snapshot";
import { formatIssue } from "../core/issues/issue";
import type { Clock } from "../ports/clock";

/** The demo is posted and closed through this date: November and December stay to do in the pane. */
export const PREVIEW_DEMO_THROUGH = "2026-10-31";
/** The demo workbook's file name (the page's download name; the pane's document.url). */
export const PREVIEW_DEMO_FILE = "closebook-demo.xlsx";
const MAX_BODY = 200 * 1024 * 1024;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
};

export interface PreviewServerOptions {
  /** the preview build directory (preview.html, taskpane.html and their scripts) */
  readonly root: string;
  readonly host: string;
  /** 0 = any free port */
  readonly port: number;
  /** start from this .xlsx instead of the demo company */
  readonly file?: string;
  readonly clock: Clock;
}

export interface PreviewServer {
  /** "http://127.0.0.1:3001/" */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

class BadRequest extends Error {}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  let starting: Promise<string> | undefined;
  const startingWorkbook = (): Promise<string> => {
    starting ??= buildStartingWorkbook(options).then((s) => JSON.stringify(s));
    starting.catch(() => (starting = undefined)); // a failed build is retried by the next request
    return starting;
  };
  void startingWorkbook().catch(() => undefined); // build it while the browser loads the page
  const workbookName = options.file ? basename(options.file) : PREVIEW_DEMO_FILE;

  const server = createServer((req, res) => {
    handle(req, res, options.root, workbookName, startingWorkbook).catch((e: unknown) => {
      const status = e instanceof BadRequest ? 400 : 500;
      if (status === 500)
        process.stderr.write(
          `closebook preview: ${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
        );
      if (res.headersSent) res.destroy();
      else sendJson(res, status, JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port, options.host, () => {
      server.off("error", fail);
      done();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((e) => (e ? fail(e) : done()));
        server.closeAllConnections();
      }),
  };
}

async function buildStartingWorkbook(options: PreviewServerOptions): Promise<WorkbookSnapshot> {
  if (options.file) return snapshotOfXlsx(await XlsxWorkbook.open(options.file, { eager: true }));
  const wb = new MemoryWorkbook();
  const send = commandsFor({ port: wb, clock: options.clock });
  const result = await send("run-demo", { through: PREVIEW_DEMO_THROUGH, post: true });
  const errors = result.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new Error(`the demo company could not be built:\n${errors.map(formatIssue).join("\n")}`);
  return send("snapshot", { reports: wb.reports() });
}

/** An .xlsx workbook's tables and report sheets as a snapshot. */
function snapshotOfXlsx(wb: XlsxWorkbook): Promise<WorkbookSnapshot> {
  return commandsFor({ port: wb })("snapshot", { reports: wb.reportSheets() });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  workbookName: string,
  startingWorkbook: () => Promise<string>,
): Promise<void> {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
  if (path === "/api/workbook" && req.method === "GET") {
    sendJson(res, 200, await startingWorkbook(), { "X-Closebook-Workbook": encodeURIComponent(workbookName) });
    return;
  }
  if (path === "/api/xlsx" && req.method === "POST") {
    const body = await readBody(req);
    let wb: XlsxWorkbook;
    try {
      wb = await XlsxWorkbook.load(body);
    } catch (e) {
      throw new BadRequest(
        `The file could not be read as an .xlsx workbook: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    sendJson(res, 200, JSON.stringify(await snapshotOfXlsx(wb)));
    return;
  }
  if (path === "/api/download" && req.method === "POST") {
    const body = await readBody(req);
    let snapshot: WorkbookSnapshot;
    try {
      snapshot = parseSnapshot(JSON.parse(body.toString("utf8")));
    } catch (e) {
      throw new BadRequest(e instanceof Error ? e.message : String(e));
    }
    const wb = XlsxWorkbook.create();
    await commandsFor({ port: wb })("restore-snapshot", { snapshot });
    const bytes = await wb.toBuffer();
    res.writeHead(200, {
      "Content-Type": XLSX_TYPE,
      "Content-Length": bytes.length,
      "Content-Disposition": 'attachment; filename="closebook-preview.xlsx"',
      "Cache-Control": "no-store",
    });
    res.end(bytes);
    return;
  }
  if (path.startsWith("/api/")) {
    sendJson(res, 404, JSON.stringify({ error: `No such endpoint: ${req.method} ${path}` }));
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  serveStatic(req, res, root, path === "/" ? "/preview.html" : path);
}

/** a build file named by its content hash (webpack's [name].[contenthash:8].js) */
const HASHED = /\.[0-9a-f]{8}\.js$/;

function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, path: string): void {
  const base = resolve(root);
  const file = normalize(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    const hint = existsSync(join(base, "preview.html"))
      ? ""
      : ` (the preview is not built: run "npm run build:preview")`;
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${path}${hint}\n`);
    return;
  }
  const body = readFileSync(file);
  res.writeHead(200, {
    "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": body.length,
    // a content-hashed bundle (taskpane.1a2b3c4d.js) never changes: cached, so a reload reuses its compiled code (#16)
    "Cache-Control": HASHED.test(basename(file)) ? "public, max-age=31536000, immutable" : "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new BadRequest(`The upload is over ${MAX_BODY / 1024 / 1024} MB.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => done(Buffer.concat(chunks)));
    req.on("error", fail);
  });
}
