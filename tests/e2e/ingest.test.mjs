// Page tests of loading real exports: file picker, drop, encodings, workbooks, progress and
// cancel, activities, and files that are not tables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, columnMap } from './browser.mjs';
import { utf16le, latin1, xlsx } from './fixtures.mjs';

let env;
let dir;
before(async () => {
  env = await launch();
  dir = mkdtempSync(join(tmpdir(), 'accord-files-'));
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SAMPLE_ROWS = 5000;
const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
const leads = async (page) => Number((await text(page, 'leads-count')).replace(/\D/g, ''));
const waitLeads = (page, n) => page.waitForFunction((n) =>
  document.querySelector('[data-testid="leads-count"]').textContent.replace(/\D/g, '') === String(n), n);

function file(name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const FRENCH = 'Société;Intitulé du poste;Effectif;Pages vues\r\nÉcole Polytechnique;Directrice générale;1 001-5 000;12\r\nCafé du Port;Stagiaire;11-50;3\r\nAtelier Zoé;Responsable marketing;51-200;7\r\n';

test('a semicolon-separated Windows-1252 file from the picker loads with its accents', async () => {
  const { page } = await openPage(env);
  await page.setInputFiles('[data-testid="file-input"]', file('export-fr.csv', latin1(FRENCH)));
  await waitLeads(page, 3);
  assert.match(await text(page, 'data-source'), /export-fr\.csv · 3 leads · 4 columns/);
  assert.match(await text(page, 'data-format'), /semicolon-separated text, Windows-1252/);
  const columns = await text(page, 'columns');
  assert.match(columns, /Société/);
  assert.match(await columnMap(page), /Intitulé du poste → job_title/);
  assert.doesNotMatch(columns, /Ã|\uFFFD/);
  await page.close();
});

test('an Excel workbook and a UTF-16 "Unicode text" export load', async () => {
  const { page } = await openPage(env);
  const book = xlsx('Contacts', [
    ['Email', 'Job Title', 'Number of Employees', 'Page Views'],
    ['ana@acme.io', 'VP Marketing', 350, 30],
    ['bob@corp.fr', 'Intern', 5, 1],
  ]);
  await page.setInputFiles('[data-testid="file-input"]', file('hubspot.xlsx', book));
  await waitLeads(page, 2);
  assert.match(await text(page, 'data-format'), /Excel workbook, sheet “Contacts”/);
  assert.match(await columnMap(page), /Number of Employees → company_size/);

  await page.setInputFiles('[data-testid="file-input"]', file('unicode.txt', utf16le(FRENCH.replaceAll(';', '\t'))));
  await waitLeads(page, 3);
  assert.match(await text(page, 'data-format'), /tab-separated text, UTF-16 LE/);
  await page.close();
});

test('a JSON export (an API wrapper with HubSpot-style properties) loads', async () => {
  const { page } = await openPage(env);
  const records = {
    results: [
      { id: '101', properties: { email: 'ana@acme.io', jobtitle: 'VP Marketing', numberofemployees: '350', hs_analytics_num_page_views: '30' } },
      { id: '102', properties: { email: 'bob@gmail.com', jobtitle: 'Intern', numberofemployees: '5', hs_analytics_num_page_views: '1' } },
    ],
    paging: null,
  };
  await page.setInputFiles('[data-testid="file-input"]', file('contacts.json', JSON.stringify(records)));
  await waitLeads(page, 2);
  assert.match(await text(page, 'data-format'), /JSON/);
  assert.match(await columnMap(page), /jobtitle → job_title/);
  assert.match(await columnMap(page), /email → email/);
  await page.close();
});

test('a file dropped on the page loads', async () => {
  const { page } = await openPage(env);
  const dt = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Email,Job Title\na@x.io,CTO\nb@y.io,CEO\n'], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: dt });
  await waitLeads(page, 2);
  assert.match(await text(page, 'data-source'), /dropped\.csv/);
  await page.close();
});

test('a big file shows progress and can be cancelled, keeping the data', async () => {
  const { page } = await openPage(env, { globals: { accordTest: {} } });
  const header = 'Email,Job Title,Company Size,Page Views\n';
  const row = 'someone@example.com,Director of Marketing Operations,201-500,17\n';
  const big = header + row.repeat(2_000_000); // ~134 MB: read by two workers
  // The helper up first, as it is by the time a person picks a file: a Cancel is then heeded
  // until the helper's columns come back, not only while the file is read (which, with the
  // engine's code optimised, can end before the click arrives).
  assert.equal((await page.evaluate(() => accordTest.engine.request('helperReady'))).helper, true);
  await page.setInputFiles('[data-testid="file-input"]', file('big.csv', big));
  await page.waitForSelector('[data-testid="progress"]:not([hidden])');
  // The bar shows the file's size from the start; Cancel right away, so the race with a fast
  // machine finishing the file cannot make this test pass or fail by luck.
  assert.match(await page.textContent('[data-testid="progress-text"]'), /of \d+(\.\d)? MB · [\d,]+ rows/);
  await page.click('[data-testid="cancel-load"]');
  await page.waitForSelector('[data-testid="data-message"]:not([hidden])');
  assert.match(await text(page, 'data-message'), /cancelled/);
  assert.equal(await leads(page), SAMPLE_ROWS, 'the sample is still loaded');
  assert.equal(await page.isVisible('[data-testid="progress"]'), false);
  await page.close();
});

test('an activities file is joined to the leads', async () => {
  const { page } = await openPage(env);
  await page.setInputFiles('[data-testid="file-input"]', file('leads.csv', 'Email,Job Title\nana@acme.io,CTO\nbob@corp.fr,Intern\n'));
  await waitLeads(page, 2);
  await page.setInputFiles('[data-testid="activities-input"]', file('events.csv',
    'Email,Activity Type,Timestamp\nANA@acme.io,Page view,2024-03-01 10:00\nbob@corp.fr,Email open,2024-03-02 09:00\nnobody@x.io,Page view,2024-03-03 09:00\n'));
  await page.waitForSelector('[data-testid="activities-summary"]:not([hidden])');
  const summary = await text(page, 'activities-summary');
  assert.match(summary, /3 events from events\.csv: 2 joined to leads by e-mail/);
  assert.match(summary, /1 match no lead \(e\.g\. nobody@x\.io\)/);
  await page.close();
});

test('files that are not tables get a message naming what they are', async () => {
  const { page } = await openPage(env);
  const cases = [
    ['logo.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), /PNG/],
    ['old.xls', Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'), /\.xlsx/],
  ];
  for (const [name, bytes, says] of cases) {
    await page.setInputFiles('[data-testid="file-input"]', file(name, bytes));
    await page.waitForFunction((n) => document.querySelector('[data-testid="data-message"]').textContent.includes(n), name);
    assert.match(await text(page, 'data-message'), says);
    assert.match(await text(page, 'data-message'), /previous data is still loaded/);
    assert.equal(await leads(page), SAMPLE_ROWS);
  }
  await page.close();
});

test('problems are listed by kind with line, column and value', async () => {
  const { page } = await openPage(env);
  let csv = 'Email,Page Views\n';
  for (let i = 0; i < 30; i++) csv += `u${i}@x.io,${i}\n`;
  csv += 'odd@x.io,many\nshort@x.io\n';
  await page.setInputFiles('[data-testid="file-input"]', file('problems.csv', csv));
  await waitLeads(page, 32);
  assert.match(await text(page, 'problem-kinds'), /1 Values that do not fit their column/);
  const list = await text(page, 'diagnostics');
  assert.match(list, /line 32.*Page Views.*many/);
  await page.close();
});

/** A leads export of `rows` rows with a little of everything: dates with a misfit, numbers,
 * ranges, free text with quotes and line breaks, a short row and a broken one. */
function mixedExport(rows) {
  const out = ['Email,Job Title,Company Size,Page Views,Created,Country,Notes,Lifecycle Stage'];
  const titles = ['VP Marketing', 'Intern', 'Director of Sales', 'CEO', 'Analyst', ''];
  const sizes = ['1-10', '11-50', '51-200', '201-500', '1000+'];
  for (let r = 0; r < rows; r++) {
    const created = r === 777 ? 'soon' : `2025-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')} ${String(r % 24).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}`;
    const notes = r % 50 === 0 ? `"Asked for a demo, ""urgent""\nCall back ${r}"` : '';
    if (r === 1500) out.push(`short${r}@example.com,CEO,11-50,4,${created}`);
    else if (r === 2500) out.push('a,b,c,d,e,f,g,h,i,j,k,l,m');
    else out.push(`lead${r}@firm${r % 301}.com,${titles[r % titles.length]},${sizes[r % sizes.length]},${(r * 7) % 90},${created},${['FR', 'DE', 'US'][r % 3]},${notes},${['lead', 'mql', 'sql'][r % 3]}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Gives the page `loadAndRead(file, args, rows)`: `file` loaded through the page's worker
 * (`loadFile` with `args`, once the helper and reader workers are up), and what a person could
 * see of it: the engines that built it and who read the File, its rows and problems, and in
 * `same` the summary, results, the explanations of `rows` and every score, to compare loads.
 */
function withLoadAndRead(page) {
  return page.evaluate(() => {
    window.loadAndRead = async (file, args, rows) => {
      const engine = accordTest.engine;
      await engine.request('helperReady');
      const v = await engine.request('loadFile', { file, ...args });
      const scores = await engine.request('scores');
      const explained = [];
      for (const row of rows) explained.push(await engine.request('explain', { row }));
      return {
        workers: v.parts?.count,
        readBy: v.parts?.readBy,
        same: JSON.stringify({ summary: v.summary, results: v.results, explained, fit: Array.from(scores.fit ?? []), interest: Array.from(scores.interest ?? []) }),
        rows: v.summary.rows,
        problems: v.summary.diagnosticsTotal,
      };
    };
  });
}

test('a file read by the reader worker gives what the worker reading it gives, and the worker reads it when the reader stops midway or the load is cancelled', async () => {
  const { page } = await openPage(env, { globals: { accordTest: {} } });
  // 12 MB: one engine builds the table, the reader worker only reads the File for it.
  const csv = mixedExport(150_000);
  await withLoadAndRead(page);
  const got = await page.evaluate(async (csv) => {
    const engine = accordTest.engine;
    const file = new File([csv], 'mixed.csv', { type: 'text/csv' });
    const load = (reader) => loadAndRead(file, { parts: false, reader }, [0, 1499, 1500, 149_998]);
    const self = await load('self');
    const helped = await load();
    await engine.request('__breakReader');
    const stopped = await load();
    const again = await load();
    // Cancelled at its first progress: the error says so, the data before it stays, and
    // nothing of the cancelled read reaches the next load.
    await engine.request('helperReady');
    const job = engine.start('loadFile', { file, parts: false }, () => engine.cancel(job.id));
    const cancel = await job.done.then(() => 'finished', (err) => (err.cancelled ? 'cancelled' : err.message));
    const leads = (await engine.request('results')).results.leads;
    const after = await load();
    return { self, helped, stopped, again, cancel, leads, after };
  }, csv);
  assert.equal(got.self.readBy, 'self');
  assert.equal(got.self.workers, 1);
  assert.equal(got.self.rows, 149_999, 'every row but the broken one');
  assert.equal(got.helped.readBy, 'reader', 'read by the reader worker');
  assert.equal(got.helped.workers, 1, 'and built by one engine');
  assert.ok(got.helped.same === got.self.same, 'the same table, problems, figures and scores');
  assert.equal(got.stopped.readBy, 'self', 'the reader stopped after a piece: read here again');
  assert.ok(got.stopped.same === got.self.same, 'and nothing of the first piece is read twice');
  assert.equal(got.again.readBy, 'reader', 'the next file has a fresh reader');
  assert.ok(got.again.same === got.self.same);
  assert.equal(got.cancel, 'cancelled');
  assert.equal(got.leads, 149_999, 'the data loaded before the cancelled load stays');
  assert.equal(got.after.readBy, 'reader');
  assert.ok(got.after.same === got.self.same, 'no piece of the cancelled read in the next load');
  await page.close();
});

test('a large file picked from disk, in the chunks Chromium streams it in, gives the same table read by two workers, by one, or by the reader worker', async () => {
  const { page } = await openPage(env, { globals: { accordTest: {} } });
  // 9.2 MB, over the 8 MiB from which a file is read by two workers. From disk, Chromium
  // streams a file in chunks of 64 KiB to 2 MiB, which mostly do not fall on the 1 MiB pieces
  // the engines are given: whole pieces are pushed from each chunk, the ones that span two
  // chunks put together, and each chunk is then handed to the helper as it came.
  const path = file('picked.csv', mixedExport(140_000));
  await page.evaluate(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file', id: 'picked', hidden: true });
    document.body.append(input);
  });
  await page.setInputFiles('#picked', path);
  await withLoadAndRead(page);
  const got = await page.evaluate(async () => {
    const file = document.getElementById('picked').files[0];
    const load = (args) => loadAndRead(file, args, [0, 1499, 1500, 65_000, 139_998]);
    return {
      size: file.size,
      reader: await load({ parts: false }),
      self: await load({ parts: false, reader: 'self' }),
      two: await load({ parts: true }),
    };
  });
  assert.ok(got.size > 8 * 2 ** 20, `a file of over 8 MiB (${got.size} B)`);
  assert.equal(got.reader.readBy, 'reader', 'read for one engine by the reader worker (its own pieces)');
  assert.equal(got.reader.rows, 139_999, 'every row but the broken one');
  assert.equal(got.self.readBy, 'self');
  assert.ok(got.self.same === got.reader.same, 'one engine reading the stream itself: the same table, problems, figures and scores');
  assert.equal(got.two.workers, 2, 'read by two workers');
  assert.ok(got.two.same === got.reader.same, 'two workers: the same table, problems, figures and scores');
  await page.close();
});

test('once its first screen is shown, the page has its engine rehearse a large load, and what is shown stays', async () => {
  const { page } = await openPage(env, { globals: { accordTest: {} } });
  const before = await page.evaluate(() => accordTest.engine.request('results'));
  // The page asks on its own once idle: asked again, the worker answers the rehearsal it ran,
  // at once (far quicker than the rehearsal took), instead of running it again.
  await page.waitForTimeout(2500);
  const got = await page.evaluate(async () => {
    const t = performance.now();
    const warm = await accordTest.engine.request('warmUp');
    return { warm, roundTrip: performance.now() - t, results: (await accordTest.engine.request('results')).results };
  });
  assert.equal(got.warm.error, undefined, `the rehearsal failed: ${got.warm.error}`);
  assert.ok(got.warm.mqls > 0 && got.warm.ms > 0, `a real rehearsal: ${JSON.stringify(got.warm)}`);
  assert.ok(got.roundTrip < got.warm.ms, `the page had asked already (answered in ${got.roundTrip} ms, rehearsal ${got.warm.ms} ms)`);
  assert.deepEqual(got.results, before.results, 'the loaded sample and its figures are as they were');
  assert.equal(Number((await text(page, 'mql-count')).replace(/\D/g, '')), before.results.mqls, 'the MQL tile');
  await page.close();
});

test('a file read by two workers at once gives what one worker gives, and one worker reads it when the helper fails', async () => {
  const { page } = await openPage(env, { globals: { accordTest: {} } });
  const csv = mixedExport(30_000);
  await withLoadAndRead(page);
  const got = await page.evaluate(async (csv) => {
    const engine = accordTest.engine;
    const file = new File([csv], 'mixed.csv', { type: 'text/csv' });
    const { helper, rehearsal } = await engine.request('helperReady');
    const load = (parts) => loadAndRead(file, { parts }, [0, 1499, 1500, 20_001]);
    const one = await load(false);
    const two = await load(true);
    await engine.request('__breakHelper');
    const fallback = await load(true);
    const again = await load(true); // a fresh helper after the failed one
    return { helper, rehearsal, one, two, fallback, again };
  }, csv);
  assert.equal(got.helper, true, 'the helper worker starts with the engine');
  // Before it said it was ready, it rehearsed a large file's load (so that the engine's code
  // is optimised before a person's file comes): a real one, with MQLs.
  assert.equal(got.rehearsal?.error, undefined, `the rehearsal failed: ${got.rehearsal?.error}`);
  assert.ok(got.rehearsal?.mqls > 0, `the rehearsal read leads: ${JSON.stringify(got.rehearsal)}`);
  assert.equal(got.one.workers, 1);
  assert.equal(got.two.workers, 2, 'read by two workers');
  assert.equal(got.one.rows, 29_999, 'every row but the broken one');
  assert.ok(got.one.problems >= 3, 'the misfit date, the short row and the broken row are reported');
  assert.ok(got.two.same === got.one.same, 'the same table, problems, figures and scores from two workers');
  assert.equal(got.fallback.workers, 1, 'the helper failed: read again by one worker');
  assert.ok(got.fallback.same === got.one.same, 'and nothing of the failed part is left');
  assert.equal(got.again.workers, 2, 'the next file has a fresh helper');
  assert.ok(got.again.same === got.one.same);
  await page.close();
});
