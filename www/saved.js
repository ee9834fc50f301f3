// What the page keeps in the browser and carries in links: the autosaved agreement, the saved
// versions with their notes, and the share link's compressed agreement. Nothing here decides
// whether an agreement is valid: the engine does (the page adopts what it accepts).

// A workbench framed by <accord-workbench> (`?embed=1`) keeps its own state apart, per
// agreement URL, so that an intranet page never overwrites what the user saved on the full page
// of the same site (nor one embedded agreement another).
const NS = (() => {
  const params = new URLSearchParams(globalThis.location?.search ?? '');
  return params.get('embed') === '1' ? `accord.embed[${params.get('agreement') ?? ''}]` : 'accord';
})();
const STATE_KEY = `${NS}.state`;
const VERSIONS_KEY = `${NS}.versions`;
const ASIDE_KEY = `${NS}.unreadable`;
/** The layout of what is stored; a newer page reads older formats. */
const FORMAT = 1;
const MAX_VERSIONS = 100;
/** The share link's prefix: `#agreement=1.<base64url of deflate-raw of the JSON>`. */
const LINK_PREFIX = 'agreement=';
const LINK_FORMAT = '1';
/**
 * The most a link's agreement may unpack to. A real agreement is tens of kilobytes; a link of
 * a few hundred kilobytes can otherwise unpack to gigabytes (deflate packs a repeated byte over
 * a thousand times) and take the tab down.
 */
export const MAX_LINK_BYTES = 4 << 20;

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The autosaved agreement: `{ agreement, savedAt }`, `null` when nothing is saved, or
 * `{ unreadable: reason, raw }` when what is there cannot be read.
 */
export function loadSaved() {
  const raw = storage()?.getItem(STATE_KEY);
  if (raw === null || raw === undefined) return null;
  try {
    const s = JSON.parse(raw);
    if (!s || typeof s !== 'object' || typeof s.format !== 'number') throw new Error('it is not a saved agreement');
    if (s.format > FORMAT) throw new Error(`it was saved by a newer version of Accord (format ${s.format})`);
    if (!s.agreement || typeof s.agreement !== 'object') throw new Error('it has no agreement');
    return { agreement: s.agreement, savedAt: s.savedAt ?? null };
  } catch (err) {
    return { unreadable: err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : err.message, raw };
  }
}

/** Keep `raw` (what could not be used) aside, so that it is not lost and not read again. */
export function setAside(raw, reason) {
  const st = storage();
  if (!st) return;
  try {
    st.setItem(ASIDE_KEY, JSON.stringify({ at: new Date().toISOString(), reason, raw }));
    st.removeItem(STATE_KEY);
  } catch {
    // Full or denied: nothing else to do; the page still works.
  }
}

/** Autosave the agreement; returns false when the browser refuses (full, private mode). */
export function save(agreement) {
  try {
    storage()?.setItem(STATE_KEY, JSON.stringify({ format: FORMAT, savedAt: new Date().toISOString(), agreement }));
    return true;
  } catch {
    return false;
  }
}

/** The saved versions, newest first: `[{ id, savedAt, note, agreement }]`. */
export function versions() {
  const raw = storage()?.getItem(VERSIONS_KEY);
  if (!raw) return [];
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v?.versions) ? v.versions.filter((x) => x && x.agreement && x.savedAt) : [];
  } catch {
    return [];
  }
}

/** Save the agreement as a new version with a note; returns the version or throws why not. */
export function addVersion(agreement, note) {
  const list = versions();
  const version = {
    id: `${Date.now().toString(36)}-${list.length + 1}`,
    savedAt: new Date().toISOString(),
    note: String(note ?? '').slice(0, 200),
    agreement,
  };
  const next = [version, ...list].slice(0, MAX_VERSIONS);
  const st = storage();
  if (!st) throw new Error('this browser does not let the page store anything');
  st.setItem(VERSIONS_KEY, JSON.stringify({ format: FORMAT, versions: next }));
  return version;
}

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Inflate `bytes` (deflate-raw), stopping with `null` past `limit` bytes of output. */
async function inflateAtMost(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The fragment (without '#') that carries `agreement` in a share link. */
export async function encodeLink(agreement) {
  const json = new TextEncoder().encode(JSON.stringify(agreement));
  const packed = await through(json, new CompressionStream('deflate-raw'));
  return `${LINK_PREFIX}${LINK_FORMAT}.${toBase64Url(packed)}`;
}

/** Whether a location hash carries an agreement. */
export function hasLink(hash) {
  return String(hash ?? '').replace(/^#/, '').startsWith(LINK_PREFIX);
}

/** Decode a share link's fragment to the agreement object; throws an Error saying why not. */
export async function decodeLink(hash) {
  const body = String(hash ?? '').replace(/^#/, '').slice(LINK_PREFIX.length);
  const dot = body.indexOf('.');
  const format = dot < 0 ? '' : body.slice(0, dot);
  if (format !== LINK_FORMAT) throw new Error('the link is not an Accord agreement link (or was made by a newer version)');
  let bytes;
  try {
    bytes = fromBase64Url(decodeURIComponent(body.slice(dot + 1)));
  } catch {
    throw new Error('the link is damaged (it has characters a link of Accord never has)');
  }
  let unpacked;
  try {
    unpacked = await inflateAtMost(bytes, MAX_LINK_BYTES);
  } catch {
    throw new Error('the link is damaged or cut short (its agreement cannot be unpacked)');
  }
  if (unpacked === null) {
    throw new Error(`the link unpacks to more than ${MAX_LINK_BYTES >> 20} MB, far more than any agreement: it was not made by Accord`);
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    throw new Error('the link is damaged (its agreement is not text)');
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`the link's agreement is not valid JSON (${err.message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('the link does not carry an agreement (its JSON is not an object)');
  }
  return value;
}
