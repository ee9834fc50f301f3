// Page tests of the SLA document card: the seven parts, kept in step with the agreement, the
// print stylesheet that prints the document alone, and French.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, showTab } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

const PARTS = ['goals', 'definitions', 'qualification', 'handoff', 'nurture', 'follow_up', 'kpis'];
const partText = (page, id) => page.textContent(`[data-testid="sla-part"][data-part="${id}"]`);

async function waitForDocument(page) {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sla-part"]').length === 7, null, { timeout: 30_000 });
}

test('the SLA card shows the seven parts, in order, with tables', async () => {
  const { page, events } = await openPage(env);
  await showTab(page, 'sla');
  await waitForDocument(page);
  const ids = await page.$$eval('[data-testid="sla-part"]', (s) => s.map((x) => x.dataset.part));
  assert.deepEqual(ids, PARTS);
  const titles = await page.$$eval('[data-testid="sla-part"] h2', (s) => s.map((x) => x.textContent));
  assert.equal(titles[0], '1. Shared goals');
  assert.equal(titles[6], '7. Key performance indicators (KPIs)');
  assert.ok(await page.locator('[data-testid="sla-document"] [data-testid="sla-table"]').count() >= 5);
  assert.match(await page.textContent('[data-testid="sla-document"] h1'), /Service-level agreement/);
  // The MQL count the document states is the one the tiles show.
  const mqls = (await page.textContent('[data-testid="mql-count"]')).trim();
  assert.ok((await partText(page, 'qualification')).includes(`MQLs${mqls}`), 'the tile\u2019s MQL count is in part 3');
  assert.deepEqual(events.pageErrors, []);
  assert.deepEqual(events.console.filter((m) => m.type === 'error'), []);
  await page.close();
});

test('the MQL threshold written in the document follows the slider', async () => {
  const { page } = await openPage(env);
  await showTab(page, 'sla');
  await waitForDocument(page);
  assert.match(await partText(page, 'qualification'), /MQL linefit ≥ 50 and interest ≥ 40/);
  await page.locator('[data-testid="slider-mql-fit"]').fill('30');
  await page.waitForFunction(() => document.querySelector('[data-testid="sla-part"][data-part="qualification"]')?.textContent.includes('fit ≥ 30 and interest ≥ 40'));
  assert.doesNotMatch(await partText(page, 'qualification'), /fit ≥ 50 and interest ≥ 40/);
  await page.close();
});

test('printing shows the document alone', async () => {
  const { page } = await openPage(env);
  await showTab(page, 'sla');
  await waitForDocument(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('[data-testid="sla-document"]'), true);
  for (const id of ['tiles', 'matrix', 'whatif', 'explain', 'kpis', 'goals', 'lifecycle', 'drop-zone', 'sla-print', 'status']) {
    assert.equal(await page.isVisible(`[data-testid="${id}"]`), false, `${id} is not printed`);
  }
  // The document starts at the top of the page and is not clipped by its card's scroll box.
  const box = await page.locator('[data-testid="sla-document"]').boundingBox();
  assert.ok(box.y < 40, `document at y=${box.y}`);
  const clipped = await page.$eval('[data-testid="sla-body"]', (el) => el.scrollHeight > el.clientHeight + 1);
  assert.equal(clipped, false);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('[data-testid="tiles"]'), true);
  await page.close();
});

test('in French, the document is written in French', async () => {
  const { page, events } = await openPage(env, { query: '?lang=fr' });
  const errors = events.pageErrors;
  await showTab(page, 'sla');
  await waitForDocument(page);
  const titles = await page.$$eval('[data-testid="sla-part"] h2', (s) => s.map((x) => x.textContent));
  assert.deepEqual(titles, [
    '1. Objectifs communs', '2. Définitions', '3. Qualification des prospects', '4. Transfert des leads',
    '5. Nourrir les prospects', '6. Gestion des prospects et activation des ventes', '7. Indicateurs clés de performance (KPI)',
  ]);
  assert.equal(await page.textContent('[data-testid="tab-sla"]'), 'Document SLA');
  assert.equal(await page.textContent('[data-testid="sla-print"]'), 'Imprimer le SLA');
  const q = await partText(page, 'qualification');
  assert.match(q, /adéquation ≥ 50 et intérêt ≥ 40/);
  assert.match(await page.textContent('[data-testid="sla-document"] .sla-subtitle'), /5\u202f000 leads dans les données/);
  assert.match(await partText(page, 'definitions'), /Lead qualifié marketing \(MQL\)/);
  assert.deepEqual(errors, []);
  await page.close();
});
