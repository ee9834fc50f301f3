// The main views render and can be pictured (the README's screenshots come from the same code):
// each picture is written, is a PNG, and is not a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { launch } from './browser.mjs';
import { captureViews } from './views.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => env?.close());

test('the main views are pictured: workbench, editor, leads, a lead, learning, the SLA document, French, the intranet example', async () => {
  const dir = new URL('./artifacts/views/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const files = await captureViews(env, dir);
  assert.deepEqual(files.map((f) => f.split('/').pop()), ['workbench.png', 'editor.png', 'leads.png', 'lead.png', 'learn.png', 'sla.png', 'french.png', 'intranet.png']);
  for (const f of files) {
    const png = readFileSync(f);
    assert.equal(png.subarray(1, 4).toString(), 'PNG', f);
    // A blank 1360 × 900 page compresses to a few KB; a drawn view is far larger.
    assert.ok(png.length > 40_000, `${f}: ${png.length} bytes`);
  }
});
