// Take a screenshot of the served page as a user first sees it: node tests/e2e/screenshot.mjs OUT.png
import { launch, openPage } from './browser.mjs';

const out = process.argv[2] ?? 'screenshot.png';
const env = await launch();
try {
  const { page } = await openPage(env);
  // The lifecycle card fills in once the results settle.
  await page.waitForSelector('[data-testid="stage-table"]');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await env.close();
}
