import { launch } from '../e2e/browser.mjs';
import { readFileSync } from 'node:fs';
const busy = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); return { busy: f[0] + f[1] + f[2] + f[5] + f[6], all: f.reduce((a, b) => a + b, 0) }; };
import { CSP } from '../../www/serve.mjs';
const benchCsp = CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
const env = await launch({
  server: { allow: [/^\/tests\/bench\/(bench\.(html|js)|dist\/[\w.-]+\.js)$/], csp: (p) => (p.startsWith('/tests/bench/') ? benchCsp : CSP) },
  args: ['--enable-precise-memory-info'],
});
try {
  const page = await env.context.newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  await page.goto(`${env.url}tests/bench/bench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  const call = (fn, ...args) => page.evaluate(([f, a]) => window.showdown[f](...a), [fn, args]);
  for (const path of (process.env.FILES ?? 'data/leads-1000000.csv').split(',')) {
    await page.setInputFiles('#file', path);
    for (let k = 0; k < Number(process.env.RUNS ?? 3); k++) {
      const b0 = busy();
      const r = await call('accordLoad');
      const b1 = busy();
      console.log('cpu busy s', (b1.busy - b0.busy) / 100, 'of', (b1.all - b0.all) / 100);
      console.log(path, Math.round(r.ms), 'engine', Math.round(r.engineMs), 'mqls', r.mqls, 'mem', (r.memoryBytes / 1e6).toFixed(0), JSON.stringify(r.parts, (k, v) => (typeof v === 'number' ? Math.round(v) : v)));
    }
  }
} finally {
  await env.close?.();
  process.exit(0);
}
