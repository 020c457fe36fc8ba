/**
 * `closebook preview`: serves the browser preview (the real task pane beside
 * a grid of an in-memory workbook, previewServer.ts) on 127.0.0.1 until
 * Ctrl-C. The page comes from the preview build (dist-preview/, made by
 * `npm run build:preview`; `npm run preview` builds and starts it).
 *
 * Example:
 *   closebook preview                      → "Closebook preview: http://127.0.0.1:3001/"
 *   closebook preview --port 0 --file book.xlsx   (any free port; the real one is printed)
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { int, str, UsageError, type CliDeps, type Options } from "./cliSupport";
import type { Out } from "./output";
import { startPreviewServer } from "./previewServer";

/** Where the preview build is looked for: next to the CLI bundle (dist-cli/ → dist-preview/), next to src/cli, or in the current directory. */
function previewRoot(given: string | undefined): string {
  if (given) return resolve(given);
  const candidates = [
    join(__dirname, "..", "dist-preview"),
    join(__dirname, "..", "..", "dist-preview"),
    resolve("dist-preview"),
  ];
  return candidates.find((dir) => existsSync(join(dir, "preview.html"))) ?? resolve("dist-preview");
}

export async function previewCommand(
  positionals: readonly string[],
  options: Options,
  out: Out,
  deps: CliDeps,
): Promise<number> {
  if (positionals.length > 0)
    throw new UsageError(
      `preview takes no FILE argument (got "${positionals[0]}"); start from a workbook with --file book.xlsx`,
    );
  const port = int(options, "port", 3001);
  if (port < 0 || port > 65_535) throw new UsageError("--port must be 0 to 65535 (0 = any free port)");
  const host = str(options, "host") ?? "127.0.0.1";
  const file = str(options, "file");
  if (options.file === true) throw new UsageError("--file needs a workbook path");
  if (file && !existsSync(file)) {
    out.error(`${file} does not exist.`);
    return 1;
  }
  const root = previewRoot(str(options, "dir"));
  if (!existsSync(join(root, "preview.html"))) {
    out.error(
      `The preview is not built (no ${join(root, "preview.html")}): run "npm run build:preview" first, or "npm run preview" to build and start it.`,
    );
    return 1;
  }
  let server;
  try {
    server = await startPreviewServer({ root, host, port, clock: deps.clock, ...(file ? { file } : {}) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      out.error(`Port ${port} on ${host} is in use: pick another with --port N (0 = any free port).`);
    else
      out.error(`The preview server could not start on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  out.log(`Closebook preview: ${server.url}`);
  out.log(
    `Workbook: ${file ?? "the demo company (January to October 2026 closed; November and December to post and close)"}. Press Ctrl-C to stop.`,
  );
  const running = server;
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      running.close().then(done, done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  out.log("Closebook preview stopped.");
  return 0;
}
