// Page tests of keeping and sharing the agreement: undo/redo, autosave across reloads (and
// unreadable saved state set aside), share links, download/upload, the column mapping, dragging
// a line, chart exports, the first-visit guide and a keyboard-only path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, offOriginRequests, openPage } from './browser.mjs';

let env;
let offOrigin = [];
before(async () => {
  env = await launch();
  offOrigin = offOriginRequests(env);
});
after(async () => {
  await env?.close();
  assert.deepEqual(offOrigin, [], 'no request left the page’s origin');
});

const num = (t) => Number(String(t).replace(/[^0-9.-]/g, ''));
const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));
/** Wait until the MQL tile is below (`n < a`), equal to (`n === a`) or above (`n > a`) `a`. */
const untilMqls = (page, how, arg) => page.waitForFunction(([op, a]) => {
  const n = Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, ''));
  return op === 'n < a' ? n < a : op === 'n > a' ? n > a : n === a;
}, [how, arg]);

async function setLine(page, value) {
  await page.fill('[data-testid="number-mql-fit"]', String(value));
  await page.dispatchEvent('[data-testid="number-mql-fit"]', 'change');
}

async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('undo and redo take a change back and forth, by button and by keyboard', async () => {
  const { page } = await openPage(env);
  const start = await mqls(page);
  assert.equal(await page.isDisabled('[data-testid="undo"]'), true, 'nothing to undo on arrival');
  await setLine(page, 70);
  await untilMqls(page, 'n < a', start);
  const raised = await mqls(page);
  assert.match(await page.getAttribute('[data-testid="undo"]', 'title'), /MQL/);
  await page.click('[data-testid="undo"]');
  await untilMqls(page, 'n === a', start);
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '50');
  await page.click('[data-testid="redo"]');
  await untilMqls(page, 'n === a', raised);
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '70');
  // Ctrl+Z outside a text field.
  await page.click('[data-testid="tiles"]');
  await page.keyboard.press('Control+z');
  await untilMqls(page, 'n === a', start);
  await page.keyboard.press('Control+Shift+z');
  await untilMqls(page, 'n === a', raised);
  await page.close();
});

test('a reload keeps the agreement; unreadable saved state is set aside with a message', async () => {
  const first = await openPage(env);
  await setLine(first.page, 62);
  await untilMqls(first.page, 'n < a', 863);
  const changed = await mqls(first.page);
  // Autosave happens once the engine accepted the change.
  await first.page.waitForFunction(() => JSON.parse(localStorage.getItem('accord.state') ?? 'null')?.agreement?.qualification?.thresholds?.mql?.fit === 62);
  const good = JSON.parse(await first.page.evaluate(() => localStorage.getItem('accord.state')));
  const second = await openPage(env, { keepStorage: true });
  assert.equal(await second.page.inputValue('[data-testid="number-mql-fit"]'), '62');
  assert.equal(await mqls(second.page), changed);
  assert.equal(await second.page.isVisible('[data-testid="notice"]'), false);
  // Corrupt what is saved: the next visit says so, sets it aside, and works on the default.
  await second.page.evaluate(() => localStorage.setItem('accord.state', '{"format":1,"agreement":{"version":2,"qualification":'));
  const third = await openPage(env, { keepStorage: true });
  assert.match(await third.page.textContent('[data-testid="notice"]'), /could not be read .*set aside/);
  assert.equal(await third.page.inputValue('[data-testid="number-mql-fit"]'), '50');
  const aside = JSON.parse(await third.page.evaluate(() => localStorage.getItem('accord.unreadable')));
  assert.match(aside.raw, /"qualification":$/, 'the unreadable text is kept, not lost');
  // Saved state the engine refuses (a threshold of the wrong type) is set aside too.
  good.agreement.qualification.thresholds.mql.fit = 'fifty';
  await third.page.evaluate((s) => localStorage.setItem('accord.state', JSON.stringify(s)), good);
  const fourth = await openPage(env, { keepStorage: true });
  assert.match(await fourth.page.textContent('[data-testid="notice"]'), /refused .*qualification\.thresholds\.mql\.fit/);
  for (const p of [first, second, third, fourth]) await p.page.close();
});

test('a share link carries the agreement to a fresh browser; a damaged one is refused', async () => {
  const { page } = await openPage(env);
  await setLine(page, 58);
  await untilMqls(page, 'n < a', 863);
  const expected = await mqls(page);
  await page.click('[data-testid="share"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]').value.includes('#agreement=1.'));
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.ok(link.startsWith(env.url), link);
  assert.ok(link.length < 6000, `a link of ${link.length} characters`);
  assert.doesNotMatch(link, /gregoire|helix\.io/i, 'no lead data in the link');
  await page.close();

  const hash = link.slice(link.indexOf('#'));
  const fresh = await openPage(env, { hash });
  assert.equal(await fresh.page.inputValue('[data-testid="number-mql-fit"]'), '58');
  assert.equal(await mqls(fresh.page), expected);
  assert.match(await fresh.page.textContent('[data-testid="notice"]'), /from the link is loaded/);
  assert.equal(await fresh.page.evaluate(() => location.hash), '', 'the link is not applied again on reload');
  // Undo goes back to the agreement this browser had.
  await fresh.page.click('[data-testid="undo"]');
  await fresh.page.waitForFunction(() => document.querySelector('[data-testid="number-mql-fit"]').value === '50');
  await fresh.page.close();

  const broken = await openPage(env, { hash: `${hash.slice(0, hash.length - 12)}` });
  assert.match(await broken.page.textContent('[data-testid="notice"]'), /link’s agreement was not used: the link is damaged/);
  assert.equal(await broken.page.inputValue('[data-testid="number-mql-fit"]'), '50');
  await broken.page.close();
});

test('the agreement downloads as JSON and uploads back; a bad upload says where and changes nothing', async () => {
  const { page } = await openPage(env);
  await setLine(page, 66);
  await untilMqls(page, 'n < a', 863);
  const { name, text } = await downloaded(page, () => page.click('[data-testid="download-agreement"]'));
  assert.match(name, /^accord-b2b-software\.json$/);
  const agreement = JSON.parse(text);
  assert.equal(agreement.qualification.thresholds.mql.fit, 66);
  assert.equal(agreement.version, 2);

  const dir = mkdtempSync(join(tmpdir(), 'accord-upload-'));
  agreement.qualification.thresholds.mql.fit = 35;
  agreement.name = 'Uploaded';
  writeFileSync(join(dir, 'mine.json'), JSON.stringify(agreement));
  await page.setInputFiles('[data-testid="upload-agreement"]', join(dir, 'mine.json'));
  await page.waitForFunction(() => document.querySelector('[data-testid="number-mql-fit"]').value === '35');
  assert.match(await page.textContent('[data-testid="agreement-name"]'), /Uploaded/);
  const after35 = await mqls(page);
  assert.ok(after35 > 863);

  agreement.qualification.fit.groups[0].rules[0].points = 'many';
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(agreement));
  await page.setInputFiles('[data-testid="upload-agreement"]', join(dir, 'bad.json'));
  await page.waitForFunction(() => /bad\.json was not used/.test(document.querySelector('[data-testid="notice"]').textContent));
  assert.match(await page.textContent('[data-testid="notice"]'), /qualification\.fit\.groups\[0\]\.rules\[0\]\.points/);
  writeFileSync(join(dir, 'half.json'), '{"version": 2, "name": "cut sh');
  await page.setInputFiles('[data-testid="upload-agreement"]', join(dir, 'half.json'));
  await page.waitForFunction(() => /half\.json was not used: it is not JSON/.test(document.querySelector('[data-testid="notice"]').textContent));
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '35');
  assert.equal(await mqls(page), after35);
  await page.close();
});

test('a column given to no field stops feeding the rules; undo gives it back', async () => {
  const { page } = await openPage(env);
  const start = await mqls(page);
  await page.click('#columns-box summary');
  const select = page.locator('[data-testid="column-map"][data-column="Job Title"]');
  assert.equal(await select.inputValue(), 'job_title');
  await select.selectOption('');
  await untilMqls(page, 'n < a', start);
  await page.waitForFunction(() => document.querySelector('[data-testid="column-map"][data-column="Job Title"]').value === '');
  await page.click('[data-testid="undo"]');
  await untilMqls(page, 'n === a', start);
  assert.equal(await page.locator('[data-testid="column-map"][data-column="Job Title"]').inputValue(), 'job_title');
  await page.close();
});

test('dragging the MQL line on the fit distribution moves the threshold', async () => {
  const { page } = await openPage(env);
  const start = await mqls(page);
  const line = page.locator('[data-testid="dist-fit"] .handle[data-line="mql"]');
  const box = await line.boundingBox();
  const svg = await page.locator('[data-testid="dist-fit"] svg').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(svg.x + svg.width * 0.72, box.y + 10, { steps: 8 });
  await page.mouse.up();
  await untilMqls(page, 'n < a', start);
  const value = Number(await page.inputValue('[data-testid="number-mql-fit"]'));
  assert.ok(value >= 68 && value <= 74, `line dropped at ${value}`);
  await page.click('[data-testid="undo"]');
  await untilMqls(page, 'n === a', start);
  await page.close();
});

test('charts download as SVG files with the figures shown', async () => {
  const { page } = await openPage(env);
  const matrix = await downloaded(page, () => page.click('[data-testid="svg-matrix"]'));
  assert.equal(matrix.name, 'accord-matrix.svg');
  assert.match(matrix.text, /^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const cell = await page.textContent('[data-testid="matrix-cell-B-2"] .n');
  assert.ok(matrix.text.includes(`>${cell}<`), `the B2 count ${cell} is in the SVG`);
  const dist = await downloaded(page, () => page.click('[data-testid="svg-dist"]'));
  assert.match(dist.text, /<rect[^>]*class="bar/);
  assert.match(dist.text, /MQL ≥ 50/);
  await page.close();
});

test('a first visit shows the guide; once dismissed it stays away', async () => {
  const { page } = await openPage(env, { guide: true });
  assert.equal(await page.isVisible('[data-testid="guide"]'), true);
  assert.equal(await page.locator('[data-testid="guide"] li').count(), 3);
  await page.click('[data-testid="guide-close"]');
  assert.equal(await page.isVisible('[data-testid="guide"]'), false);
  const again = await openPage(env, { keepStorage: true });
  assert.equal(await again.page.isVisible('[data-testid="guide"]'), false);
  await page.close();
  await again.page.close();
});

test('every tile, funnel step and matrix cell explains its number on keyboard focus', async () => {
  const { page } = await openPage(env);
  const shownOnFocus = async (sel) => {
    await page.focus(sel);
    return page.$eval(sel, (el) => getComputedStyle(el, '::after').content);
  };
  for (const id of ['leads', 'mql', 'sql', 'dq', 'won']) {
    const shown = await shownOnFocus(`[data-testid="tile-${id}"]`);
    assert.ok(shown.length > 20, `tile ${id} shows its definition: ${shown}`);
  }
  for (const id of ['leads', 'mql', 'sql', 'won']) {
    assert.ok((await shownOnFocus(`[data-testid="funnel-${id}"]`)).length > 20, `funnel ${id}`);
  }
  const cell = await shownOnFocus('[data-testid="matrix-cell-B-2"]');
  const n = await page.textContent('[data-testid="matrix-cell-B-2"] .n');
  assert.ok(cell.includes(`B2: ${n} leads with fit grade B and interest grade 2`), cell);
  assert.match(cell, /\d+ of \d+ were won/);
  // A live update re-draws the funnel under the reader's focus: the focus stays on the step.
  await page.focus('[data-testid="funnel-mql"]');
  const before = await mqls(page);
  const shown = await page.textContent('[data-testid="mql-count"]');
  await page.evaluate(() => {
    const slider = document.querySelector('[data-testid="slider-mql-fit"]');
    slider.value = String(Number(slider.value) - 10);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction((n) => document.querySelector('[data-testid="mql-count"]').textContent !== n, shown);
  assert.ok((await mqls(page)) > before, 'a lower MQL line gives more MQLs');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'funnel-mql');
  assert.ok(await page.evaluate(() => document.activeElement.matches(':focus-visible')), 'the focus ring stays');
  assert.ok((await page.$eval('[data-testid="funnel-mql"]', (el) => getComputedStyle(el, '::after').content)).length > 20,
    'the definition stays shown');
  await page.close();
});

test('keyboard only: reach the MQL slider, move it, switch views, undo', async () => {
  const { page } = await openPage(env);
  const start = await mqls(page);
  // The first Tab reaches "Skip to the results"; Enter jumps past the agreement editor.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the results');
  await page.keyboard.press('Enter');
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.dataset?.testid === 'slider-mql-fit');
  }
  assert.ok(found, 'the MQL fit slider is reachable with Tab');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="number-mql-fit"]').value === '55');
  await untilMqls(page, 'n < a', start);
  // The views: Tab reaches the selected tab, arrows move between tabs.
  await page.focus('[data-testid="tab-leads"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tab-followup');
  assert.equal(await page.isVisible('[data-testid="view-followup"]'), true);
  assert.equal(await page.isVisible('[data-testid="view-leads"]'), false);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tab-sla');
  await page.keyboard.press('Control+z');
  await untilMqls(page, 'n === a', start);
  // Focus is visible: the focused tab has an outline.
  const outline = await page.$eval('[data-testid="tab-sla"]', (el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.close();
});

test('the handoff queue lists only leads handed over and not yet touched, overdue first', async () => {
  const { page } = await openPage(env);
  await page.click('[data-testid="tab-followup"]');
  const queue = '#queue-root';
  await page.waitForFunction((q) => /of/.test(document.querySelector(`${q} [data-testid="leads-count"]`)?.textContent ?? ''), queue);
  await page.waitForFunction((q) => document.querySelectorAll(`${q} [data-testid="lead-row"][data-row]`).length > 0, queue);
  const states = await page.$$eval(`${queue} [data-testid="lead-row"][data-row] .c-sla`, (els) => els.map((e) => e.textContent));
  assert.ok(states.length > 0);
  for (const s of states) assert.match(s, /overdue|pending/i);
  // The SLA filter is fixed here: no select for it.
  assert.equal(await page.isVisible(`${queue} [data-testid="leads-filter-sla"]`), false);
  // As many as the lifecycle card's "overdue now" plus the pending ones: at least the overdue.
  const overdue = num(await page.textContent('[data-testid="fu-overdue"] strong'));
  const [shown] = (await page.textContent(`${queue} [data-testid="leads-count"]`)).match(/[\d,]+/);
  assert.ok(num(shown) >= overdue, `${shown} in the queue, ${overdue} overdue`);
  await page.close();
});

test('versions: save with a note, see the difference in words, restore (undoable)', async () => {
  const { page } = await openPage(env);
  await page.click('[data-testid="history-open"]');
  assert.match(await page.textContent('[data-testid="versions"]'), /No saved version yet/);
  await page.fill('[data-testid="version-note"]', 'Agreed at the March meeting');
  await page.click('[data-testid="save-version"]');
  await page.waitForSelector('[data-testid="version"]');
  assert.match(await page.textContent('[data-testid="version"]'), /Agreed at the March meeting/);
  await page.click('[data-testid="history-close"]');

  await setLine(page, 45);
  await untilMqls(page, 'n > a', 863);
  await page.click('[data-testid="history-open"]');
  // From the saved version to the current agreement, in words.
  await page.waitForSelector('[data-testid="diff-change"]');
  const changes = await page.$$eval('[data-testid="diff-change"]', (els) => els.map((e) => [e.dataset.path, e.textContent]));
  assert.deepEqual(changes, [['qualification.thresholds.mql.fit', 'MQL fit threshold 50 → 45']]);
  // The same version on both sides: no difference.
  const id = await page.$eval('[data-testid="diff-a"]', (s) => s.value);
  await page.selectOption('[data-testid="diff-b"]', id);
  await page.waitForFunction(() => /No difference/.test(document.querySelector('[data-testid="diff"]').textContent));

  await page.click('[data-testid="version-restore"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="number-mql-fit"]').value === '50');
  await untilMqls(page, 'n === a', 863);
  assert.match(await page.textContent('[data-testid="notice"]'), /is the agreement now/);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="number-mql-fit"]').value === '45');
  await page.close();
});

test('in French, the tools, tabs and dialogs speak French, and switching back is instant', async () => {
  const { page } = await openPage(env, { query: '?lang=fr' });
  assert.equal(await page.textContent('[data-testid="tab-followup"]'), 'Suivi');
  assert.match(await page.textContent('[data-testid="undo"]'), /Annuler/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.match(await page.textContent('[data-testid="funnel"]'), /des leads/);
  // 17,3 % with a (narrow) no-break space before the sign.
  assert.match(await page.textContent('[data-testid="mql-detail"]'), /^17,3[\u00a0\u202f]%/);
  await page.selectOption('[data-testid="lang"]', 'en');
  assert.equal(await page.textContent('[data-testid="tab-followup"]'), 'Follow-up');
  assert.match(await page.textContent('[data-testid="mql-detail"]'), /^17\.3% of leads/);
  await page.close();
});
