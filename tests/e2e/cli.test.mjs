// The CLI and the page give the same scored export: the page's "Download scored leads" for the
// built-in sample, byte for byte against `accord score` on `accord sample` (the same 5,000 rows,
// seed 42), with the default agreement and after a rule's points and the MQL line were changed
// in the page and its agreement downloaded for the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './browser.mjs';
import { parseCsv } from './fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ACCORD = join(ROOT, 'target/debug/accord');
const SAMPLE_ROWS = 5000;
const SCORE_COLUMNS = ['fit', 'interest', 'grade', 'status', 'stage', 'export_stage', 'track', 'sla', 'reasons'];

let env;
let dir;
before(async () => {
  if (!existsSync(ACCORD)) {
    execFileSync('cargo', ['build', '--bin', 'accord'], { cwd: ROOT, stdio: 'inherit' });
  }
  dir = mkdtempSync(join(tmpdir(), 'accord-cli-page-'));
  env = await launch();
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const accord = (args) => execFileSync(ACCORD, args, { maxBuffer: 1 << 28 });
const num = (text) => Number(String(text).replace(/[^0-9.-]/g, ''));
const mqls = async (page) => num(await page.textContent('[data-testid="mql-count"]'));
const rule = (axis, group, index) => `[data-testid="rule"][data-axis="${axis}"][data-group="${group}"][data-index="${index}"]`;

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** The page's scored export, once the leads table shows every lead. */
async function pageExport(page) {
  await page.locator('#view-leads [data-testid="leads-export"]').scrollIntoViewIfNeeded();
  const { name, bytes } = await download(page, 'leads-export');
  assert.equal(name, 'scored-leads.csv');
  return bytes;
}

/** Every cell of the score columns equal, then the whole file byte for byte. */
function assertSame(pageBytes, cliBytes, what) {
  const a = parseCsv(pageBytes.subarray(3).toString('utf8'));
  const b = parseCsv(cliBytes.subarray(3).toString('utf8'));
  assert.equal(a.length, SAMPLE_ROWS + 1, `${what}: the page's export has a row per lead`);
  assert.equal(b.length, a.length, `${what}: the CLI's export has a row per lead`);
  assert.deepEqual(b[0], a[0], `${what}: the same header`);
  const cols = SCORE_COLUMNS.map((c) => a[0].indexOf(c));
  assert.ok(cols.every((i) => i >= 0), `${what}: every score column`);
  for (let r = 1; r < a.length; r++) {
    for (const i of cols) {
      if (a[r][i] !== b[r][i]) {
        assert.fail(`${what}: row ${r}, column ${a[0][i]}: the page has "${a[r][i]}", the CLI "${b[r][i]}"`);
      }
    }
  }
  assert.ok(pageBytes.equals(cliBytes), `${what}: the whole file is byte-identical`);
}

test('accord score gives the page\u2019s scored CSV byte for byte, before and after editing the agreement', async () => {
  const sample = join(dir, 'sample.csv');
  writeFileSync(sample, accord(['sample']));
  const { page, events } = await openPage(env);

  const defaults = await pageExport(page);
  assert.deepEqual([...defaults.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM, for Excel');
  assertSame(defaults, accord(['score', sample, '--quiet']), 'default agreement');

  // A rule's points and the MQL line, changed as a person does.
  const start = await mqls(page);
  await page.fill(`${rule('fit', 0, 1)} [data-testid="rule-points-number"]`, '40');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) > n, start);
  const raised = await mqls(page);
  await page.fill('[data-testid="number-mql-fit"]', '45');
  await page.dispatchEvent('[data-testid="number-mql-fit"]', 'change');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="mql-count"]').textContent.replace(/\D/g, '')) > n, raised);

  const { bytes: json } = await download(page, 'download-agreement');
  const agreement = JSON.parse(json.toString('utf8'));
  assert.equal(agreement.qualification.thresholds.mql.fit, 45);
  assert.equal(agreement.qualification.fit.groups[0].rules[1].points, 40);
  const file = join(dir, 'agreement.json');
  writeFileSync(file, json);
  const edited = await pageExport(page);
  assert.ok(!edited.equals(defaults), 'the edits change the export');
  assertSame(edited, accord(['score', sample, '--agreement', file, '--quiet']), 'edited agreement');

  assert.deepEqual(events.pageErrors, []);
  await page.close();
});
