// The README's pictures of the main views: node tests/e2e/screenshot.mjs [DIR] (default www/img).
import { mkdirSync } from 'node:fs';
import { launch } from './browser.mjs';
import { captureViews } from './views.mjs';

const dir = process.argv[2] ?? new URL('../../www/img/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
const env = await launch();
try {
  for (const f of await captureViews(env, dir)) console.log(`wrote ${f}`);
} finally {
  await env.close();
}
