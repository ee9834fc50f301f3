// The share link's decoder (www/saved.js decodeLink) on thousands of random and damaged links:
// it always returns the agreement object or throws an Error saying why, in bounded time and
// memory — a link is text anyone can send, and opening one must never hang or crash the tab.
// Runs in Node alone (no browser): saved.js uses only web APIs Node has. The random links come
// from a seeded generator; a failure prints the seed and the link's start to replay it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { decodeLink, encodeLink, MAX_LINK_BYTES } from '../../www/saved.js';
// The page's words, which decodeLink's reasons are looked up in (English by default).
import '../../www/ui/page-strings.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PRESETS = join(ROOT, 'crate/agreement/presets');
const AGREEMENTS = readdirSync(PRESETS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(PRESETS, f), 'utf8')));
const SEED = Number(process.env.SHARELINK_SEED ?? 20270131);
/** One decode may take this long at most (a shared, busy machine included). */
const MAX_MS = 3000;

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const link = (bytes) => `agreement=1.${b64url(bytes)}`;
const deflate = (data) => zlib.deflateRawSync(typeof data === 'string' ? Buffer.from(data) : data);

/**
 * Decode `hash` and check the contract: an object (not an array, not null) or an Error with a
 * message of decodeLink's own (it starts "the link"), never anything else, within MAX_MS.
 */
async function check(hash, what) {
  const t = performance.now();
  let value;
  let error;
  try {
    value = await decodeLink(hash);
  } catch (err) {
    error = err;
  }
  const ms = performance.now() - t;
  const where = `${what} (seed ${SEED}): ${String(hash).slice(0, 80)}…`;
  assert.ok(ms < MAX_MS, `${where} took ${ms.toFixed(0)} ms`);
  if (error !== undefined) {
    assert.ok(error instanceof Error, `${where} threw a non-Error: ${error}`);
    assert.match(error.message, /^the link[ '’]/, `${where} threw an unworded error: ${error.message}`);
    return { error };
  }
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${where} returned ${JSON.stringify(value)?.slice(0, 80)}`);
  return { value };
}

test('a link the page made decodes to the same agreement, for every preset', async () => {
  for (const a of AGREEMENTS) {
    const fragment = await encodeLink(a);
    assert.deepEqual((await check(`#${fragment}`, 'preset')).value, a);
    // A link whose characters were percent-encoded on the way (%41 for A) still reads.
    const dot = fragment.indexOf('.') + 1;
    const escaped = fragment.slice(0, dot) + [...fragment.slice(dot, dot + 8)].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('') + fragment.slice(dot + 8);
    assert.deepEqual((await check(`#${escaped}`, 'percent-encoded')).value, a);
  }
});

test('random text, random base64 and odd values are refused with a reason, never a crash', async () => {
  const r = rng(SEED);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.%#é\u0000 \n😀';
  for (const odd of [undefined, null, 0, '', '#', 'agreement=', 'agreement=1', 'agreement=1.', 'agreement=2.AAAA', 'agreement=1.%', 'agreement=1.%E0%A4%A', 'agreement=1.====', {}]) {
    await check(odd, 'odd value');
  }
  for (let i = 0; i < 1500; i++) {
    const n = r.int(i % 10 === 0 ? 4000 : 60);
    let body = '';
    if (i % 2) {
      body = b64url(Uint8Array.from({ length: n }, () => r.int(256)));
    } else {
      for (let k = 0; k < n; k++) body += r.pick(alphabet);
    }
    const prefix = r.pick(['#agreement=1.', 'agreement=1.', '#agreement=1.', 'agreement=', '#x=1.', '']);
    await check(prefix + body, i % 2 ? 'random base64' : 'random text');
  }
});

test('damaged links (cut short, bits flipped, characters changed) are refused or still decode', async () => {
  const r = rng(SEED + 1);
  const valid = [];
  for (const a of AGREEMENTS) valid.push(await encodeLink(a));
  valid.push(await encodeLink({ version: 2, name: 'tiny' }));
  let refused = 0;
  for (let i = 0; i < 1500; i++) {
    const fragment = r.pick(valid);
    const dot = fragment.indexOf('.') + 1;
    let hash;
    switch (i % 4) {
      case 0: // cut short anywhere
        hash = fragment.slice(0, r.int(fragment.length));
        break;
      case 1: {
        // bits flipped in the packed bytes
        const bytes = Buffer.from(fragment.slice(dot), 'base64url');
        for (let k = 0, n = 1 + r.int(4); k < n; k++) bytes[r.int(bytes.length)] ^= 1 << r.int(8);
        hash = `agreement=1.${b64url(bytes)}`;
        break;
      }
      case 2: {
        // a character of the link changed (what a careless copy does)
        const at = dot + r.int(fragment.length - dot);
        hash = fragment.slice(0, at) + r.pick('AZaz09-_+/=%. é') + fragment.slice(at + 1);
        break;
      }
      default: {
        // packed bytes dropped or repeated in the middle
        const bytes = Buffer.from(fragment.slice(dot), 'base64url');
        const at = r.int(bytes.length);
        const len = 1 + r.int(32);
        const cut = r.int(2) ? Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + len)]) : Buffer.concat([bytes.subarray(0, at + len), bytes.subarray(at)]);
        hash = `agreement=1.${b64url(cut)}`;
      }
    }
    if ((await check(hash, `damaged #${i}`)).error) refused += 1;
  }
  // Most damage is caught (deflate has no checksum, so some flips still unpack to JSON).
  assert.ok(refused > 1000, `only ${refused} of 1500 damaged links were refused`);
});

test('well-packed links of things other than an agreement are refused with what is wrong', async () => {
  const r = rng(SEED + 2);
  const cases = [
    ['not JSON', 'hello, world', /not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['a number', '42', /not an object/],
    ['null', 'null', /not an object/],
    ['an array', '[{"version":2}]', /not an object/],
    ['a string', '"agreement"', /not an object/],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /not text/],
    ['truncated JSON', JSON.stringify(AGREEMENTS[0]).slice(0, 500), /not valid JSON/],
  ];
  for (const [what, data, message] of cases) {
    const { error } = await check(link(deflate(data)), what);
    assert.ok(error, `${what} was accepted`);
    assert.match(error.message, message, what);
  }
  // Random bytes, well packed: still never anything but an object or a worded Error.
  for (let i = 0; i < 500; i++) {
    const bytes = Uint8Array.from({ length: r.int(300) }, () => (r.int(3) ? r.int(128) : r.int(256)));
    await check(link(deflate(bytes)), 'packed random bytes');
  }
});

/** The deflate-raw of `total` bytes of `byte`, made a megabyte at a time (little memory). */
function bomb(total, byte = 0x20) {
  const d = zlib.createDeflateRaw({ level: 9 });
  const block = Buffer.alloc(1 << 20, byte);
  const out = [];
  d.on('data', (c) => out.push(c));
  for (let done = 0; done < total; done += block.length) d.write(block.subarray(0, Math.min(block.length, total - done)));
  return new Promise((res) => d.end(() => res(Buffer.concat(out))));
}

test('a decompression bomb is refused with the size limit, without the memory it would take', async () => {
  // A 1 GiB bomb fits in a ~1.4 million character link: browsers accept URLs of 2 MB.
  const packed = await bomb(1 << 30);
  const hash = link(packed);
  assert.ok(hash.length < 2_000_000, `the bomb's link has ${hash.length} characters`);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const { error } = await check(hash, '1 GiB bomb');
  const grew = (process.resourceUsage().maxRSS * 1024 - before) / (1 << 20);
  assert.ok(error, 'the bomb was accepted');
  assert.match(error.message, /unpacks to more than 4 MB/);
  assert.ok(grew < 200, `decoding the bomb took ${grew.toFixed(0)} MB more memory`);

  // A bomb of spaces around a JSON object is the same: refused by size, not parsed.
  const padded = Buffer.concat([Buffer.from('{"version":2}'), Buffer.alloc(MAX_LINK_BYTES + 1, 0x20)]);
  assert.match((await check(link(deflate(padded)), 'padded object')).error?.message ?? '', /more than 4 MB/);
});

test('a large but real-sized agreement under the limit still decodes', async () => {
  // Just under the limit: an agreement with a long note decodes as it was.
  const big = { ...AGREEMENTS[0], name: 'n'.repeat(MAX_LINK_BYTES - JSON.stringify(AGREEMENTS[0]).length - 100) };
  const { value } = await check(link(deflate(JSON.stringify(big))), 'near the limit');
  assert.equal(value?.name.length, big.name.length);
});
