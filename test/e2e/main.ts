/**
 * Entry point of `npm run test:e2e`: the preview server, Chromium, the
 * scenario, "e2e: N passed, N failed", exit code 1 on any failure.
 *
 * Example: npm run test:e2e → … e2e: 10 passed, 0 failed (screenshots in test-artifacts/e2e/)
 */
import { runTests, startPreview, withBrowser, ARTIFACTS, type E2eTest } from "./harness";
import { startProfile } from "./profile";
import { SCENARIO } from "./scenario";
import { CONTROLLER_SCENARIOS } from "./scenarios/controller";
import { DRILLDOWN_SCENARIOS } from "./scenarios/drilldown";
import { PUBLISH_SCENARIOS } from "./scenarios/publish";
import { RESPONSIVE_SCENARIOS } from "./scenarios/responsive";

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
      // E2E_PROFILE=1: what each busy stretch over 200 ms of the page's main thread ran (profile.ts)
      const profiling = process.env.E2E_PROFILE ? await startProfile(page) : undefined;
      const started = Date.now();
      // a busy machine (CI, parallel builds) can take over the default 30 s to load the preview and its demo
      await page.goto(url, { timeout: 120_000 });
      console.log(`  preview at ${url} (page loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      // each area's scenarios in its own file, after the main one (E2E_ONLY=publish,controller runs those after it)
      // publish first: it needs December still Open, which the controller's override puts on hold
      const extras: Record<string, E2eTest[]> = {
        publish: PUBLISH_SCENARIOS,
        controller: CONTROLLER_SCENARIOS,
        drilldown: DRILLDOWN_SCENARIOS,
        responsive: RESPONSIVE_SCENARIOS,
      };
      const only = process.env.E2E_ONLY?.split(",").filter(Boolean);
      const chosen = Object.entries(extras).filter(([name]) => !only || only.includes(name));
      const result = await runTests([...SCENARIO, ...chosen.flatMap(([, tests]) => tests)], page);
      if (profiling)
        console.log(["  busy stretches over 200 ms (E2E_PROFILE):", ...(await profiling.stop(200))].join("\n"));
      return result;
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
