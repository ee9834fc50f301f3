// Shared set-up for the page tests: the page's own server on 127.0.0.1 and Debian's Chromium
// driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../www/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** `server`: options for the server (extra paths); `args`: extra Chromium flags. */
export async function launch({ server: serverOptions = {}, args = [] } = {}) {
  const server = await startServer({ ...serverOptions, port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'accord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', ...args,
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

/**
 * Open the page and wait until the sample data is scored and shown. Each page starts as a
 * first visit (the browser's storage emptied) unless `keepStorage` is set — a second page with
 * it sees what the first one saved, as a reload would. `globals`: values set on the page's
 * global object before it boots.
 */
export async function openPage(env, { keepStorage = false, query = '', hash = '', guide = false, globals = null } = {}) {
  const page = await env.context.newPage();
  // Globals the page reads as it boots (e.g. `accordLimits` for the watchdog and file limits).
  if (globals) await page.addInitScript((g) => Object.assign(globalThis, g), globals);
  if (!keepStorage) {
    await page.addInitScript((keepGuide) => {
      localStorage.clear();
      if (!keepGuide) localStorage.setItem('accord.guide.dismissed', '1');
    }, guide);
  }
  const events = { console: [], requests: [], pageErrors: [] };
  page.on('console', (m) => events.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => events.pageErrors.push(e.message));
  page.on('request', (r) => events.requests.push(r.url()));
  // Workers' requests (the .wasm fetch) are seen through the context.
  await page.goto(`${env.url}${query}${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, events };
}

/**
 * Every request the browser context makes outside `env`'s origin (workers included; `blob:`
 * and `data:` URLs are the page's own), collected into the returned array as they happen.
 */
export function offOriginRequests(env) {
  const off = [];
  env.context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(env.url) && !u.startsWith('blob:') && !u.startsWith('data:')) off.push(u);
  });
  return off;
}

/** Type `text` into the paste box (opening it first). */
export async function fillPaste(page, text) {
  await page.evaluate(() => { document.querySelector('.paste-box').open = true; });
  await page.fill('[data-testid="paste-input"]', text);
}

/** Show one of the views under the results: leads, followup, goals, kpis, sla. */
export async function showTab(page, name) {
  await page.click(`[data-testid="tab-${name}"]`);
}

/** The column mapping as shown: "header → field" per column ('' when it feeds nothing). */
export async function columnMap(page) {
  return page.$$eval('[data-testid="column-map"]', (els) => els.map((s) => `${s.dataset.column} → ${s.value}`).join('\n'));
}
