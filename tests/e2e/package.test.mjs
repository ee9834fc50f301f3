// The npm package: `npm pack` in www/, installed into a fresh project, used (a) from a plain
// <script type="module"> importing node_modules/accord-workbench/accord.js and (b) from an
// esbuild bundle of `import … from 'accord-workbench'` (with the elements), the package's
// files copied beside the bundle and named with configure({ base }). Both pages are served
// with the page's CSP by www/serve.mjs, and must get the engine's results with no request
// leaving the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';
import { startServer } from '../../www/serve.mjs';
import { CHROMIUM } from './browser.mjs';

const run = promisify(execFile);
const WWW = new URL('../../www/', import.meta.url).pathname;

let dir;
let site;
let server;
let browser;
const requests = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accord-pack-'));
  // The server only serves /index.html and /www/…: the project is its www/.
  site = join(dir, 'site');
  const project = join(site, 'www');
  mkdirSync(project, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--pack-destination', dir, '--json'], { cwd: WWW, maxBuffer: 1 << 24 });
  const [{ filename, files }] = JSON.parse(stdout);
  const names = files.map((f) => f.path);
  for (const needed of ['accord.js', 'accord.d.ts', 'elements.js', 'worker.js', 'engine.js', 'client.js', 'index.html', 'pkg/accord_bg.wasm', 'pkg/accord.js', 'ui/summary.css']) {
    assert.ok(names.includes(needed), `the package holds ${needed}`);
  }
  assert.ok(!names.some((n) => n.startsWith('examples/') || n === 'serve.mjs'), 'no example or server in the package');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'intranet', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, filename)], { cwd: project });
  assert.ok(existsSync(join(project, 'node_modules/accord-workbench/pkg/accord_bg.wasm')));

  // (a) No build step: an HTML page and a module that imports the installed file.
  writeFileSync(join(site, 'index.html'), page('Plain module', 'www/plain.js', ''));
  writeFileSync(join(project, 'plain.js'), `import { Accord } from './node_modules/accord-workbench/accord.js';
const accord = await Accord.create();
const { results } = await accord.loadSample({ rows: 1200, seed: 5 });
const out = document.getElementById('out');
out.dataset.leads = results.leads;
out.dataset.mqls = results.mqls;
out.textContent = results.leads + ' leads, ' + results.mqls + ' MQLs';
`);

  // (b) A bundle: the entry imports the package by name; its runtime files are copied beside
  // the bundle (as a build would copy them to the static folder) and configure() says where.
  const src = join(project, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'setup.js'), `import { configure } from 'accord-workbench';
configure({ base: new URL('./accord/', document.baseURI) });
`);
  writeFileSync(join(src, 'main.js'), `import './setup.js';
import 'accord-workbench/elements';
import { Accord } from 'accord-workbench';
const accord = await Accord.create();
const { results } = await accord.loadSample({ rows: 1200, seed: 5 });
const out = document.getElementById('out');
out.dataset.leads = results.leads;
out.dataset.mqls = results.mqls;
out.textContent = results.leads + ' leads, ' + results.mqls + ' MQLs';
`);
  await esbuild.build({
    entryPoints: [join(src, 'main.js')], bundle: true, format: 'esm', target: 'es2022',
    outfile: join(project, 'dist/app.js'), absWorkingDir: project, logLevel: 'silent',
  });
  cpSync(join(project, 'node_modules/accord-workbench'), join(project, 'dist/accord'), { recursive: true });
  writeFileSync(join(project, 'dist/index.html'), page('Bundled', 'app.js',
    '<accord-summary data="sample" data-testid="summary"></accord-summary>'));

  server = await startServer({ port: 0, root: site });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function page(title, script, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,">
<script type="module" src="${script}"></script></head>
<body><p id="out">…</p>${body}</body></html>
`;
}

async function open(path) {
  const context = await browser.newContext();
  const seen = [];
  const errors = [];
  context.on('request', (r) => seen.push(r.url()));
  const p = await context.newPage();
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(server.url + path);
  await p.waitForSelector('#out[data-leads]', { timeout: 60_000 }).catch((err) => {
    throw new Error(`${err.message}\nerrors: ${errors.join('\n')}\nrequests: ${seen.join('\n')}`);
  });
  const out = await p.$eval('#out', (e) => ({ leads: Number(e.dataset.leads), mqls: Number(e.dataset.mqls) }));
  requests.push(...seen);
  return { context, page: p, out, errors, seen };
}

let plainMqls;

test('the packed package works from a plain <script type="module">', async () => {
  const { context, out, errors, seen } = await open('');
  assert.equal(out.leads, 1200);
  assert.ok(out.mqls > 0 && out.mqls < 1200, `some MQLs: ${out.mqls}`);
  plainMqls = out.mqls;
  assert.deepEqual(errors, []);
  assert.ok(seen.some((u) => u.endsWith('/www/node_modules/accord-workbench/pkg/accord_bg.wasm')), 'the wasm came from the package');
  await context.close();
});

test('the packed package works bundled by esbuild, elements included', async () => {
  const { context, page: p, out, errors, seen } = await open('www/dist/index.html');
  assert.equal(out.leads, 1200);
  if (plainMqls !== undefined) assert.equal(out.mqls, plainMqls, 'the same engine gives the same MQLs');
  await p.waitForFunction(() => document.querySelector('[data-testid="summary"]')?.dataset.state === 'ready', null, { timeout: 60_000 });
  const leads = await p.evaluate(() => document.querySelector('[data-testid="summary"]').shadowRoot
    .querySelector('[data-testid="leads-count"]').textContent);
  assert.equal(leads, '5,000', 'the summary element of the bundle shows the sample');
  // Its stylesheet came from the configured base (so the tiles are laid out).
  assert.ok(seen.some((u) => u.endsWith('/www/dist/accord/ui/summary.css')));
  assert.ok(seen.some((u) => u.endsWith('/www/dist/accord/pkg/accord_bg.wasm')), 'the wasm came from the copied files');
  assert.deepEqual(errors, []);
  await context.close();
});

test('neither way requests anything from another origin', () => {
  assert.ok(requests.length > 0);
  const elsewhere = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(elsewhere, []);
  assert.ok(readdirSync(dir).some((f) => f.endsWith('.tgz')));
});
