// Page tests of the limits and of what follows an engine that stops: a panic or a stuck
// request becomes a message and a fresh engine with the user's agreement and data; a file, a
// cell, a header or an agreement beyond the limits is refused or cut with a message saying which
// limit, and the rest is kept. The panic and the stuck request are forced with the worker's
// test-only messages (`__panic`, `__hang`), reached through `accordTest.engine`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './browser.mjs';

let env;
let dir;
before(async () => {
  env = await launch();
  dir = mkdtempSync(join(tmpdir(), 'accord-robust-'));
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const here = dirname(fileURLToPath(import.meta.url));
const LEADS_CSV = join(here, '../../www/examples/leads.csv');
const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
const count = async (page, id) => Number((await text(page, `${id}-count`)).replace(/\D/g, ''));
const shot = async (page, name) => {
  if (process.env.SHOTS) await page.screenshot({ path: join(process.env.SHOTS, `${name}.png`) });
};

function file(name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** What a person sees of the results: lead, MQL and SQL counts and the matrix. */
async function figures(page) {
  return {
    leads: await count(page, 'leads'),
    mql: await count(page, 'mql'),
    sql: await count(page, 'sql'),
    matrix: await page.$$eval('[data-testid^="matrix-cell-"] .n', (els) => els.map((e) => e.textContent).join(' ')),
    source: await text(page, 'data-source'),
  };
}

/** Load the example export through the file picker and move the MQL fit line to 20. */
async function loadAndEdit(page) {
  await page.setInputFiles('[data-testid="file-input"]', LEADS_CSV);
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('leads.csv'));
  const before = await count(page, 'mql');
  await page.fill('[data-testid="threshold-mql-fit-number"]', '20');
  await page.press('[data-testid="threshold-mql-fit-number"]', 'Enter');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) !== b, before);
  await page.waitForFunction(() => !document.body.dataset.agreementBusy);
}

test('a panic in the engine: the page says so and a fresh engine has the agreement and data', async () => {
  const { page, events } = await openPage(env, { globals: { accordTest: {} } });
  await loadAndEdit(page);
  const before = await figures(page);
  assert.match(before.source, /leads\.csv · 2,000 leads/);

  const answer = await page.evaluate(() => accordTest.engine.request('__panic').then(() => 'answered', (e) => e.message));
  assert.match(answer, /The engine stopped unexpectedly/);
  await page.waitForSelector('body[data-restarts="1"]');
  assert.match(await text(page, 'notice'),
    /The engine stopped unexpectedly while running a test\. A fresh engine was started with your agreement and data from before\./);
  assert.equal(await page.inputValue('[data-testid="threshold-mql-fit-number"]'), '20', 'the moved line is kept');
  assert.deepEqual(await figures(page), before, 'the same data, the same figures');
  // The fresh engine works: the line moves again.
  await page.fill('[data-testid="threshold-mql-fit-number"]', '0');
  await page.press('[data-testid="threshold-mql-fit-number"]', 'Enter');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) > b, before.mql);
  await shot(page, 'robust-panic');
  assert.deepEqual(events.pageErrors, [], 'no uncaught exception');
  await page.close();
});

test('a request that never answers: the watchdog stops the engine and says which operation', async () => {
  const { page } = await openPage(env, { globals: { accordTest: {}, accordLimits: { requestMs: 2000 } } });
  await loadAndEdit(page);
  const before = await figures(page);
  const started = Date.now();
  const answer = await page.evaluate(() => accordTest.engine.request('__hang').then(() => ({}), (e) => ({ code: e.code, operation: e.operation })));
  const waited = Date.now() - started;
  assert.deepEqual(answer, { code: 'timeout', operation: '__hang' });
  assert.ok(waited >= 1900 && waited < 10_000, `stopped after the configured 2 s (${waited} ms)`);
  await page.waitForSelector('body[data-restarts="1"]');
  assert.match(await text(page, 'notice'),
    /The engine made no progress for 2\u00a0s while running a test and was stopped: the data may be too big or the agreement too heavy for this browser\. A fresh engine was started/);
  assert.equal(await page.inputValue('[data-testid="threshold-mql-fit-number"]'), '20');
  assert.deepEqual(await figures(page), before);
  await shot(page, 'robust-watchdog');
  await page.close();
});

test('in French, the watchdog says it in French', async () => {
  const { page } = await openPage(env, { query: '?lang=fr', globals: { accordTest: {}, accordLimits: { requestMs: 1000 } } });
  await page.evaluate(() => accordTest.engine.request('__hang').catch(() => {}));
  await page.waitForSelector('body[data-restarts="1"]');
  assert.match(await text(page, 'notice'), /Le moteur n’a pas avancé pendant 1\u00a0s pendant un test et a été arrêté\s:/);
  assert.match(await text(page, 'notice'), /Un nouveau moteur a été démarré avec votre accord et vos données d’avant\./);
  await page.close();
});

test('a file over the size limit is refused before reading, with its size and the limit; the data stays', async () => {
  const { page } = await openPage(env, { globals: { accordLimits: { maxFileBytes: 100 * 1024 } } });
  const before = await figures(page);
  const big = readFileSync(LEADS_CSV); // about 400 KB, over a limit lowered to 100 KB
  await page.setInputFiles('[data-testid="file-input"]', file('big-export.csv', big));
  await page.waitForSelector('[data-testid="data-message"]:not([hidden])');
  const kb = Math.round(big.length / 1024);
  assert.equal(await text(page, 'data-message'),
    `big-export.csv is ${kb} KB; Accord reads files of up to 100 KB in a browser (the engine’s memory holds about twice that). `
    + 'Export fewer rows or columns, or score it with the accord command line. The previous data is still loaded.');
  assert.deepEqual(await figures(page), before, 'the sample is still loaded and scored');
  await shot(page, 'robust-file-too-big');
  await page.close();

  const fr = (await openPage(env, { query: '?lang=fr', globals: { accordLimits: { maxFileBytes: 100 * 1024 } } })).page;
  await fr.setInputFiles('[data-testid="file-input"]', file('big-export.csv', big));
  await fr.waitForSelector('[data-testid="data-message"]:not([hidden])');
  assert.match(await text(fr, 'data-message'), new RegExp(`big-export\\.csv fait ${kb}\u00a0ko\\s; Accord lit des fichiers jusqu’à 100\u00a0ko`));
  await fr.close();
});

test('a cell over 1 MiB is cut and reported with its line and column; its row is kept', async () => {
  const { page } = await openPage(env);
  const notes = 'x'.repeat((1 << 20) + 5000);
  const csv = `Email,Job Title,Notes\nana@acme.io,VP Marketing,short\nbob@corp.fr,CTO,${notes}\neve@big.co,Intern,ok\n`;
  await page.setInputFiles('[data-testid="file-input"]', file('notes.csv', csv));
  await page.waitForFunction(() => document.querySelector('[data-testid="data-source"]').textContent.includes('notes.csv'));
  assert.equal(await count(page, 'leads'), 3, 'every row is kept');
  assert.match(await text(page, 'problem-long-cell'), /1 Cells cut to 1 MiB \(rows kept\)/);
  await page.evaluate(() => { document.querySelector('[data-testid="diagnostics-box"]')?.setAttribute('open', ''); });
  const diagnostics = await text(page, 'diagnostics');
  assert.match(diagnostics, /3/);
  assert.match(diagnostics, /Notes/);
  assert.match(diagnostics, /This cell holds 2 MB; Accord keeps the first 1 MB of a cell, and the rest of the row\./);
  await shot(page, 'robust-long-cell');
  await page.close();
});

test('a header with more columns than supported is refused with the count and the limit', async () => {
  const { page } = await openPage(env);
  const header = Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(',');
  await page.setInputFiles('[data-testid="file-input"]', file('wide.csv', `${header}\n${header}\n`));
  await page.waitForSelector('[data-testid="data-message"]:not([hidden])');
  assert.match(await text(page, 'data-message'),
    /wide\.csv: This does not look like a table: the first line has 16385 columns; Accord reads up to 16384\..*The previous data is still loaded\./);
  assert.equal(await count(page, 'leads'), 5000);
  await page.close();
});

test('an agreement over the limits is refused with its JSON path and the limit; the current one stays', async () => {
  const { page } = await openPage(env);
  const before = await figures(page);
  const base = JSON.parse(readFileSync(join(here, '../../crate/agreement/presets/b2b-software.json'), 'utf8'));
  const many = structuredClone(base);
  many.qualification.fit.groups = [{ name: 'Many', rules: Array.from({ length: 501 }, (_, i) => ({ id: `r${i}`, field: 'job_title', contains_any: ['vp'], points: 1 })) }];
  await page.setInputFiles('[data-testid="upload-agreement"]', file('many-rules.json', JSON.stringify(many)));
  await page.waitForFunction(() => /many-rules/.test(document.querySelector('[data-testid="notice"]').textContent));
  assert.match(await text(page, 'notice'),
    /qualification\.fit\.groups\[0\]\.rules\[500\]: brings the agreement to more than 500 rules/);
  await shot(page, 'robust-agreement-rules');

  const huge = structuredClone(base);
  huge.qualification.fit.groups[0].rules[0].contains_any = Array.from({ length: 100_000 }, (_, i) => `keyword number ${i} `.padEnd(100, 'x'));
  const started = Date.now();
  await page.setInputFiles('[data-testid="upload-agreement"]', file('huge.json', JSON.stringify(huge)));
  await page.waitForFunction(() => /huge\.json/.test(document.querySelector('[data-testid="notice"]').textContent));
  assert.ok(Date.now() - started < 10_000, 'refused at once');
  assert.match(await text(page, 'notice'), /\(root\): the document is \d+ KB; an agreement may be at most 1024 KB/);
  assert.deepEqual(await figures(page), before, 'the agreement in force is unchanged');
  await page.close();
});
