/**
 * @jest-environment node
 *
 * `npm start` on a machine without dev certificates (issue #17 risk 2): the
 * dev server's https options come from office-addin-dev-certs'
 * getHttpsServerOptions() (which creates and trusts a localhost certificate,
 * as the official task-pane template does), never webpack's self-signed
 * certificate, which Excel's webview refuses. DEV_HTTP=1 keeps plain http on
 * 127.0.0.1 for browser tests; a plain build never asks for certificates.
 */
const certs = { ca: Buffer.from("CA"), cert: Buffer.from("CERT"), key: Buffer.from("KEY") };
const getHttpsServerOptions = jest.fn(async () => certs);
jest.mock("office-addin-dev-certs", () => ({ getHttpsServerOptions }));

type DevServer = { host: string; server: unknown };
type Config = { devServer: DevServer };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as (
  env: Record<string, unknown>,
  argv: { mode: string },
) => Config | Promise<Config>;

afterEach(() => {
  delete process.env.DEV_HTTP;
  getHttpsServerOptions.mockClear();
});

test("webpack serve: https with the certificate office-addin-dev-certs gives", async () => {
  const c = await config({ WEBPACK_SERVE: true }, { mode: "development" });
  expect(getHttpsServerOptions).toHaveBeenCalledTimes(1);
  expect(c.devServer.server).toEqual({ type: "https", options: certs });
  expect(c.devServer.host).toBe("localhost");
});

test("DEV_HTTP=1: plain http on 127.0.0.1, no certificate asked for", async () => {
  process.env.DEV_HTTP = "1";
  const c = await config({ WEBPACK_SERVE: true }, { mode: "development" });
  expect(c.devServer.server).toBe("http");
  expect(getHttpsServerOptions).not.toHaveBeenCalled();
});

test("a build (not serve) never asks for certificates", async () => {
  await config({}, { mode: "production" });
  expect(getHttpsServerOptions).not.toHaveBeenCalled();
});
