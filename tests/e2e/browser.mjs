// Shared set-up for the page tests: the page's own server on 127.0.0.1 and Debian's Chromium
// driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../www/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launch() {
  const server = await startServer({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'accord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    url: server.url,
    context,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Open the page and wait until the sample data is scored and shown. */
export async function openPage(env) {
  const page = await env.context.newPage();
  const events = { console: [], requests: [], pageErrors: [] };
  page.on('console', (m) => events.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => events.pageErrors.push(e.message));
  page.on('request', (r) => events.requests.push(r.url()));
  // Workers' requests (the .wasm fetch) are seen through the context.
  await page.goto(env.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, events };
}
