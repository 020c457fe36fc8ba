/**
 * Browser build of the add-in: the task pane (src/taskpane/index.tsx +
 * taskpane.html) and the ribbon function file (src/commands/commands.ts +
 * commands.html) into dist/, with assets/ and manifest.xml copied alongside.
 * In production mode the manifest's https://localhost:3000/ URLs are rewritten
 * to URL_PROD. No polyfills: Office runs add-ins in Edge WebView2, WKWebView or
 * the user's browser (engineering/excel-addin.md §1.2).
 *
 *   npx webpack --mode production | development
 *   npx webpack serve --mode development           https with ~/.office-addin-dev-certs
 *   DEV_HTTP=1 npx webpack serve --mode development plain http on 127.0.0.1 (browser tests)
 *   npx webpack --mode development --env preview   the browser preview into dist-preview/
 *
 * The preview build (`npm run build:preview`, served by `closebook preview`)
 * holds the preview page (src/preview/index.tsx + preview.html: the grid of a
 * fake Excel host) and the same task pane, whose taskpane.html loads
 * office-stub.js (src/preview/officeStubEntry.ts) instead of office.js from the
 * CDN; no manifest and no ribbon commands.
 *
 * Guard: the task pane and the preview never bundle exceljs, the Node CLI
 * (src/cli/**) or the xlsx adapter; ForbidModulesPlugin fails the build if any
 * of them is resolved.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const URL_DEV = "https://localhost:3000/";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Production origin; closebook.example.com is a placeholder until the add-in has a real home. */
const URL_PROD = process.env.CLOSEBOOK_URL_PROD || "https://closebook.example.com/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

/** Modules that must never reach a browser bundle: [pattern over the resolved path, reason]. */
const FORBIDDEN = [
  [/[\\/]node_modules[\\/]exceljs[\\/]/, "exceljs is for the Node CLI only"],
  [/[\\/]src[\\/]cli[\\/]/, "src/cli/** is the Node CLI"],
  [/[\\/]src[\\/]adapters[\\/]xlsx[\\/]/, "src/adapters/xlsx/** wraps exceljs for the Node CLI"],
];

class ForbidModulesPlugin {
  apply(compiler) {
    compiler.hooks.normalModuleFactory.tap("ForbidModulesPlugin", (factory) => {
      factory.hooks.afterResolve.tap("ForbidModulesPlugin", (data) => {
        const resource = data.createData.resource || "";
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

function devServerTransport() {
  if (process.env.DEV_HTTP) return { host: "127.0.0.1", server: "http" };
  const file = (name) => path.join(CERT_DIR, name);
  if (["localhost.crt", "localhost.key"].every((name) => fs.existsSync(file(name)))) {
    const options = { cert: fs.readFileSync(file("localhost.crt")), key: fs.readFileSync(file("localhost.key")) };
    if (fs.existsSync(file("ca.crt"))) options.ca = fs.readFileSync(file("ca.crt"));
    return { host: "localhost", server: { type: "https", options } };
  }
  // Not fatal for `webpack build`; only the dev server reads this.
  return { host: "localhost", server: "https" }; // self-signed: run `npx office-addin-dev-certs install` for a trusted one
}

/** The browser preview: dist-preview/ with preview.html and a task pane on the office stub. */
function previewConfig(production) {
  return {
    mode: production ? "production" : "development",
    target: "web",
    devtool: production ? false : "source-map",
    entry: {
      preview: "./src/preview/index.tsx",
      "office-stub": "./src/preview/officeStubEntry.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist-preview"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [TS_RULE] },
    plugins: [
      new ForbidModulesPlugin(),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
      // the stub runs before the pane's bundle: both deferred, in this order
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["office-stub", "taskpane"], chunksSortMode: "manual", officeJs: "" }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/*", to: "assets/[name][ext]" }] }),
    ],
    performance: { hints: false },
    stats: "minimal",
  };
}

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  if (env && env.preview) return previewConfig(production);
  const { host, server } = devServerTransport();
  return {
    mode: production ? "production" : "development",
    target: "web",
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [TS_RULE],
    },
    plugins: [
      new ForbidModulesPlugin(),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], officeJs: OFFICE_JS }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
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
    performance: { hints: production ? "warning" : false, maxAssetSize: 600_000, maxEntrypointSize: 600_000 },
    devServer: {
      host,
      port: PORT,
      server,
      hot: true,
      static: false,
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
};
