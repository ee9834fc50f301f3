// Page tests of the state a user keeps: saved state from an older version is migrated; corrupt
// saved state, share links and half-written uploads are refused with a message and never
// overwrite the good state; every destructive action (remove a group, replace the data, apply
// suggested weights, restore a version, start from a preset) has an Undo in its notice that
// puts back exactly what was there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, offOriginRequests, openPage, showTab, fillPaste } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Real agreements from the project's history (see tests/migration.rs). */
const OLD = (name) => readFileSync(join(HERE, '..', 'agreements', name), 'utf8');
const V1 = OLD('v1-2c303a2-default.json');
const V2_EARLY = OLD('v2-6397ee2-services.json');

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

const dir = mkdtempSync(join(tmpdir(), 'accord-state-'));
const num = (t) => Number(String(t).replace(/[^0-9.-]/g, ''));
const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));
const notice = (page) => page.textContent('[data-testid="notice"]');
/** What the page shows of the results: every tile, and which data it is (with its columns). */
const figures = (page) => page.evaluate(() => [
  document.querySelector('[data-testid="data-source"]').textContent,
  document.querySelector('[data-testid="column-count"]').textContent,
  ...[...document.querySelectorAll('[data-testid="tiles"] [data-testid]')].map((e) => `${e.dataset.testid}=${e.textContent}`),
].join('\n'));
const stored = (page, key = 'accord.state') => page.evaluate((k) => localStorage.getItem(k), key);
/** The agreement being edited, exactly as the page would download it. */
async function agreement(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-agreement"]')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}
/** Wait until the engine has answered every change (results shown, autosaved). */
const settled = (page) => page.waitForFunction(() => !document.body.dataset.agreementBusy);
/** Wait until the figures shown are (`same`) or are not (`!same`) `expected` (as `figures`). */
const untilFigures = (page, expected, same = true) => page.waitForFunction(([want, eq]) => {
  const now = [
    document.querySelector('[data-testid="data-source"]').textContent,
    document.querySelector('[data-testid="column-count"]').textContent,
    ...[...document.querySelectorAll('[data-testid="tiles"] [data-testid]')].map((e) => `${e.dataset.testid}=${e.textContent}`),
  ].join('\n');
  return eq ? now === want : now !== want;
}, [expected, same], { timeout: 30_000 });
const untilNotice = (page, re) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="notice"]').textContent), re.source);

/** Resolves once the engine's worker has started its helper and reader workers (nested). */
async function helpersUp(page) {
  for (let i = 0; i < 100 && page.workers().length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function setLine(page, value) {
  await page.fill('[data-testid="number-mql-fit"]', String(value));
  await page.dispatchEvent('[data-testid="number-mql-fit"]', 'change');
  await page.waitForFunction((v) => JSON.parse(localStorage.getItem('accord.state') ?? 'null')?.agreement?.qualification?.thresholds?.mql?.fit === v, value);
  await settled(page);
}

/** A page whose browser holds `state` (an object or raw text) as the saved agreement. */
async function openWithSaved(state, options = {}) {
  const setup = await openPage(env);
  await setup.page.evaluate((s) => localStorage.setItem('accord.state', s), typeof state === 'string' ? state : JSON.stringify(state));
  await setup.page.close();
  return openPage(env, { keepStorage: true, ...options });
}

// ---------------------------------------------------------------- migration

test('an agreement saved by the first version (agreement version 1) is migrated, and the original kept', async () => {
  const envelope = { format: 1, savedAt: '2026-11-26T21:30:00.000Z', agreement: JSON.parse(V1) };
  const { page, events } = await openWithSaved(envelope);
  assert.match(await notice(page), /written by an older version of Accord and was updated: .*version 1.*"re-engage"/);
  assert.equal(await page.textContent('[data-testid="agreement-name"]'), 'B2B software (starter)');
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '50');
  assert.equal(await page.inputValue('[data-testid="number-mql-interest"]'), '40');
  // What was stored is kept as it was for an older page, and the next save is the migrated one.
  assert.deepEqual(JSON.parse(await stored(page, 'accord.state.before-migration')), envelope);
  await setLine(page, 55);
  const now = JSON.parse(await stored(page)).agreement;
  assert.equal(now.version, 2);
  assert.equal(now.qualification.thresholds.mode, 'axes');
  assert.deepEqual(now.nurture.tracks[0], { id: 're-engage', when: { recycled: true } });
  assert.deepEqual(JSON.parse(await stored(page, 'accord.state.before-migration')), envelope, 'kept after the autosave');
  assert.deepEqual(events.pageErrors, []);
  await page.close();
});

test('older agreements arrive migrated through a share link and an upload too', async () => {
  const { page } = await openPage(env);
  const fragment = await page.evaluate(async (text) => (await import('/www/saved.js')).encodeLink(JSON.parse(text)), V1);
  await page.close();
  const linked = await openPage(env, { hash: `#${fragment}` });
  assert.match(await notice(linked.page), /from the link is loaded.*older version and was updated/);
  assert.equal(await linked.page.textContent('[data-testid="agreement-name"]'), 'B2B software (starter)');
  await linked.page.close();

  const up = await openPage(env);
  writeFileSync(join(dir, 'services-2026.json'), V2_EARLY);
  await up.page.setInputFiles('[data-testid="upload-agreement"]', join(dir, 'services-2026.json'));
  await untilNotice(up.page, /services-2026\.json is the agreement now/);
  assert.match(await notice(up.page), /recycling track "re-engage"/);
  assert.equal((await agreement(up.page)).nurture.tracks[0].id, 're-engage');
  await up.page.close();
});

test('the storage envelope goes through its migration table: the current format as it is, an older one step by step', async () => {
  const { page } = await openPage(env);
  const r = await page.evaluate(async () => {
    const saved = await import('/www/saved.js');
    const agreement = { version: 2, name: 'x' };
    const out = { format: saved.FORMAT };
    const current = { format: saved.FORMAT, savedAt: 'then', agreement };
    out.current = saved.upgrade(current);
    // Only format 1 has existed: a format 0 that kept the agreement under another name is
    // synthesised, with the step that a page changing the format would add to the table.
    const steps = { 0: (s) => ({ format: 1, savedAt: s.when, agreement: s.document }) };
    out.older = saved.upgrade({ format: 0, when: 'long ago', document: agreement }, steps);
    const refused = (s, table) => {
      try {
        saved.upgrade(s, table);
        return null;
      } catch (err) {
        return err.message;
      }
    };
    out.noStep = refused({ format: 0, document: agreement });
    out.newer = refused({ format: saved.FORMAT + 1, agreement });
    out.notEnvelope = refused([agreement]);
    // And through what the page reads at start.
    localStorage.setItem('accord.state', JSON.stringify({ format: 0, when: 'long ago', document: agreement }));
    out.loaded = saved.loadSaved(steps);
    out.loadedWithout = saved.loadSaved();
    localStorage.removeItem('accord.state');
    return out;
  });
  assert.equal(r.format, 1);
  assert.deepEqual(r.current, { format: 1, savedAt: 'then', agreement: { version: 2, name: 'x' } });
  assert.deepEqual(r.older, { format: 1, savedAt: 'long ago', agreement: { version: 2, name: 'x' } });
  assert.match(r.noStep, /format 0, which this page cannot bring up to date/);
  assert.match(r.newer, /newer version of Accord \(format 2\)/);
  assert.match(r.notEnvelope, /not a saved agreement/);
  assert.deepEqual({ ...r.loaded, raw: undefined }, { agreement: { version: 2, name: 'x' }, savedAt: 'long ago', format: 0, raw: undefined });
  assert.match(r.loadedWithout.unreadable, /format 0/);
  await page.close();
});

// ---------------------------------------------------------------- corrupt state

test('corrupt share links are refused with the reason; the saved agreement and the figures stay', async () => {
  const first = await openPage(env);
  await setLine(first.page, 62);
  const good = await stored(first.page);
  const shown = await figures(first.page);
  const links = await first.page.evaluate(async () => {
    const saved = await import('/www/saved.js');
    const pack = async (text) => {
      const out = new Response(new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw')));
      const bytes = new Uint8Array(await out.arrayBuffer());
      return `agreement=1.${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    };
    return {
      base64: 'agreement=1.@@not*base64',
      deflate: `agreement=1.${btoa('these bytes are not deflate at all').replace(/=+$/, '')}`,
      json: await pack('{"version": 2, "qualification": '),
      agreement: await saved.encodeLink({ version: 2, qualification: { thresholds: { mql: { fit: 'high' } } } }),
      newer: 'agreement=9.abc',
    };
  });
  await first.page.close();
  const expect = {
    base64: /the link is damaged \(it has characters/,
    deflate: /the link is damaged or cut short/,
    json: /the link’s agreement is not valid JSON/,
    agreement: /qualification/,
    newer: /not an Accord agreement link/,
  };
  for (const [kind, fragment] of Object.entries(links)) {
    const { page } = await openPage(env, { keepStorage: true, hash: `#${fragment}` });
    const text = await notice(page);
    assert.match(text, /link’s agreement was not used: .*Your agreement is unchanged/, kind);
    assert.match(text, expect[kind], `${kind}: ${text}`);
    assert.equal(await page.isVisible('[data-testid="notice-undo"]'), false, 'nothing to undo');
    assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '62', kind);
    assert.equal(await figures(page), shown, kind);
    assert.deepEqual(JSON.parse(await stored(page)).agreement, JSON.parse(good).agreement, `${kind}: storage still holds the good agreement`);
    await page.close();
  }
});

test('corrupt saved state is set aside with the reason, never written over', async () => {
  // Not JSON, JSON that is no saved agreement, an envelope from a newer page, an agreement
  // the engine refuses: each is kept aside as it was and the page works on the default.
  const cases = [
    ['{"format":1,"agreement":{"version":2,"qua', /could not be read \(it is not valid JSON/],
    ['[1,2,3]', /could not be read \(it is not a saved agreement\)/],
    ['{"format":7,"agreement":{}}', /could not be read \(it was saved by a newer version of Accord \(format 7\)\)/],
    [JSON.stringify({ format: 1, agreement: { version: 2, qualification: { thresholds: { mql: { fit: 'high' } } } } }), /refused by the engine \(.*qualification/],
  ];
  for (const [raw, why] of cases) {
    const { page } = await openWithSaved(raw);
    assert.match(await notice(page), why);
    assert.match(await notice(page), /set aside and the default agreement is used/);
    const aside = JSON.parse(await stored(page, 'accord.unreadable'));
    assert.equal(aside.raw, raw, 'kept as it was');
    assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '50');
    await page.close();
  }
});

test('an unreadable list of versions is said, and set aside rather than written over', async () => {
  const setup = await openPage(env);
  await setup.page.evaluate(() => localStorage.setItem('accord.versions', '{"format":1,"versions":[{"id":"a","savedAt":"2026'));
  await setup.page.close();
  const { page } = await openPage(env, { keepStorage: true });
  await page.click('[data-testid="history-open"]');
  assert.match(await page.textContent('[data-testid="versions-unreadable"]'), /saved versions could not be read \(it is not valid JSON/);
  await page.click('[data-testid="save-version"]');
  await page.waitForSelector('[data-testid="version"]');
  const aside = JSON.parse(await stored(page, 'accord.versions.unreadable'));
  assert.equal(aside.raw, '{"format":1,"versions":[{"id":"a","savedAt":"2026');
  assert.equal(await page.isVisible('[data-testid="versions-unreadable"]'), false);
  await page.close();
});

test('a truncated agreement upload is refused; the agreement, the figures and the storage stay', async () => {
  const { page } = await openPage(env);
  await setLine(page, 64);
  const good = await stored(page);
  const shown = await figures(page);
  const full = JSON.stringify(await agreement(page));
  writeFileSync(join(dir, 'cut.json'), full.slice(0, Math.floor(full.length * 0.6)));
  await page.setInputFiles('[data-testid="upload-agreement"]', join(dir, 'cut.json'));
  await untilNotice(page, /cut\.json was not used: it is not JSON \(.+\)\. Your agreement is unchanged/);
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '64');
  assert.equal(await figures(page), shown);
  assert.deepEqual(JSON.parse(await stored(page)).agreement, JSON.parse(good).agreement);
  await page.close();
});

test('a CSV whose read fails midway is refused; the previous data, figures and agreement stay', async () => {
  const { page } = await openPage(env);
  await setLine(page, 60);
  const good = await stored(page);
  const shown = await figures(page);
  // The file breaks after its first part is read (as a file changed or unplugged while read):
  // the File streams of every worker (the engine's, its reader and its helper) give their
  // first chunk, then fail.
  await helpersUp(page);
  const workers = page.workers();
  assert.ok(workers.length >= 2, `the engine's worker and its reader: ${workers.map((w) => w.url()).join(', ')}`);
  await Promise.all(workers.map((worker) => worker.evaluate(() => {
    const real = File.prototype.stream;
    globalThis.realStream = real;
    File.prototype.stream = function stream() {
      const reader = real.call(this).getReader();
      let first = true;
      return new ReadableStream({
        async pull(controller) {
          if (!first) {
            controller.error(new DOMException('The requested file could not be read.', 'NotReadableError'));
            return;
          }
          first = false;
          const { value, done } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value.subarray(0, Math.min(value.byteLength, 4096)));
        },
      });
    };
  })));
  const rows = ['Email,Job Title,Company Size,Industry,Page Views'];
  for (let i = 0; i < 3000; i++) rows.push(`lead${i}@acme.io,CTO,500,Software,${i % 40}`);
  writeFileSync(join(dir, 'leads-half.csv'), `${rows.join('\n')}\n`);
  await page.setInputFiles('#file', join(dir, 'leads-half.csv'));
  await page.waitForFunction(() => /leads-half\.csv: .*could not be read/.test(document.querySelector('#data-message').textContent));
  assert.match(await page.textContent('#data-message'), /The previous data is still loaded\./);
  assert.equal(await figures(page), shown, 'the sample’s figures are still shown');
  // The engine still works on the previous data: a change is scored on it.
  await setLine(page, 61);
  assert.match(await page.textContent('[data-testid="data-source"]'), /Sample data/);
  assert.equal(JSON.parse(await stored(page)).agreement.qualification.thresholds.mql.fit, 61);
  assert.notEqual(await stored(page), good);
  // Read whole, the same file loads.
  await Promise.all(workers.map((worker) => worker.evaluate(() => { File.prototype.stream = globalThis.realStream; })));
  await page.setInputFiles('#file', join(dir, 'leads-half.csv'));
  await page.waitForFunction(() => /leads-half\.csv/.test(document.querySelector('[data-testid="data-source"]').textContent));
  assert.equal(num(await page.textContent('[data-testid="leads-count"]')), 3000);
  await page.close();
});

// ---------------------------------------------------------------- undo

/** Do `act`, check that the figures changed, press the notice's Undo, check all is back. */
async function undoRestores(page, act, { noticeText, figuresChange = true, undo = () => page.click('[data-testid="notice-undo"]') }) {
  await settled(page);
  const shown = await figures(page);
  const kept = await agreement(page);
  await act();
  await untilNotice(page, noticeText);
  await settled(page);
  if (figuresChange) await untilFigures(page, shown, false);
  assert.notEqual(await figures(page), shown, 'the action changed the figures');
  assert.equal(await page.isVisible('[data-testid="notice-undo"]'), true, 'the notice offers Undo');
  await undo();
  await untilFigures(page, shown);
  await settled(page);
  assert.deepEqual(await agreement(page), kept, 'the agreement is back exactly');
}

test('removing a group: Undo in the notice puts it back; it is withdrawn once something else changed', async () => {
  const { page } = await openPage(env);
  await undoRestores(page, () => page.click('[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="group-remove"]'),
    { noticeText: /Group “Persona” removed\./ });
  assert.match(await notice(page), /Undone: Remove a group\./);
  assert.equal(await page.inputValue('[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="group-name"]'), 'Persona');
  // An Undo offered for a removal must not take back a later change instead.
  await page.click('[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="group-remove"]');
  await untilNotice(page, /Group “Persona” removed\./);
  await setLine(page, 57);
  assert.equal(await page.isVisible('[data-testid="notice-undo"]'), false);
  assert.match(await notice(page), /Group “Persona” removed\./);
  await page.close();
});

test('replacing the data: Undo (and Ctrl+Z) load the previous data again — sample, file and pasted text', async () => {
  const { page } = await openPage(env);
  const csv = ['Email,Job Title,Company Size,Industry,Page Views,Recent Conversion'];
  for (let i = 0; i < 40; i++) csv.push(`p${i}@acme.io,${i % 3 ? 'VP Sales' : 'Intern'},${100 + i * 20},Software,${i},${i % 2 ? 'Demo request' : ''}`);
  const file = ['Email,Job Title,Company Size,Industry,Page Views'];
  for (let i = 0; i < 25; i++) file.push(`f${i}@corp.fr,CTO,${300 + i},Manufacturing,${i * 2}`);
  writeFileSync(join(dir, 'export.csv'), `${file.join('\n')}\n`);
  // The sample, replaced by a pasted text: the notice's Undo.
  await undoRestores(page, async () => {
    await fillPaste(page, csv.join('\n'));
    await page.click('[data-testid="paste-load"]');
  }, { noticeText: /Data replaced: Pasted data instead of Sample data/ });
  assert.match(await notice(page), /Data put back: Sample data/);
  // The sample, replaced by a file: Ctrl+Z.
  await undoRestores(page, () => page.setInputFiles('#file', join(dir, 'export.csv')), {
    noticeText: /Data replaced: export\.csv instead of Sample data/,
    undo: async () => {
      await page.click('[data-testid="tiles"]');
      await page.keyboard.press('Control+z');
    },
  });
  // A file, replaced by the pasted text: the same File is read again.
  await page.setInputFiles('#file', join(dir, 'export.csv'));
  await page.waitForFunction(() => /export\.csv/.test(document.querySelector('[data-testid="data-source"]').textContent));
  await undoRestores(page, () => page.click('[data-testid="paste-load"]'), { noticeText: /Data replaced: Pasted data instead of export\.csv/ });
  assert.equal(num(await page.textContent('[data-testid="leads-count"]')), 25);
  // Pasted text, replaced by the sample: the text is loaded again.
  await page.click('[data-testid="paste-load"]');
  await page.waitForFunction(() => /Pasted data/.test(document.querySelector('[data-testid="data-source"]').textContent));
  await undoRestores(page, () => page.click('[data-testid="use-sample"]'), { noticeText: /Data replaced: Sample data .* instead of Pasted data/ });
  assert.equal(num(await page.textContent('[data-testid="leads-count"]')), 40);
  await page.close();
});

test('applying suggested weights: Undo puts back the agreement and the figures exactly', async () => {
  const { page } = await openPage(env);
  await showTab(page, 'learn');
  await page.waitForSelector('[data-testid="learn-evaluation"]');
  await page.click('[data-testid="learn-fit"]');
  await page.waitForSelector('[data-testid="learn-apply-weights"]', { timeout: 60_000 });
  await undoRestores(page, () => page.click('[data-testid="learn-apply-weights"]'), { noticeText: /The suggested weights are the agreement now\./ });
  await page.close();
});

test('restoring a saved version and starting from a preset: Undo in the notice', async () => {
  const { page } = await openPage(env);
  await setLine(page, 70);
  await page.click('[data-testid="history-open"]');
  await page.click('[data-testid="save-version"]');
  await page.waitForSelector('[data-testid="version"]');
  await page.keyboard.press('Escape');
  await setLine(page, 45);
  await undoRestores(page, async () => {
    await page.click('[data-testid="history-open"]');
    await page.click('[data-testid="version-restore"]');
  }, { noticeText: /The version of .* is the agreement now/ });
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '45');
  await undoRestores(page, () => page.selectOption('[data-testid="preset-select"]', 'industrial'), { noticeText: /The agreement now starts from “Industrial/ });
  assert.equal(await page.inputValue('[data-testid="number-mql-fit"]'), '45');
  await page.close();
});

test('the undo notice and the corrupt-link notice in French', async () => {
  const { page } = await openPage(env, { query: '?lang=fr', hash: '#agreement=1.@@' });
  assert.match(await notice(page), /L’accord du lien n’a pas été utilisé\s:\sle lien est abîmé \(il contient des caractères/);
  await page.click('[data-testid="group"][data-axis="fit"][data-index="0"] [data-testid="group-remove"]');
  await untilNotice(page, /Groupe «\s.+\s» supprimé\./);
  assert.equal(await page.textContent('[data-testid="notice-undo"]'), 'Annuler');
  await page.click('[data-testid="notice-undo"]');
  await untilNotice(page, /Annulé\s:\sSupprimer un groupe\./);
  await page.close();
});
