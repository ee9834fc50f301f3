// Page tests: drive the served page as a person would and assert on what it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, fillPaste } from './browser.mjs';

let env;
const requests = [];
before(async () => {
  env = await launch();
  // The context sees every request: the page's and its worker's.
  env.context.on('request', (r) => requests.push(r.url()));
});
after(async () => env?.close());

const SAMPLE_ROWS = 5000;
const num = (text) => Number(String(text).replace(/[^0-9.-]/g, ''));

async function figure(page, id) {
  return num(await page.textContent(`[data-testid="${id}-count"]`));
}

async function matrixTotal(page) {
  const cells = await page.$$eval('[data-testid^="matrix-cell-"] .n', (els) => els.map((e) => e.textContent));
  assert.equal(cells.length, 16, 'a 4 × 4 grade matrix');
  return cells.reduce((a, t) => a + num(t), 0);
}

async function paste(page, text) {
  await fillPaste(page, text);
  await page.click('[data-testid="paste-load"]');
}

test('opens on the sample data, scored, with no console error and no request off the origin', async () => {
  const { page, events } = await openPage(env);
  assert.equal(await figure(page, 'leads'), SAMPLE_ROWS);
  const mqls = await figure(page, 'mql');
  assert.ok(mqls > 0 && mqls < SAMPLE_ROWS, `MQLs ${mqls} should be some but not all leads`);
  const sqls = await figure(page, 'sql');
  assert.ok(sqls <= mqls || sqls < SAMPLE_ROWS, `SQLs ${sqls}`);
  const dq = await figure(page, 'dq');
  assert.ok(dq > 0 && dq < SAMPLE_ROWS / 10, `some leads are disqualified (${dq})`);
  assert.equal(await matrixTotal(page) + dq, SAMPLE_ROWS, 'the matrix holds every lead that is not disqualified');
  assert.match(await page.textContent('[data-testid="data-source"]'), /Sample data.*5,000 leads/);
  // The sample has outcomes, so the win tile shows a share, not a dash.
  assert.match(await page.textContent('[data-testid="won-count"]'), /%/);
  assert.match(await page.textContent('[data-testid="version"]'), /Engine \d+\.\d+\.\d+/);
  assert.match(await page.textContent('[data-testid="status"]'), /Scored 5,000 leads in [\d.,]+ ms/);

  const errors = events.console.filter((m) => m.type === 'error').map((m) => m.text);
  assert.deepEqual(errors, [], 'no console error');
  assert.deepEqual(events.pageErrors, [], 'no uncaught exception');
  const origin = new URL(env.url).origin;
  assert.ok(requests.some((u) => u.endsWith('/www/pkg/accord_bg.wasm')), 'the worker fetched the engine');
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  await page.close();
});

test('moving a threshold slider changes the MQL count live', async () => {
  const { page } = await openPage(env);
  const before = await figure(page, 'mql');
  const fit = page.locator('[data-testid="threshold-mql-fit"]');
  const interest = page.locator('[data-testid="threshold-mql-interest"]');

  // Keyboard, as a person would: Home puts the line at 0.
  await fit.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) !== b, before);
  const lower = await figure(page, 'mql');
  assert.ok(lower > before, `lowering the fit line adds MQLs (${before} → ${lower})`);
  assert.equal(await page.inputValue('[data-testid="threshold-mql-fit-number"]'), '0', 'the number box follows the slider');

  await interest.fill('0');
  const scored = SAMPLE_ROWS - await figure(page, 'dq');
  await page.waitForFunction((n) => document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '') === String(n), scored);
  assert.equal(await figure(page, 'mql'), scored, 'both lines at 0: every lead not disqualified is an MQL');

  await fit.fill('100');
  await interest.fill('100');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) < b, scored);
  assert.ok((await figure(page, 'mql')) < before, 'the highest lines leave fewer MQLs than the default');

  // The number box drives the slider too.
  await page.fill('[data-testid="threshold-mql-fit-number"]', '0');
  await page.press('[data-testid="threshold-mql-fit-number"]', 'Enter');
  await page.fill('[data-testid="threshold-mql-interest-number"]', '0');
  await page.press('[data-testid="threshold-mql-interest-number"]', 'Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '') === String(n), scored);
  assert.equal(await page.inputValue('[data-testid="threshold-mql-fit"]'), '0');
  await page.close();
});

test('a pasted CSV replaces the data', async () => {
  const { page } = await openPage(env);
  await paste(page, [
    'Email,Job Title,Company Size,Industry,Page Views,Form Submissions,Recent Conversion',
    'ana@acme.io,VP Marketing,350,Software,30,3,Demo request',
    'bob@gmail.com,Marketing Intern,5,Education,1,0,',
    'cy@corp.fr,Directrice commerciale,51-200,Manufacturing,12,1,Ebook download',
  ].join('\n'));
  await page.waitForFunction(() => document.querySelector('[data-testid="leads-count"]').textContent === '3');
  assert.equal(await matrixTotal(page), 3);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Pasted data.*3 leads.*7 columns/);
  assert.match(await page.textContent('[data-testid="won-count"]'), /—/, 'no outcome column: no win figure');
  assert.equal(await page.isVisible('[data-testid="data-message"]'), false, 'no error shown');
  // The VP with a demo request is an MQL under the default agreement; the intern is not.
  const mqls = await figure(page, 'mql');
  assert.ok(mqls >= 1 && mqls < 3, `MQLs among the 3 pasted leads: ${mqls}`);

  await page.click('[data-testid="use-sample"]');
  await page.waitForFunction((n) => document.querySelector('[data-testid="leads-count"]').textContent.replace(/\D/g, '') === String(n), SAMPLE_ROWS);
  await page.close();
});

test('bad pastes get a clear message and the previous data stays', async () => {
  const { page } = await openPage(env);
  const cases = [
    ['', /empty/i],
    ['Dear team, the leads are attached.\nThanks,\nBob', /does not look like a table/i],
    ['Email,Job Title,Page Views\n', /no data rows/i],
  ];
  for (const [text, why] of cases) {
    await paste(page, text);
    await page.waitForSelector('[data-testid="data-message"]:not([hidden])');
    const msg = await page.textContent('[data-testid="data-message"]');
    assert.match(msg, why, `message for ${JSON.stringify(text)}: ${msg}`);
    assert.match(msg, /previous data is still loaded/);
    assert.equal(await figure(page, 'leads'), SAMPLE_ROWS, 'the sample stays loaded');
    await page.evaluate(() => { document.querySelector('[data-testid="data-message"]').hidden = true; });
  }
  await page.close();
});

test('rows that cannot be read are listed with their line; the rest load', async () => {
  const { page } = await openPage(env);
  // Line 3 has too many fields (left out); line 4 is short (kept, its last cell empty).
  await paste(page, 'Email,Job Title,Page Views\na@x.io,CTO,3\nb@y.io,CEO,4,extra\nc@z.io,Intern\nd@w.io,VP,2\n');
  await page.waitForFunction(() => document.querySelector('[data-testid="leads-count"]').textContent === '3');
  assert.match(await page.textContent('[data-testid="data-message"]'), /1 row\(s\) could not be read/);
  const list = await page.textContent('[data-testid="diagnostics"]');
  assert.match(list, /line 3.*4 fields where the header has 3/);
  assert.match(list, /line 4.*2 fields where the header has 3/);
  await page.close();
});

test('text from the data is shown as text, never as markup', async () => {
  const { page } = await openPage(env);
  const evil = '<img src=x onerror="document.body.dataset.pwned=1">';
  await paste(page, `Email,"${evil.replaceAll('"', '""')}"\na@x.io,1\n`);
  await page.waitForFunction(() => document.querySelector('[data-testid="leads-count"]').textContent === '1');
  assert.match(await page.textContent('[data-testid="columns"]'), /<img src=x onerror=/);
  assert.equal(await page.$$eval('[data-testid="columns"] img', (e) => e.length), 0);
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  await page.close();
});
