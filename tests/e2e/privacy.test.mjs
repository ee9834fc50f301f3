// Page tests of what Accord guarantees: nothing leaves the origin and the Content-Security-
// Policy is never violated while every feature is used; text from the data and from the
// agreement (a share link included) is rendered as text, never run; exported CSV reads back as
// the values it was made from; the SLA document, share link and agreement file carry the
// agreement, never a lead's data. The engine's side: tests/guarantees.rs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openPage, showTab } from './browser.mjs';
import { parseCsv } from './fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACCORD = join(ROOT, 'target/debug/accord');

let env;
let dir;
const offOrigin = [];
// The CLI's SLA page, opened from disk by the test itself: its only request.
const opened = new Set();
before(async () => {
  if (!existsSync(ACCORD)) execFileSync('cargo', ['build', '--bin', 'accord'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'accord-privacy-'));
  env = await launch();
  const origin = new URL(env.url).origin;
  // Every request of every page and worker of the browser.
  env.context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:') && !opened.has(u)) offOrigin.push(u);
  });
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  // Every page records CSP violations and whether a payload ran, from its first script on.
  await env.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(offOrigin, [], 'no request left the page’s origin');
});

function file(name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const num = (t) => Number(String(t).replace(/[^0-9.-]/g, ''));
const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));
const waitLeads = (page, n) => page.waitForFunction((n) =>
  document.querySelector('[data-testid="leads-count"]')?.textContent.replace(/\D/g, '') === String(n), n, { timeout: 30_000 });

async function downloaded(page, testid) {
  const sel = testid.startsWith('#') || testid.startsWith('[') ? testid : `[data-testid="${testid}"]`;
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Console errors, CSP violations (as events and as the console's "Refused to…"), dialogs. */
function watch(page, events) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return {
    dialogs,
    async check(what) {
      const errors = events.console.filter((m) => m.type === 'error' || /Content Security Policy|Refused to/i.test(m.text));
      assert.deepEqual(errors, [], `${what}: no console error or CSP refusal`);
      assert.deepEqual(events.pageErrors, [], `${what}: no page error`);
      assert.deepEqual(await page.evaluate(() => window.__csp), [], `${what}: no CSP violation`);
      assert.deepEqual(dialogs, [], `${what}: no dialog`);
    },
  };
}

async function setLine(page, value) {
  await page.fill('[data-testid="number-mql-fit"]', String(value));
  await page.dispatchEvent('[data-testid="number-mql-fit"]', 'change');
}

async function openFirstLead(page) {
  await showTab(page, 'leads');
  await page.locator('#view-leads').scrollIntoViewIfNeeded();
  await page.waitForSelector('#view-leads [data-testid="lead-row"][data-row]');
  await page.locator('#view-leads [data-testid="lead-row"][data-row]').first().click();
  await page.waitForSelector('[data-testid="lead-dialog"][open]');
}

test('every HTML the project serves declares the CSP: own origin and wasm only, no inline script or style', () => {
  const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  for (const name of ['index.html', 'www/index.html', 'www/intranet.html']) {
    const html = readFileSync(join(ROOT, name), 'utf8');
    assert.ok(html.includes(`content="${policy};`), `${name}: ${policy}`);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: no inline script`);
    assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i, `${name}: no inline style or handler`);
    assert.doesNotMatch(html, /'unsafe-inline'|'unsafe-eval'|https?:\/\//, `${name}: nothing looser, nothing elsewhere`);
  }
});

test('using every feature requests nothing elsewhere and violates no CSP', async () => {
  const { page, events } = await openPage(env);
  const w = watch(page, events);
  // Data loaded from a file.
  const csv = readFileSync(join(ROOT, 'www/examples/leads.csv'));
  await page.setInputFiles('[data-testid="file-input"]', file('leads.csv', csv));
  await waitLeads(page, parseCsv(csv.toString('utf8')).length - 1);
  // The agreement: a threshold, undo, redo.
  const start = await mqls(page);
  await setLine(page, 70);
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) !== s, start);
  await page.click('[data-testid="undo"]');
  await page.click('[data-testid="redo"]');
  // Every view.
  for (const tab of ['followup', 'goals', 'kpis', 'learn', 'sla', 'leads']) {
    await showTab(page, tab);
    await page.waitForSelector(`#view-${tab}:not([hidden])`);
  }
  // The leads table: search, sort, a lead's detail and its explanation.
  await page.fill('#view-leads [data-testid="leads-search"]', 'a');
  await page.locator('#view-leads [data-testid="leads-sort-fit"]').click();
  await openFirstLead(page);
  await page.waitForSelector('[data-testid="waterfall-fit"]');
  await page.keyboard.press('Escape');
  // Every download.
  const names = [];
  for (const id of ['leads-export', 'handoff-export', 'download-agreement', 'svg-matrix', 'svg-dist']) {
    if (id === 'handoff-export') await showTab(page, 'followup');
    const sel = id === 'leads-export' ? '#view-leads [data-testid="leads-export"]' : `[data-testid="${id}"]`;
    await page.locator(sel).scrollIntoViewIfNeeded();
    names.push((await downloaded(page, sel)).name);
  }
  assert.deepEqual(names.map((n) => n.split('.').pop()), ['csv', 'csv', 'json', 'svg', 'svg']);
  // The SLA document, on screen and as printed.
  await showTab(page, 'sla');
  await page.waitForSelector('[data-testid="sla-document"]');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(dir, 'sla.pdf') });
  await page.emulateMedia({ media: 'screen' });
  // The share link, copied.
  await page.click('[data-testid="share"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]').value.includes('#agreement='));
  await page.click('[data-testid="share-copy"]');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /#agreement=/);
  await page.keyboard.press('Escape');
  // Versions: save, change, see the difference, restore.
  await page.click('[data-testid="history-open"]');
  await page.fill('[data-testid="version-note"]', 'before');
  await page.click('[data-testid="save-version"]');
  await page.waitForSelector('[data-testid="version"]');
  await page.click('[data-testid="history-close"]');
  await setLine(page, 40);
  await page.click('[data-testid="history-open"]');
  await page.waitForSelector('[data-testid="diff-change"]');
  await page.click('[data-testid="version-restore"]');
  await page.click('[data-testid="history-close"]').catch(() => {});
  // Learning from outcomes (the sample has them): suggest lines and fit weights.
  await page.click('[data-testid="use-sample"]');
  await waitLeads(page, 5000);
  await showTab(page, 'learn');
  await page.fill('[data-testid="learn-target-value"]', '20');
  await page.click('[data-testid="learn-suggest"]');
  await page.waitForSelector('[data-testid="learn-picked"]');
  await page.click('[data-testid="learn-fit"]');
  await page.waitForSelector('[data-testid="learn-coefficients"]', { timeout: 60_000 });
  // Both languages.
  await page.selectOption('[data-testid="lang"]', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.selectOption('[data-testid="lang"]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await w.check('the workbench');
  await page.close();

  // The example intranet page: a summary and the framed workbench.
  const intranet = await env.context.newPage();
  const errors = [];
  intranet.on('console', (m) => { if (m.type() === 'error' || /Refused to/.test(m.text())) errors.push(m.text()); });
  intranet.on('pageerror', (e) => errors.push(e.message));
  await intranet.goto(`${env.url}www/intranet.html`);
  await intranet.waitForFunction(() => document.querySelector('[data-testid="summary"]')?.dataset.state === 'ready', null, { timeout: 60_000 });
  const frame = intranet.frameLocator('[data-testid="workbench"] iframe');
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await intranet.evaluate(() => window.__csp), [], 'intranet page: no CSP violation');
  const framed = intranet.frames().find((f) => f !== intranet.mainFrame());
  assert.deepEqual(await framed.evaluate(() => window.__csp), [], 'framed workbench: no CSP violation');
  assert.deepEqual(errors, [], 'intranet page: no console error');
  await intranet.close();
});

// ---- Markup-like payloads -------------------------------------------------------------------

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '<svg onload="window.__pwned=1">',
  '{{7*7}}',
  '\u202Egnp.exe\u202C',
];
const q = (s) => `"${s.replaceAll('"', '""')}"`;

/** Leads whose every header and every text value is a payload; enough rows for the charts. */
function payloadCsv() {
  const header = ['Email', 'Job Title', 'Company', 'Industry', 'Country', 'Lead Source', ...PAYLOADS];
  const lines = [header.map(q).join(',')];
  for (let i = 0; i < 60; i++) {
    const p = (k) => PAYLOADS[(i + k) % PAYLOADS.length];
    lines.push([`lead${i}@acme.io`, `VP ${p(0)}`, p(1), p(2), p(3), p(4), ...PAYLOADS.map((_, k) => p(k))].map(q).join(','));
  }
  // A row with too many values, for the problems list (its text is a payload too).
  lines.push([...header.map(() => PAYLOADS[0]), PAYLOADS[1], PAYLOADS[3]].map(q).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The agreement with a payload in every text a person writes into it. */
function payloadAgreement(a, p) {
  a.name = p;
  const group = a.qualification.fit.groups[0];
  group.name = p;
  group.rules[0].id = p;
  group.rules[0].contains_any = [p, 'vp'];
  a.handoff.recycle.reasons = [p];
  a.definitions.stages[1].definition.en = p;
  return a;
}

async function assertInert(page, what) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${what}: no payload ran`);
  assert.equal(await page.locator('img[src="x"], svg[onload], script:not([src])').count(), 0, `${what}: no element from a payload`);
}

test('markup in the data and in the agreement is shown as text on every view, never run', async () => {
  const { page, events } = await openPage(env);
  const w = watch(page, events);
  await page.click('[data-testid="history-open"]');
  await page.click('[data-testid="save-version"]');
  await page.waitForSelector('[data-testid="version"]');
  await page.click('[data-testid="history-close"]');

  await page.setInputFiles('[data-testid="file-input"]', file('payloads.csv', payloadCsv()));
  await waitLeads(page, 60);
  await assertInert(page, 'loaded');
  // The mapping and the problems list show the payload headers and values as they are.
  const columns = await page.textContent('[data-testid="columns"]');
  for (const p of PAYLOADS.slice(0, 4)) assert.ok(columns.includes(p), `column ${p}`);
  assert.match(await page.textContent('[data-testid="diagnostics"]'), /Row left out/, 'the problems list');

  // The agreement with payloads, uploaded.
  const { bytes } = await downloaded(page, 'download-agreement');
  const agreement = payloadAgreement(JSON.parse(bytes.toString('utf8')), PAYLOADS[0]);
  agreement.qualification.fit.groups[1].name = PAYLOADS[1];
  await page.setInputFiles('[data-testid="upload-agreement"]', file('payload.json', JSON.stringify(agreement)));
  await page.waitForFunction(() => /<img src=x/.test(document.querySelector('[data-testid="agreement-editor"]').textContent
    + [...document.querySelectorAll('[data-testid="agreement-editor"] input')].map((i) => i.value).join(' ')));

  // A lead's explanation: the payload agreement's group and rule, and the lead's values, as text.
  await page.fill('[data-testid="explain-row"]', '2');
  await page.press('[data-testid="explain-row"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="explain-body"]')?.dataset.row === '1');
  await page.waitForFunction((p) => document.querySelector('[data-testid="explain-body"]').textContent.includes(p), PAYLOADS[0]);
  await assertInert(page, 'explanation');

  // Every view.
  for (const tab of ['followup', 'goals', 'kpis', 'learn', 'sla', 'leads']) {
    await showTab(page, tab);
    await page.waitForSelector(`#view-${tab}:not([hidden])`);
    await assertInert(page, tab);
  }
  await showTab(page, 'sla');
  // The SLA document shows the payload keyword and reason as text.
  await page.waitForFunction((p) => document.querySelector('[data-testid="sla-body"]').textContent.includes(p), PAYLOADS[0]);
  await assertInert(page, 'SLA document');
  await showTab(page, 'leads');
  const matrix = await page.textContent('[data-testid="matrix"]');
  assert.ok(matrix.length > 0);
  await openFirstLead(page);
  const detail = await page.textContent('[data-testid="lead-dialog"]');
  assert.ok(detail.includes(PAYLOADS[1]), 'the lead detail shows a payload value as text');
  assert.ok(detail.includes('{{7*7}}') && !detail.includes('49'), 'no template is evaluated');
  assert.equal(await page.locator('[data-testid="lead-dialog"] a').count(), 0, 'no value becomes a link');
  await assertInert(page, 'lead detail');
  await page.keyboard.press('Escape');
  const rows = await page.textContent('#view-leads [data-testid="leads-table"]');
  assert.ok(rows.includes(PAYLOADS[1]), 'the table shows a payload value as text');
  // The charts as SVG files: the labels escaped.
  const svg = (await downloaded(page, 'svg-dist')).bytes.toString('utf8');
  assert.doesNotMatch(svg, /<img|<script|onerror=|onload=/);
  // Printed.
  await showTab(page, 'sla');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(dir, 'payload-sla.pdf') });
  await page.emulateMedia({ media: 'screen' });
  await assertInert(page, 'printed');
  // The history's difference in words.
  await page.click('[data-testid="history-open"]');
  await page.waitForSelector('[data-testid="diff-change"]');
  assert.ok((await page.textContent('[data-testid="diff"]')).includes(PAYLOADS[0]), 'the diff names the payload as text');
  await assertInert(page, 'history');
  await page.click('[data-testid="history-close"]');

  // A share link carrying the payload agreement, opened in a fresh page.
  await page.click('[data-testid="share"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]').value.includes('#agreement='));
  const link = await page.inputValue('[data-testid="share-link"]');
  await w.check('payloads');
  await page.close();
  const shared = await openPage(env, { hash: link.slice(link.indexOf('#')) });
  const w2 = watch(shared.page, shared.events);
  assert.match(await shared.page.textContent('[data-testid="notice"]'), /from the link is loaded/);
  for (const tab of ['sla', 'kpis', 'learn', 'leads']) {
    await showTab(shared.page, tab);
    await assertInert(shared.page, `shared ${tab}`);
  }
  await showTab(shared.page, 'sla');
  await shared.page.waitForFunction((p) => document.querySelector('[data-testid="sla-body"]').textContent.includes(p), PAYLOADS[0]);
  await w2.check('shared link');
  await shared.page.close();

  // The CLI's SLA page, opened in the browser: no payload runs, its own style is allowed.
  const a = file('cli-agreement.json', JSON.stringify(agreement));
  const html = file('sla.html', execFileSync(ACCORD, ['sla', '--agreement', a, '--format', 'html']));
  const cli = await env.context.newPage();
  const refused = [];
  cli.on('console', (m) => { if (/Refused|Content Security Policy/.test(m.text())) refused.push(m.text()); });
  opened.add(pathToFileURL(html).href);
  await cli.goto(pathToFileURL(html).href);
  await assertInert(cli, 'accord sla --format html');
  assert.ok((await cli.textContent('body')).includes(PAYLOADS[0]));
  assert.deepEqual(await cli.evaluate(() => window.__csp), [], 'no CSP violation: the style hash matches');
  assert.deepEqual(refused, []);
  const border = await cli.$eval('h2', (h) => getComputedStyle(h).borderBottomStyle);
  assert.equal(border, 'solid', 'the inline stylesheet applied');
  await cli.close();
});

// ---- CSV export and re-import ---------------------------------------------------------------

const FORMULAS = ['=HYPERLINK("http://x","y")', '+33 6 12 34 56 78', '@SUM(A1)', '-1+1', '-12', 'plain', "'hello", "'=quoted"];

test('an exported CSV neutralises formulas, and loading it back gives the same values', async () => {
  const { page, events } = await openPage(env);
  const w = watch(page, events);
  const lines = ['Email,Job Title,Company,=Note'];
  FORMULAS.forEach((f, i) => lines.push([`l${i}@acme.io`, 'VP Marketing', `Acme ${i}`, f].map(q).join(',')));
  await page.setInputFiles('[data-testid="file-input"]', file('formulas.csv', `${lines.join('\n')}\n`));
  await waitLeads(page, FORMULAS.length);
  await showTab(page, 'leads');
  await page.locator('#view-leads [data-testid="leads-export"]').scrollIntoViewIfNeeded();
  const first = await downloaded(page, '#view-leads [data-testid="leads-export"]');
  const records = parseCsv(first.bytes.subarray(3).toString('utf8'));
  const notes = records.slice(1).map((r) => r[3]);
  assert.equal(records[0][3], "'=Note");
  assert.deepEqual(notes, ["'=HYPERLINK(\"http://x\",\"y\")", "'+33 6 12 34 56 78", "'@SUM(A1)", "'-1+1", '-12', 'plain', "'hello", "'=quoted"]);
  for (const cell of records.flat()) assert.doesNotMatch(cell, /^[=+@\t\r]/, `neutralised: ${cell}`);

  // Loaded back: the same values as the original file gave.
  await page.setInputFiles('[data-testid="file-input"]', file('scored-leads.csv', first.bytes));
  await waitLeads(page, FORMULAS.length);
  assert.match(await page.textContent('[data-testid="columns"]'), /=Note/);
  assert.doesNotMatch(await page.textContent('[data-testid="columns"]'), /'=Note/);
  const second = await downloaded(page, '#view-leads [data-testid="leads-export"]');
  const again = parseCsv(second.bytes.subarray(3).toString('utf8'));
  assert.deepEqual(again.map((r) => r.slice(0, 4)), records.map((r) => r.slice(0, 4)), 'export → load → export: the same cells');
  await openFirstLead(page);
  assert.ok((await page.textContent('[data-testid="lead-dialog"]')).includes('=HYPERLINK("http://x","y")'), 'shown as the original value');
  await w.check('re-import');
  await page.close();
});

// ---- No lead data in the SLA, the link or the agreement file ---------------------------------

test('the SLA document, share link and agreement file hold the agreement, never lead data', async () => {
  const { page, events } = await openPage(env);
  const w = watch(page, events);
  const header = ['Email', 'Job Title', 'Company', 'Industry', 'Country', 'Lead Source', 'Recent Conversion', 'Lifecycle Stage', 'Notes'];
  const markers = [];
  const lines = [header.join(',')];
  for (let r = 0; r < 30; r++) {
    lines.push(header.map((_, c) => {
      const m = `zq${c}x${r}mark`;
      markers.push(m);
      return c === 0 ? `${m}@leak.example` : c === 1 ? `VP ${m}` : m;
    }).join(','));
  }
  await page.setInputFiles('[data-testid="file-input"]', file('markers.csv', `${lines.join('\n')}\n`));
  await waitLeads(page, 30);
  // The agreement changed, with texts of its own.
  const { bytes } = await downloaded(page, 'download-agreement');
  const a = JSON.parse(bytes.toString('utf8'));
  a.handoff.recycle.reasons = ['AGRTEXT reason'];
  a.qualification.fit.groups[0].rules[0].contains_any = ['agrtext-keyword'];
  a.name = 'Own agreement';
  await page.setInputFiles('[data-testid="upload-agreement"]', file('own.json', JSON.stringify(a)));
  // The upload applied before the line moves (else its answer, arriving after, puts the line
  // back; seen once with the engine slower to answer).
  await page.waitForFunction(() => /Own agreement/.test(document.querySelector('[data-testid="agreement-name"]').textContent));
  await setLine(page, 44);
  await page.waitForFunction(() => document.querySelector('[data-testid="number-mql-fit"]').value === '44');

  const forms = {};
  await showTab(page, 'sla');
  await page.waitForFunction(() => /agrtext-keyword/.test(document.querySelector('[data-testid="sla-body"]').textContent));
  forms['SLA on the page'] = await page.$eval('[data-testid="sla-body"]', (el) => el.innerHTML);
  await page.emulateMedia({ media: 'print' });
  forms['SLA as printed'] = await page.evaluate(() => document.body.innerText);
  await page.emulateMedia({ media: 'screen' });
  forms['agreement file'] = (await downloaded(page, 'download-agreement')).bytes.toString('utf8');
  await page.click('[data-testid="share"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]').value.includes('#agreement='));
  const link = await page.inputValue('[data-testid="share-link"]');
  forms['share link'] = link;
  forms['share link, decoded'] = JSON.stringify(await page.evaluate(async (hash) => {
    const saved = await import('./www/saved.js');
    return saved.decodeLink(hash);
  }, link.slice(link.indexOf('#'))));
  await page.keyboard.press('Escape');

  const printed = forms['SLA as printed'];
  // What is printed is the SLA alone (sla.css hides the rest), so no marker from the table.
  for (const [what, text] of Object.entries(forms)) {
    for (const m of markers) assert.ok(!text.includes(m), `${what} holds lead data ${m}`);
    assert.doesNotMatch(text, /zq\d+x\d+|leak\.example/, `${what}: no part of a marker`);
  }
  for (const what of ['SLA on the page', 'agreement file', 'share link, decoded']) {
    assert.ok(forms[what].includes('agrtext-keyword'), `${what} holds the agreement's keyword`);
    assert.ok(forms[what].includes('AGRTEXT reason'), `${what} holds the agreement's reason`);
  }
  assert.ok(printed.includes('agrtext-keyword'), 'the printed SLA holds the agreement');
  await w.check('no lead data');
  await page.close();
});
