// The performance showdown's harness (tests/bench/run.sh) in its quick mode, so that it cannot
// rot unseen: every row of the table is there, every time is positive, and Accord, Papa Parse
// and uDSV each read every row of the file. The figures themselves are not judged here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

test('the showdown runs in quick mode and reports every row', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'accord-showdown-'));
  try {
    const json = join(dir, 'showdown.json');
    // The debug CLI when there is no release one: the native figures are only checked for sense.
    const release = join(ROOT, 'target/release/accord');
    const accord = existsSync(release) ? release : join(ROOT, 'target/debug/accord');
    if (!existsSync(accord)) execFileSync('cargo', ['build', '--bin', 'accord'], { cwd: ROOT, stdio: 'inherit' });
    const out = execFileSync('bash', ['tests/bench/run.sh', '--quick', '--json', json], {
      cwd: ROOT, env: { ...process.env, ACCORD: accord }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const c = r.sizes['20000'];
    assert.ok(c, 'the quick mode measures 20,000 rows');
    assert.equal(r.runs, 2);
    for (const key of ['accord', 'lifecycle', 'papa', 'papaTyped', 'udsv', 'udsvTyped', 'rescore']) {
      assert.ok(c[key].length >= 2, `${key}: at least 2 runs`);
      for (const x of c[key]) assert.ok(x.ms > 0 && Number.isFinite(x.ms), `${key}: a positive time`);
    }
    for (const x of c.native.runs) assert.ok(x.totalMs > 0 && x.rows === 20000, 'native: every row, a positive time');
    for (const x of c.accord) {
      assert.equal(x.leads, 20000, "Accord's lead count is the file's rows");
      assert.equal(x.parts?.count, 1, 'a 4 MB file is read by one worker');
      assert.equal(x.parts?.readBy, 'reader', 'the File read for it by the reader worker');
      assert.equal(x.rows, 20000);
      assert.ok(x.engineMs > 0 && x.engineMs <= x.ms, 'the engine time is within the round trip');
      assert.ok(x.memoryBytes > 0);
      assert.ok(x.rehearsal?.mqls > 0 && x.rehearsal.ms > 0, `the helper rehearsed before it was ready: ${JSON.stringify(x.rehearsal)}`);
      assert.ok(x.warm?.mqls > 0 && x.warm.ms > 0, `the worker rehearsed before the clock: ${JSON.stringify(x.warm)}`);
    }
    for (const key of ['papa', 'papaTyped', 'udsv', 'udsvTyped']) {
      for (const x of c[key]) assert.equal(x.rows, 20000, `${key}: every row`);
    }
    assert.equal(c.papa[0].columns, 30);
    assert.equal(c.changes.points.length, 30);
    assert.equal(c.changes.thresholds.length, 30);
    for (const x of [...c.changes.points, ...c.changes.thresholds]) assert.ok(x.ms > 0 && x.engineMs >= 0);
    // The baseline's MQLs within 1 % of the engine's.
    assert.ok(Math.abs(c.baselineDefault.mqls - c.changes.mqls) <= 0.01 * c.changes.mqls, `MQLs ${c.baselineDefault.mqls} vs ${c.changes.mqls}`);
    assert.ok(c.papaHeapBytes > 0);
    assert.ok(r.firstScreen.n === 5 && r.firstScreen.median > 0);
    assert.ok(r.wasm.gzip > 0);
    assert.deepEqual(r.foreign, [], 'no request left 127.0.0.1');
    // The printed table: every measurement row, and every goal with PASS or MISS.
    assert.equal(r.table.length, 2 + 27);
    assert.ok(r.table.some((line) => line.includes('own rehearsal before the clock') && /\d+(\.\d+)? ms/.test(line)), 'the worker\'s rehearsal has its row');
    for (const line of r.table.slice(2)) assert.match(line, /\d/);
    assert.equal(r.goals.length, 10);
    for (const g of r.goals) assert.match(out, new RegExp(`\\| ${g.pass ? 'PASS' : 'MISS'} \\|`));
    assert.match(out, /\| goal \| measured \| result \| how \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
