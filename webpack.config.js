/**
 * Browser build of the add-in: the task pane (src/taskpane/index.tsx +
 * taskpane.html) and the ribbon function file (src/commands/commands.ts +
 * commands.html), and the CLOSEBOOK.* custom functions (src/functions/functions.ts →
 * functions.js, with functions.json generated from their JSDoc by
 * custom-functions-metadata-plugin; all three load in taskpane.html, the shared runtime) into dist/, with assets/ and manifest.xml copied alongside.
 * In production mode the manifest's https://localhost:3000/ URLs are rewritten
 * to URL_PROD. No polyfills: Office runs add-ins in Edge WebView2, WKWebView or
 * the user's browser (engineering/excel-addin.md §1.2).
 *
 *   npx webpack --mode production | development
 *   npx webpack serve --mode development           https with office-addin-dev-certs' localhost certificate
 *   DEV_HTTP=1 npx webpack serve --mode development plain http on 127.0.0.1 (browser tests)
 *   npx webpack --mode development --env preview   the browser preview into dist-preview/
 *
 * The preview build (`npm run build:preview`, served by `closebook preview`)
 * holds the preview page (src/preview/index.tsx + preview.html: the grid of a
 * fake Excel host) and the same task pane, whose taskpane.html loads
 * office-stub.js (src/preview/officeStubEntry.ts) instead of office.js from the
 * CDN; no manifest and no ribbon commands.
 *
 * The pane's command worker (src/taskpane/worker/commandWorker.ts, the command map off the main thread) is a
 * chunk webpack makes from `new Worker(new URL(…), { name: "closebook-commands" })` in src/taskpane/worker/bootWorker.ts,
 * in both builds, from the same origin as the pane (no manifest or CSP change); the "pane-boot" entry
 * (src/taskpane/paneBoot.ts), run before the pane's bundle, starts it.
 *
 * Guard: the task pane and the preview never bundle the Node CLI (src/cli/**)
 * or the xlsx adapter, except the sheet writers the browser's .xlsx writer
 * (src/adapters/browser/) imports; ForbidModulesPlugin fails the build if any other
 * is resolved.
 * exceljs comes in only as its prebuilt browser build (exceljs.bare.min.js, no
 * polyfills, not parsed), loaded by the Publish button's import(): a lazy chunk
 * ("xlsx-writer"), never part of an entry's first load (checked too). The pane's first load carries neither the
 * command map nor the book decoder (PaneFirstLoadPlugin, over every entry but the preview page): they run in the
 * command worker.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const URL_DEV = "https://localhost:3000/";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Production origin; closebook.example.com is a placeholder until the add-in has a real home. */
const URL_PROD = process.env.CLOSEBOOK_URL_PROD || "https://closebook.example.com/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/** exceljs' browser build, for the pane's Publish (src/adapters/browser/xlsxWriter.ts), in a lazy chunk only. */
const EXCELJS_BROWSER = path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.bare.min.js");

const XLSX_ADAPTER = /[\\/]src[\\/]adapters[\\/]xlsx[\\/]/;
/** The browser's .xlsx writer (src/adapters/browser/): the xlsx modules it imports (its sheet writers) may be bundled. */
const BROWSER_ADAPTER = /[\\/]src[\\/]adapters[\\/]browser[\\/]/;

/** Modules that must never reach a browser bundle: [pattern over the resolved path, reason]. */
const FORBIDDEN = [
  [
    /[\\/]node_modules[\\/]exceljs[\\/](?!dist[\\/]exceljs\.bare\.min\.js$)/,
    "exceljs is for the Node CLI (the pane: its browser build, lazily)",
  ],
  [/[\\/]src[\\/]cli[\\/]/, "src/cli/** is the Node CLI"],
  [XLSX_ADAPTER, "src/adapters/xlsx/** wraps exceljs for the Node CLI (the pane: only through src/adapters/browser)"],
];

/** Fails the build when exceljs lands in a chunk an entry loads first (it belongs in the lazy "xlsx-writer" chunk). */
class LazyExcelJsPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("LazyExcelJsPlugin", (compilation) => {
      compilation.hooks.afterChunks.tap("LazyExcelJsPlugin", () => {
        for (const [name, entry] of compilation.entrypoints)
          for (const chunk of entry.chunks)
            for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk))
              if (m.resource === EXCELJS_BROWSER)
                compilation.errors.push(
                  new Error(`exceljs is in the first load of entry "${name}": import() it lazily`),
                );
      });
    });
  }
}

/**
 * Modules the task pane's first load must not carry (#16 point 1: usable within 2 s): the command map and the book
 * decoder run in the pane's command worker, or on the main thread only when the worker is missing, imported then
 * (src/taskpane/shell/useSend.ts localCommands). The build fails when one lands in the first load of any entry —
 * the pane's, its boot script's, and the ribbon commands' and custom functions' (Excel loads them with the pane:
 * one shared runtime; src/functions/host.ts imports the command map on the first formula) — and the preview page's
 * ("preview": its fake Excel host restores the workbook in the restore worker, src/preview/restoreWorker.ts, and its
 * Download imports the command map then; the page's main thread is the pane's too).
 */
const NOT_IN_PANE_FIRST_LOAD = [
  /[\\/]src[\\/]app[\\/]commands[\\/]index\.ts$/,
  /[\\/]src[\\/]app[\\/]operation\.ts$/,
  /[\\/]src[\\/]schema[\\/]bookCodec\.ts$/,
];

/** entries whose first load may carry them: none (worker chunks are not entries' first loads) */
const FIRST_LOAD_EXEMPT = new Set([]);

class PaneFirstLoadPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("PaneFirstLoadPlugin", (compilation) => {
      compilation.hooks.afterChunks.tap("PaneFirstLoadPlugin", () => {
        for (const [name, entry] of compilation.entrypoints) {
          if (FIRST_LOAD_EXEMPT.has(name)) continue;
          for (const chunk of entry.chunks)
            for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk))
              for (const pattern of NOT_IN_PANE_FIRST_LOAD)
                if (m.resource && pattern.test(m.resource))
                  compilation.errors.push(
                    new Error(
                      `${m.resource} is in the first load of entry "${name}": it belongs in the command worker or a lazy chunk`,
                    ),
                  );
        }
      });
    });
  }
}

/** Resolution shared by the browser builds: exceljs is its browser build without polyfills. */
const RESOLVE = { extensions: [".ts", ".tsx", ".js"], alias: { exceljs$: EXCELJS_BROWSER } };
/** exceljs' browser build is one prebuilt, minified file: not parsed again. */
const NO_PARSE = /[\\/]node_modules[\\/]exceljs[\\/]dist[\\/]/;
/** exceljs in a lazy chunk of its own, "exceljs" (beside the writer's "xlsx-writer"), named for the size budget's filter. */
const SPLIT_CHUNKS = { cacheGroups: { exceljs: { test: NO_PARSE, name: "exceljs", chunks: "async", enforce: true } } };

class ForbidModulesPlugin {
  apply(compiler) {
    compiler.hooks.normalModuleFactory.tap("ForbidModulesPlugin", (factory) => {
      // xlsx adapter modules reached from the browser writer (a module built with Node imports fails the web build anyway)
      const viaWriter = new Set();
      factory.hooks.afterResolve.tap("ForbidModulesPlugin", (data) => {
        const resource = data.createData.resource || "";
        if (XLSX_ADAPTER.test(resource)) {
          const issuer = data.contextInfo.issuer || "";
          if (BROWSER_ADAPTER.test(issuer) || viaWriter.has(issuer)) {
            viaWriter.add(resource);
            return;
          }
        }
        for (const [pattern, reason] of FORBIDDEN) {
          if (pattern.test(resource)) {
            const issuer = data.contextInfo.issuer || "(entry)";
            throw new Error(`Forbidden in the browser bundle: ${resource} (imported by ${issuer}): ${reason}`);
          }
        }
      });
    });
  }
}

const TS_RULE = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
};

/**
 * How the dev server listens. `webpack serve` gets https with the localhost
 * certificate of office-addin-dev-certs: getHttpsServerOptions() creates it
 * and trusts its CA on first use (as the official task-pane template does);
 * webpack's own self-signed certificate is refused by Excel's webview. A
 * build never asks for certificates. DEV_HTTP=1: plain http on 127.0.0.1.
 */
async function devServerTransport(serving) {
  if (process.env.DEV_HTTP) return { host: "127.0.0.1", server: "http" };
  if (!serving) return { host: "localhost", server: "https" }; // not used by a build
  const devCerts = require("office-addin-dev-certs");
  return { host: "localhost", server: { type: "https", options: await devCerts.getHttpsServerOptions() } };
}

/** The browser preview: dist-preview/ with preview.html and a task pane on the office stub. */
function previewConfig(production) {
  return {
    mode: production ? "production" : "development",
    target: "web",
    devtool: production ? false : "source-map",
    entry: {
      // starts the restore worker and the starting workbook's download before the page's bundle (src/preview/previewBoot.ts)
      "preview-boot": "./src/preview/previewBoot.ts",
      preview: "./src/preview/index.tsx",
      "office-stub": "./src/preview/officeStubEntry.ts",
      "pane-boot": "./src/taskpane/paneBoot.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist-preview"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: RESOLVE,
    module: { rules: [TS_RULE], noParse: NO_PARSE },
    optimization: { splitChunks: SPLIT_CHUNKS },
    plugins: [
      new ForbidModulesPlugin(),
      new LazyExcelJsPlugin(),
      new PaneFirstLoadPlugin(),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview-boot", "preview"],
        chunksSortMode: "manual",
      }),
      // the stub, then the boot script (it starts the command worker), then the pane's bundle: all deferred, in order
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["office-stub", "pane-boot", "taskpane"],
        chunksSortMode: "manual",
        officeJs: "",
      }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/*", to: "assets/[name][ext]" }] }),
    ],
    performance: { hints: false },
    stats: "minimal",
  };
}

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  if (env && env.preview) return previewConfig(production);
  if (env && env.WEBPACK_SERVE && !process.env.DEV_HTTP)
    return devServerTransport(true).then((t) => addInConfig(production, t));
  return addInConfig(production, {
    host: process.env.DEV_HTTP ? "127.0.0.1" : "localhost",
    server: process.env.DEV_HTTP ? "http" : "https",
  });
};

/** The add-in build (dist/); `transport` is the dev server's host and server (devServerTransport). */
function addInConfig(production, { host, server }) {
  return {
    mode: production ? "production" : "development",
    target: "web",
    devtool: production ? false : "source-map",
    entry: {
      // starts the pane's command worker before the pane's bundle has loaded (src/taskpane/paneBoot.ts)
      "pane-boot": "./src/taskpane/paneBoot.ts",
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // the CLOSEBOOK.* custom functions; functions.json is generated from their JSDoc
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // the manifest names functions.js (its Script element), so that one keeps a fixed name
      filename: (data) =>
        data.chunk && data.chunk.name === "functions"
          ? "functions.js"
          : production
            ? "[name].[contenthash:8].js"
            : "[name].js",
      // lazy chunks by name where they have one ("xlsx-writer"), else by id
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: RESOLVE,
    module: {
      rules: [TS_RULE],
      noParse: NO_PARSE,
    },
    optimization: { splitChunks: SPLIT_CHUNKS },
    plugins: [
      new ForbidModulesPlugin(),
      new LazyExcelJsPlugin(),
      new PaneFirstLoadPlugin(),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      // one shared runtime (manifest <Runtimes>): the pane's page also loads the ribbon commands and the custom functions
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["pane-boot", "taskpane", "commands", "functions"],
        chunksSortMode: "manual",
        officeJs: OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? content.toString().replaceAll(URL_DEV, URL_PROD) : content),
          },
        ],
      }),
    ],
    performance: {
      hints: production ? "warning" : false,
      maxAssetSize: 600_000,
      maxEntrypointSize: 600_000,
      // the xlsx writer and exceljs (~860 kB) load only when Publish is pressed
      assetFilter: (file) => /\.js$/.test(file) && !/^(xlsx-writer|exceljs)\./.test(file),
    },
    devServer: {
      host,
      port: PORT,
      server,
      hot: true,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
}
