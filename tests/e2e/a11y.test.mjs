// Accessibility checks a person relies on: every control has a name, text contrast passes WCAG
// AA (4.5:1, 3:1 for large text) in each view and in French, and the page fits a 13-inch laptop
// screen without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, showTab } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

// Runs in the page: the visible text whose contrast with what is behind it is too low.
function lowContrast() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, below) => ({
    r: top.r * top.a + below.r * (1 - top.a), g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) layers.push(bg);
      if (bg && bg.a === 1) break;
    }
    return layers.reduceRight((acc, l) => over(l, acc), { r: 255, g: 255, b: 255, a: 1 });
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg, [hidden], dialog:not([open]), .visually-hidden, option, select')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) < 0.5) continue;
    if (el.matches(':disabled, :disabled *')) continue; // WCAG exempts inactive controls
    const fg = parse(style.color);
    const bg = background(el);
    const color = over(fg, bg);
    const [l1, l2] = [lum(color), lum(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)}:1 "${el.textContent.trim().slice(0, 40)}" (${el.className || el.tagName})`);
  }
  return bad;
}

for (const query of ['', '?lang=fr']) {
  test(`text contrast passes WCAG AA in every view${query ? ' (French)' : ''}`, async () => {
    const { page } = await openPage(env, { query, guide: true });
    await page.waitForSelector('[data-testid="lifecycle-body"] table', { state: 'attached' });
    const found = new Set(await page.evaluate(lowContrast));
    for (const tab of ['followup', 'goals', 'kpis', 'sla']) {
      await showTab(page, tab);
      await page.waitForTimeout(150);
      for (const b of await page.evaluate(lowContrast)) found.add(b);
    }
    assert.deepEqual([...found], []);
    await page.close();
  });
}

test('every control has an accessible name', async () => {
  const { page } = await openPage(env);
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, [role="tab"]')]
    .filter((el) => !el.closest('[hidden], dialog:not([open])'))
    .filter((el) => {
      const labelled = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.title;
      const text = el.tagName === 'BUTTON' || el.getAttribute('role') === 'tab' ? el.textContent.trim() : '';
      return !labelled && !text;
    })
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  await page.close();
});

test('a 13-inch laptop screen (1280 × 720) needs no sideways scrolling', async () => {
  const { page } = await openPage(env);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the window`);
  // The tiles and the agreement panel are both on the first screen.
  const tiles = await page.locator('[data-testid="tiles"]').boundingBox();
  const agreement = await page.locator('#agreement-panel').boundingBox();
  assert.ok(tiles.y < 720 && agreement.x < tiles.x, 'results beside the agreement');
  await page.close();
});
