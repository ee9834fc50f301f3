import { launch } from '../e2e/browser.mjs';
import { CSP } from '../../www/serve.mjs';
const benchCsp = CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
const env = await launch({
  server: { allow: [/^\/tests\/bench\/(bench\.(html|js)|dist\/[\w.-]+\.js)$/], csp: (p) => (p.startsWith('/tests/bench/') ? benchCsp : CSP) },
});
try {
  const page = await env.context.newPage();
  await page.goto(`${env.url}tests/bench/bench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#file', 'data/leads-1000000.csv');
  for (let k = 0; k < 3; k++) {
    const r = await page.evaluate(async () => {
      const f = document.querySelector('#file').files[0];
      const read = async () => { const rd = f.stream().getReader(); let n = 0; for (;;) { const { value, done } = await rd.read(); if (done) break; n += value.byteLength; } return n; };
      let t = performance.now(); await read(); const one = performance.now() - t;
      t = performance.now(); await Promise.all([read(), read()]); const two = performance.now() - t;
      t = performance.now(); const b = await f.arrayBuffer(); const ab = performance.now() - t;
      return { one, two, ab, n: b.byteLength };
    });
    console.log(JSON.stringify(r));
  }
} finally { process.exit(0); }
