/**
 * Entry point of `npm run test:e2e`: the preview server, Chromium, the
 * scenario, "e2e: N passed, N failed", exit code 1 on any failure.
 *
 * Example: npm run test:e2e → … e2e: 10 passed, 0 failed (screenshots in test-artifacts/e2e/)
 */
import { runTests, startPreview, withBrowser, ARTIFACTS } from "./harness";
import { SCENARIO } from "./scenario";

async function main(): Promise<number> {
  const { url, server } = await startPreview();
  try {
    const { passed, failed } = await withBrowser(async (browser) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        acceptDownloads: true,
        colorScheme: "light",
      });
      const page = await context.newPage();
      page.on("pageerror", (e) => console.log(`    page error: ${e.message}`));
      const started = Date.now();
      await page.goto(url);
      console.log(`  preview at ${url} (page loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return runTests(SCENARIO, page);
    });
    console.log(`e2e: ${passed} passed, ${failed} failed (screenshots in ${ARTIFACTS})`);
    return failed === 0 && passed > 0 ? 0 : 1;
  } finally {
    server.kill();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: 0 passed, 1 failed — ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
