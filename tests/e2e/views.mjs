// The main views of the page as pictures: used by the README's screenshots
// (node tests/e2e/screenshot.mjs) and by a page test that takes the same pictures.
import { openPage, showTab } from './browser.mjs';
import { join } from 'node:path';

/** Take each view; returns the files written in `dir`. */
export async function captureViews(env, dir) {
  const files = [];
  const shot = async (page, name, options = {}) => {
    const path = join(dir, name);
    await page.screenshot({ path, ...options });
    files.push(path);
  };

  // 1. The first screen: tiles, funnel, distributions, matrix, the data and the agreement.
  const { page } = await openPage(env);
  await page.waitForSelector('[data-testid="lifecycle-body"] table', { state: 'attached' });
  await shot(page, 'workbench.png');

  // 2. The agreement editor, qualification open, beside the results.
  await page.evaluate(() => {
    document.querySelector('[data-testid="editor-part-qualification"]').open = true;
    document.querySelector('#agreement-panel').scrollIntoView();
  });
  await page.waitForTimeout(200);
  await shot(page, 'editor.png');

  // 3. The leads table and one lead with its score waterfalls.
  await page.evaluate(() => document.querySelector('#agreement-panel').parentElement.scrollTo(0, 0));
  await showTab(page, 'leads');
  await page.locator('#view-leads [data-testid="leads-sort-fit"]').click();
  await page.waitForSelector('#view-leads [data-testid="lead-row"][data-row]');
  await page.locator('#view-leads').scrollIntoViewIfNeeded();
  await shot(page, 'leads.png');
  await page.locator('#view-leads [data-testid="lead-row"][data-row]').first().click();
  await page.waitForSelector('[data-testid="waterfall-fit"]');
  await page.waitForTimeout(200);
  await shot(page, 'lead.png');
  await page.keyboard.press('Escape');

  // 4. Learning from outcomes: the evaluation and the trade-off curve.
  await showTab(page, 'learn');
  await page.waitForSelector('[data-testid="learn-curve"] svg');
  await page.locator('[data-testid="learn-curve"]').scrollIntoViewIfNeeded();
  await shot(page, 'learn.png');

  // 5. The SLA document.
  await showTab(page, 'sla');
  await page.waitForSelector('[data-testid="sla-document"]');
  await page.locator('#view-sla').scrollIntoViewIfNeeded();
  await shot(page, 'sla.png');
  await page.close();

  // 6. In French.
  const fr = await openPage(env, { query: '?lang=fr' });
  await shot(fr.page, 'french.png');
  await fr.page.close();

  // 7. The example intranet page: <accord-summary> above a framed <accord-workbench>.
  const intranet = await env.context.newPage();
  await intranet.setViewportSize({ width: 1280, height: 1100 });
  await intranet.goto(`${env.url}www/intranet.html`);
  await intranet.waitForFunction(() => document.querySelector('[data-testid="summary"]')?.dataset.state === 'ready', null, { timeout: 60_000 });
  await intranet.frameLocator('[data-testid="workbench"] iframe').locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  await intranet.waitForTimeout(300);
  await shot(intranet, 'intranet.png');
  await intranet.close();
  return files;
}
