// Page tests of the qualification part: presets, what-if against a pinned agreement, and a
// lead's explanation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, fillPaste, showTab } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

const num = (t) => Number(String(t).replace(/[^0-9.-]/g, ''));
const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));

test('pin, change a line, and see the leads that became MQLs', async () => {
  const { page } = await openPage(env);
  const before = await mqls(page);
  await page.click('[data-testid="pin"]');
  await page.waitForSelector('[data-testid="whatif-summary"]');
  assert.match(await page.textContent('[data-testid="whatif-summary"]'), /0 became MQL, 0 stopped/);
  await page.locator('[data-testid="threshold-mql-fit"]').fill('30');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) > b, before);
  const after = await mqls(page);
  const summary = await page.textContent('[data-testid="whatif-summary"]');
  const m = summary.match(/MQLs ([\d,]+) → ([\d,]+).*?([\d,]+) became MQL, ([\d,]+) stopped/);
  assert.ok(m, summary);
  assert.equal(num(m[1]), before);
  assert.equal(num(m[2]), after);
  assert.equal(num(m[3]) - num(m[4]), after - before, 'became − stopped = the change in MQLs');
  // Every lead that became an MQL is listed by cell; their sum is the total.
  const became = await page.$$eval('.whatif-cells tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.equal(became.reduce((a, t) => a + num(t), 0), num(m[3]));
  await page.close();
});

test('a lead\u2019s explanation adds up to its scores', async () => {
  const { page } = await openPage(env);
  for (const row of ['1', '2', '3', '17']) {
    await page.fill('[data-testid="explain-row"]', row);
    await page.press('[data-testid="explain-row"]', 'Enter');
    await page.waitForFunction((r) => document.querySelector('[data-testid="explain-body"]').dataset.row === String(r - 1), Number(row));
    for (const axis of ['fit', 'interest']) {
      const box = page.locator(`[data-testid="explain-${axis}"]`);
      const score = num((await box.locator('.explain-score strong').textContent()).replace(/^\D+/, ''));
      const groups = await box.locator('.explain-group .pts').allTextContents();
      // Each group shows "total → counted (cap)" or its counted points; the axis is their sum, 0–100.
      const counted = groups.map((t) => num(t.split('→').pop().replace(/\(cap.*\)/, '')));
      const raw = counted.reduce((a, b) => a + b, 0);
      assert.equal(score, Math.min(100, Math.max(0, Math.round(raw * 100) / 100)), `lead ${row} ${axis}: ${groups}`);
    }
  }
  await page.close();
});

test('switching to another preset re-scores with its rules', async () => {
  const { page } = await openPage(env);
  const before = await mqls(page);
  const options = await page.$$eval('[data-testid="preset-select"] option', (o) => o.map((x) => x.value));
  assert.deepEqual(options, ['b2b-software', 'industrial', 'services']);
  await page.selectOption('[data-testid="preset-select"]', 'services');
  // The services preset draws its lines in combined mode.
  await page.waitForSelector('[data-testid="threshold-combined-mql"]');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) !== b, before);
  assert.notEqual(await mqls(page), before);
  await page.locator('[data-testid="threshold-combined-mql"]').fill('0');
  await page.waitForFunction(() => {
    const m = Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, ''));
    return m > 0 && m === 5000 - Number((document.querySelector('[data-testid="tile-dq"] [data-testid="dq-count"]')?.textContent ?? '0').replace(/\D/g, ''));
  });
  await page.close();
});

test('the lifecycle card shows both views of the stages and the follow-up figures', async () => {
  const { page } = await openPage(env);
  await showTab(page, 'followup');
  await page.waitForSelector('[data-testid="stage-table"]');
  const rows = await page.$$eval('[data-testid="stage-table"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const sum = (i) => rows.reduce((a, r) => a + num(r[i]), 0);
  assert.equal(sum(1), 5000, 'every lead has a stage in the export');
  assert.equal(sum(2), 5000, 'and one under the agreement');
  const dqRow = rows.find((r) => r[0] === 'Disqualified');
  assert.equal(num(dqRow[2]), num(await page.textContent('[data-testid="dq-count"]')), 'the same disqualified leads as the tile');
  // The sample has handoff and first-touch dates: the SLA figures are measured, not "—".
  assert.match(await page.textContent('[data-testid="fu-sla"]'), /%/);
  assert.match(await page.textContent('[data-testid="fu-speed"]'), /h$/);
  assert.match(await page.textContent('[data-testid="explain-lifecycle"]'), /Export: .* · agreement: /);
  // The handoff sheet downloads as a local file (no request leaves the page).
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="handoff-export"]')]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(csv[0], 'email,job_title,company,fit,interest,recent_conversion,reason');
  assert.ok(csv.length > 100, `${csv.length - 1} leads handed over`);
  await page.close();
});

test('a pasted export without follow-up columns says what is missing', async () => {
  const { page } = await openPage(env);
  await fillPaste(page, 'Email,Job Title\na@x.io,CTO\nb@y.io,CEO\n');
  await page.click('[data-testid="paste-load"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="leads-count"]').textContent === '2');
  await showTab(page, 'followup');
  await page.waitForFunction(() => document.querySelector('[data-testid="not-available"]'));
  assert.match(await page.textContent('[data-testid="not-available"]'), /needs column mql_date and first_touch_date/);
  assert.equal(await page.textContent('[data-testid="fu-sla"] strong'), '—');
  await page.close();
});

test('the goal card works the funnel back from the revenue target', async () => {
  const { page } = await openPage(env);
  await showTab(page, 'goals');
  await page.waitForSelector('[data-testid="reverse-funnel"]');
  const cells = async (stage) => page.$$eval(`[data-testid="need-${stage}"] td`, (tds) => tds.map((t) => t.textContent));
  const won = num((await cells('won'))[1]);
  const sql = await cells('sql');
  // The default agreement plans 25 % of SQLs won: SQLs needed = won ÷ 0.25.
  assert.match(sql[3], /25% \(planned\)/);
  assert.equal(num(sql[1]), won * 4);
  assert.match(await page.textContent('[data-testid="capacity"]'), /sales can work 240 leads a month/);
  await page.close();
});

test('KPIs show their count, interval and target; two months side by side', async () => {
  const { page } = await openPage(env);
  await showTab(page, 'kpis');
  await page.waitForSelector('[data-testid="kpi-mql_acceptance_rate"]');
  const row = await page.$$eval('[data-testid="kpi-mql_acceptance_rate"] td', (tds) => tds.map((t) => t.textContent));
  assert.match(row[1], /%$/);
  assert.match(row[2], /^[\d,]+\/[\d,]+ · [\d.]+%–[\d.]+%$/, 'count and 95 % interval');
  assert.match(row[3], /(met|missed) \(target 90%\)/);
  // Funnels by source add up to all leads.
  await page.click('[data-testid="by-source"] summary');
  const leads = await page.$$eval('[data-testid="by-source"] tbody tr td:nth-child(2)', (tds) => tds.map((t) => Number(t.textContent.replace(/\D/g, ''))));
  assert.equal(leads.reduce((a, b) => a + b, 0), 5000);
  await page.click('[data-testid="velocity"] summary');
  assert.match(await page.textContent('[data-testid="velocity"]'), /mql → sql: [\d.]+ d/);
  await page.fill('[data-testid="review-a"]', '2025-03');
  await page.fill('[data-testid="review-b"]', '2026-03');
  await page.dispatchEvent('[data-testid="review-b"]', 'change');
  await page.waitForSelector('[data-testid="review-table"]');
  const head = await page.$$eval('[data-testid="review-table"] th', (ths) => ths.map((t) => t.textContent));
  assert.match(head[1], /^2025-03 \([\d,]+ leads\)$/);
  assert.match(await page.textContent('[data-testid="review-lead_to_mql"]'), /pts/);
  await page.close();
});
