// Benchmark of the WebAssembly engine in headless Chromium (prints figures; not a test):
//   node tests/e2e/bench.mjs [ROWS]        default 1,000,000 rows
// 1. the engine called directly: load, re-score, threshold moves, the leads table, the export,
//    learning from outcomes (evaluation, threshold curve, the fit of weights);
// 2. the page's real path: a 30-column CSV File streamed through the worker, with the engine's
//    memory afterwards;
// 3. the page itself on the sample of ROWS leads (100,000 or 1,000,000 from its size picker):
//    from a threshold slider's input event to every figure of the results area redrawn
//    (tiles, funnel, matrix, distributions) and painted, p50 / p95 / max over 40 moves.
import { launch } from './browser.mjs';

const rows = Number(process.argv[2] ?? 1_000_000);
const env = await launch();
try {
  const page = await env.context.newPage();
  await page.goto(env.url);
  const direct = await page.evaluate(async (rows) => {
    const { Engine } = await import('/www/engine.js');
    const e = await Engine.create();
    const t = () => performance.now();
    let t0 = t();
    e.loadSample(rows, 42);
    const load = t() - t0;
    const a = JSON.parse(e.agreementJson());
    const steps = 10;
    t0 = t();
    for (let i = 0; i < steps; i++) {
      a.qualification.fit.groups[0].rules[0].points = 20 + i;
      e.setAgreement(JSON.stringify(a));
    }
    const reweight = (t() - t0) / steps;
    const moves = 100;
    t0 = t();
    for (let i = 0; i < moves; i++) {
      a.qualification.thresholds.mql.fit = i;
      e.setAgreement(JSON.stringify(a));
      e.results();
    }
    const move = (t() - t0) / moves;
    t0 = t();
    const s = e.scores();
    const scores = t() - t0;
    // The leads table: the first query after an agreement change, pages further down, the
    // first query on lifecycle facts, and the scored export.
    a.qualification.fit.groups[0].rules[0].points = 33;
    e.setAgreement(JSON.stringify(a));
    t0 = t();
    e.leads({ sort: 'fit', desc: true });
    const firstQuery = t() - t0;
    t0 = t();
    for (let k = 0; k < 100; k++) e.leads({ sort: 'fit', desc: true, offset: Math.floor(rows / 100) * k });
    const paging = (t() - t0) / 100;
    t0 = t();
    e.leads({ sort: 'stage', sla: ['overdue', 'pending'] });
    const facts = t() - t0;
    t0 = t();
    let csv = 0;
    for (let start = 0; start < rows; start += 20_000) csv += e.scoredCsvChunk(start, 20_000).length;
    const exported = t() - t0;
    // Learning from outcomes: the evaluation with the threshold curve, then the fit of weights
    // in passes, as the worker runs it.
    t0 = t();
    const frontier = e.thresholdCurve().points.length;
    const auc = e.evaluation().auc.combined.value;
    const evaluate = t() - t0;
    t0 = t();
    const fitRows = e.fitBegin({});
    const fitBegin = t() - t0;
    t0 = t();
    let passes = 1;
    while (e.fitStep(1) < 1) passes++;
    const fitPasses = t() - t0;
    t0 = t();
    const fit = e.fitResult();
    const fitResult = t() - t0;
    e.free();
    return {
      load, reweight, move, scores, n: s.fit.length, firstQuery, paging, facts, exported, csv,
      evaluate, frontier, auc, fitRows, fitBegin, passes, fitPasses, fitResult, features: fit.features.length, fitAuc: fit.auc,
    };
  }, rows);
  console.log(`wasm engine in Chromium, ${direct.n.toLocaleString('en')} sample leads (26 columns):`);
  console.log(`  generate + load + first scoring: ${direct.load.toFixed(0)} ms`);
  console.log(`  re-score after a points change:  ${direct.reweight.toFixed(1)} ms each`);
  console.log(`  threshold move + results:        ${direct.move.toFixed(2)} ms each`);
  console.log(`  both score arrays to JS:         ${direct.scores.toFixed(1)} ms`);
  console.log(`  leads table, sorted by fit, first query after a change: ${direct.firstQuery.toFixed(0)} ms; a page of 100: ${direct.paging.toFixed(2)} ms`);
  console.log(`  leads table, first query on lifecycle facts:           ${direct.facts.toFixed(0)} ms`);
  console.log(`  scored CSV export (20,000-row chunks):                 ${direct.exported.toFixed(0)} ms, ${(direct.csv / 1e6).toFixed(0)} M characters`);
  console.log(`  evaluation + threshold curve (${direct.frontier} frontier points): ${direct.evaluate.toFixed(0)} ms; combined AUC ${direct.auc.toFixed(3)}`);
  const f = direct;
  console.log(`  fit weights, ${f.fitRows.toLocaleString('en')} closed leads × ${f.features} features: features ${f.fitBegin.toFixed(0)} ms, `
    + `${f.passes} passes ${f.fitPasses.toFixed(0)} ms (${(f.fitPasses / f.passes).toFixed(0)} ms a pass), result ${f.fitResult.toFixed(0)} ms, `
    + `total ${(f.fitBegin + f.fitPasses + f.fitResult).toFixed(0)} ms; holdout AUC model ${f.fitAuc.model.toFixed(3)}, current ${f.fitAuc.current.toFixed(3)}, suggested ${f.fitAuc.suggested.toFixed(3)}`);

  const streamed = await page.evaluate(async (rows) => {
    const { Engine } = await import('/www/engine.js');
    await Engine.create();
    // The sample plus 4 columns: a 30-column export, as a File the user would pick.
    const csv = Engine.sampleCsv(rows, 42);
    const lines = csv.split('\n');
    lines[0] += ',Custom 1,Custom 2,Custom 3,Custom 4';
    for (let i = 1; i < lines.length; i++) if (lines[i]) lines[i] += `,${i % 997},C${i % 50},${i % 2 ? 'Yes' : 'No'},${i % 13}`;
    const file = new File([lines.join('\n')], 'leads-30-columns.csv', { type: 'text/csv' });
    lines.length = 0;
    const worker = new Worker('/www/worker.js', { type: 'module' });
    const t0 = performance.now();
    const value = await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'ready') worker.postMessage({ id: 1, type: 'loadFile', file });
        else if (data.type === 'result') resolve(data.value);
        else if (data.type === 'error') reject(new Error(data.message));
      };
    });
    const wall = performance.now() - t0;
    worker.terminate();
    return { wall, engine: value.elapsedMs, memory: value.memoryBytes, rows: value.summary.rows, columns: value.summary.columns.length, mb: file.size / 1e6 };
  }, rows);
  console.log(`page path: a ${streamed.mb.toFixed(0)} MB, ${streamed.rows.toLocaleString('en')}-row × ${streamed.columns}-column CSV File streamed through the worker:`);
  console.log(`  wall time ${streamed.wall.toFixed(0)} ms (engine ${streamed.engine.toFixed(0)} ms) = ${(streamed.mb / (streamed.wall / 1000)).toFixed(0)} MB/s`);
  console.log(`  engine memory afterwards: ${(streamed.memory / 1e6).toFixed(0)} MB of WebAssembly memory`);

  if ([100_000, 1_000_000].includes(rows)) {
    const ui = await env.context.newPage();
    await ui.addInitScript(() => localStorage.setItem('accord.guide.dismissed', '1'));
    await ui.goto(env.url);
    await ui.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await ui.selectOption('[data-testid="sample-size"]', String(rows));
    const settledBefore = await ui.evaluate(() => document.body.dataset.settled);
    const t0 = Date.now();
    await ui.click('[data-testid="use-sample"]');
    await ui.waitForFunction((n) => document.body.dataset.leads === String(n), rows, { timeout: 300_000 });
    const loadMs = Date.now() - t0;
    // Let the one-off work after a load finish (the leads table's first page; on up to 200,000
    // leads, the lifecycle pass for the funnel's export figures) before measuring changes.
    if (rows <= 200_000) await ui.waitForFunction((b) => document.body.dataset.settled !== b, settledBefore, { timeout: 120_000 });
    await ui.waitForTimeout(1500);
    const raw = await ui.evaluate(async () => {
      const slider = document.querySelector('[data-testid="slider-mql-fit"]');
      const label = document.querySelector('[data-testid="dist-fit"]');
      const out = [];
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      for (let i = 0; i < 40; i++) {
        const v = 30 + ((i * 7) % 50);
        if (Number(slider.value) === v) continue;
        const start = performance.now();
        slider.value = String(v);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        // The distributions are drawn last in the same pass as the tiles, funnel and matrix.
        while (!label.textContent.includes(`MQL ≥ ${v},`)) await new Promise((r) => setTimeout(r, 0));
        await frame();
        out.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 30));
      }
      return out;
    });
    if (process.env.BENCH_VERBOSE) console.log(raw.map((x) => x.toFixed(0)).join(' '));
    const times = raw.slice().sort((a, b) => a - b);
    // A rule's points in the editor: from the input event to the engine's answer drawn
    // (body[data-agreement-answers] counts them; the figures are drawn in the same task) and
    // painted.
    await ui.evaluate(() => { document.querySelector('[data-testid="editor-part-qualification"]').open = true; });
    const points = await ui.evaluate(async () => {
      const input = document.querySelector('[data-testid="rule-points-number"]');
      const out = [];
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const answers = () => Number(document.body.dataset.agreementAnswers ?? 0);
      for (let i = 0; i < 20; i++) {
        while (document.body.dataset.agreementBusy) await new Promise((r) => setTimeout(r, 5));
        const before = answers();
        const start = performance.now();
        input.value = String(10 + i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        while (answers() === before) await new Promise((r) => setTimeout(r, 0));
        await frame();
        out.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 30));
      }
      return out.sort((a, b) => a - b);
    });
    const q = (list, p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
    const line = (list) => `p50 ${q(list, 0.5).toFixed(1)} ms, p95 ${q(list, 0.95).toFixed(1)} ms, max ${list.at(-1).toFixed(1)} ms (${list.length} changes)`;
    console.log(`the page on ${rows.toLocaleString('en')} sample leads (loaded and scored in ${loadMs} ms):`);
    console.log(`  threshold slider → tiles, funnel, matrix, distributions painted: ${line(times)}`);
    console.log(`  a rule's points in the editor → every figure of the results painted: ${line(points)}`);
  }
} finally {
  await env.close();
}
