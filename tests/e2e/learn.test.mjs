// Page tests of learning from outcomes: the agreement measured against the sample's outcomes,
// MQL lines suggested for a target and picked on the curve, weights fitted and applied — each
// change undoable — and data without an outcome.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, showTab, fillPaste } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

const num = (t) => Number(String(t).replace(/[^0-9.-]/g, ''));
const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));

async function openLearn() {
  const { page, events } = await openPage(env);
  await showTab(page, 'learn');
  await page.waitForSelector('[data-testid="learn-evaluation"]');
  return { page, events };
}

test('the agreement is measured against the outcomes: AUC, precision and recall, gains', async () => {
  const { page, events } = await openLearn();
  const aucText = await page.textContent('[data-testid="learn-auc"] strong');
  const auc = num(aucText);
  assert.ok(auc > 0.5 && auc <= 1, `AUC ${aucText}`);
  // The MQL rule's recall is the tile's "wins caught by the MQL line".
  assert.equal(await page.textContent('[data-testid="learn-recall"] strong'), await page.textContent('[data-testid="won-count"]'));
  const gains = await page.$$eval('[data-testid="learn-gains"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(gains.length, 10);
  assert.ok(num(gains[0][4]) > 1, `the top decile lifts: ${gains[0][4]}`);
  assert.equal(gains[9][3], '100%', 'all wins by the last decile');
  // Every figure has its count: "24% (185/770, …)".
  assert.match(await page.textContent('[data-testid="learn-confusion"]'), /precision [\d.]+% \(\d+\/\d+, /);
  assert.deepEqual(events.pageErrors, []);
  await page.close();
});

test('lines for a sales capacity: suggested, applied, undone', async () => {
  const { page } = await openLearn();
  const before = await mqls(page);
  await page.selectOption('[data-testid="learn-target-kind"]', 'mqlsPerMonth');
  await page.fill('[data-testid="learn-target-value"]', '20');
  await page.click('[data-testid="learn-suggest"]');
  await page.waitForSelector('[data-testid="learn-picked"]');
  const picked = await page.textContent('[data-testid="learn-picked"]');
  const m = picked.match(/fit ≥ (\d+), interest ≥ (\d+) · ([\d,]+) MQLs.* · ([\d.]+) a month/);
  assert.ok(m, picked);
  assert.ok(Number(m[4]) <= 20, `at most 20 a month: ${m[4]}`);
  await page.click('[data-testid="learn-apply-lines"]');
  await page.waitForFunction(([f, i]) => document.querySelector('[data-testid="number-mql-fit"]').value === f
    && document.querySelector('[data-testid="number-mql-interest"]').value === i, [m[1], m[2]]);
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) !== b, before);
  // The MQLs counted by the curve are the MQLs the page now shows.
  assert.equal(await mqls(page), num(m[3]));
  await page.click('[data-testid="undo"]');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) === b, before);
  await page.close();
});

test('a point picked on the curve can be applied', async () => {
  const { page } = await openLearn();
  const points = page.locator('[data-testid="learn-point"]');
  assert.ok(await points.count() > 5, 'a frontier of lines');
  // Points overlap where the frontier is dense: the click goes to the one asked for.
  await points.nth(Math.floor((await points.count()) / 2)).dispatchEvent('click');
  await page.waitForSelector('[data-testid="learn-picked"]');
  assert.equal(await page.isDisabled('[data-testid="learn-apply-lines"]'), false);
  await page.close();
});

test('weights fitted on the outcomes become a suggested agreement, applied and undone', async () => {
  const { page } = await openLearn();
  const before = await mqls(page);
  await page.click('[data-testid="learn-fit"]');
  await page.waitForSelector('[data-testid="learn-coefficients"]', { timeout: 60_000 });
  const rows = await page.$$eval('[data-testid="learn-coefficients"] tbody tr', (trs) => trs.length);
  assert.ok(rows >= 10, `${rows} features`);
  for (const id of ['learn-holdout-current', 'learn-holdout-suggested']) {
    const v = num(await page.textContent(`[data-testid="${id}"] strong`));
    assert.ok(v > 0.5 && v <= 1, `${id} ${v}`);
  }
  const [now, then] = (await page.textContent('[data-testid="learn-mqls-suggested"] strong')).split('→').map(num);
  assert.equal(now, before);
  await page.click('[data-testid="learn-apply-weights"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) === n, then);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) === b, before);
  await page.close();
});

test('data without an outcome says there is nothing to learn from', async () => {
  const { page } = await openPage(env);
  await fillPaste(page, 'Email,Job Title\na@x.io,CTO\nb@y.io,Intern\n');
  await page.click('[data-testid="paste-load"]');
  await page.waitForFunction(() => document.body.dataset.leads === '2');
  await showTab(page, 'learn');
  await page.waitForSelector('[data-testid="learn-none"]');
  assert.match(await page.textContent('[data-testid="learn-none"]'), /no outcome column/);
  await page.close();
});

test('the outcome column and what counts as won are chosen in the page', async () => {
  const { page } = await openPage(env);
  await fillPaste(page, [
    'Email,Job Title,Company Size,Deal Stage',
    'a@acme.io,CEO,500,Signed', 'b@gmail.com,Intern,3,Dropped', 'c@corp.io,CTO,800,signed',
    'd@corp.io,Analyst,40,Negotiation', 'e@corp.io,VP Sales,300,Signed', 'f@x.io,Student,1,Dropped',
  ].join('\n'));
  await page.click('[data-testid="paste-load"]');
  await page.waitForFunction(() => document.body.dataset.leads === '6');
  await showTab(page, 'learn');
  await page.waitForSelector('[data-testid="learn-none"]');
  await page.selectOption('[data-testid="learn-outcome-column"]', 'Deal Stage');
  await page.fill('[data-testid="learn-outcome-won"]', 'Signed');
  await page.fill('[data-testid="learn-outcome-lost"]', 'Dropped');
  await page.click('[data-testid="learn-outcome-apply"]');
  await page.waitForSelector('[data-testid="learn-evaluation"]');
  // 3 signed (any case), 2 dropped, "Negotiation" still open.
  assert.match(await page.textContent('[data-testid="learn-evaluation"]'), /Outcome column “Deal Stage”: 3 won, 2 lost; 1 still open/);
  // It is part of the agreement: undo takes it back.
  await page.click('[data-testid="undo"]');
  await page.waitForSelector('[data-testid="learn-none"]');
  await page.close();
});
