// The performance showdown (issue 10): Accord against Papa Parse, uDSV and a plain-JavaScript
// scorer, on the same File objects, in one headless Chromium run; the native engine on the same
// files; one table of medians (min–max) and the goals as ratios with PASS/MISS.
//
//   node tests/bench/showdown.mjs [--rows 100000,1000000] [--runs 5] [--changes 40]
//                                 [--quick] [--write docs/BENCHMARKS.md] [--json FILE]
//
// --quick is --rows 20000 --runs 2 --changes 30 (the smoke test). Run through tests/bench/run.sh,
// which builds what is missing first. The leads files are made by `accord sample --rows N
// --extra-columns 4` into tests/bench/data/ (kept between runs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, CHROMIUM } from '../e2e/browser.mjs';
import { CSP } from '../../www/serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const ACCORD = process.env.ACCORD ?? join(ROOT, 'target/release/accord');
// The budget the test command enforces (tests/run.sh), read from there so the two never differ.
const WASM_GZIP_BUDGET = Number(
  /WASM_GZIP_BUDGET:-(\d+)/.exec(readFileSync(join(HERE, '../run.sh'), 'utf8'))?.[1] ?? NaN,
);

// --- Options --------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const quick = argv.includes('--quick');
const sizes = String(opt('rows', quick ? '20000' : '100000,1000000')).split(',').map(Number);
const runs = Number(opt('runs', quick ? 2 : 5));
const changes = Math.max(30, Number(opt('changes', quick ? 30 : 40)));
const writeTo = opt('write', null);
const jsonTo = opt('json', null);
const log = (...a) => console.error(...a);
if (sizes.some((n) => !(n > 0)) || !(runs > 0)) throw new Error('--rows takes sizes like 100000,1000000 and --runs a count');

// --- Statistics -----------------------------------------------------------------------------
const sorted = (xs) => xs.slice().sort((a, b) => a - b);
const median = (xs) => { const s = sorted(xs); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, p50: pct(xs, 0.5), p95: pct(xs, 0.95) });

// --- Files and the native engine -------------------------------------------------------------
function leadsFile(rows) {
  const dir = join(HERE, 'data');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `leads-${rows}.csv`);
  if (!existsSync(path)) {
    log(`generating ${path}`);
    execFileSync(ACCORD, ['sample', '--rows', String(rows), '--extra-columns', '4', '--out', `${path}.part`]);
    execFileSync('mv', [`${path}.part`, path]);
  }
  return path;
}

function native(path) {
  const out = execFileSync(ACCORD, ['bench', '--file', path, '--runs', String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  return { runs: lines.filter((l) => l.totalMs !== undefined), peakRssBytes: lines.find((l) => l.peakRssBytes)?.peakRssBytes };
}

// --- The browser ----------------------------------------------------------------------------
// The bench page and its bundle are served beside the page by the page's own server. uDSV
// compiles its row converters with `new Function`, so the bench page's policy adds
// 'unsafe-eval' to the page's; everything else, and every request, stays on 127.0.0.1.
const benchCsp = CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
const env = await launch({
  server: { allow: [/^\/tests\/bench\/(bench\.(html|js)|dist\/[\w.-]+\.js)$/], csp: (p) => (p.startsWith('/tests/bench/') ? benchCsp : CSP) },
  args: ['--enable-precise-memory-info'],
});
const foreign = [];
env.context.on('request', (r) => { if (!r.url().startsWith(env.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url()); });

const result = { sizes: {}, firstScreen: null, wasm: null, machine: null, foreign };
try {
  const page = await env.context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${env.url}tests/bench/bench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const cdp = await env.context.newCDPSession(page);
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.showdown[f](...a), [fn, args]);
  const heapUsed = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };

  for (const rows of sizes) {
    const path = leadsFile(rows);
    const bytes = statSync(path).size;
    log(`\n${rows.toLocaleString('en')} rows (${(bytes / 1e6).toFixed(0)} MB): native`);
    const nat = native(path);
    await page.setInputFiles('#file', path);
    const r = { rows, bytes, native: nat, accord: [], lifecycle: [], papa: [], papaTyped: [], udsv: [], udsvTyped: [], rescore: [] };
    for (let k = 0; k < runs; k++) {
      log(`  run ${k + 1}/${runs}: accord (${new Date().toISOString().slice(11, 19)})`);
      r.accord.push(await call('accordLoad'));
      if (k === runs - 1) {
        // The worker's own JS heap (the engine's data is in WebAssembly memory, counted apart).
        const w = page.workers().find((x) => x.url().endsWith('/www/worker.js'));
        // (Bounded, as the helperReady request is: one showdown run stopped for good at this
        // step or at the load before it, with the machine idle.)
        const heap = w ? w.evaluate(() => performance.memory?.usedJSHeapSize ?? null).catch(() => null) : null;
        r.accordWorkerHeap = await Promise.race([heap, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
        log(`  accord: worker heap, then changes (${new Date().toISOString().slice(11, 19)})`);
        r.changes = await call('accordChanges', changes);
      }
      r.lifecycle.push(await call('accordLifecycle'));
      await call('accordStop');
      log('  papa, udsv');
      await call('rivalsStart');
      r.papa.push(await call('papa', {}));
      r.udsv.push(await call('udsv', {}));
      r.udsvTyped.push(await call('udsv', { typed: true }));
      r.papaTyped.push(await call('papa', { typed: true, keep: k === runs - 1 }));
      if (k === runs - 1) {
        log('  baseline re-scores');
        for (let i = 0; i < runs; i++) r.rescore.push(await call('rescore', i + 1));
        r.baselineDefault = await call('rescoreDefault');
      }
      await call('rivalsStop');
    }
    // Memory: Papa Parse's rows kept on this page's thread (JS heap after a full GC, before and
    // after), against Accord's WebAssembly memory after the same load.
    log('  memory');
    const before = await heapUsed();
    r.papaHere = await call('papaHere', {});
    r.papaHeapBytes = (await heapUsed()) - before;
    await call('dropHere');
    result.sizes[rows] = r;
  }

  // The page's first screen: navigation start → body[data-ready="true"] and the tiles painted
  // (the next animation frame after), on fresh loads (empty storage; nothing cached: the server
  // says no-store).
  log('\nfirst screen');
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const p = await env.context.newPage();
    await p.addInitScript(() => {
      localStorage.clear();
      localStorage.setItem('accord.guide.dismissed', '1');
      const watch = () => {
        if (document.body?.dataset.ready === 'true') {
          const ready = performance.now();
          requestAnimationFrame(() => setTimeout(() => { window.__firstScreen = { ready, painted: performance.now() }; }, 0));
          return true;
        }
        return false;
      };
      const mo = new MutationObserver(() => { if (watch()) mo.disconnect(); });
      mo.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true });
    });
    await p.goto(env.url);
    await p.waitForFunction(() => window.__firstScreen, null, { timeout: 30_000 });
    const t = await p.evaluate(() => ({ ...window.__firstScreen, mqls: document.querySelector('[data-testid="mql-count"]')?.textContent ?? '' }));
    if (!/\d/.test(t.mqls)) throw new Error('the first screen shows no MQL count');
    loads.push(t.painted);
    await p.close();
  }
  result.firstScreen = stat(loads);
  if (pageErrors.length) throw new Error(`the bench page failed: ${pageErrors.join('; ')}`);
} finally {
  await env.close();
}

// --- Machine, wasm size ---------------------------------------------------------------------
const wasm = readFileSync(join(ROOT, 'www/pkg/accord_bg.wasm'));
// As the README's budget counts it: `gzip -9 -c www/pkg/accord_bg.wasm | wc -c` (zlib's level 9
// gives a few KB more).
result.wasm = { bytes: wasm.length, gzip: execFileSync('gzip', ['-9', '-c', join(ROOT, 'www/pkg/accord_bg.wasm')], { maxBuffer: 1 << 26 }).length };
const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return '?'; } };
result.machine = {
  cpu: (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model,
  cores: cpus().length,
  memoryGB: totalmem() / 2 ** 30,
  chromium: sh(CHROMIUM, ['--version']).split('\n').pop(),
  node: process.version,
  os: (readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="(.*)"/) ?? [])[1],
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']) + (sh('git', ['-C', ROOT, 'status', '--porcelain']) ? ' (+ uncommitted changes)' : ''),
};

// --- The table ------------------------------------------------------------------------------
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const cell = (xs) => { const s = stat(xs); return `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})`; };
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
const tput = (bytes, xs) => `${(bytes / 1e6 / (median(xs) / 1000)).toFixed(0)} MB/s`;
const columns = sizes.map((n) => result.sizes[n]);
const head = `| measurement | ${columns.map((c) => `${c.rows.toLocaleString('en')} rows (${mb(c.bytes)})`).join(' | ')} |`;
const rule = `|---|${columns.map(() => '---').join('|')}|`;
const row = (label, f) => `| ${label} | ${columns.map(f).join(' | ')} |`;
const pick = (list, key) => list.map((x) => x[key]);
const table = [
  head, rule,
  row('**Accord** in its worker: File read + type + map + score + results (round trip)', (c) => `${cell(pick(c.accord, 'ms'))} — ${tput(c.bytes, pick(c.accord, 'ms'))}`),
  row('… of which engine time (`elapsedMs`: decode, parse, type, map, score)', (c) => cell(pick(c.accord, 'engineMs'))),
  row('… the rest (File.stream() reads, messages; with two workers, waiting for the helper)', (c) => cell(c.accord.map((a) => a.ms - a.engineMs))),
  row('… built by (engines: 2 for a file of 8 MiB or more, each typing half the columns; the File read by the reader worker)', (c) => String(c.accord[0].parts?.count ?? 1) + (c.accord[0].parts?.readBy ? ` (File read by: ${c.accord[0].parts.readBy})` : '')),
  row('… two workers: this worker\'s own part / waiting for the helper / taking in its columns (medians)', (c) => (c.accord[0].parts?.count === 2 ? ['ownMs', 'waitMs', 'adoptMs'].map((k) => ms(median(c.accord.map((a) => a.parts[k])))).join(' / ') + ' ms' : '— (1 worker)')),
  row('… the helper\'s rehearsal before it said it was ready (20,000 generated leads; not in the figure)', (c) => {
    const ms_ = c.accord.map((a) => a.rehearsal?.ms).filter((x) => x !== undefined);
    return ms_.length ? cell(ms_) : '—';
  }),
  row('… the worker\'s own rehearsal before the clock (`warmUp`, as the page asks once its first screen is shown; 20,000 generated leads; not in the figure)', (c) => {
    const ms_ = c.accord.map((a) => a.warm?.ms).filter((x) => x !== undefined);
    return ms_.length ? cell(ms_) : '—';
  }),
  row('Accord native, same file (`accord bench --file`: read 1 MiB chunks, ingest, map, score, results; two threads from 8 MiB, as the page)', (c) => cell(pick(c.native.runs, 'totalMs'))),
  row('… native phases: read / ingest (push) / finish (map, score) (medians)', (c) => ['readMs', 'ingestMs', 'finishMs'].map((k) => ms(median(pick(c.native.runs, k)))).join(' / ') + ' ms'),
  row('Accord: lifecycle pass + goals + KPI report (`lifecycle` request; not in the load figure)', (c) => cell(pick(c.lifecycle, 'ms'))),
  row('**Papa Parse** 5.7.1 in a worker: parse the File to rows (strings)', (c) => `${cell(pick(c.papa, 'ms'))} — ${tput(c.bytes, pick(c.papa, 'ms'))}`),
  row('Papa Parse, `dynamicTyping: true`', (c) => `${cell(pick(c.papaTyped, 'ms'))} — ${tput(c.bytes, pick(c.papaTyped, 'ms'))}`),
  row('**uDSV** 0.7.3 in a worker: `file.text()` + `inferSchema` + `initParser` + `stringArrs`', (c) => `${cell(pick(c.udsv, 'ms'))} — ${tput(c.bytes, pick(c.udsv, 'ms'))}`),
  row('uDSV, `typedArrs`', (c) => `${cell(pick(c.udsvTyped, 'ms'))} — ${tput(c.bytes, pick(c.udsvTyped, 'ms'))}`),
  row(`Accord: a rule's points changed → updated results, round trip p50 / p95 (${changes} changes)`, (c) => `${ms(stat(pick(c.changes.points, 'ms')).p50)} / ${ms(stat(pick(c.changes.points, 'ms')).p95)} ms`),
  row('… engine time p50 / p95', (c) => `${ms(stat(pick(c.changes.points, 'engineMs')).p50)} / ${ms(stat(pick(c.changes.points, 'engineMs')).p95)} ms`),
  row(`Accord: MQL threshold moved → updated results, round trip p50 / p95 (${changes} moves)`, (c) => `${ms(stat(pick(c.changes.thresholds, 'ms')).p50)} / ${ms(stat(pick(c.changes.thresholds, 'ms')).p95)} ms`),
  row('… engine time p50 / p95', (c) => `${ms(stat(pick(c.changes.thresholds, 'engineMs')).p50)} / ${ms(stat(pick(c.changes.thresholds, 'engineMs')).p95)} ms`),
  row('**Plain JS** (baseline.mjs over Papa\'s typed rows, in its worker): full re-score after a points change, round trip', (c) => cell(pick(c.rescore, 'ms'))),
  row('MQLs under the default agreement: Accord / plain JS', (c) => `${c.changes.mqls.toLocaleString('en')} / ${c.baselineDefault.mqls.toLocaleString('en')} (${((c.baselineDefault.mqls / c.changes.mqls - 1) * 100).toFixed(2)} %)`),
  row('Leads read: Accord / Papa / uDSV (file rows)', (c) => `${c.accord[0].leads.toLocaleString('en')} / ${c.papa[0].rows.toLocaleString('en')} / ${c.udsv[0].rows.toLocaleString('en')} (${c.rows.toLocaleString('en')})`),
  row('Memory after load: Accord WebAssembly memory (`memoryBytes`)', (c) => mb(c.accord.at(-1).memoryBytes)),
  row('… the helper worker\'s WebAssembly memory at its peak (given back: it ends after the file)', (c) => (c.accord[0].parts?.count === 2 ? mb(Math.max(...c.accord.map((a) => a.parts.helperMemoryBytes))) : '— (1 worker)')),
  row('Memory: Papa Parse\'s rows kept (JS heap after GC, before/after, on the page)', (c) => mb(c.papaHeapBytes)),
  row('Memory: native peak RSS (`accord bench --file`, no CSV text held; both threads\' engines)', (c) => (c.native.peakRssBytes ? mb(c.native.peakRssBytes) : 'n/a')),
];
const fs = result.firstScreen;
table.push(row('The page\'s first screen (5,000 sample leads): navigation start → ready and painted, 5 fresh loads', (c, i) => (i ? '' : `${ms(fs.median)} ms (${ms(fs.min)}–${ms(fs.max)})`)));
table.push(row('accord_bg.wasm, gzip -9', (c, i) => (i ? '' : `${result.wasm.gzip.toLocaleString('en')} B (${result.wasm.bytes.toLocaleString('en')} B raw)`)));

// --- Goals ----------------------------------------------------------------------------------
const goals = [];
const goal = (text, ratio, pass, detail) => goals.push({ text, ratio, pass, detail });
for (const c of columns) {
  const n = c.rows.toLocaleString('en');
  const acc = median(pick(c.accord, 'ms'));
  const papaR = median(pick(c.papa, 'ms')) / acc;
  goal(`${n}: ingest+score ≥ 2× Papa Parse parse-only throughput`, `${papaR.toFixed(2)}×`, papaR >= 2, `Papa ${ms(median(pick(c.papa, 'ms')))} ms / Accord ${ms(acc)} ms`);
  const udsvR = median(pick(c.udsv, 'ms')) / acc;
  goal(`${n}: ingest+score ≥ uDSV parse-only throughput`, `${udsvR.toFixed(2)}×`, udsvR >= 1, `uDSV ${ms(median(pick(c.udsv, 'ms')))} ms / Accord ${ms(acc)} ms`);
  const natR = acc / median(pick(c.native.runs, 'totalMs'));
  goal(`${n}: wasm ≤ 2× native for the same work`, `${natR.toFixed(2)}×`, natR <= 2, `wasm ${ms(acc)} ms (round trip) / native ${ms(median(pick(c.native.runs, 'totalMs')))} ms`);
}
const big = columns.at(-1);
const bn = big.rows.toLocaleString('en');
const pts = stat(pick(big.changes.points, 'engineMs'));
goal(`${bn}: rule's points → updated KPIs ≤ 16 ms (p95, engine time)`, `${ms(pts.p95)} ms`, pts.p95 <= 16, `round trip p95 ${ms(stat(pick(big.changes.points, 'ms')).p95)} ms`);
const thr = stat(pick(big.changes.thresholds, 'engineMs'));
goal(`${bn}: threshold move → updated KPIs ≤ 2 ms (p95, engine time)`, `${ms(thr.p95)} ms`, thr.p95 <= 2, `round trip p95 ${ms(stat(pick(big.changes.thresholds, 'ms')).p95)} ms`);
const js = median(pick(big.rescore, 'ms'));
const ptsRt = stat(pick(big.changes.points, 'ms')).p50;
goal(`${bn}: points change ≥ 20× faster than the JS baseline's re-score`, `${(js / ptsRt).toFixed(0)}×`, js / ptsRt >= 20, `JS ${ms(js)} ms / Accord ${ms(ptsRt)} ms (round trips, medians)`);
const mem = big.accord.at(-1).memoryBytes + (big.accordWorkerHeap ?? 0);
goal(`${bn}: memory after load ≤ the CSV file's size`, `${(mem / big.bytes).toFixed(2)}×`, mem <= big.bytes, `${mb(mem)} (WebAssembly memory) / file ${mb(big.bytes)}`);
goal(`${bn}: memory after load ≤ 0.2× Papa Parse's`, `${(mem / big.papaHeapBytes).toFixed(2)}×`, mem <= 0.2 * big.papaHeapBytes, `${mb(mem)} / Papa ${mb(big.papaHeapBytes)}`);
goal(`gzipped wasm ≤ ${WASM_GZIP_BUDGET.toLocaleString('en')} B`, `${(result.wasm.gzip / WASM_GZIP_BUDGET).toFixed(3)}×`, result.wasm.gzip <= WASM_GZIP_BUDGET, `${result.wasm.gzip.toLocaleString('en')} B`);
goal('first screen < 1 s (median of 5 fresh loads)', `${ms(fs.median)} ms`, fs.median < 1000, `min ${ms(fs.min)}, max ${ms(fs.max)} ms`);
const goalTable = ['| goal | measured | result | how |', '|---|---|---|---|', ...goals.map((g) => `| ${g.text} | ${g.ratio} | ${g.pass ? 'PASS' : 'MISS'} | ${g.detail} |`)];

const m = result.machine;
const machine = `${m.cpu}, ${m.cores} cores, ${m.memoryGB.toFixed(0)} GiB; ${m.os}; ${m.chromium}; Node ${m.node}; ${m.date}; commit ${m.commit}`;
const runsNote = `Median (min–max) of ${runs} runs each; changes: ${changes} each, p50 / p95.`;
console.log(`\n${machine}\n${runsNote}\n\n${table.join('\n')}\n\n${goalTable.join('\n')}`);
if (foreign.length) throw new Error(`requests left 127.0.0.1: ${foreign.join(', ')}`);
result.table = table;
result.goals = goals;
result.runs = runs;
result.changes = changes;
if (jsonTo) writeFileSync(jsonTo, JSON.stringify(result, null, 1));
if (writeTo) {
  const doc = readFileSync(join(HERE, 'BENCHMARKS.head.md'), 'utf8')
    .replace('{{machine}}', machine).replace('{{runs}}', runsNote)
    .replace('{{table}}', table.join('\n')).replace('{{goals}}', goalTable.join('\n'));
  mkdirSync(dirname(resolve(ROOT, writeTo)), { recursive: true });
  writeFileSync(resolve(ROOT, writeTo), doc);
  log(`written to ${writeTo}`);
}
