// Embedding: the public API (www/accord.js) and its declarations type-checked against what it
// really returns in Chromium; the two custom elements on the example intranet page
// (www/intranet.html); the framed workbench's agreement= and data= parameters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const run = promisify(execFile);
const WWW = new URL('../../www/', import.meta.url);
const TSC = new URL('./node_modules/typescript/bin/tsc', import.meta.url).pathname;

let env;
const requests = [];
before(async () => {
  env = await launch();
  // The context sees every request: the pages', their frames' and their workers'.
  env.context.on('request', (r) => requests.push(r.url()));
});
after(async () => env?.close());

const digits = (text) => Number(String(text).replace(/[^0-9]/g, ''));

/** A page of the origin with nothing on it, to drive the API from. */
async function blankPage() {
  const page = await env.context.newPage();
  const url = `${env.url}www/blank-for-tests.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>API</title>' }));
  await page.goto(url);
  return page;
}

/** The intranet page, once its summary has figures and its framed workbench is ready. */
async function openIntranet() {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${env.url}www/intranet.html`);
  await waitSummary(page, 'ready');
  const frame = page.frameLocator('[data-testid="workbench"] iframe');
  return { page, errors, frame };
}

async function waitSummary(page, state, sel = '[data-testid="summary"]') {
  await page.waitForFunction(([s, want]) => document.querySelector(s)?.dataset.state === want, [sel, state], { timeout: 60_000 });
}

/** What the summary shows: its tiles' figures, its matrix counts, its words. */
function shown(page, sel = '[data-testid="summary"]') {
  return page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const text = (q) => root.querySelector(q)?.textContent ?? null;
    return {
      leads: text('[data-testid="leads-count"]'),
      mqls: text('[data-testid="mql-count"]'),
      sqls: text('[data-testid="sql-count"]'),
      dq: text('[data-testid="dq-count"]'),
      mqlLabel: text('[data-testid="tile-mql"] .tile-label'),
      caption: text('figcaption'),
      state: text('[data-testid="summary-state"]'),
      cells: [...root.querySelectorAll('[data-testid^="matrix-cell-"] .n')].map((e) => e.textContent),
      figuresHidden: root.querySelector('[data-testid="summary-tiles"]').parentElement.hidden,
    };
  }, sel);
}

/** The engine's results for an agreement file and a data file, through the public API. */
function apiResults(page, agreementUrl, dataUrl) {
  return page.evaluate(async ([a, d]) => {
    const { Accord } = await import('/www/accord.js');
    const accord = await Accord.create({ agreement: await (await fetch(a)).json() });
    try {
      return (await accord.loadUrl(d)).results;
    } finally {
      accord.destroy();
    }
  }, [agreementUrl, dataUrl]);
}

function assertShows(view, r) {
  assert.equal(digits(view.leads), r.leads, 'leads tile');
  assert.equal(digits(view.mqls), r.mqls, 'MQL tile');
  assert.equal(digits(view.sqls), r.sqls, 'SQL tile');
  assert.equal(digits(view.dq), r.disqualified.count, 'disqualified tile');
  assert.deepEqual(view.cells.map(digits), r.matrix.counts.flat(), 'matrix counts, row by row');
}

// Every method of the API run on the sample, its value written as a TypeScript literal typed
// with the declared return type, and tsc --strict run over it: a property missing, extra,
// renamed or of the wrong type fails.
test('accord.d.ts declares exactly what the API returns (tsc --strict on the values from Chromium)', async () => {
  const page = await blankPage();
  const { consts, members, refused, aborted } = await page.evaluate(async () => {
    const { Accord } = await import('/www/accord.js');
    const ts = (v) => {
      if (v === null) return 'null';
      if (v === undefined) return 'undefined';
      if (v instanceof Float32Array) return `new Float32Array(${JSON.stringify(Array.from(v.subarray(0, 3)))})`;
      if (v instanceof Error) return `new Error(${JSON.stringify(v.message)})`;
      if (Array.isArray(v)) return `[${v.map(ts).join(', ')}]`;
      if (typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${ts(x)}`).join(', ')} }`;
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
      return JSON.stringify(v);
    };
    const out = [];
    const events = [];
    const value = (method, v) => out.push(`export const ${method}_value: Awaited<ReturnType<Accord["${method}"]>> = ${ts(v)};`);
    const accord = await Accord.create({ lang: 'fr' });
    accord.subscribe((e) => events.push(e));
    value('loadSample', await accord.loadSample({ rows: 1500, seed: 3 }));
    value('loadCsv', await accord.loadCsv('Email,Job Title,Company Size,Page Views\nana@acme.io,VP Sales,300,12\nbo@gmail.com,Student,5,1\n'));
    const progress = [];
    value('loadFile', await accord.loadFile(new File(['Email,Job Title\nx@acme.io,Director\n'], 'two.csv'), { onProgress: (p) => progress.push(p) }));
    value('loadUrl', await accord.loadUrl('/www/examples/leads.csv', { onProgress: (p) => progress.push(p) }));
    const agreement = accord.agreement;
    agreement.qualification.thresholds.mql.fit = 61;
    value('setAgreement', await accord.setAgreement(agreement));
    const bad = accord.agreement;
    bad.qualification.thresholds.mql.fit = 'high';
    let refusedMessage = null;
    try {
      await accord.setAgreement(bad);
    } catch (err) {
      refusedMessage = err.message;
    }
    const controller = new AbortController();
    controller.abort();
    let abortedName = null;
    try {
      await accord.loadFile(new Blob(['a\n1\n']), { signal: controller.signal });
    } catch (err) {
      abortedName = err.name;
    }
    value('results', await accord.results());
    value('lifecycle', await accord.lifecycle());
    value('kpis', await accord.kpis());
    value('leads', await accord.leads({ limit: 5, sort: 'fit', desc: true }));
    value('explain', await accord.explain(0));
    value('sla', await accord.sla());
    value('scores', await accord.scores());
    value('warmUp', await accord.warmUp());
    out.push(`export const agreement_value: Accord["agreement"] = ${ts(accord.agreement)};`);
    out.push(`export const version_value: Accord["version"] = ${ts(accord.version)};`);
    out.push(`export const events_value: AccordEvent[] = ${ts(events)};`);
    out.push(`export const progress_value: (ReadProgress | UrlProgress)[] = ${ts(progress)};`);
    const names = Object.getOwnPropertyNames(Accord.prototype).filter((n) => n !== 'constructor');
    accord.destroy();
    return { consts: out, members: names, refused: refusedMessage, aborted: abortedName };
  });
  await page.close();

  assert.match(refused ?? '', /qualification\.thresholds\.mql\.fit/, 'a refused agreement names its JSON path');
  assert.equal(aborted, 'AbortError', 'an aborted load rejects with an AbortError');
  assert.ok(consts.some((c) => c.includes('"type": "error"')), 'subscribers heard of the refused agreement');

  const dir = mkdtempSync(join(tmpdir(), 'accord-types-'));
  try {
    mkdirSync(join(dir, 'pkg'));
    copyFileSync(new URL('accord.d.ts', WWW), join(dir, 'accord.d.ts'));
    copyFileSync(new URL('pkg/accord.d.ts', WWW), join(dir, 'pkg/accord.d.ts'));
    const check = [
      'import type { Accord, AccordEvent, ReadProgress, UrlProgress } from "./accord.js";',
      ...consts,
      // Every method the class has is declared, and nothing more.
      `const actual = ${JSON.stringify(members)} as const;`,
      'type Actual = typeof actual[number];',
      // (A name left over shows in tsc's message: Type '"destroy"' is not assignable to type 'never'.)
      'export const undeclared: never = null as unknown as Exclude<Actual, keyof Accord>;',
      'export const notThere: never = null as unknown as Exclude<keyof Accord, Actual>;',
    ].join('\n');
    writeFileSync(join(dir, 'check.ts'), check);
    const tsc = () => run(process.execPath, [TSC, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'esnext,dom',
      '--module', 'esnext', '--moduleResolution', 'bundler', join(dir, 'check.ts')], { cwd: dir, maxBuffer: 1 << 24 })
      .then(() => '', (err) => `${err.stdout}${err.stderr}` || err.message);
    assert.equal(await tsc(), '', 'the values type-check against the declarations');

    // The check has teeth: a declared property renamed (ours, then the engine's) fails it.
    const ours = readFileSync(join(dir, 'accord.d.ts'), 'utf8');
    writeFileSync(join(dir, 'accord.d.ts'), ours.replace('memoryBytes: number;', 'memoryUsed: number;'));
    assert.match(await tsc(), /memoryBytes|memoryUsed/, 'renaming Loaded.memoryBytes fails the check');
    writeFileSync(join(dir, 'accord.d.ts'), ours.replace('  destroy(): void;\n', ''));
    assert.match(await tsc(), /destroy/, 'leaving a method undeclared fails the check');
    writeFileSync(join(dir, 'accord.d.ts'), ours);
    const engine = readFileSync(join(dir, 'pkg/accord.d.ts'), 'utf8');
    assert.ok(engine.includes('leads: number; mqls: number;'));
    writeFileSync(join(dir, 'pkg/accord.d.ts'), engine.replace('leads: number; mqls: number;', 'leads: number; mqlCount: number;'));
    assert.match(await tsc(), /mqls|mqlCount/, 'renaming Results.mqls fails the check');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('warmUp rehearses once, not while a file is being read, and keeps the data loaded', async () => {
  const page = await blankPage();
  const got = await page.evaluate(async () => {
    const { Accord } = await import('/www/accord.js');
    const accord = await Accord.create();
    try {
      const rows = Array.from({ length: 60_000 }, (_, i) => `lead${i}@firm${i % 97}.com,Director,${i % 500},${i % 40}`);
      const file = new File([`Email,Job Title,Company Size,Page Views\n${rows.join('\n')}\n`], 'leads.csv');
      const loading = accord.loadFile(file);
      const during = await accord.warmUp();
      const loaded = await loading;
      const first = await accord.warmUp();
      const again = await accord.warmUp();
      const after = await accord.results();
      return { during, first, again, leads: loaded.results.leads, mqlsBefore: loaded.results.mqls, mqlsAfter: after.mqls, leadsAfter: after.leads };
    } finally {
      accord.destroy();
    }
  });
  await page.close();
  assert.match(got.during.skipped ?? '', /being read/, `asked during the load: ${JSON.stringify(got.during)}`);
  assert.ok(got.first.mqls > 0 && got.first.ms > 0, `then it rehearses: ${JSON.stringify(got.first)}`);
  assert.deepEqual(got.again, got.first, 'once: the same answer after');
  assert.equal(got.leads, 60_000);
  assert.equal(got.leadsAfter, 60_000, 'the file stays loaded');
  assert.equal(got.mqlsAfter, got.mqlsBefore);
});

test('the intranet summary shows the engine’s figures for its agreement and data', async () => {
  const { page, errors } = await openIntranet();
  const expected = await apiResults(page, '/www/examples/agreement.json', '/www/examples/leads.csv');
  assert.equal(expected.leads, 2000);
  const view = await shown(page);
  assertShows(view, expected);
  assert.match(view.state, /2,000 leads under “Sales & Marketing FY27”/);
  assert.equal(view.caption, 'Fit × interest matrix · win rate of closed leads');
  assert.deepEqual(errors, []);
  await page.close();
});

test('choosing another agreement updates the summary to that agreement’s figures', async () => {
  const { page } = await openIntranet();
  const before = await shown(page);
  await page.selectOption('[data-testid="agreement-choice"]', 'examples/agreement-strict.json');
  await page.waitForFunction((old) =>
    document.querySelector('[data-testid="summary"]').dataset.state === 'ready'
    && document.querySelector('[data-testid="summary"]').shadowRoot.querySelector('[data-testid="mql-count"]').textContent !== old,
  before.mqls, { timeout: 60_000 });
  const after = await shown(page);
  const expected = await apiResults(page, '/www/examples/agreement-strict.json', '/www/examples/leads.csv');
  assertShows(after, expected);
  assert.ok(digits(after.mqls) < digits(before.mqls), `a stricter MQL line gives fewer MQLs (${after.mqls} < ${before.mqls})`);
  assert.match(after.state, /FY27 proposal: stricter MQL line/);
  await page.close();
});

test('lang="fr" shows the summary and the workbench in French', async () => {
  const { page, frame } = await openIntranet();
  await page.selectOption('[data-testid="lang-choice"]', 'fr');
  const view = await shown(page);
  assert.equal(view.caption, 'Matrice adéquation × intérêt · taux de gain des leads clos');
  assert.equal(view.mqlLabel, 'MQL');
  assert.match(view.leads, /^2[\s\u202f\u00a0]000$/, `French digit grouping: ${view.leads}`);
  assert.match(view.state, /2[\s\u202f\u00a0]000 leads selon/);
  // A failure is said in French too, the HTTP status included.
  await page.evaluate(() => document.querySelector('[data-testid="summary"]').setAttribute('data', 'examples/missing.csv'));
  await waitSummary(page, 'error');
  assert.match((await shown(page)).state, /^Non affiché\s?: examples\/missing\.csv\s?: le serveur a répondu 404/);
  await page.evaluate(() => document.querySelector('[data-testid="summary"]').setAttribute('data', 'https://example.com/leads.csv'));
  await waitSummary(page, 'error');
  assert.match((await shown(page)).state, /est sur un autre site/);
  await page.evaluate(() => document.querySelector('[data-testid="summary"]').setAttribute('data', 'examples/leads.csv'));
  await waitSummary(page, 'ready');
  // The frame reloads with ?lang=fr.
  await page.waitForFunction(() => document.querySelector('[data-testid="workbench"]').shadowRoot
    .querySelector('iframe').src.includes('lang=fr'));
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await frame.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await frame.locator('[data-testid="tile-mql"] .tile-label').textContent(), 'MQL');
  await page.close();
});

test('the framed workbench opens on the given agreement and data', async () => {
  const { page, frame } = await openIntranet();
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  // The example agreement's MQL line (55 / 45), not the default's (50 / 40).
  assert.equal(await frame.locator('[data-testid="number-mql-fit"]').inputValue(), '55');
  assert.equal(await frame.locator('[data-testid="number-mql-interest"]').inputValue(), '45');
  assert.equal(digits(await frame.locator('[data-testid="tile-leads"] [data-testid="leads-count"]').textContent()), 2000);
  assert.match(await frame.locator('[data-testid="data-source"]').textContent(), /leads\.csv/);
  assert.equal(await frame.locator('[data-testid="guide"]').isVisible(), false, 'no first-visit guide in a frame');
  assert.equal(await frame.locator('[data-testid="notice"]').isVisible(), false);
  const mine = await shown(page);
  assert.equal(await frame.locator('[data-testid="mql-count"]').textContent(), mine.mqls, 'the frame and the summary agree');
  // The frame autosaved its agreement apart: the full page of the same site keeps its own.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('accord.embed[') && k.endsWith('.state')));
  const full = await env.context.newPage();
  await full.goto(env.url);
  await full.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await full.locator('[data-testid="number-mql-fit"]').inputValue(), '50', 'the full page is not given the frame\'s agreement');
  await full.close();
  await page.close();
});

test('a bad data URL or one on another origin says so, and nothing is requested elsewhere', async () => {
  const { page } = await openIntranet();
  await page.evaluate(() => document.querySelector('[data-testid="summary"]').setAttribute('data', 'examples/missing.csv'));
  await waitSummary(page, 'error');
  let view = await shown(page);
  assert.match(view.state, /examples\/missing\.csv.*404/);
  assert.equal(view.figuresHidden, true, 'figures of other data are not shown as if they were these');
  // Fixed again: figures come back.
  await page.evaluate(() => document.querySelector('[data-testid="summary"]').setAttribute('data', 'examples/leads.csv'));
  await waitSummary(page, 'ready');
  view = await shown(page);
  assert.equal(digits(view.leads), 2000);
  await page.evaluate(() => document.querySelector('[data-testid="summary"]').setAttribute('data', 'https://example.com/leads.csv'));
  await waitSummary(page, 'error');
  assert.match((await shown(page)).state, /another site/);
  await page.close();

  // The framed page: the notice says what failed, and the sample stands in.
  const framed = await env.context.newPage();
  await framed.goto(`${env.url}www/index.html?embed=1&data=examples/missing.csv&agreement=https%3A%2F%2Fexample.com%2Fa.json`);
  await framed.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  const notice = await framed.textContent('[data-testid="notice"]');
  assert.match(notice, /examples\/missing\.csv could not be loaded: HTTP 404/);
  assert.match(notice, /sample is shown instead/);
  assert.match(notice, /agreement at https:\/\/example\.com\/a\.json was not used: the address is on another site/);
  assert.equal(digits(await framed.textContent('[data-testid="tile-leads"] [data-testid="leads-count"]')), 5000);
  await framed.close();

  const elsewhere = requests.filter((u) => !u.startsWith(env.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(elsewhere, [], 'no request left the origin');
});
