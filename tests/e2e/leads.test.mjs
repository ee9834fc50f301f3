// Page tests of the leads table and the lead detail: a virtualised table of every lead, sorting,
// each filter, the search, opening a lead (its score waterfalls add up), the scored CSV export
// and the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, fillPaste } from './browser.mjs';
import { parseCsv } from './fixtures.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => env?.close());

const SAMPLE_ROWS = 5000;
const ROW_HEIGHT = 32;
// The Leads view's table (the Follow-up view has another one, the handoff queue).
const sel = (id) => `${/^leads-|^lead-row$/.test(id) ? '#view-leads ' : ''}[data-testid="${id}"]`;
// The results tiles have a "leads-count" too: the table's is the one inside the table's root.
const COUNT = '[data-testid="leads"] [data-testid="leads-count"]';
const num = (text) => Number(String(text).replace(/[^0-9.-]/g, ''));
const fold = (s) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** "1,234 of 5,000 leads" → [1234, 5000]. */
async function counts(page) {
  const text = await page.textContent(COUNT);
  const m = text.match(/([\d,]+) of ([\d,]+)/);
  assert.ok(m, `a count: ${text}`);
  return [num(m[1]), num(m[2])];
}

/** The loaded rows in the DOM, in table order: { row, cells: { name, fit, … } }. */
function visibleRows(page) {
  return page.$$eval(`${sel('lead-row')}[data-row]`, (els) => els
    .map((el) => ({
      pos: Number(el.dataset.pos),
      row: Number(el.dataset.row),
      cells: Object.fromEntries([...el.children].map((c) => [c.className.match(/c-(\w+)/)[1], c.textContent])),
    }))
    .sort((a, b) => a.pos - b.pos));
}

/** Wait until the table shows `n` matches and its first rows are loaded. */
async function settled(page, n) {
  await page.waitForFunction(({ id, n }) => {
    const text = document.querySelector(id)?.textContent ?? '';
    const m = text.match(/^([\d,]+) of/);
    const rows = document.querySelectorAll('[data-testid="lead-row"]');
    const loading = document.querySelectorAll('[data-testid="lead-row"].loading');
    return m && (n === undefined || Number(m[1].replace(/,/g, '')) === n) && (rows.length > 0 || m[1] === '0') && loading.length === 0;
  }, { id: COUNT, n });
}

async function openLeads(page) {
  await page.locator(sel('view-leads')).scrollIntoViewIfNeeded();
  await settled(page, SAMPLE_ROWS);
}

async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(sel('leads-export'))]);
  assert.equal(file.suggestedFilename(), 'scored-leads.csv');
  const bytes = readFileSync(await file.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM, for Excel');
  return parseCsv(bytes.subarray(3).toString('utf8'));
}

test('the table counts every lead and keeps only the rows in view in the page', async () => {
  const { page, events } = await openPage(env);
  await openLeads(page);
  assert.deepEqual(await counts(page), [SAMPLE_ROWS, SAMPLE_ROWS]);
  const table = page.locator(sel('leads-table'));
  const height = await table.evaluate((el) => el.querySelector('.leads-body').offsetHeight);
  assert.equal(height, SAMPLE_ROWS * ROW_HEIGHT, 'the scroll height stands for every lead');
  const first = await visibleRows(page);
  assert.deepEqual(first.slice(0, 3).map((r) => r.row), [0, 1, 2], 'file order');
  assert.ok(first.length > 5 && first.length < 60, `${first.length} rows in the DOM`);

  // Far down: later rows are fetched and drawn, and the DOM still holds a few dozen.
  await table.evaluate((el, y) => { el.scrollTop = y; }, 4200 * ROW_HEIGHT);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="lead-row"][data-row]')]
    .some((el) => Number(el.dataset.row) >= 4200));
  await settled(page);
  const later = await visibleRows(page);
  assert.ok(later.every((r) => r.row >= 4150), `only rows near 4,200: ${later[0].row}…`);
  assert.ok(later.length < 60, `${later.length} rows in the DOM`);
  assert.equal(await page.locator(sel('lead-row')).count(), await page.locator(`${sel('lead-row')}`).count());
  assert.ok(await page.locator(sel('lead-row')).count() < 60);

  assert.deepEqual(events.pageErrors, []);
  assert.deepEqual(events.console.filter((m) => m.type === 'error').map((m) => m.text), []);
  await page.close();
});

test('sorting by fit puts the best fit first, and the header says so', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  await page.click(sel('leads-sort-fit'));
  await settled(page, SAMPLE_ROWS);
  const header = page.locator(sel('leads-sort-fit')).locator('xpath=..');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator(sel('leads-sort-name')).locator('xpath=..').getAttribute('aria-sort'), 'none');
  let rows = await visibleRows(page);
  const fits = rows.map((r) => num(r.cells.fit));
  assert.ok(fits.length > 10);
  for (let i = 1; i < fits.length; i++) assert.ok(fits[i] <= fits[i - 1], `fit ${fits[i]} after ${fits[i - 1]}`);

  // Again: ascending.
  await page.click(sel('leads-sort-fit'));
  await page.waitForFunction(() => document.querySelector('[data-testid="leads-sort-fit"]').parentElement.getAttribute('aria-sort') === 'ascending');
  await settled(page, SAMPLE_ROWS);
  rows = await visibleRows(page);
  for (let i = 1; i < rows.length; i++) assert.ok(num(rows[i].cells.fit) >= num(rows[i - 1].cells.fit));
  await page.close();
});

test('each filter narrows the count, and every row shown passes it', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  const cases = [
    ['leads-filter-stage', 'mql', (r) => r.cells.stage === 'MQL'],
    ['leads-filter-grade', 'A', (r) => r.cells.grade.startsWith('A')],
    ['leads-filter-grade', 'B2', (r) => r.cells.grade === 'B2'],
    ['leads-filter-track', 'decision', (r) => r.cells.track === 'decision'],
    ['leads-filter-track', 'none', (r) => r.cells.track === 'No track'],
    ['leads-filter-status', 'disqualified', (r) => r.cells.status === 'Disqualified'],
    ['leads-filter-sla', 'met', (r) => r.cells.sla === 'Within SLA'],
  ];
  for (const [id, value, holds] of cases) {
    await page.selectOption(sel(id), value);
    await page.waitForFunction((all) => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith(all), '5,000 of');
    await settled(page);
    const [n, all] = await counts(page);
    assert.equal(all, SAMPLE_ROWS);
    assert.ok(n > 0 && n < SAMPLE_ROWS, `${id}=${value}: ${n} leads`);
    const rows = await visibleRows(page);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(holds(r), `${id}=${value}: row ${r.row} shows ${JSON.stringify(r.cells)}`);
    await page.selectOption(sel(id), '');
    await settled(page, SAMPLE_ROWS);
  }
  // Two filters together narrow further.
  await page.selectOption(sel('leads-filter-status'), 'mql');
  await page.waitForFunction(() => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith('5,000 of'));
  await settled(page);
  const [mqls] = await counts(page);
  await page.selectOption(sel('leads-filter-grade'), 'A');
  await page.waitForFunction((n) => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith(n), `${mqls.toLocaleString('en')} of`);
  await settled(page);
  assert.ok((await counts(page))[0] < mqls);
  await page.close();
});

test('the table follows the agreement: a lower MQL line shows more MQLs', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  await page.selectOption(sel('leads-filter-status'), 'mql');
  await page.waitForFunction(() => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith('5,000 of'));
  await settled(page);
  const [before] = await counts(page);
  await page.fill(sel('slider-mql-fit'), '0');
  await page.waitForFunction((n) => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith(n), `${before.toLocaleString('en')} of`);
  await settled(page);
  const [after] = await counts(page);
  assert.ok(after > before, `MQLs in the table: ${before} → ${after}`);
  for (const r of await visibleRows(page)) assert.equal(r.cells.status, 'MQL');
  await page.close();
});

test('fixed filters: the same table shows only overdue leads, without an SLA select', async () => {
  const { page } = await openPage(env);
  await page.evaluate(async () => {
    const { EngineClient } = await import('/www/client.js');
    const { mountLeads } = await import('/www/ui/leads.js');
    const engine = new EngineClient();
    await engine.request('loadSample', { rows: 5000, seed: 42 });
    const root = document.createElement('div');
    root.id = 'overdue-root';
    document.body.prepend(root);
    mountLeads(root, { request: (type, args) => engine.request(type, args), onOpen: () => {}, fixed: { sla: ['overdue'] } });
  });
  const count = '#overdue-root [data-testid="leads-count"]';
  await page.waitForFunction((c) => /^[\d,]+ of/.test(document.querySelector(c)?.textContent ?? ''), count);
  await page.waitForFunction(() => document.querySelectorAll('#overdue-root [data-testid="lead-row"][data-row]').length > 0);
  const [n, all] = (await page.textContent(count)).match(/[\d,]+/g).map(num);
  assert.ok(n > 0 && n < all, `${n} overdue of ${all}`);
  assert.ok(await page.locator('#overdue-root [data-testid="leads-filter-sla"]').isHidden(), 'the fixed filter has no select');
  assert.ok(await page.locator('#overdue-root [data-testid="leads-filter-stage"]').isVisible());
  const slas = await page.$$eval('#overdue-root [data-testid="lead-row"][data-row] .c-sla', (els) => els.map((e) => e.textContent));
  assert.ok(slas.length > 0 && slas.every((s) => s === 'Overdue'), slas.join());
  await page.close();
});

test('the search finds names, e-mails and companies, ignoring case and accents', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  await page.fill(sel('leads-search'), 'ECOLE');
  await page.waitForFunction(() => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith('5,000 of'));
  await settled(page);
  const [n] = await counts(page);
  assert.ok(n > 0 && n < SAMPLE_ROWS, `${n} leads`);
  const rows = await visibleRows(page);
  for (const r of rows) {
    const text = fold([r.cells.name, r.cells.email, r.cells.company, r.cells.title].join(' '));
    assert.ok(text.includes('ecole'), `row ${r.row}: ${text}`);
  }
  assert.ok(rows.some((r) => r.cells.company.includes('École')), 'the accented spelling is found');
  await page.fill(sel('leads-search'), 'gmail.com');
  await page.waitForFunction((n) => !document.querySelector('[data-testid="leads"] [data-testid="leads-count"]').textContent.startsWith(n), `${n.toLocaleString('en')} of`);
  await settled(page);
  for (const r of await visibleRows(page)) assert.ok(r.cells.email.endsWith('@gmail.com'), r.cells.email);
  await page.fill(sel('leads-search'), 'zzzz-nobody');
  await settled(page, 0);
  assert.equal(await page.locator(`${sel('lead-row')}`).count(), 0);
  await page.close();
});

test('a lead opens with its data, its stages and score waterfalls that add up', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  await page.click(sel('leads-sort-fit'));
  await settled(page, SAMPLE_ROWS);
  const rows = (await visibleRows(page)).slice(0, 6);
  let capped = 0;
  for (const r of rows) {
    await page.click(`${sel('lead-row')}[data-row="${r.row}"]`);
    await page.waitForSelector(`${sel('lead-detail')}[data-row="${r.row}"]`);
    assert.equal(await page.textContent('#lead-title'), `Lead ${(r.row + 1).toLocaleString('en')}`);
    for (const axis of ['fit', 'interest']) {
      const w = page.locator(sel(`waterfall-${axis}`));
      const steps = await w.locator(sel('waterfall-step')).evaluateAll((els) => els.map((e) => Number(e.dataset.points)));
      const score = Number(await w.locator(sel('waterfall-total')).getAttribute('data-score'));
      const sum = steps.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - score) < 1e-3, `row ${r.row} ${axis}: steps add to ${sum}, score ${score}`);
      assert.ok(Math.abs(score - num(r.cells[axis])) < 0.006, `row ${r.row} ${axis}: ${score} vs the table's ${r.cells[axis]}`);
      capped += await w.locator('.wf-step.cap').count();
    }
    assert.match(await page.textContent(sel('lead-stage')), /\w/);
    assert.match(await page.textContent(sel('lead-sla')), /\w/);
    const data = await page.locator(`${sel('lead-data')} dt`).allTextContents();
    assert.ok(data.includes('Email') && data.includes('Company'), 'every column of the export');
    assert.ok((await page.textContent(sel('lead-data'))).includes(r.cells.email));
    await page.click(sel('lead-close'));
  }
  assert.ok(capped > 0, 'the best-fit leads hit a group cap, shown as its own step');
  await page.close();
});

test('the scored CSV downloads with one row per lead, and formula cells are neutralised', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  const records = await download(page);
  assert.equal(records.length, SAMPLE_ROWS + 1, 'a header and one row per lead');
  const header = records[0];
  for (const c of ['Email', 'fit', 'interest', 'grade', 'status', 'stage', 'export_stage', 'track', 'sla', 'reasons']) {
    assert.ok(header.includes(c), `column ${c}`);
  }
  assert.ok(records.every((r) => r.length === header.length), 'every row has every column');
  const fit = header.indexOf('fit');
  assert.ok(records.slice(1).every((r) => r[fit] !== '' && Number(r[fit]) >= 0 && Number(r[fit]) <= 100));

  // A pasted export whose company is a spreadsheet formula.
  await fillPaste(page, 'Email,Company,Job Title\nana@acme.io,"=HYPERLINK(""http://x"",""y"")",VP Sales\nbob@corp.io,@SUM(A1),+1 555\nchris@corp.io,Plain,-cmd\n');
  await page.click(sel('paste-load'));
  await settled(page, 3);
  const pasted = await download(page);
  assert.equal(pasted.length, 4);
  const company = pasted[0].indexOf('Company');
  const title = pasted[0].indexOf('Job Title');
  assert.equal(pasted[1][company], '\'=HYPERLINK("http://x","y")');
  assert.equal(pasted[2][company], "'@SUM(A1)");
  assert.equal(pasted[2][title], "'+1 555");
  assert.equal(pasted[3][title], "'-cmd");
  assert.equal(pasted[3][company], 'Plain');
  // And the table shows the formula as plain text.
  const rows = await visibleRows(page);
  assert.equal(rows[0].cells.company, '=HYPERLINK("http://x","y")');
  await page.close();
});

test('keyboard: Tab reaches a row, the arrows move, Enter opens the lead', async () => {
  const { page } = await openPage(env);
  await openLeads(page);
  await page.focus(sel('leads-sort-sla'));
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el?.dataset.testid === 'lead-row' ? Number(el.dataset.row) : null;
  });
  assert.equal(await focused(), 0, 'the first row takes the Tab stop');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 2);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 1);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${sel('lead-detail')}[data-row="1"]`);
  assert.ok(await page.locator(sel('lead-dialog')).evaluate((d) => d.open));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="lead-dialog"]').open);
  // End goes to the last lead, fetching its page.
  await page.focus(`${sel('lead-row')}[data-row="1"]`);
  await page.keyboard.press('End');
  await page.waitForFunction((n) => Number(document.activeElement?.dataset.row) === n, SAMPLE_ROWS - 1);
  await page.close();
});
