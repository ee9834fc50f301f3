// Benchmark of the WebAssembly engine in headless Chromium (the page's engine, not a test):
//   node tests/e2e/bench.mjs [ROWS]        prints figures; default 1,000,000 rows
import { launch } from './browser.mjs';

const rows = Number(process.argv[2] ?? 1_000_000);
const env = await launch();
try {
  const page = await env.context.newPage();
  await page.goto(env.url);
  const figures = await page.evaluate(async (rows) => {
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
    return { load, reweight, move, scores, n: s.fit.length, heapMB: performance.memory?.usedJSHeapSize / 1e6 };
  }, rows);
  console.log(`wasm in Chromium, ${figures.n} sample leads:`);
  console.log(`  generate + load + first scoring: ${figures.load.toFixed(0)} ms`);
  console.log(`  re-score after a points change:  ${figures.reweight.toFixed(1)} ms each`);
  console.log(`  threshold move + results:        ${figures.move.toFixed(2)} ms each`);
  console.log(`  both score arrays to JS:         ${figures.scores.toFixed(1)} ms`);
} finally {
  await env.close();
}
